"""platform-unsupported (ALC306)

## What it does
When the configuration says the scripts run on EdgeLake (`platform = "edgelake"`), finds
the commands only the AnyLog build has: `run data distributor`, `run data consumer` (high
availability) and `run publisher`, and the sub-commands only AnyLog's tables have (`set
aggregation`, `get license`, `id sign` ...).

## Why it matters
EdgeLake answers them with "unrecognized command": the HA exchange or the publisher simply
never starts, and a config-policy script list stops at that command.

## Example
```
run data distributor
```

## Use instead
Run HA and publishers on AnyLog nodes, or guard the lines with a check of the build.

## Options
`platform = "edgelake"` in `[tool.alc]`.
"""

from compiler.model.catalogue import ANYLOG_ONLY_COMMANDS, SUBCOMMANDS, subcommand
from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words


class PlatformUnsupported(Rule):
    code = "ALC306"
    name = "platform-unsupported"
    severity = "error"
    summary = "an AnyLog-only command when the platform is EdgeLake"
    embedded = True

    def check(self, ctx):
        if ctx.config.platform != "edgelake":
            return
        for inv in ctx.model.invocations:
            if inv.key in ANYLOG_ONLY_COMMANDS:
                count = len(inv.key.split())
                yield Finding(span_of_words(inv.node.head[:count]),
                              f"`{inv.key}` exists only on AnyLog; an EdgeLake node does not know it",
                              None)
            elif inv.key in SUBCOMMANDS:  # `set aggregation`: a sub-command only AnyLog's table has
                sub = subcommand(inv.words)
                if sub is not None and sub.anylog is not None and sub.known is None:
                    name = f"{sub.key} {sub.anylog}"
                    yield Finding(span_of_words(inv.node.head[:sub.words]),
                                  f"`{name}` exists only on AnyLog; an EdgeLake node does not know it", None)
