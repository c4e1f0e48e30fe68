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
when the label is only a malformed line that its own fix cannot repair.
"""

from compiler.diagnostics import SAFE
from compiler.rules import Finding, Rule
from compiler.rules.flow.malformed_label import fixable
from compiler.rules.helpers import insert_before, make_fix, parses_clean


class LabelAsCommand(Rule):
    code = "ALC104"
    name = "label-as-command"
    severity = "error"
    summary = "a label name used as a command (`goto` missing)"
    fixes = (SAFE,)

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
                fix = None
                if name in targets and ctx.text_at(head[0].span) == name:
                    edit = insert_before(head[0].span, "goto ")
                    if parses_clean(ctx, inv.stmt, [edit]):
                        fix = make_fix(SAFE, f"write `goto {name}`", edit)
                yield Finding(head[0].span,
                              f"`{name}` is a label, not a command: the node reports an unknown "
                              "command here instead of jumping",
                              f"write `goto {name}` (or `call {name}`)", fix)
