"""label-as-command (ALC104)

## What it does
Finds a label name written where a command belongs, usually after `then` with `goto`
forgotten: `if !failed then report-error`.

## Why it matters
The node looks the word up as a command, finds none, and reports an unknown command
instead of jumping.

## Example
```
if not !connected then connect-error
:connect-error:
print "not connected"
```

## Use instead
```
connected = false
if not !connected then goto connect-error
:connect-error:
print "not connected"
```

## Fix safety
The fix writes `goto` before the name.  It is safe: the line fails as an unknown command
now, and a jump to the label the line names is the only command it can be.  (Where a `call`
was meant, the label's code ends in `return`: change the word by hand.)  No fix is offered
when the label is only a malformed line that its own fix cannot repair, nor for a line that
always runs and names a label above it: an unconditional jump back is a loop unless
something between ends it.  A label named after a statement (`end-script`) is more likely
that statement mistyped: the fix writes it (`end script`), and is unsafe.
"""

from compiler.diagnostics import SAFE, UNSAFE
from compiler.rules import Finding, Rule
from compiler.rules.flow.malformed_label import fixable
from compiler.rules.helpers import insert_before, make_fix, parses_clean, replace

# Statements people write with a hyphen, and then declare a label of that name too.
STATEMENTS = ("end script", "exit scripts")


class LabelAsCommand(Rule):
    code = "ALC104"
    name = "label-as-command"
    severity = "error"
    summary = "a label name used as a command (`goto` missing)"
    fixes = (SAFE, UNSAFE)

    def check(self, ctx):
        labels = set(ctx.model.labels) | {i.label for i in ctx.model.malformed_labels if i.label}
        targets = None  # the names a `goto` may reach once the malformed labels' fixes applied
        for inv in ctx.model.invocations:
            head = inv.node.head
            if inv.key is None and inv.capture is None and len(head) == 1 and not inv.node.where \
                    and head[0].text in labels:
                name = head[0].text
                if targets is None:
                    targets = set(ctx.model.labels) | set(fixable(ctx))
                spaced = name.replace("-", " ")
                help = f"write `goto {name}` (or `call {name}`)"
                if spaced in STATEMENTS:
                    help = f"write `goto {name}`, or `{spaced}` if that was meant"
                yield Finding(head[0].span,
                              f"`{name}` is a label, not a command: the node reports an unknown "
                              "command here instead of jumping", help,
                              _fix(ctx, inv, name, spaced, targets))


def _fix(ctx, inv, name: str, spaced: str, targets: set[str]):
    word = inv.node.head[0]
    if ctx.text_at(word.span) != name:
        return None
    if spaced in STATEMENTS:
        edit = replace(word.span, spaced)
        return make_fix(UNSAFE, f"write `{spaced}`", edit) if parses_clean(ctx, inv.stmt, [edit]) else None
    if name not in targets:
        return None
    line = inv.stmt.span.line
    if not inv.conditional and any(at < line for at in ctx.model.labels.get(name, ())):
        return None  # an unconditional jump back: a loop, unless something between ends it
    edit = insert_before(word.span, "goto ")
    return make_fix(SAFE, f"write `goto {name}`", edit) if parses_clean(ctx, inv.stmt, [edit]) else None
