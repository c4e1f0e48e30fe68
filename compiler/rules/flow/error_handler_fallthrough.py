"""error-handler-fallthrough (ALC105)

## What it does
Finds an error-handling label block that runs on into the next error handler because it
ends without `goto`, `return`, `end script` or `exit scripts`.  An error handler is a label
that an `on error goto`/`on error call` names, or a label whose name speaks of an error
(`:insert-error:`, `:err-sign:`).

## Why it matters
Labels do not end blocks: the node simply runs the next line.  When handlers follow each
other, every handler runs the ones below it, so the last one always wins (an error code
set to 1 is overwritten with 3).

## Example
```
:policy-error:
error_code = 1
:insert-error:
error_code = 2
end script
```

## Use instead
```
:policy-error:
error_code = 1
goto report-error
:insert-error:
error_code = 2
goto report-error
```
"""

from compiler.rules import Finding, Rule
from compiler.syntax import tree as T

_ENDS = (T.Goto, T.Return, T.EndScript, T.ExitScripts)


def _ends_block(node) -> bool:
    # `do goto x` counts: a handler reached by `if ... then goto handler` has a true last if.
    if isinstance(node, T.Do):
        node = node.body
    return isinstance(node, _ENDS)


class ErrorHandlerFallthrough(Rule):
    code = "ALC105"
    name = "error-handler-fallthrough"
    severity = "warning"
    summary = "an error-handling label block runs into the next one"

    def check(self, ctx):
        handlers = {j.label.text for j in ctx.model.jumps if j.kind.startswith("on-error")}
        handlers |= {name for name in ctx.model.labels if "err" in name.lower()}
        # Walk the file: a label opens a block, the next label closes it.
        current: T.LineItem | None = None
        last: T.Statement | None = None
        for item in ctx.script.items:
            if isinstance(item, T.LineItem) and item.kind == "label":
                if current is not None and current.label in handlers and item.label in handlers \
                        and last is not None and not _ends_block(last.node):
                    yield Finding(last.span,
                                  f"the error handler `:{current.label}:` ends here and runs on into "
                                  f"`:{item.label}:` (line {item.span.line})",
                                  "end the handler with `goto`, `return` or `end script`")
                current, last = item, None
            elif isinstance(item, T.Statement):
                last = item
