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

## Fix safety
When exactly one known command is close (as a typo is: two letters at most), or the line's
words are a command in lower case, the fix rewrites the line's first words as that command;
only for commands of two words or more (`Get` or `REST` alone is more often a word of text
pasted into the script than a command).  It is unsafe: a close name is a guess (`run mqtt client` and `run msg client` are
both commands of the node), and the rewritten line runs a command the line did not run
before.  No fix is offered when the rewritten words would still not be a command.
"""

from compiler.diagnostics import UNSAFE
from compiler.model import catalogue
from compiler.rules import Finding, Rule
from compiler.rules.helpers import is_typo, make_fix, parses_clean, replace, span_of_words


class UnknownCommand(Rule):
    code = "ALC301"
    name = "unknown-command"
    severity = "error"
    summary = "a line that matches no command of the node"
    embedded = True
    fixes = (UNSAFE,)

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
                          f"did you mean {', '.join(f'`{g}`' for g in guesses)}?" if guesses else None,
                          _fix(ctx, inv, guesses))


def _fix(ctx, inv, guesses):
    """Rewrite the first words as the one close command, when the line then is a command:
    the same words in lower case (`Run tcp server`), else the one did-you-mean."""
    head = inv.node.head
    folded = catalogue.match([w.text.lower() for w in head])
    if folded is not None:
        new = [w.text.lower() for w in head[:len(folded.split())]]
    elif len(guesses) == 1:
        new = guesses[0].split()
    else:
        return None
    count = len(new)
    if not is_typo(" ".join(w.text for w in head[:count]), " ".join(new)):
        return None
    if count > len(head) or any(w.kind != "WORD" or ctx.text_at(w.span) != w.text for w in head[:count]):
        return None
    words = [w.text for w in head]
    key = catalogue.match(new + words[count:])
    # A command of one word (`rest`, `get`, `job`) matches any capitalised word: prose and
    # pasted output.  Only a command of several words is recognised with certainty.
    if key is None or len(key.split()) < 2 or len(key.split()) < count:
        return None
    span = span_of_words(head[:count])
    if span.line != span.end_line:
        return None
    edit = replace(span, " ".join(new))
    if not parses_clean(ctx, inv.stmt, [edit]):
        return None
    return make_fix(UNSAFE, f"write `{' '.join(new)}`", edit)
