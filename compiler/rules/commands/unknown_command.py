"""unknown-command (ALC301)

## What it does
Finds a line whose first words match no command of the node (`Run tcp server`, `conect
dbms`, `run mqtt client`), with the closest known commands as a suggestion.

## Why it matters
Commands are matched exactly and case-sensitively; an unknown one fails with "unrecognized
command" and, unless an error handler is set, stops the script.

## Example
```
conect dbms sensors where type = sqlite
```

## Use instead
```
connect dbms sensors where type = sqlite
```
"""

from compiler.model import catalogue
from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words


class UnknownCommand(Rule):
    code = "ALC301"
    name = "unknown-command"
    severity = "error"
    summary = "a line that matches no command of the node"
    embedded = True

    def check(self, ctx):
        labels = set(ctx.model.labels) | {i.label for i in ctx.model.malformed_labels if i.label}
        for inv in ctx.model.invocations:
            head = inv.node.head
            if inv.key is not None or inv.capture is not None or not head:
                continue
            first = head[0]
            if first.kind != "WORD" or first.text.startswith("variables("):
                continue  # !var commands are resolved at run time; JSON, quotes, groups are values
            if len(head) == 1 and not inv.node.where and first.text in labels:
                continue  # label-as-command says more
            words = [w.text for w in head]
            shown = " ".join(words[:3])
            guesses = catalogue.suggestions(words)
            yield Finding(span_of_words(head[:3]),
                          f"`{shown}` is not a command the node knows; it fails as an unrecognized command",
                          f"did you mean {', '.join(f'`{g}`' for g in guesses)}?" if guesses else None)
