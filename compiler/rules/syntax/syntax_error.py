"""syntax-error (ALC001)

## What it does
Reports text the AnyLog node cannot read, or reads differently from what it looks like:
an unclosed quote or parenthesis, a `<` block that never closes, a one-line `<...>` that
swallows the following lines, an inner block line ending in `>` that closes the block
early, a `#` comment inside a block that drops the rest of the block, a bracket that
never balances, `goto`/`call` without exactly one label, a malformed `on error`.

## Why it matters
The node splits every line itself before it runs it.  A split error stops the whole
script at that line; a misread block runs a different command than the one written.

## Example
```
<run operator where
    create_table = true and   # keep tables in sync
    threads = 6>
```

## Use instead
```
<run operator where
    # keep tables in sync
    create_table = true and
    threads = 6>
```
"""

from compiler.diagnostics import SYNTAX_CODE, SYNTAX_RULE
from compiler.rules import Rule
from compiler.rules.helpers import from_parser


class SyntaxError_(Rule):
    code = SYNTAX_CODE
    name = SYNTAX_RULE
    severity = "error"
    summary = "text the node rejects or misreads"
    embedded = True

    def check(self, ctx):
        return from_parser(ctx.script.diagnostics, self.name)
