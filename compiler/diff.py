"""``alc diff``: what differs between two deployments, the settings first, then every statement.

Two views, both node by node:

* **settings**: both sides as IR (from scripts, specs or ``.env`` files), flattened into
  ``field -> value``, so that a changed port or a database that appears reads as such;
* **statements**: what each node's script runs (``convert/trace.py``: every statement and
  label, in order, as the node reads it, with known values substituted; a spec's or an
  ``.env`` file's script is the one ``alc build`` writes), compared as sequences.  Each
  statement only one side runs, or runs differently, is reported with its place on both
  sides.

Two deployments are the same only when neither view finds anything: layout and comments do
not count, every statement does.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Sequence

from compiler.convert import Unit
from compiler.convert.trace import Difference, compare as compare_traces
from compiler.ir.model import Network, Node, Value

# Fields that are a step of their own: shown as that step appearing or going.
STEP_FIELDS = {"ha.distributor": "run data distributor", "ha.consumer": "run data consumer",
               "rest": "run rest server", "broker": "run message broker", "blobs": "run blobs archiver"}
SIGNS = {"removed": "-", "added": "+", "changed": "~"}


@dataclass(slots=True)
class Change:
    """A difference in the settings view."""

    kind: str  # changed | added | removed
    node: str | None  # None for the network's own settings
    field: str
    old: Any = None
    new: Any = None

    def text(self) -> str:
        where = f"{self.node}: " if self.node else ""
        if self.kind == "changed":
            return f"{where}{self.field} {_show(self.old)} -> {_show(self.new)}"
        sign = "+" if self.kind == "added" else "-"
        value = self.new if self.kind == "added" else self.old
        return f"{where}{sign} {self.field}" + ("" if value is None else f" {_show(value)}")

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "node": self.node, "field": self.field, "old": self.old, "new": self.new}


@dataclass(slots=True)
class Statement:
    """A difference in the statements view: ``node`` is side A's node (B's when A lacks it)."""

    node: str
    difference: Difference

    def text(self) -> str:
        d = self.difference
        if d.kind == "changed":
            old, new = d.old.shown(), d.new.shown()
            if old == new:  # the same text, other values: show what the node reads
                old, new = " ".join(d.old.said), " ".join(d.new.said)
            body = f"{old}  =>  {new}"
        else:
            body = (d.old if d.kind == "removed" else d.new).shown()
        return f"{d.a} {d.b}: {SIGNS[d.kind]} {body}"

    def to_dict(self) -> dict[str, Any]:
        d = self.difference
        return {"kind": d.kind, "node": self.node,
                "a": {"path": d.a.path, "line": d.a.line}, "b": {"path": d.b.path, "line": d.b.line},
                "old": d.old.shown() if d.old else None, "new": d.new.shown() if d.new else None}


@dataclass(slots=True)
class Result:
    settings: list[Change]
    statements: list[Statement]

    @property
    def equal(self) -> bool:
        return not self.settings and not self.statements

    def text(self) -> str:
        return "".join(line + "\n" for line in [c.text() for c in self.settings] +
                       [s.text() for s in self.statements])

    def to_dict(self) -> dict[str, Any]:
        return {"equal": self.equal, "changes": [c.to_dict() for c in self.settings],
                "statements": [s.to_dict() for s in self.statements]}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def pairs(a: Sequence[str], b: Sequence[str]) -> list[tuple[str | None, str | None]]:
    """Nodes of both sides by name; one node on each side is the same node whatever its name
    (two copies of one script under other file names are one node)."""
    if len(a) == 1 and len(b) == 1:
        return [(a[0], b[0])]
    return [(name, name if name in b else None) for name in a] + [(None, name) for name in b if name not in a]


def compare(a: Network | None, b: Network | None, units_a: list[Unit], units_b: list[Unit]) -> Result:
    """Both views; the settings only when both sides make valid IR."""
    settings: list[Change] = []
    if a is not None and b is not None:
        settings = compare_settings(a, b)
    statements: list[Statement] = []
    by_a, by_b = _by_node(units_a), _by_node(units_b)
    for name_a, name_b in pairs(list(by_a), list(by_b)):
        unit_a, unit_b = by_a.get(name_a), by_b.get(name_b)
        trace_a = unit_a.trace if unit_a else []
        trace_b = unit_b.trace if unit_b else []
        for difference in compare_traces(trace_a, trace_b, unit_a.path if unit_a else "(none)",
                                         unit_b.path if unit_b else "(none)"):
            statements.append(Statement(name_a or name_b or "", difference))
    return Result(settings, statements)


def _by_node(units: list[Unit]) -> dict[str, Unit]:
    """Units by node name; two scripts that name one node are told apart by their paths."""
    count: dict[str, int] = {}
    for unit in units:
        count[unit.node] = count.get(unit.node, 0) + 1
    return {(u.node if count[u.node] == 1 else f"{u.node} ({u.path})"): u for u in units}


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
    if isinstance(value, list):  # partitions, message clients ...: one field per entry, none when empty
        out = {}
        for index, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{index}]"))
        return out
    return {prefix: value}


def compare_settings(a: Network, b: Network) -> list[Change]:
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
    for name_a, name_b in pairs(list(nodes_a), list(nodes_b)):
        if name_b is None:
            changes.append(Change("removed", None, f"node {name_a}", nodes_a[name_a].type.value))
        elif name_a is None:
            changes.append(Change("added", None, f"node {name_b}", None, nodes_b[name_b].type.value))
        else:
            changes += node_changes(nodes_a[name_a], nodes_b[name_b])
    return changes


def flatten_network(network: Network) -> dict[str, Any]:
    return {k: v for k, v in flatten(network).items() if not k.startswith(("clusters", "nodes"))}


def _names(a: dict, b: dict) -> list[str]:
    return list(a) + [name for name in b if name not in a]


def node_changes(a: Node, b: Node) -> list[Change]:
    flat_a, flat_b = flatten(a), flatten(b)
    if a.name.value != b.name.value:
        # Paired although named otherwise (one node a side): a name that is only the file's,
        # and a host that is only the name, are not settings of their own.
        for flat, node in ((flat_a, a), (flat_b, b)):
            flat.pop("name", None)
            if node.host.value == node.name.value:
                flat.pop("host", None)
    return _fields(a.name.value, flat_a, flat_b)


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
