"""A schema-valid spec document -> the deployment IR, with every default applied.

Each value gets the origin of the key that set it; a default gets the position of the
nearest key the user did write, marked ``implicit`` (see :class:`compiler.ir.Origin`).
"""

from __future__ import annotations

from typing import Any

from compiler.ir import defaults as D
from compiler.ir.model import (AUTO, HA, LOCATION_FIELDS, Archive, BlobsArchiver, Blockchain, Buffer, Cluster, Database, Databases,
                               Endpoint, Kubernetes, Location, MessageClient, MessageColumn, Monitoring, Network, Networking,
                               Node, OperatorSettings, Origin, Partition, PublisherSettings, Southbound, Topic,
                               Value)
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
        blockchain=Blockchain(**_settings(r, data.get("blockchain", {}), ("blockchain",), D.BLOCKCHAIN),
                              origin=r.section(("blockchain",))),
        container=r.get(data, (), "container"),
        kubernetes=r.get(data, (), "kubernetes"),
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
        node = _node(r, spec, ("nodes", index), company)
        node.kubernetes = _kubernetes(r, data, spec, ("nodes", index))
        network.nodes.append(node)
    return network


def _node(r: _Reader, spec: dict, path: KeyPath, company: Value) -> Node:
    kind = spec["type"]
    name = r.get(spec, path, "name")
    tcp_port, rest_port = D.PORTS_BY_TYPE[kind]
    databases = _databases(r, spec.get("databases", {}), path + ("databases",), kind)
    networking = _networking(r, spec.get("networking", {}), path + ("networking",))
    addresses = endpoint_defaults(spec.get("networking", {}))
    node = Node(
        name=name,
        type=r.get(spec, path, "type"),
        company=r.inherit(spec, path, "company", company),
        host=r.inherit(spec, path, "host", name),
        tcp=_endpoint(r, spec.get("tcp", {}), path + ("tcp",), {**D.TCP, **addresses}, tcp_port),
        hidden=r.get(spec, path, "hidden", D.NODE["hidden"]),
        hostname=r.get(spec, path, "hostname"),
        scheduler=r.get(spec, path, "scheduler", D.NODE["scheduler"]),
        rest=_endpoint(r, spec["rest"], path + ("rest",), {**D.REST, **addresses}, rest_port)
        if "rest" in spec else None,
        broker=_endpoint(r, spec["broker"], path + ("broker",), {**D.BROKER, **addresses}, None)
        if "broker" in spec else None,
        cluster=r.get(spec, path, "cluster"),
        databases=databases,
        networking=networking,
        query_pool=r.get(spec, path, "query_pool"),
        license_key=r.get(spec, path, "license_key"),
        authentication=r.get(spec, path, "authentication"),
        container=r.get(spec, path, "container"),
        local_scripts=_texts(r, spec, path, "local_scripts"),
        commands=_texts(r, spec, path, "commands"),
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
                                         member=r.get(settings, at, "member"), main=r.get(settings, at, "main"),
                                         origin=r.section(at))
    if kind == "publisher" or "publisher" in spec:
        at = path + ("publisher",)
        node.publisher = PublisherSettings(**_settings(r, spec.get("publisher", {}), at, D.PUBLISHER),
                                           origin=r.section(at))
    by_type = D.SECTIONS_BY_TYPE.get(kind, {})
    # The sections the type gets unless the spec leaves them out with `false`.
    buffer = spec.get("buffer", {} if "buffer" in by_type else None)
    if buffer is not None and buffer is not False:
        at = path + ("buffer",)
        node.buffer = Buffer(**_settings(r, buffer, at, {**D.BUFFER, **by_type.get("buffer", {})}),
                             origin=r.section(at))
    archive = spec.get("archive", {} if "archive" in by_type else None)
    if archive is not None and archive is not False:
        at = path + ("archive",)
        node.archive = Archive(**_settings(r, archive, at, D.ARCHIVE), origin=r.section(at))
    if "location" in spec:
        at = path + ("location",)
        if spec["location"] == AUTO:  # every field looked up when the node starts
            node.location = Location(**{key: r.get({}, at, key, AUTO) for key in LOCATION_FIELDS},
                                     origin=r.section(at))
        else:
            node.location = Location(**{key: r.get(spec["location"], at, key) for key in LOCATION_FIELDS},
                                     origin=r.section(at))
    if "monitoring" in spec:
        at = path + ("monitoring",)
        node.monitoring = _monitoring(Monitoring(**_settings(r, spec["monitoring"], at, D.MONITORING),
                                                 view_destination=r.get(spec["monitoring"], at, "view_destination"),
                                                 origin=r.section(at)))
    data = databases.data.name if databases.data is not None else None
    node.partitions = [_partition(r, item, path + ("partitions", i), data)
                       for i, item in enumerate(spec.get("partitions", []))]
    node.message_clients = [_message_client(r, item, path + ("message_clients", i), data)
                            for i, item in enumerate(spec.get("message_clients", []))]
    node.southbound = [_southbound(r, item, path + ("southbound", i), data)
                       for i, item in enumerate(spec.get("southbound", []))]
    return node


def _kubernetes(r: _Reader, data: dict, spec: dict, path: KeyPath) -> Kubernetes | None:
    """The node's `kubernetes` over the network's, key by key; None when neither has one."""
    if "kubernetes" not in data and "kubernetes" not in spec:
        return None
    own, shared, at = spec.get("kubernetes", {}), data.get("kubernetes", {}), path + ("kubernetes",)

    def pick(key: str, default) -> Value:
        if key in own:
            return r.get(own, at, key)
        if key in shared:
            return r.get(shared, ("kubernetes",), key)
        return Value(default, r.origin(at + (key,)))  # implicit: at the nearest key written

    return Kubernetes(**{key: pick(key, value) for key, value in D.KUBERNETES.items()},
                      origin=r.section(at) if "kubernetes" in spec else r.section(("kubernetes",)))


def endpoint_defaults(networking: dict) -> dict[str, str]:
    """The addresses a node's services default to: its DNS names and overlay address, when
    the spec's `networking` gives them (the official scripts' EXTERNAL_DNS, DNS, OVERLAY_IP)."""
    out = {}
    if "external_dns" in networking:
        out["external_ip"] = networking["external_dns"]
    internal = networking.get("local_dns", networking.get("overlay_ip"))
    if internal is not None:
        out["internal_ip"] = internal
    return out


def _texts(r: _Reader, spec: dict, path: KeyPath, key: str) -> list[Value]:
    return [Value(text, r.origin(path + (key, i))) for i, text in enumerate(spec.get(key, []))]


def _networking(r: _Reader, spec: dict, path: KeyPath) -> Networking:
    return Networking(**{key: r.get(spec, path, key) for key in ("nic", "overlay_ip", "external_dns", "local_dns")},
                      origin=r.section(path))


def _in_data(r: _Reader, spec: dict, path: KeyPath, data: Value | None) -> Value:
    """A `dbms` that defaults to the node's data database (empty without one: the checks say so)."""
    return r.inherit(spec, path, "dbms", data if data is not None else Value(""))


def _partition(r: _Reader, spec: dict, path: KeyPath, data: Value | None) -> Partition:
    return Partition(dbms=_in_data(r, spec, path, data), **_settings(r, spec, path, D.PARTITION),
                     origin=r.section(path))


def _message_client(r: _Reader, spec: dict, path: KeyPath, data: Value | None) -> MessageClient:
    topics = []
    for index, topic in enumerate(spec["topics"]):
        at = path + ("topics", index)
        columns = [MessageColumn(name=r.get(column, at + ("columns", i), "name"),
                                 value=r.get(column, at + ("columns", i), "value"),
                                 **_settings(r, column, at + ("columns", i), D.MESSAGE_COLUMN),
                                 origin=r.section(at + ("columns", i)))
                   for i, column in enumerate(topic.get("columns", []))]
        topics.append(Topic(name=r.get(topic, at, "name"), dbms=_in_data(r, topic, at, data),
                            table=r.get(topic, at, "table"), qos=r.get(topic, at, "qos"), columns=columns,
                            origin=r.section(at)))
    return MessageClient(broker=r.get(spec, path, "broker"), user=r.get(spec, path, "user"),
                         password=r.get(spec, path, "password"), topics=topics,
                         **_settings(r, spec, path, D.MESSAGE_CLIENT), origin=r.section(path))


def _southbound(r: _Reader, spec: dict, path: KeyPath, data: Value | None) -> Southbound:
    settings = _settings(r, spec, path, {"frequency": D.SOUTHBOUND["frequency"]})
    return Southbound(type=r.get(spec, path, "type"), name=r.get(spec, path, "name"), url=r.get(spec, path, "url"),
                      dbms=_in_data(r, spec, path, data), table=r.get(spec, path, "table"),
                      nodes=_texts(r, spec, path, "nodes"), user=r.get(spec, path, "user"),
                      password=r.get(spec, path, "password"), origin=r.section(path), **settings)


def _days_back(value: int | str) -> str:
    """-30, "-30" and "-30d" all mean thirty days back: the node's own form is "-30d"."""
    text = str(value)
    return f"{text}d" if text.lstrip("-").isdigit() else text


def _monitoring(watch: Monitoring) -> Monitoring | None:
    """Monitoring as it runs: `store` implies `node`; with no flag there is none; a value of a
    part that is off (the frequency of statistics nobody gathers) is its default, as no script
    states it."""
    if watch.store.value and not watch.node.value:
        watch.node = Value(True, watch.store.origin)
    if not any(getattr(watch, flag).value for flag in ("node", "syslog", "docker")):
        return None
    if not watch.node.value:
        watch.frequency = Value(D.MONITORING["frequency"], watch.frequency.origin)
        watch.view_destination = None
    if not watch.docker.value:
        watch.docker_frequency = Value(D.MONITORING["docker_frequency"], watch.docker_frequency.origin)
    return watch


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
        autocommit=r.get(spec, path, "autocommit"),
        unlog=r.get(spec, path, "unlog"),
        origin=r.section(path),
    )


def _blobs(r: _Reader, spec: dict, path: KeyPath, databases: Databases) -> BlobsArchiver:
    mongo = databases.blobs
    dbms = Value(mongo is not None, mongo.type.origin if mongo else r.origin(path))
    return BlobsArchiver(dbms=dbms, **_settings(r, spec, path, D.BLOBS), origin=r.section(path))
