"""value-runs-command (ALC309)

## What it does
Finds an assignment whose value is one word that is also a command of the node:
`default_dbms = test`, `mode = stop`, `source = file`.

## Why it matters
`name = value` runs `value` as a command when its first word is one (that is how `x =
blockchain get ...` stores a lookup), and stores the command's reply instead of the word.
Most such commands need more words: alone, `test` or `file` fails with "Error Command
Structure", which stops the script even when `on error goto` is set.

## Example
```
if not !default_dbms then default_dbms = test
```

## Use instead
```
if not !default_dbms then set default_dbms = test
```
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import join


class ValueRunsCommand(Rule):
    code = "ALC309"
    name = "value-runs-command"
    severity = "error"
    summary = "`x = word` where the word is a command the node runs instead of storing it"
    embedded = True

    def check(self, ctx):
        for inv in ctx.model.invocations:
            head = inv.node.head
            if inv.capture is None or inv.key is None or len(head) != 1 or inv.node.where is not None \
                    or inv.node.bring is not None or head[0].kind != "WORD":
                continue
            name, word = inv.capture.text, head[0].text
            yield Finding(join(inv.capture.span, head[0].span),
                          f"`{name} = {word}` runs the node's `{word}` command and stores its reply, not "
                          f"the word `{word}`",
                          f"write `set {name.lstrip('!')} = {word}`: `set` stores the word and runs nothing")
