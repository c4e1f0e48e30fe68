"""What `--target compose` and `--target helm` share: a node's container settings, its image,
its folders in the image, its `.env` files (from :mod:`compiler.official.env`, the one table of
official keys) and the `$ENV` references among them (secrets: never written literally).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from compiler.ir import defaults as D
from compiler.ir import deployment
from compiler.ir.model import Network, Node, Value

# A whole value that is one environment reference: `$DB_PASSWORD` or `${DB_PASSWORD}`.
_REFERENCE = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))")
# A `$ENV` reference inside a script's text.
_IN_TEXT = re.compile(r"(?<![\w$])\$([A-Za-z_][A-Za-z0-9_]*)")
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
    """A node that the target cannot express (the message says which and why); ``where`` is
    the spec value it is about, for a file:line:col."""

    def __init__(self, message: str, where: Value | None = None) -> None:
        super().__init__(message)
        self.where = where


container = deployment.container  # the node's container settings over the network's


def image(network: Network, node: Node) -> tuple[str, str]:
    """(repository, tag): `container.image`/`tag`, else the platform's official image."""
    settings = container(network, node)
    repository, tag = D.IMAGES[network.platform.value]
    return settings.get("image", repository), str(settings.get("tag", tag))


def reference(value: str) -> str | None:
    """The variable's name when the whole value is an environment reference, else None."""
    match = _REFERENCE.fullmatch(value)
    return (match.group(1) or match.group(2)) if match else None


def references(script: str) -> list[str]:
    """Every `$ENV` variable a built script reads, in order of first use (comments left out)."""
    seen: dict[str, None] = {}
    for line in script.splitlines():
        if not line.lstrip().startswith("#"):
            for match in _IN_TEXT.finditer(line):
                seen.setdefault(match.group(1))
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


# What a node's .env files cannot carry by design: the machine, and the container's and
# Kubernetes' own settings (compared by the image, not by the node's configuration).
_NOT_IN_ENV = ("host", "container", "kubernetes")
_NETWORK_FIELDS = ("platform", "company", "ledger", "blockchain_sync")


def unsaid(network: Network, node: Node, files: list[tuple[str, str]]) -> list[str]:
    """How the node the official files configure differs from the spec's, read back with
    `alc convert`'s reader: ``field (the files: X, the spec: Y)`` each; empty when they agree."""
    from compiler import convert
    from compiler.diff import flatten

    back = convert.env_files(files).network
    if back is None or len(back.nodes) != 1:
        return ["the files do not read back as one node"]
    other = back.nodes[0]
    out = [f"{field} (the files: {getattr(back, field).value}, the spec: {getattr(network, field).value})"
           for field in _NETWORK_FIELDS if getattr(back, field).value != getattr(network, field).value]
    mine, theirs = flatten(node), flatten(other)
    sections = {side: {_section(k) for k in keys} for side, keys in (("mine", mine), ("theirs", theirs))}
    said = set()
    for key in sorted(mine.keys() | theirs.keys()):
        section = _section(key)
        if section in _NOT_IN_ENV or mine.get(key) == theirs.get(key) or section in said:
            continue
        if "." in key and (section not in sections["mine"] or section not in sections["theirs"]):
            said.add(section)  # a whole section on one side only: one entry
            where = "the files have" if section not in sections["mine"] else "the spec has"
            out.append(f"{section} (only {where} it)")
            continue
        out.append(f"{key} (the files: {_shown(theirs.get(key))}, the spec: {_shown(mine.get(key))})")
    if [c.value for c in node.commands] != [c.value for c in other.commands]:
        out.append(f"commands ({len(node.commands)} in the spec, which no official key holds)")
    return out


def _section(key: str) -> str:
    """`rest` of `rest.port`, `databases.almgm` of `databases.almgm.type`, `partitions` of `partitions[0].keep`."""
    parts = key.split(".")
    head = parts[0].split("[")[0]
    return ".".join(parts[:2]) if head == "databases" and len(parts) > 2 else head


def _shown(value: Any) -> str:
    return "nothing" if value is None else str(value)


def render(env_file) -> str:
    from compiler.official import env

    return env.render(env_file)
