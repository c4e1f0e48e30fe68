"""policy-port-mismatch (ALC402)

## What it does
Compares a node policy's `port` with the port of the script's TCP server, after resolving
variables the script assigns (`!anylog_server_port.int` and `!anylog_server_port` are the
same value).

## Why it matters
Peers send to the policy's `ip:port`.  When that port is not the one the TCP server
listens on, every message to the node fails to connect.

## Example
```
run tcp server where external_ip = !external_ip and external_port = 32148 and internal_ip = !ip and internal_port = 32148
new_policy = create policy operator where name = op1 and company = acme and cluster = !cid and ip = !external_ip and local_ip = !ip and port = 32150
```

## Use instead
```
new_policy = create policy operator where ... and port = 32148
```

## Fix safety
When the TCP server listens on one port, the fix writes it into the policy, in the form the
policy had (a number for a number, the server's variable, with the policy's `.int` cast,
for a variable).  It is unsafe: the server's port may be the one that is wrong.  No fix is
offered when the policy's port is a variable assigned elsewhere (the assignment would be
the thing to change).
"""

from compiler.diagnostics import UNSAFE
from compiler.rules import Finding, Rule
from compiler.rules.deployment.servers import field_replacement, node_policies, strip_cast, tcp_server
from compiler.rules.helpers import make_fix


class PolicyPortMismatch(Rule):
    code = "ALC402"
    name = "policy-port-mismatch"
    severity = "error"
    summary = "a node policy's port differs from the TCP server's port"
    fixes = (UNSAFE,)

    def check(self, ctx):
        server = tcp_server(ctx.model)
        if server is None:
            return
        model = ctx.model

        def resolve(text: str, word=None) -> str | None:
            text = strip_cast(text)
            if text.isnumeric():
                return text
            if word is not None:
                known = model.literal(word)
                if known is not None and strip_cast(known).isnumeric():
                    return strip_cast(known)
            return text if text.startswith("!") else None

        ports = {}
        for pair in (server.external_port, server.internal_port):
            if pair is not None and pair.value_words:
                value = resolve(pair.value, pair.value_words[0])
                if value is not None:
                    ports[value] = pair.value
        if not ports:
            return
        for policy in node_policies(model):
            port = policy.get("port")
            if port is None:
                continue
            value = resolve(port.value, port.word)
            if value is None:
                continue
            # Compare numbers with numbers and variables with variables; a variable against a
            # number is not known without running the node.
            comparable = [p for p in ports if p.startswith("!") == value.startswith("!")]
            if not comparable or value in comparable:
                continue
            listen = " / ".join(sorted({text if text == number else f"{text}` = `{number}"
                                        for number, text in ports.items()}))
            fix = None
            written = strip_cast(port.value)
            if len(comparable) == 1 and (written.isnumeric() or written == value):
                new = comparable[0] + (".int" if value.startswith("!") and port.value.endswith(".int") else "")
                fix = make_fix(UNSAFE, f"write the server's port: `port = {new}`",
                               field_replacement(ctx, port, new))
            yield Finding(port.span,
                          f"`port = {port.value}` differs from the TCP server's port `{listen}` "
                          f"(line {server.inv.node.span.line}); peers would send to a port nobody listens on",
                          f"use the server's port: `port = {next(iter(ports.values()))}`", fix)
