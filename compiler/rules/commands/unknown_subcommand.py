"""unknown-subcommand (ALC307)

## What it does
Finds a command whose first word the node knows but whose next words are not in that
command's own table: `file check /tmp` (the node's `file` commands are `file test`, `file copy`
...), `get proceses`, `blockchain reload`, and any `id ...` on EdgeLake, whose `id` table is
empty.  Checked against the node's full sub-command tables (`file`, `get`, `set`, `reset`,
`blockchain`, `test`, `query`, `bucket`, `video`, `time file`, `id`), with the closest
sub-commands as a suggestion.  `set x = value` and `get !x` are not sub-commands.

## Why it matters
The node matches the first word, then looks the rest up in that command's table; a miss is
"Error Command Structure", which stops the script even when `on error goto` is set (only `on
error ignore` goes on).  A sub-command that exists only on AnyLog (`set aggregation`) is
reported by `platform-unsupported` on EdgeLake instead.

## Example
```
is_docker = file check /var/run/docker.sock
```

## Use instead
```
is_docker = file test /var/run/docker.sock
```
"""

import difflib

from compiler.model import catalogue
from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words


class UnknownSubcommand(Rule):
    code = "ALC307"
    name = "unknown-subcommand"
    severity = "error"
    summary = "a sub-command missing from its command's table (`file check`)"
    embedded = True

    def check(self, ctx):
        anylog = ctx.config.platform != "edgelake"
        for inv in ctx.model.invocations:
            head = inv.node.head
            if not head or head[0].kind != "WORD" or len(head) < 2 or head[1].kind != "WORD":
                continue  # a value, a variable or a quoted word: only the node knows
            sub = catalogue.subcommand(inv.words)
            if sub is None or sub.known is not None or sub.anylog is not None:
                continue  # known (an AnyLog-only one on EdgeLake is platform-unsupported's)
            words = head[:sub.words]
            table = catalogue.SUBCOMMANDS[sub.key] | (catalogue.ANYLOG_SUBCOMMANDS.get(sub.key, frozenset())
                                                      if anylog else frozenset())
            shown = " ".join(w.text for w in words)
            yield Finding(span_of_words(words),
                          f"`{shown}` is not a `{sub.key}` command of the node: it fails with "
                          "\"Error Command Structure\" and stops the script",
                          _help(sub.key, inv.words[len(sub.key.split()):], table))


def _help(key: str, rest: list[str], table: frozenset[str]) -> str | None:
    if not table:
        return f"this node has no `{key}` commands at all"
    text = " ".join(rest[:3])
    same_start = sorted(t for t in table if t.split()[0] == rest[0])  # `reload` -> `reload metadata`
    close = same_start[:3] or difflib.get_close_matches(text, sorted(table), n=3, cutoff=0.6) or \
        difflib.get_close_matches(rest[0], sorted({t.split()[0] for t in table}), n=3, cutoff=0.6)
    return f"did you mean {', '.join(f'`{key} {c}`' for c in close)}?" if close else None
