"""Names a node gets when it is deployed, which both the spec checks and the emitters need.

Helm: the release is the node's name (the `anylog-node` chart names the node after its
release, `metadata.app_name`), and the volumes chart's release is `<name>-volume`, as the
official deploy_node.sh installs them.
"""

from __future__ import annotations

import re

from typing import Any

from compiler.ir import defaults as D
from compiler.ir.model import Network, Node

# A Helm release name: a DNS-1123 label of at most 53 characters.
RELEASE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")
RELEASE_MAX = 53
VOLUME_SUFFIX = "-volume"


def container(network: Network, node: Node) -> dict[str, Any]:
    """The node's container settings over the network's, nested sections key by key."""
    out: dict[str, Any] = {}
    for source in (network.container, node.container):
        for key, value in (source.value if source is not None else {}).items():
            if isinstance(value, dict) and isinstance(out.get(key), dict):
                out[key] = {**out[key], **value}
            else:
                out[key] = value
    return out


def remote_cli(network: Network, node: Node) -> dict[str, Any] | None:
    """The Remote-CLI the node runs beside it (`container.remote_cli`), defaults applied; None: none."""
    settings = container(network, node).get("remote_cli")
    if not settings or not settings.get("enabled", D.REMOTE_CLI["enabled"]):
        return None
    return {**D.REMOTE_CLI, **settings}


def kubernetes(node: Node) -> dict[str, str]:
    """The node's Kubernetes settings, defaults applied."""
    if node.kubernetes is None:
        return dict(D.KUBERNETES)
    return {key: getattr(node.kubernetes, key).value for key in D.KUBERNETES}


def releases(node: Node) -> tuple[str, str]:
    """The node's Helm releases: its own and its volumes'."""
    return node.name.value, node.name.value + VOLUME_SUFFIX


def release_problem(name: str) -> str | None:
    """Why ``name`` cannot be a node's Helm release, or None."""
    if len(name) + len(VOLUME_SUFFIX) > RELEASE_MAX:
        return (f"is {len(name)} characters long, and Helm takes at most {RELEASE_MAX} for a release "
                f"(the volumes release adds `{VOLUME_SUFFIX}`)")
    if not RELEASE.fullmatch(name):
        return ("is no Kubernetes name (lower-case letters, digits and `-`, starting and ending with a "
                "letter or digit)")
    return None
