"""undefined-label (ALC101)

## What it does
Finds a `goto`, `call`, `on error goto` or `on error call` whose label is not declared in
the same script as `:name:` at the start of a line.

## Why it matters
Label names are not variables and are looked up only in the current file.  A `goto` to a
missing label stops the script ("Script includes goto command without declared
destination"); an `on error goto` to a missing label turns the next error into a stop
instead of the handling that was written.  A label line without its closing colon
(`:name` or `:name;`) is not a label, so jumping to it fails the same way.

## Example
```
on error goto connect-error
...
:connect-error;
```

## Use instead
```
on error goto connect-error
...
:connect-error:
```
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import did_you_mean


class UndefinedLabel(Rule):
    code = "ALC101"
    name = "undefined-label"
    severity = "error"
    summary = "goto/call/on error target with no `:label:` in the script"

    def check(self, ctx):
        labels = ctx.model.labels
        loose = {item.label: item for item in ctx.model.malformed_labels if item.label}
        guesses: dict[str, str | None] = {}
        for jump in ctx.model.jumps:
            name = jump.label.text
            if name in labels:
                continue
            verb = jump.kind.replace("-", " ")
            message = f"`{verb} {name}`: no label `:{name}:` is declared in this script"
            help = None
            if name in loose:
                item = loose[name]
                help = (f"line {item.span.line} has `{item.source.strip()}`, which is not a label: "
                        f"write `:{name}:` at the start of the line")
            else:
                if name not in guesses:
                    guesses[name] = did_you_mean(name, labels)
                guess = guesses[name]
                if guess:
                    help = f"did you mean `{guess}`?"
            yield Finding(jump.label.span, message, help)
