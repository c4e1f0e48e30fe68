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

## Fix safety
The fix writes the label as `:name:` at the start of the line.  It is safe: the line was
skipped before and is skipped now, and only a jump to the name changes, from stopping the
script to arriving here, which is what the line was written for.  No fix is offered when
the name is declared elsewhere too (the node refuses a script with a label declared
twice), or when the line holds more than the label.
"""

import re

from compiler.diagnostics import SAFE
from compiler.rules import Finding, Rule
from compiler.rules.helpers import edit_at, make_fix
from compiler.syntax import scanner as S

# `:name`, `:name;` (the malformed lines a fix rewrites; a name is one word)
_LOOSE = re.compile(r":([^\s:;#]+);*")


class MalformedLabel(Rule):
    code = "ALC103"
    name = "malformed-label"
    severity = "error"
    summary = "`:name`, `:name;` or an indented label: never a jump target"
    fixes = (SAFE,)

    def check(self, ctx):
        fixes = fixable(ctx)
        for item in ctx.model.malformed_labels:
            text = item.source.strip()
            name = item.label or ""
            if item.kind == S.INDENTED_LABEL:
                message = (f"`{text}` is indented: the node registers labels only at the start of "
                           "a line, so nothing can jump here")
            else:
                message = (f"`{text}` is not a label: a label needs a closing colon, and the node "
                           "skips this line silently")
            fix = fixes[name][1] if name in fixes and fixes[name][0] is item else None
            yield Finding(item.span, message, f"write `:{name}:` at the start of the line" if name else None,
                          fix)


def fixable(ctx) -> dict:
    """name -> (the line item, its fix) for the malformed labels a fix can rewrite: the only
    loose line of that name, and no label of that name declared."""
    count: dict[str, int] = {}
    for item in ctx.model.malformed_labels:
        if item.label:
            count[item.label] = count.get(item.label, 0) + 1
    found = {}
    for item in ctx.model.malformed_labels:
        name = item.label
        if not name or count[name] > 1 or name in ctx.model.labels:
            continue
        text = ctx.text_at(item.span)
        if item.kind == S.INDENTED_LABEL:
            edit = edit_at(ctx.source, item.extent[0], item.span.start, "")
            message = "move the label to the start of the line"
        elif _LOOSE.fullmatch(text) and _LOOSE.fullmatch(text).group(1) == name:
            edit = edit_at(ctx.source, item.extent[0], item.span.end, f":{name}:")
            message = f"write `:{name}:`"
        else:
            continue
        found[name] = (item, make_fix(SAFE, message, edit))
    return found
