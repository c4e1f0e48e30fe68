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

## Fix safety
The fix removes the name from the comment, or the whole comment (its whole line when it
stands alone) when no name in it suppresses anything.  It is safe: the comment suppresses
nothing.  A name that is no rule alc knows is not a finding but a usage error (exit 2).
"""

from compiler.diagnostics import SAFE
from compiler.rules import Rule


class UnusedSuppression(Rule):
    code = "ALC901"
    name = "unused-suppression"
    severity = "warning"
    summary = "a suppression comment that suppresses nothing"
    fixes = (SAFE,)

    def check(self, ctx):
        # Computed by the lint engine once every other rule has run (compiler/lint.py).
        return iter(())
