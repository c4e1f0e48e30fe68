"""The deployment IR -> a spec (YAML or TOML) that holds only what differs from the defaults.

Writing a default would pin it: a spec that leaves it out follows alc's defaults, which is what
a converted deployment that used them meant.  Loading the written spec gives the same IR (the
round-trip tests hold this).  Key order follows the schema; the output is deterministic.
"""

from __future__ import annotations

import json
import re
from typing import Any

from compiler.ir import defaults as D
from compiler.ir.model import AUTO, LOCATION_FIELDS, Database, Endpoint, MessageClient, Network, Node, Southbound
from compiler.spec.document import KeyPath
from compiler.spec.to_ir import endpoint_defaults

SCHEMA_LINE = {"yaml": "# yaml-language-server: $schema=alc-spec.schema.json",
               "toml": "#:schema alc-spec.schema.json"}
SCHEMA_HINT = "# Save the schema next to this file with: alc schema > alc-spec.schema.json"
_PLAIN = re.compile(r"[A-Za-z_/][A-Za-z0-9_ ./:-]*")
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"}


def data(network: Network) -> dict[str, Any]:
    out: dict[str, Any] = {"alc": 1}
    if network.platform.value != D.NETWORK["platform"]:
        out["platform"] = network.platform.value
    out["company"] = network.company.value
    out["ledger"] = network.ledger.value
    if network.blockchain_sync.value != D.NETWORK["blockchain_sync"]:
        out["blockchain_sync"] = network.blockchain_sync.value
    blockchain = _changed(network.blockchain, D.BLOCKCHAIN)
    if blockchain:
        out["blockchain"] = blockchain
    if network.allow_literal_secrets.value:
        out["allow_literal_secrets"] = True
    if network.container is not None:
        out["container"] = network.container.value
    if network.clusters:
        out["clusters"] = [_cluster(network, c) for c in network.clusters]
    out["nodes"] = [_node(network, node) for node in network.nodes]
    return out


def _cluster(network: Network, cluster) -> dict[str, Any]:
    out = {"name": cluster.name.value}
    if cluster.company.value != network.company.value:
        out["company"] = cluster.company.value
    if cluster.declare.value != D.CLUSTER["declare"]:
        out["declare"] = cluster.declare.value
    return out


def _node(network: Network, node: Node) -> dict[str, Any]:
    kind = node.type.value
    tcp_port, rest_port = D.PORTS_BY_TYPE[kind]
    out: dict[str, Any] = {"name": node.name.value, "type": kind}
    if node.company.value != network.company.value:
        out["company"] = node.company.value
    if node.host.value != node.name.value:
        out["host"] = node.host.value
    if node.cluster is not None:
        out["cluster"] = node.cluster.value
    if node.authentication is not None:  # AnyLog: the build's first step
        out["authentication"] = node.authentication.value
    networking = _present(node.networking, ("nic", "overlay_ip", "external_dns", "local_dns"))
    addresses = endpoint_defaults(networking)
    tcp = _endpoint(node.tcp, {**D.TCP, **addresses}, tcp_port)
    if tcp:
        out["tcp"] = tcp
    if node.rest is not None:
        # A REST service at its defaults still says its port: `rest: {}` reads as nothing.
        out["rest"] = _endpoint(node.rest, {**D.REST, **addresses}, rest_port) or {"port": node.rest.port.value}
    if node.broker is not None:
        out["broker"] = _endpoint(node.broker, {**D.BROKER, **addresses}, None)
    databases = _databases(node)
    if databases:
        out["databases"] = databases
    if node.blobs is not None:
        blobs = _changed(node.blobs, D.BLOBS)
        if blobs or node.databases.blobs is None:
            out["blobs"] = blobs
    if node.ha is not None:
        out["ha"] = _changed(node.ha, D.HA)
    if node.operator is not None:
        operator = _changed(node.operator, D.OPERATOR)
        operator.update(_present(node.operator, ("member", "main")))
        if operator or kind != "operator":
            out["operator"] = operator
    if node.publisher is not None:
        publisher = _changed(node.publisher, D.PUBLISHER)
        if publisher or kind != "publisher":
            out["publisher"] = publisher
    if node.hidden.value:
        out["hidden"] = True
    if node.hostname is not None:
        out["hostname"] = node.hostname.value
    if node.location is not None:
        location = _present(node.location, LOCATION_FIELDS)
        out["location"] = AUTO if location == dict.fromkeys(LOCATION_FIELDS, AUTO) else location
    if networking:
        out["networking"] = networking
    if node.query_pool is not None:
        out["query_pool"] = node.query_pool.value
    if not node.scheduler.value:
        out["scheduler"] = False
    by_type = D.SECTIONS_BY_TYPE.get(kind, {})
    for key, section, defaults in (("buffer", node.buffer, D.BUFFER), ("archive", node.archive, D.ARCHIVE)):
        if section is None:
            if key in by_type:
                out[key] = False  # the type would get it
            continue
        changed = _changed(section, {**defaults, **by_type.get(key, {})})
        if changed or key not in by_type:
            out[key] = changed
    data = node.databases.data.name.value if node.databases.data is not None else ""
    if node.partitions:
        out["partitions"] = [{**_in_data(p.dbms.value, data), **_changed(p, D.PARTITION)} for p in node.partitions]
    if node.message_clients:
        out["message_clients"] = [_message_client(client, data) for client in node.message_clients]
    if node.monitoring is not None:
        out["monitoring"] = {**_changed(node.monitoring, D.MONITORING), **_present(node.monitoring, ("view_destination",))}
    if node.southbound:
        out["southbound"] = [_southbound(plc, data) for plc in node.southbound]
    if node.local_scripts:
        out["local_scripts"] = [s.value for s in node.local_scripts]
    if node.license_key is not None:
        out["license_key"] = node.license_key.value
    if node.container is not None:
        out["container"] = node.container.value
    if node.commands:
        out["commands"] = [c.value for c in node.commands]
    return out


def _present(section: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    """The optional values a section holds (None when absent)."""
    if section is None:
        return {}
    return {key: getattr(section, key).value for key in keys if getattr(section, key) is not None}


def _in_data(dbms: str, data: str) -> dict[str, Any]:
    """A `dbms` that defaults to the node's data database."""
    return {} if dbms == data else {"dbms": dbms}


def _message_client(client: MessageClient, data: str) -> dict[str, Any]:
    changed = _changed(client, D.MESSAGE_CLIENT)
    out = {key: changed[key] for key in ("protocol",) if key in changed}
    out["broker"] = client.broker.value
    out.update({key: changed[key] for key in ("port",) if key in changed})
    out.update(_present(client, ("user", "password")))
    out.update({key: changed[key] for key in ("log", "user_agent", "reset") if key in changed})
    out["topics"] = []
    for topic in client.topics:
        entry = {"name": topic.name.value, **_in_data(topic.dbms.value, data), "table": topic.table.value,
                 **_present(topic, ("qos",))}
        if topic.columns:
            entry["columns"] = [{"name": c.name.value, **_changed(c, D.MESSAGE_COLUMN), "value": c.value.value}
                                for c in topic.columns]
        out["topics"].append(entry)
    return out


def _southbound(plc: Southbound, data: str) -> dict[str, Any]:
    out = {"type": plc.type.value, "name": plc.name.value, "url": plc.url.value}
    if plc.frequency.value != D.SOUTHBOUND["frequency"]:
        out["frequency"] = plc.frequency.value
    out.update({**_in_data(plc.dbms.value, data), "table": plc.table.value})
    if plc.nodes:
        out["nodes"] = [n.value for n in plc.nodes]
    out.update(_present(plc, ("user", "password")))
    return out


def _changed(section: Any, defaults: dict[str, Any]) -> dict[str, Any]:
    return {key: getattr(section, key).value for key, default in defaults.items()
            if getattr(section, key).value != default}


def _endpoint(endpoint: Endpoint, defaults: dict[str, Any], port: int | None) -> dict[str, Any]:
    out = {} if endpoint.port.value == port else {"port": endpoint.port.value}
    return {**out, **_changed(endpoint, defaults)}


def _databases(node: Node) -> dict[str, Any]:
    out: dict[str, Any] = {}
    needed = D.DATABASES_BY_TYPE.get(node.type.value, {})
    dbs = node.databases
    for role in ("almgm", "blockchain", "system_query"):
        db: Database | None = getattr(dbs, role)
        if db is None:
            continue
        base = {**D.SQL_DATABASE, **needed.get(role, {})}
        if role in needed and _sql(db, base) == {}:
            continue  # what the node type gets anyway
        out[role] = _sql(db, D.SQL_DATABASE)
    if dbs.data is not None:
        out["data"] = {"name": dbs.data.name.value, **_sql(dbs.data, D.DATA_DATABASE)}
    if dbs.blobs is not None:
        blobs = _server(dbs.blobs, D.MONGO_DATABASE)
        if dbs.data is None or dbs.blobs.name.value != dbs.data.name.value:
            blobs = {"name": dbs.blobs.name.value, **blobs}
        out["blobs"] = blobs
    return out


def _sql(db: Database, defaults: dict[str, Any]) -> dict[str, Any]:
    out = _server(db, defaults)
    if db.memory is not None and (db.type.value != "sqlite" or db.memory.value != defaults["memory"]):
        out["memory"] = db.memory.value
    return {**out, **_present(db, ("autocommit", "unlog"))}


def _server(db: Database, defaults: dict[str, Any]) -> dict[str, Any]:
    out = {} if db.type.value == defaults["type"] else {"type": db.type.value}
    server = db.type.value != "sqlite"
    for key in ("ip", "port"):
        value = getattr(db, key)
        if value is not None and not (server and value.value == defaults[key]):
            out[key] = value.value
    for key in ("user", "password"):
        value = getattr(db, key)
        if value is not None:
            out[key] = value.value
    return out


# ---------------------------------------------------------------------------- text


def yaml_text(spec: dict[str, Any], comments: dict[KeyPath, str] | None = None) -> str:
    lines = [SCHEMA_LINE["yaml"], SCHEMA_HINT]
    _yaml_dict(spec, (), 0, comments or {}, lines)
    return "\n".join(lines) + "\n"


def _comment(lines: list[str], text: str | None, indent: int) -> None:
    for line in (text or "").splitlines():
        lines.append(" " * indent + ("# " + line).rstrip())


def _yaml_dict(value: dict, path: KeyPath, indent: int, comments: dict, lines: list[str],
               first: str | None = None) -> None:
    pad = " " * indent
    for index, (key, item) in enumerate(value.items()):
        lead = first if index == 0 and first is not None else pad
        _comment(lines, comments.get(path + (key,)), indent)
        if isinstance(item, dict) and item:
            lines.append(f"{lead}{key}:")
            _yaml_dict(item, path + (key,), indent + 2, comments, lines)
        elif isinstance(item, list) and item:
            lines.append(f"{lead}{key}:")
            for number, element in enumerate(item):
                _comment(lines, comments.get(path + (key, number)), indent + 2)
                if isinstance(element, dict) and element:
                    _yaml_dict(element, path + (key, number), indent + 4, comments, lines,
                               first=" " * (indent + 2) + "- ")
                else:
                    lines.append(f"{pad}  - {_scalar(element, 'yaml')}")
        else:
            lines.append(f"{lead}{key}: {_scalar(item, 'yaml')}")


def toml_text(spec: dict[str, Any]) -> str:
    lines = [SCHEMA_LINE["toml"], SCHEMA_HINT]
    _toml_table(spec, "", lines)
    return "\n".join(lines) + "\n"


def _toml_table(value: dict, name: str, lines: list[str]) -> None:
    tables = []
    for key, item in value.items():
        if isinstance(item, dict):
            tables.append((key, item))
        elif isinstance(item, list) and item and isinstance(item[0], dict):
            tables.append((key, item))
        else:
            lines.append(f"{key} = {_scalar(item, 'toml')}")
    for key, item in tables:
        full = f"{name}.{key}" if name else key
        for element in item if isinstance(item, list) else [item]:
            # A table that only holds tables needs no header of its own (unless in an array).
            if isinstance(item, list) or not element or not all(isinstance(v, dict) for v in element.values()):
                lines.append("")
                lines.append(f"[[{full}]]" if isinstance(item, list) else f"[{full}]")
            _toml_table(element, full, lines)


def _scalar(value: Any, fmt: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v, fmt) for v in value) + "]"
    if isinstance(value, dict):
        return "{}"
    text = str(value)
    if fmt == "yaml" and _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS \
            and ": " not in text and not text.endswith(":") and not _numeric(text):
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML and TOML string


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
