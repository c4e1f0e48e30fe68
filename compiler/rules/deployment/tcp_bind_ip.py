"""tcp-bind-ip (ALC401)

## What it does
Checks that a node policy advertises the address its TCP server really listens on.  With
`bind = true` the server listens only on its internal address, so the policy's `ip` must be
that address (`ip = !ip`) and carry no other `local_ip`.  With `bind = false` (the default)
the server listens on every interface: the policy carries the external address in `ip` and
the internal one in `local_ip` (the operator guide, step 3).

## Why it matters
Peers find a node by the policy's `ip` and `port` (and use `local_ip` when they share its
external address).  A bound server behind an advertised external address, or an unbound
one that advertises only its internal address, cannot be reached: queries time out and HA
peers never sync.

## Example
```
run tcp server where external_ip = !external_ip and external_port = 32148 and internal_ip = !ip and internal_port = 32148 and bind = true
new_policy = create policy operator where name = op1 and company = acme and cluster = !cluster_id and ip = !external_ip and local_ip = !ip and port = 32148
```

## Use instead
```
new_policy = create policy operator where name = op1 and company = acme and cluster = !cluster_id and ip = !ip and port = 32148
```

## Fix safety
Where the policy and the server agree on all but one address, the fix makes the policy
follow the server, and it is safe: a missing `local_ip` with `bind = false` (added as the
server's internal address), a `local_ip` that is the external address, a `local_ip` beside
the bound address with `bind = true` (removed).  Where the policy's `ip` itself contradicts
the bind choice, the fix rewrites the policy's addresses and is unsafe: the server's `bind`
may be what is wrong.  Fields of JSON policies are only ever rewritten, never added or
removed.
"""

from compiler.diagnostics import SAFE, UNSAFE
from compiler.rules import Finding, Rule
from compiler.rules.deployment.servers import (field_replacement, node_policies, pair_addition,
                                               pair_removal, tcp_server)
from compiler.rules.helpers import make_fix


class TcpBindIp(Rule):
    code = "ALC401"
    name = "tcp-bind-ip"
    severity = "error"
    summary = "the policy's ip/local_ip do not match the TCP server's bind choice"
    fixes = (SAFE, UNSAFE)

    def check(self, ctx):
        server = tcp_server(ctx.model)
        if server is None or server.bind is None or not server.internal_ip:
            return
        line = server.inv.node.span.line
        internal, external = server.internal_ip, server.external_ip
        for policy in node_policies(ctx.model):
            ip, local = policy.get("ip"), policy.get("local_ip")
            if server.bind:
                if ip is not None and ip.value != internal and ip.value == external:
                    yield Finding(ip.span,
                                  f"`ip = {ip.value}`: the TCP server on line {line} has `bind = true` and "
                                  f"listens only on `{internal}`, so peers cannot reach this address",
                                  f"advertise the bound address: `ip = {internal}`, and no `local_ip`",
                                  make_fix(UNSAFE, f"advertise `ip = {internal}`",
                                           field_replacement(ctx, ip, internal)))
                if local is not None and local.value != internal:
                    sure = ip is not None and ip.value == internal
                    yield Finding(local.span,
                                  f"`local_ip = {local.value}`: the TCP server on line {line} is bound to "
                                  f"`{internal}`; a bound node advertises only that address",
                                  "remove `local_ip`",
                                  make_fix(SAFE if sure else UNSAFE, "remove `local_ip`",
                                           pair_removal(ctx, policy, "local_ip")))
            else:
                if ip is not None and ip.value == internal and internal != external:
                    edits = [field_replacement(ctx, ip, external)]
                    if local is None:
                        edits.append(pair_addition(ctx, policy, "ip", f"local_ip = {internal}"))
                    elif local.value != internal:
                        edits.append(field_replacement(ctx, local, internal))
                    yield Finding(ip.span,
                                  f"`ip = {ip.value}`: the TCP server on line {line} has `bind = false`, so "
                                  f"the policy's `ip` is the external address `{external}` and "
                                  f"`{internal}` goes in `local_ip`",
                                  f"write `ip = {external} and local_ip = {internal}`",
                                  make_fix(UNSAFE, f"advertise `ip = {external}` and `local_ip = {internal}`",
                                           *edits))
                elif ip is not None and local is None and internal != external:
                    sure = ip.value == external
                    yield Finding(policy.span,
                                  f"this {policy.type} policy has no `local_ip`: with `bind = false` on the "
                                  f"TCP server (line {line}) it carries the internal address `{internal}` "
                                  "there, for peers that share its external address",
                                  f"add `local_ip = {internal}`",
                                  make_fix(SAFE if sure else UNSAFE, f"add `local_ip = {internal}`",
                                           pair_addition(ctx, policy, "ip", f"local_ip = {internal}")))
                elif local is not None and local.value != internal and local.value == external:
                    yield Finding(local.span,
                                  f"`local_ip = {local.value}` is the external address; the TCP server "
                                  f"on line {line} listens internally on `{internal}`",
                                  f"write `local_ip = {internal}`",
                                  make_fix(SAFE, f"write `local_ip = {internal}`",
                                           field_replacement(ctx, local, internal)))
