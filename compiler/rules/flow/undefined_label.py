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

## Fix safety
When exactly one declared label is close to the name, as a typo is (`connect-eror` for
`connect-error`: two letters at most), the fix renames the jump's target to it.  It is unsafe: a close name is a guess, and a jump
to the wrong label runs the wrong code (an error handler that jumps into the main flow).
When the label is written as `:name;` or `:name`, the fix of `malformed-label` repairs the
label line instead.
"""

from compiler.diagnostics import UNSAFE
from compiler.rules import Finding, Rule
from compiler.rules.helpers import did_you_mean, make_fix, one_close_match, replace


class UndefinedLabel(Rule):
    code = "ALC101"
    name = "undefined-label"
    severity = "error"
    summary = "goto/call/on error target with no `:label:` in the script"
    fixes = (UNSAFE,)

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
            help = fix = None
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
                only = one_close_match(name, labels) if guess else None
                if only and ctx.text_at(jump.label.span) == name:
                    fix = make_fix(UNSAFE, f"jump to `{only}`", replace(jump.label.span, only))
            yield Finding(jump.label.span, message, help, fix)
