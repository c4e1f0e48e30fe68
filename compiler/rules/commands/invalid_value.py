"""invalid-value (ALC305)

## What it does
Checks where values whose value is known without running the node against the type the
node expects: ports (1-65535), numbers, booleans, IP addresses, `ip:port`, `<n> <unit>`
times, `run operator` threads (at most 10), HA `start_date` forms, and the allowed values of
keys such as `connect dbms ... type` (psql, sqlite, pi, mongo, bucket) or `run blockchain
sync ... source` (master, blockchain, dbms).  A `!variable` is checked when the script
assigns it exactly once to a literal.

## Why it matters
The node rejects a command with a value of the wrong type ("Value ... is not numeric", "is
not boolean", "wrong IP:Port value"), and some it accepts and misuses: a bare number for a
time, a port over 65535 that only gives a warning box.

## Example
```
run blockchain sync where source = master and time = 30 and dest = file
```

## Use instead
```
run blockchain sync where source = master and time = 30 seconds and dest = file
```
"""

from compiler.rules import Finding, Rule
from compiler.rules.commands.values import problem
from compiler.rules.helpers import span_of_words


class InvalidValue(Rule):
    code = "ALC305"
    name = "invalid-value"
    severity = "error"
    summary = "a where value of the wrong type or out of range"
    embedded = True

    def check(self, ctx):
        for inv, entry in ctx.model.catalogued():
            for key, pair in inv.keyed:
                spec = entry.keys.get(key)
                if spec is None or pair.eq is None or not pair.value_words:
                    continue
                value = ctx.model.value_of(pair)
                if value is None:
                    continue
                reason = problem(value, spec)
                if reason:
                    via = "" if value == pair.value else f" (`{pair.value}` is `{value}`)"
                    yield Finding(span_of_words(pair.value_words),
                                  f"`{pair.key} = {value}` is not valid for `{entry.name}`{via}: {reason}",
                                  None)
