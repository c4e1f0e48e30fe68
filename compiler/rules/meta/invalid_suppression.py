"""invalid-suppression (ALC902)

## What it does
Finds `# alc:` comments that are not well-formed suppressions: a bare `# alc: ignore` or
`# alc: ignore-file` that names no rule, an empty or unclosed `[`, and directives alc does
not know (`# alc: noqa`, `# alc: disable`).

## Why it matters
alc has no blanket suppression: such a comment suppresses nothing, while it reads as if a
finding were known and accepted.  (A name in the brackets that is no rule alc knows is a
usage error instead: `alc lint` exits 2 and says which rule was meant.)

## Example
```
goto generated-label  # alc: ignore
```

## Use instead
```
goto generated-label  # alc: ignore[undefined-label] the label is appended at deploy time
```
"""

from compiler import suppress
from compiler.rules import Finding, Rule


class InvalidSuppression(Rule):
    code = "ALC902"
    name = "invalid-suppression"
    severity = "warning"
    summary = "an `# alc:` comment that is not a suppression, such as a bare `# alc: ignore`"

    def check(self, ctx):
        if "alc:" not in ctx.script.text:
            return
        for span, message, help in suppress.invalid(ctx.source):
            yield Finding(span, message, help)
