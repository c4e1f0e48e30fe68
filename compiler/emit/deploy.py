"""What `--target compose` and `--target helm` share: a node's container settings, its image,
its folders in the image, its `.env` files (from :mod:`compiler.official.env`, the one table of
official keys) and the `$ENV` references among them (secrets: never written literally).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Iterator

from compiler.ir import defaults as D
from compiler.ir.model import Network, Node, Value

# A whole value that is one environment reference: `$DB_PASSWORD` or `${DB_PASSWORD}`.
_REFERENCE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
# The node's home in each platform's image, and where the image keeps the deployment scripts.
HOMES = {"edgelake": "/app/EdgeLake", "anylog": "/app/AnyLog-Network"}
SCRIPTS_HOME = "/app/deployment-scripts"  # the official compose files mount the scripts' volume here
DOCKER_SOCKET = "/var/run/docker.sock"
# The image's entry point runs `process $ANYLOG_PATH/deployment-scripts/node-deployment/main.al`.
APP = "/app"
MAIN_SCRIPT = "node-deployment/main.al"
# The named volumes of a node, as the official compose files mount them: name suffix -> folder.
VOLUMES = (("anylog", "{home}/anylog"), ("blockchain", "{home}/blockchain"), ("data", "{home}/data"),
           ("local-scripts", "{scripts}"))


class DeployError(Exception):
    """A node that the target cannot express (the message says which and why)."""


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


def image(network: Network, node: Node) -> tuple[str, str]:
    """(repository, tag): `container.image`/`tag`, else the platform's official image."""
    settings = container(network, node)
    repository, tag = D.IMAGES[network.platform.value]
    return settings.get("image", repository), str(settings.get("tag", tag))


def reference(value: str) -> str | None:
    """The variable's name when the whole value is an environment reference, else None."""
    match = _REFERENCE.fullmatch(value)
    return (match.group(1) or match.group(2)) if match else None


def references(node: Node) -> list[str]:
    """Every `$ENV` variable the node's values name, in order (the built script reads them)."""
    seen: dict[str, None] = {}

    def walk(item: Any) -> Iterator[str]:
        if isinstance(item, Value):
            if isinstance(item.value, str) and reference(item.value):
                yield reference(item.value)
        elif isinstance(item, list):
            for entry in item:
                yield from walk(entry)
        elif is_dataclass(item):
            for f in fields(item):
                if f.name not in ("origin", "container", "kubernetes"):
                    yield from walk(getattr(item, f.name))

    for name in walk(node):
        seen.setdefault(name)
    return list(seen)


@dataclass(frozen=True, slots=True)
class Settings:
    """A node's official settings: its `.env` files, and the entries that are references."""

    files: list  # compiler.official.env.EnvFile, in order
    secrets: dict[str, str]  # official key -> the variable it names (`DB_PASSWD` -> `DB_PASSWORD`)

    def entries(self) -> dict[str, str]:
        """Every key's value, the later file winning (as compose and the image read them)."""
        out: dict[str, str] = {}
        for env_file in self.files:
            out.update(dict(env_file.entries))
        return out


def settings(network: Network, node: Node) -> Settings:
    from compiler.official import env  # the official key table (issue 13)

    files = env.env_files(network, node)
    secrets = {}
    for env_file in files:
        for key, value in env_file.entries:
            name = reference(value)
            if name is not None:
                secrets[key] = name
    return Settings(files, secrets)


def render(env_file) -> str:
    from compiler.official import env

    return env.render(env_file)
