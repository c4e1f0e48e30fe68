"""unused-suppression (ALC901)

## What it does
Finds `# alc: ignore[rule]` and `# alc: ignore-file[rule]` comments that suppress nothing:
the rule no longer fires there, or the name is not a rule alc knows.

## Why it matters
Stale suppressions hide the next real finding on that line and make readers believe a
problem is known and accepted.

## Example
```
print ready  # alc: ignore[undefined-label] no label here
```

## Use instead
Remove the comment.
"""

from compiler.rules import Rule


class UnusedSuppression(Rule):
    code = "ALC901"
    name = "unused-suppression"
    severity = "warning"
    summary = "a suppression comment that suppresses nothing"

    def check(self, ctx):
        # Computed by the lint engine once every other rule has run (compiler/lint.py).
        return iter(())
