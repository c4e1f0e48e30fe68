"""Names a node gets when it is deployed, which both the spec checks and the emitters need.

Helm: the release is the node's name (the `anylog-node` chart names the node after its
release, `metadata.app_name`), and the volumes chart's release is `<name>-volume`, as the
official deploy_node.sh installs them.
"""

from __future__ import annotations

import re

from compiler.ir import defaults as D
from compiler.ir.model import Node

# A Helm release name: a DNS-1123 label of at most 53 characters.
RELEASE = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")
RELEASE_MAX = 53
VOLUME_SUFFIX = "-volume"


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
