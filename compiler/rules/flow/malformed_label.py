"""malformed-label (ALC103)

## What it does
Finds lines that look like labels but are not: `:name` or `:name;` without the closing
colon, and labels indented away from the start of the line.

## Why it matters
The node skips such lines silently, so they are never jump targets: a `goto name` to them
stops the script, an `on error goto name` never reaches the handler.

## Example
```
:partition-failed;
   :retry:
```

## Use instead
```
:partition-failed:
:retry:
```
"""

from compiler.rules import Finding, Rule
from compiler.syntax import scanner as S


class MalformedLabel(Rule):
    code = "ALC103"
    name = "malformed-label"
    severity = "error"
    summary = "`:name`, `:name;` or an indented label: never a jump target"

    def check(self, ctx):
        for item in ctx.model.malformed_labels:
            text = item.source.strip()
            name = item.label or ""
            if item.kind == S.INDENTED_LABEL:
                message = (f"`{text}` is indented: the node registers labels only at the start of "
                           "a line, so nothing can jump here")
            else:
                message = (f"`{text}` is not a label: a label needs a closing colon, and the node "
                           "skips this line silently")
            yield Finding(item.span, message, f"write `:{name}:` at the start of the line" if name else None)
