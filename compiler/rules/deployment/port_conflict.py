"""port-conflict (ALC408)

## What it does
Finds two servers of one node (TCP, REST, message broker) on the same port, after
resolving variables the script assigns.

## Why it matters
The second server cannot bind the port ("Host and port already in use") and never starts.

## Example
```
run tcp server where external_ip = !external_ip and external_port = 32148
run rest server where external_ip = !external_ip and external_port = 32148
```

## Use instead
Give each service its own port (the defaults are 32148 for TCP and 32149 for REST on an
operator).
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words

SERVERS = ("run tcp server", "run rest server", "run message broker")


class PortConflict(Rule):
    code = "ALC408"
    name = "port-conflict"
    severity = "error"
    summary = "two servers of one node on one port"

    def check(self, ctx):
        model = ctx.model
        seen: dict[str, tuple[str, int]] = {}
        for inv in model.commands(*SERVERS):
            ports = set()
            for key in ("external_port", "internal_port"):
                pair = inv.get(key)
                value = model.value_of(pair)
                if value is not None and value not in ports:
                    ports.add(value)
                    if value in seen and seen[value][0] != inv.key:
                        other, line = seen[value]
                        yield Finding(span_of_words(pair.value_words),
                                      f"port {value} is already used by `{other}` on line {line}; "
                                      f"`{inv.key}` cannot bind it", None)
                    else:
                        seen.setdefault(value, (inv.key, inv.node.span.line))
