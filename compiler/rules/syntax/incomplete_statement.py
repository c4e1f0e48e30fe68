"""incomplete-statement (ALC003)

## What it does
Finds statements that stop before they are complete: `set policy p [a][b]` with no
`= value`, `x =` with nothing after it, a where clause that ends with `and`.

## Why it matters
The node rejects them (`set policy` needs a value for the key path; a two-word `x =` is
looked up as a command), so the step they were meant to do never happens.

## Example
```
set policy new_policy [config][branch]
```

## Use instead
```
set policy new_policy [config][branch] = !branch
```
"""

from compiler.diagnostics import INCOMPLETE_CODE, INCOMPLETE_RULE
from compiler.rules import Rule
from compiler.rules.helpers import from_parser


class IncompleteStatement(Rule):
    code = INCOMPLETE_CODE
    name = INCOMPLETE_RULE
    severity = "error"
    summary = "a statement that stops before it is complete"
    embedded = True

    def check(self, ctx):
        return from_parser(ctx.script.diagnostics, self.name)
