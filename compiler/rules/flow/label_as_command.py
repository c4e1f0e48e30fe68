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
"""

from compiler.rules import Finding, Rule


class LabelAsCommand(Rule):
    code = "ALC104"
    name = "label-as-command"
    severity = "error"
    summary = "a label name used as a command (`goto` missing)"

    def check(self, ctx):
        labels = set(ctx.model.labels) | {i.label for i in ctx.model.malformed_labels if i.label}
        for inv in ctx.model.invocations:
            head = inv.node.head
            if inv.key is None and inv.capture is None and len(head) == 1 and not inv.node.where \
                    and head[0].text in labels:
                name = head[0].text
                yield Finding(head[0].span,
                              f"`{name}` is a label, not a command: the node reports an unknown "
                              "command here instead of jumping",
                              f"write `goto {name}` (or `call {name}`)")
