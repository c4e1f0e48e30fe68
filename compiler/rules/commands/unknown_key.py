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

## Fix safety
When exactly one key of the command is close, as a typo is (two letters at most), and the
command does not have it already, the fix renames the key to it (`thread` to `threads`).  It is unsafe: a close name is a guess,
and the renamed key changes what the command does.
"""

from compiler.diagnostics import UNSAFE
from compiler.rules import Finding, Rule
from compiler.rules.helpers import did_you_mean, make_fix, one_close_match, replace, span_of_words


class UnknownKey(Rule):
    code = "ALC302"
    name = "unknown-key"
    severity = "error"
    summary = "a where key the command does not accept"
    embedded = True
    fixes = (UNSAFE,)

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
                fix = None
                only = one_close_match(pair.key, entry.keys, cutoff=0.7) if guess else None
                word = pair.key_words[0]
                if only and len(pair.key_words) == 1 and ctx.text_at(word.span) == word.text \
                        and inv.get(only) is None:
                    fix = make_fix(UNSAFE, f"write `{only}`", replace(word.span, only))
                yield Finding(span_of_words(pair.key_words),
                              f"`{pair.key}` is not a key of `{entry.name}`; the node rejects the command",
                              help, fix)
