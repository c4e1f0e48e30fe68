"""The addresses the official deployment gives a node's services.

The official start scripts do not start TCP, REST and the broker themselves: they write a
`config` policy (``policies/config_policy_networking.al``) and run ``config from policy``, and
the node starts each server on the addresses that policy names (``config_servers`` of the
node: TCP listens on the policy's ``local_ip``, else its ``ip``, and announces ``ip``; REST and
the broker listen on, and announce, their own ``rest_ip`` / ``broker_ip`` when bound, else the
policy's ``ip``).  The policy's addresses follow the ``.env`` switches:

- ``ip``: ``!external_dns`` with DNS on, else ``!overlay_ip`` (TCP bound, with an overlay
  address), else ``!ip`` (TCP bound), else ``!external_ip``;
- ``local_ip``: ``!dns`` with a DNS name, else ``!overlay_ip`` / ``!ip`` when TCP is not bound;
- ``rest_ip`` / ``broker_ip`` (bound only): ``!external_dns``, ``!overlay_ip``, else ``!ip``.

``service_addresses`` gives, per service, the (external_ip, internal_ip) pair the node ends up
with; convert of the `.env` files writes it into the spec, so that spec builds a node that
listens where the official one does.
"""

from __future__ import annotations


def service_addresses(*, dns: bool, local_dns: bool, overlay: bool,
                      bind: dict[str, bool]) -> dict[str, tuple[str, str]]:
    """(external_ip, internal_ip) of "tcp", "rest" and "broker", as ``config from policy``
    starts them from the official config policy."""
    tcp_bind = bind.get("tcp", False)
    if dns:
        ip = "!external_dns"
    elif tcp_bind:
        ip = "!overlay_ip" if overlay else "!ip"
    else:
        ip = "!external_ip"
    if local_dns:
        local = "!dns"
    elif not tcp_bind:
        local = "!overlay_ip" if overlay else "!ip"
    else:
        local = ip
    out = {"tcp": (ip, local)}
    for service in ("rest", "broker"):
        own = ("!external_dns" if dns else "!overlay_ip" if overlay else "!ip") if bind.get(service) else ip
        out[service] = (own, own)
    return out
