"""unknown-key (ALC302)

## What it does
Checks the keys of a command's where clause against the keys the node accepts for that
command (`run tcp server`, `run operator`, `connect dbms`, `run blobs archiver` ...), with a
did-you-mean for near misses.

## Why it matters
These commands reject any other key ("Unknown key in AnyLog command") and do not run.  Some
keys in the help text are not accepted by the code: `run blobs archiver` has no `file` or
`archive_dir`.

## Example
```
run blobs archiver where dbms = true and file = true
```

## Use instead
```
run blobs archiver where dbms = true and folder = true
```
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import did_you_mean, span_of_words


class UnknownKey(Rule):
    code = "ALC302"
    name = "unknown-key"
    severity = "error"
    summary = "a where key the command does not accept"
    embedded = True

    def check(self, ctx):
        for inv, entry in ctx.model.catalogued():
            if not entry.strict_keys:
                continue
            for key, pair in inv.keyed:
                if pair.eq is None or key in entry.keys:
                    continue
                guess = did_you_mean(pair.key, entry.keys, cutoff=0.7)
                allowed = ", ".join(sorted(entry.keys))
                help = f"did you mean `{guess}`?" if guess else f"the keys of `{entry.name}`: {allowed}"
                if entry.note:
                    help += f" ({entry.note})"
                yield Finding(span_of_words(pair.key_words),
                              f"`{pair.key}` is not a key of `{entry.name}`; the node rejects the command",
                              help)
