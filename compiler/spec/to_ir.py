"""A schema-valid spec document -> the deployment IR, with every default applied.

Each value gets the origin of the key that set it; a default gets the position of the
nearest key the user did write, marked ``implicit`` (see :class:`compiler.ir.Origin`).
"""

from __future__ import annotations

from typing import Any

from compiler.ir import defaults as D
from compiler.ir.model import (HA, BlobsArchiver, Cluster, Database, Databases, Endpoint, Network, Node,
                               OperatorSettings, Origin, PublisherSettings, Value)
from compiler.spec.document import Document, KeyPath, key_path

_NO_DEFAULT = object()


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def origin(self, path: KeyPath) -> Origin:
        mark = self.doc.value_mark(path)
        return Origin(self.doc.path, mark.line, mark.column, mark.end_line, mark.end_column,
                      key_path(path), implicit=path not in self.doc.values)

    def section(self, path: KeyPath) -> Origin:
        """A section's or list item's origin: its key (``ha:``), implicit when not written."""
        mark = self.doc.key_mark(path)
        return Origin(self.doc.path, mark.line, mark.column, mark.end_line, mark.end_column,
                      key_path(path), implicit=path not in self.doc.keys)

    def get(self, obj: dict, path: KeyPath, key: str, default: Any = _NO_DEFAULT) -> Value | None:
        """The value of ``key`` in ``obj`` with its origin; the default (or None) when absent."""
        if key in obj:
            return Value(obj[key], self.origin(path + (key,)))
        if default is _NO_DEFAULT:
            return None
        return Value(default, self.origin(path + (key,)))

    def inherit(self, obj: dict, path: KeyPath, key: str, fallback: Value) -> Value:
        """A value that defaults to another one (a node's company to the spec's)."""
        return self.get(obj, path, key) or Value(fallback.value, self.origin(path + (key,)))


def build(doc: Document) -> Network:
    data: dict = doc.data
    r = _Reader(doc)
    company = r.get(data, (), "company")
    network = Network(
        platform=r.get(data, (), "platform", D.NETWORK["platform"]),
        company=company,
        ledger=r.get(data, (), "ledger"),
        blockchain_sync=r.get(data, (), "blockchain_sync", D.NETWORK["blockchain_sync"]),
        allow_literal_secrets=r.get(data, (), "allow_literal_secrets", D.NETWORK["allow_literal_secrets"]),
        source=doc.path,
    )
    for index, spec in enumerate(data.get("clusters", [])):
        path = ("clusters", index)
        network.clusters.append(Cluster(
            name=r.get(spec, path, "name"),
            company=r.inherit(spec, path, "company", company),
            declare=r.get(spec, path, "declare", D.CLUSTER["declare"]),
            origin=r.section(path)))
    for index, spec in enumerate(data["nodes"]):
        network.nodes.append(_node(r, spec, ("nodes", index), company))
    return network


def _node(r: _Reader, spec: dict, path: KeyPath, company: Value) -> Node:
    kind = spec["type"]
    name = r.get(spec, path, "name")
    tcp_port, rest_port = D.PORTS_BY_TYPE[kind]
    databases = _databases(r, spec.get("databases", {}), path + ("databases",), kind)
    node = Node(
        name=name,
        type=r.get(spec, path, "type"),
        company=r.inherit(spec, path, "company", company),
        host=r.inherit(spec, path, "host", name),
        tcp=_endpoint(r, spec.get("tcp", {}), path + ("tcp",), D.TCP, tcp_port),
        rest=_endpoint(r, spec["rest"], path + ("rest",), D.REST, rest_port) if "rest" in spec else None,
        broker=_endpoint(r, spec["broker"], path + ("broker",), D.BROKER, None) if "broker" in spec else None,
        cluster=r.get(spec, path, "cluster"),
        databases=databases,
        commands=[Value(text, r.origin(path + ("commands", i)))
                  for i, text in enumerate(spec.get("commands", []))],
        origin=r.section(path),
    )
    if "blobs" in spec or databases.blobs is not None:
        node.blobs = _blobs(r, spec.get("blobs", {}), path + ("blobs",), databases)
    if "ha" in spec:
        node.ha = HA(**_settings(r, spec["ha"], path + ("ha",), D.HA), origin=r.section(path + ("ha",)))
        node.ha.start_date = Value(_days_back(node.ha.start_date.value), node.ha.start_date.origin)
    if kind == "operator" or "operator" in spec:
        settings, at = spec.get("operator", {}), path + ("operator",)
        node.operator = OperatorSettings(**_settings(r, settings, at, D.OPERATOR),
                                         member=r.get(settings, at, "member"), origin=r.section(at))
    if kind == "publisher" or "publisher" in spec:
        at = path + ("publisher",)
        node.publisher = PublisherSettings(**_settings(r, spec.get("publisher", {}), at, D.PUBLISHER),
                                           origin=r.section(at))
    return node


def _days_back(value: int | str) -> str:
    """-30, "-30" and "-30d" all mean thirty days back: the node's own form is "-30d"."""
    text = str(value)
    return f"{text}d" if text.lstrip("-").isdigit() else text


def _settings(r: _Reader, spec: dict, path: KeyPath, defaults: dict) -> dict[str, Value]:
    return {key: r.get(spec, path, key, default) for key, default in defaults.items()}


def _endpoint(r: _Reader, spec: dict, path: KeyPath, defaults: dict, port: int | None) -> Endpoint:
    return Endpoint(port=r.get(spec, path, "port", port), **_settings(r, spec, path, defaults),
                    origin=r.section(path))


def _databases(r: _Reader, spec: dict, path: KeyPath, kind: str) -> Databases:
    needed = D.DATABASES_BY_TYPE.get(kind, {})
    out = Databases()
    for role in ("almgm", "blockchain", "system_query"):
        db_path = path + (role,)
        name = Value(role, r.origin(db_path))
        if role in spec:
            setattr(out, role, _sql(r, spec[role], db_path, name, D.SQL_DATABASE))
        elif role in needed:  # what the node type cannot work without
            setattr(out, role, _sql(r, {}, db_path, name, {**D.SQL_DATABASE, **needed[role]}))
    if "data" in spec:
        data_path = path + ("data",)
        out.data = _sql(r, spec["data"], data_path, r.get(spec["data"], data_path, "name"), D.DATA_DATABASE)
    if "blobs" in spec:
        blobs_path, blobs = path + ("blobs",), spec["blobs"]
        # With neither a name nor a data database the name stays empty: the checks report it.
        name = r.inherit(blobs, blobs_path, "name", out.data.name if out.data else Value(""))
        out.blobs = Database(
            name=name,
            type=r.get(blobs, blobs_path, "type", D.MONGO_DATABASE["type"]),
            ip=r.get(blobs, blobs_path, "ip", D.MONGO_DATABASE["ip"]),
            port=r.get(blobs, blobs_path, "port", D.MONGO_DATABASE["port"]),
            user=r.get(blobs, blobs_path, "user"),
            password=r.get(blobs, blobs_path, "password"),
            origin=r.section(blobs_path))
    return out


def _sql(r: _Reader, spec: dict, path: KeyPath, name: Value, defaults: dict) -> Database:
    kind = r.get(spec, path, "type", defaults["type"])
    server = kind.value != "sqlite"
    return Database(
        name=name,
        type=kind,
        # Server options: defaults only where a server exists; given ones are kept (and checked).
        ip=r.get(spec, path, "ip", defaults["ip"]) if server else r.get(spec, path, "ip"),
        port=r.get(spec, path, "port", defaults["port"]) if server else r.get(spec, path, "port"),
        user=r.get(spec, path, "user"),
        password=r.get(spec, path, "password"),
        memory=r.get(spec, path, "memory", defaults["memory"]) if not server else r.get(spec, path, "memory"),
        origin=r.section(path),
    )


def _blobs(r: _Reader, spec: dict, path: KeyPath, databases: Databases) -> BlobsArchiver:
    mongo = databases.blobs
    dbms = Value(mongo is not None, mongo.type.origin if mongo else r.origin(path))
    return BlobsArchiver(dbms=dbms, **_settings(r, spec, path, D.BLOBS), origin=r.section(path))
