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

## Fix safety
The fix inserts `then` before the command, when the condition runs into a statement word
(`goto`, `print`, `set` ...).  It is safe: the node cannot read the line any other way.
No fix is offered when the line would still not parse, nor for other words after the
condition (`if !x == a b`), which may be a value with spaces that was meant to be quoted.
"""

from compiler.diagnostics import MISSING_THEN_CODE, MISSING_THEN_RULE, SAFE
from compiler.rules import Finding, Rule
from compiler.rules.helpers import from_parser, insert_before, make_fix, parses_clean, statement_at


class MissingThen(Rule):
    code = MISSING_THEN_CODE
    name = MISSING_THEN_RULE
    severity = "error"
    summary = "`if` condition followed by a command without `then`"
    embedded = True
    fixes = (SAFE,)

    def check(self, ctx):
        for finding in from_parser(ctx.script.diagnostics, self.name):
            yield Finding(finding.span, finding.message, finding.help, self._fix(ctx, finding))

    @staticmethod
    def _fix(ctx, finding):
        if not finding.message.startswith("missing `then` before"):
            return None  # "a value with spaces not quoted?": a person has to choose
        span = finding.span
        stmt = statement_at(ctx, span.line, span.column)
        word = next((w for w in stmt.words if (w.span.line, w.span.column) == (span.line, span.column)),
                    None) if stmt is not None else None
        if word is None or ctx.text_at(word.span) != word.text:
            return None
        edit = insert_before(word.span, "then ")
        if not parses_clean(ctx, stmt, [edit]):
            return None
        return make_fix(SAFE, f"insert `then` before `{word.text}`", edit)
