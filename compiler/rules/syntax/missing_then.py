"""missing-then (ALC002)

## What it does
Finds an `if` whose condition runs straight into a command: `if !x == 1 goto done`.

## Why it matters
Without `then` the node reads the command words as part of the condition, fails to parse
the `if` ("Failed to parse in if stmt") and never runs the command.

## Example
```
if !node_type == operator goto operator-setup
```

## Use instead
```
if !node_type == operator then goto operator-setup
```
"""

from compiler.diagnostics import MISSING_THEN_CODE, MISSING_THEN_RULE
from compiler.rules import Rule
from compiler.rules.helpers import from_parser


class MissingThen(Rule):
    code = MISSING_THEN_CODE
    name = MISSING_THEN_RULE
    severity = "error"
    summary = "`if` condition followed by a command without `then`"
    embedded = True

    def check(self, ctx):
        return from_parser(ctx.script.diagnostics, self.name)
