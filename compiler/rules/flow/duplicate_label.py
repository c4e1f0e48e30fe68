"""duplicate-label (ALC102)

## What it does
Finds a label name declared more than once in a script.

## Why it matters
The node checks labels when it loads a script; a repeated name is an error ("is using the
same location name multiple times") and then **no line of the script runs**.

## Example
```
:retry:
...
:retry:
```

## Use instead
Give each label its own name (`:retry-connect:`, `:retry-insert:`).
"""

from compiler.rules import Finding, Rule
from compiler.source import SourceText


class DuplicateLabel(Rule):
    code = "ALC102"
    name = "duplicate-label"
    severity = "error"
    summary = "a label declared twice: the node refuses the whole script"

    def check(self, ctx):
        src = None
        for name, lines in ctx.model.labels.items():
            if len(lines) < 2:
                continue
            src = src or SourceText(ctx.script.text)
            for line in lines[1:]:
                start = src.lines[line - 1].start
                span = src.span(start, start + len(name) + 2)
                yield Finding(span, f"label `:{name}:` is already declared on line {lines[0]}; "
                                    "the node refuses to run a script with a repeated label")
