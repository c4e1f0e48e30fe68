"""``alc diff``: what differs between two deployments, by node and field, in the IR's terms.

Both sides are IR (from scripts, specs or ``.env`` files), so layout, comments, variable names
and the order of independent statements do not count.  The order of steps that depend on each
other does: a script that starts high availability before almgm exists is not the same node.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from compiler.ir.model import Network, Node, Value

# Steps whose order the node depends on: the first must come before the second.
ORDERED = [
    ("create work directories", "connect dbms almgm"), ("create work directories", "connect dbms (data)"),
    ("run tcp server", "create policy operator"), ("run blockchain sync", "create policy cluster"),
    ("create policy cluster", "create policy operator"),
    ("connect dbms almgm", "create table tsd_info"), ("create table tsd_info", "run data distributor"),
    ("create table tsd_info", "run data consumer"), ("connect dbms almgm", "run data distributor"),
    ("connect dbms almgm", "run data consumer"), ("connect dbms almgm", "run operator"),
    ("connect dbms (data)", "run operator"), ("run data distributor", "run operator"),
]
# Fields that are a step of their own: shown as that step appearing or going.
STEP_FIELDS = {"ha.distributor": "run data distributor", "ha.consumer": "run data consumer",
               "rest": "run rest server", "broker": "run message broker", "blobs": "run blobs archiver"}


@dataclass(slots=True)
class Change:
    kind: str  # changed | added | removed | order
    node: str | None  # None for the network's own settings
    field: str
    old: Any = None
    new: Any = None

    def text(self) -> str:
        where = f"{self.node}: " if self.node else ""
        if self.kind == "changed":
            return f"{where}{self.field} {_show(self.old)} -> {_show(self.new)}"
        if self.kind == "order":
            return f"{where}order: {self.field}"
        sign = "+" if self.kind == "added" else "-"
        value = self.new if self.kind == "added" else self.old
        return f"{where}{sign} {self.field}" + ("" if value is None else f" {_show(value)}")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "node": self.node, "field": self.field, "old": self.old, "new": self.new}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """An IR object as ``dotted.path -> value`` (origins dropped; absent sections absent)."""
    if isinstance(value, Value):
        return {prefix: value.value}
    if is_dataclass(value):
        out: dict[str, Any] = {}
        for f in fields(value):
            if f.name in ("origin", "commands", "source") or not f.compare:
                continue
            item = getattr(value, f.name)
            if item is not None:
                out.update(flatten(item, f"{prefix}.{f.name}" if prefix else f.name))
        return out
    if isinstance(value, list) and value:  # partitions, message clients ...: one field per entry
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out
    return {prefix: value}


def compare(a: Network, b: Network, steps_a: dict[str, list[str]], steps_b: dict[str, list[str]]) -> list[Change]:
    changes = _fields(None, flatten_network(a), flatten_network(b))
    clusters_a, clusters_b = {c.name.value: c for c in a.clusters}, {c.name.value: c for c in b.clusters}
    for name in _names(clusters_a, clusters_b):
        if name not in clusters_b:
            changes.append(Change("removed", None, f"cluster {name}"))
        elif name not in clusters_a:
            changes.append(Change("added", None, f"cluster {name}"))
        else:
            changes += _fields(None, flatten(clusters_a[name], f"cluster {name}"),
                               flatten(clusters_b[name], f"cluster {name}"))
    nodes_a, nodes_b = {n.name.value: n for n in a.nodes}, {n.name.value: n for n in b.nodes}
    for name in _names(nodes_a, nodes_b):
        if name not in nodes_b:
            changes.append(Change("removed", None, f"node {name}", nodes_a[name].type.value))
        elif name not in nodes_a:
            changes.append(Change("added", None, f"node {name}", None, nodes_b[name].type.value))
        else:
            changes += node_changes(nodes_a[name], nodes_b[name], steps_a.get(name, []), steps_b.get(name, []))
    return changes


def flatten_network(network: Network) -> dict[str, Any]:
    return {k: v for k, v in flatten(network).items() if not k.startswith(("clusters", "nodes"))}


def _names(a: dict, b: dict) -> list[str]:
    return list(a) + [name for name in b if name not in a]


def node_changes(a: Node, b: Node, steps_a: list[str], steps_b: list[str]) -> list[Change]:
    name = a.name.value
    changes = _fields(name, flatten(a), flatten(b))
    changes += _commands(name, [c.value for c in a.commands], [c.value for c in b.commands])
    changes += _order(name, steps_a, steps_b)
    return changes


def _fields(node: str | None, a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    changes: list[Change] = []
    for section, step in STEP_FIELDS.items():  # a whole step appearing or going, by its name
        if "." in section:
            was, now = bool(a.pop(section, False)), bool(b.pop(section, False))
        else:
            was, now = (any(key.startswith(section + ".") for key in side) for side in (a, b))
        if was != now:
            changes.append(Change("added" if now else "removed", node, step))
    for key in list(a) + [k for k in b if k not in a]:
        if key in a and key in b:
            if a[key] != b[key]:
                changes.append(Change("changed", node, key, a[key], b[key]))
        elif key in b:
            changes.append(Change("added", node, key, None, b[key]))
        else:
            changes.append(Change("removed", node, key, a[key]))
    return changes


def _commands(node: str, a: list[str], b: list[str]) -> list[Change]:
    changes = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            changes += [Change("removed", node, command) for command in a[i1:i2]]
        if tag in ("insert", "replace"):
            changes += [Change("added", node, command) for command in b[j1:j2]]
    return changes


def _order(node: str, a: list[str], b: list[str]) -> list[Change]:
    changes = []
    for first, then in ORDERED:
        if all(step in a and step in b for step in (first, then)):
            before_a = a.index(first) < a.index(then)
            before_b = b.index(first) < b.index(then)
            if before_a != before_b:
                moved = f"{first} moved {'after' if before_a else 'before'} {then}"
                changes.append(Change("order", node, moved))
    return changes
