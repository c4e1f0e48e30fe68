"""What the deployment rules need to know about a script's servers and node policies."""

from __future__ import annotations

from dataclasses import dataclass

from compiler.model import policies as P
from compiler.model.script import Invocation, ScriptModel
from compiler.syntax import tree as T

NODE_POLICY_TYPES = ("operator", "master", "query", "publisher")


@dataclass
class Server:
    inv: Invocation
    external_ip: str | None
    internal_ip: str | None
    external_port: T.KeyValue | None
    internal_port: T.KeyValue | None
    bind: bool | None  # None when it depends on a value alc cannot know


def tcp_server(model: ScriptModel) -> Server | None:
    """The script's `run tcp server` (the first one that always runs, else the first)."""
    servers = model.commands("run tcp server")
    if not servers:
        return None
    inv = next((s for s in servers if not s.conditional), servers[0])
    ext, internal = inv.get("external_ip"), inv.get("internal_ip")
    ext_text = ext.value if ext and ext.value_words else None
    int_text = internal.value if internal and internal.value_words else None
    bind_pair = inv.get("bind")
    bind = False if bind_pair is None else model.flag(bind_pair)
    return Server(inv, ext_text or int_text, int_text or ext_text, inv.get("external_port"),
                  inv.get("internal_port"), bind)


def node_policies(model: ScriptModel) -> list[P.Policy]:
    return [p for p in P.declared(model) if p.type in NODE_POLICY_TYPES]


def strip_cast(text: str) -> str:
    return text[:-4] if text.endswith(".int") else text
