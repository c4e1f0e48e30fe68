"""The official configuration files (docker compose ``.env``) of EdgeLake / AnyLog -> spec data.

Reading follows ``compiler/official/keys.py``, the one table of the official keys: each key sets
a typed spec field, a field of the node's ``container`` section, an entry of ``container.env``
(the keys no official script applies, when not at their default), or is the switch of a
feature.  Several files are read as the official deployment loads them (EdgeLake's
``base_configs.env`` then ``advance_configs.env``, a later key overriding an earlier one).

Nothing is dropped silently.  A feature that is off, or that the official scripts do not run
for this node type, is reported once with every key of it; a key the spec holds in
``container.env`` is reported with the reason no script applies it.  Values that are empty take
the official scripts' default (``set_params.al``: an empty ``MQTT_USER`` means ``anyloguser``).
Secrets become references to the variable of the same name (``$DB_PASSWD``), never literals.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from compiler.convert import codes
from compiler.diagnostics import Diagnostic
from compiler.ir import defaults as D
from compiler.ir.model import AUTO, LOCATION_FIELDS
from compiler.official.keys import (BY_NAME, CONTAINER, CONVERTERS, DERIVED, ENV, FEATURES, SECRETS, SPEC, Key)
from compiler.official.addresses import service_addresses
from compiler.spec.document import KeyPath, Mark

_LINE = re.compile(r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>.*?)\s*$")
_REFERENCE = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")
NODE_TYPES = ("operator", "master", "query", "publisher", "generic")
LOCAL_SCRIPT = "node-deployment/local_script.al"
# The order the official deployment loads a folder's files in (the later overriding).
FILE_ORDER = ("base_configs.env", "advance_configs.env", "node_configs.env")
# Keys only one platform's official files have: they tell a lone file's platform.
EDGELAKE_ONLY = ("MONITOR_NODES", "ENABLE_NOSQL", "ENABLE_NEBULA", "DISABLE_CLI", "REMOTE_CLI")
ANYLOG_ONLY = ("LICENSE_KEY", "IS_HIDDEN", "INIT_TYPE", "NODE_MONITORING", "BLOBS_STORAGE")


@dataclass(slots=True)
class Entry:
    key: str
    value: str
    line: int
    column: int
    path: str = ""

    @property
    def mark(self) -> Mark:
        return Mark(self.line, self.column, self.line, self.column + len(self.key))


def read(text: str, path: str = "") -> dict[str, Entry]:
    """KEY=VALUE lines; quotes around a value removed; a key given twice: the last one wins."""
    entries: dict[str, Entry] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        found = _LINE.match(line)
        if found is None:
            continue
        value = found.group("value")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        entries[found.group("key")] = Entry(found.group("key"), value, number, found.start("key") + 1, path)
    return entries


def ordered(names: list[str]) -> list[str]:
    """A folder's ``.env`` files in the order the official deployment loads them."""
    def rank(name: str) -> tuple[int, str]:
        base = os.path.basename(name)
        return (FILE_ORDER.index(base) if base in FILE_ORDER else len(FILE_ORDER), base)
    return sorted(names, key=rank)


def platform_of(paths: list[str], entries: dict[str, Entry]) -> str | None:
    """The platform the files come from: EdgeLake's pair of files, AnyLog's one file, or the
    keys only one platform's files have."""
    names = {os.path.basename(p) for p in paths}
    if names & {"base_configs.env", "advance_configs.env"}:
        return "edgelake"
    if "node_configs.env" in names:
        return "anylog"
    edgelake = any(k in entries for k in EDGELAKE_ONLY)
    anylog = any(k in entries for k in ANYLOG_ONLY)
    if edgelake != anylog:
        return "edgelake" if edgelake else "anylog"
    return None


@dataclass(slots=True)
class Result:
    data: dict
    marks: dict[KeyPath, tuple[str, Mark]] = field(default_factory=dict)  # spec path -> (file, mark)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    accounted: dict[str, str] = field(default_factory=dict)  # key -> spec, container, env, default, off


class Mapper:
    def __init__(self, entries: dict[str, Entry], paths: list[str]) -> None:
        self.entries = entries
        self.paths = paths
        self.out = Result({"alc": 1})
        self.node: dict = {}
        self.kind = "generic"
        self.platform: str | None = None
        self.secrets: set[str] = set()  # reported once each

    # -------------------------------------------------------------- helpers
    def raw(self, name: str) -> str:
        entry = self.entries.get(name)
        return "" if entry is None else entry.value.strip()

    def value(self, name: str):
        """The key's spec value: its text converted, or the scripts' default when empty (None
        when there is neither)."""
        key = BY_NAME[name]
        text = self.raw(name)
        if text == "":
            if key.script_default is None:
                return None
            return CONVERTERS[key.kind][0](key.script_default)
        reference = _REFERENCE.match(text)
        if reference:  # `${DB_PASSWD}`: a variable of the container's environment, as written
            return "$" + reference.group(1)
        if name in SECRETS:
            return f"${name}"
        return CONVERTERS[key.kind][0](text)

    def on(self, name: str, default: bool = False) -> bool:
        text = self.raw(name).lower()
        return default if text == "" else text == "true"

    def put(self, path: KeyPath, item, name: str | None) -> None:
        target = self.out.data
        for part, following in zip(path[:-1], path[1:]):
            if isinstance(part, int):
                while len(target) <= part:
                    target.append({})
                target = target[part]
            else:
                target = target.setdefault(part, [] if isinstance(following, int) else {})
        if isinstance(path[-1], int):
            while len(target) <= path[-1]:
                target.append({})
        target[path[-1]] = item
        if name is not None and name in self.entries:
            entry = self.entries[name]
            self.out.marks[path] = (entry.path, entry.mark)

    def carry(self, name: str, path: KeyPath, how: str = SPEC) -> None:
        """Put the key's value (or the scripts' default) at ``path``; a secret is reported."""
        found = self.value(name)
        if name not in self.entries:
            return
        self.out.accounted[name] = how
        if found is None:
            return
        self.put(path, found, name)
        if name in SECRETS and self.raw(name) and not _REFERENCE.match(self.raw(name)) and name not in self.secrets:
            self.secrets.add(name)
            entry = self.entries[name]
            self.out.diagnostics.append(codes.SECRET.at(
                entry.path, entry.mark, f"`{name}` holds a secret: the spec reads ${name} from the "
                "environment instead of writing it", f"keep {name} in the container's environment"))

    def account(self, name: str, how: str) -> None:
        if name in self.entries:
            self.out.accounted[name] = how

    def off(self, feature: str, why: str, names: list[str]) -> None:
        """One report for a feature whose keys are not carried (the switch's line, or the first)."""
        present = [n for n in names if n in self.entries]
        if not present:
            return
        for name in present:
            self.out.accounted[name] = "off"
        first = min((self.entries[n] for n in present), key=lambda e: (self.paths.index(e.path)
                                                                      if e.path in self.paths else 0, e.line))
        switch = FEATURES[feature].switch
        at = self.entries[switch] if switch in self.entries else first
        listed = ", ".join(n for n in present if n != switch or len(present) == 1)
        present = [n for n in present if n != switch] or present
        self.out.diagnostics.append(codes.ENV_KEY.at(
            at.path, at.mark, f"{FEATURES[feature].what} is not carried over: {why} "
            f"({len(present)} key{'s' if len(present) != 1 else ''}: {listed})"))

    def feature_keys(self, feature: str) -> list[str]:
        return [k.name for k in BY_NAME.values() if k.feature == feature and k.name != FEATURES[feature].switch] + \
            ([FEATURES[feature].switch] if FEATURES[feature].switch in BY_NAME else [])

    # -------------------------------------------------------------- the mapping
    def run(self) -> Result:
        self.platform = platform_of(self.paths, self.entries)
        if self.platform is not None:
            self.out.data["platform"] = self.platform
        self.general()
        self.services()
        self.databases()
        self.blockchain()
        self.operator()
        self.ingest()
        self.mqtt()
        self.monitoring()
        self.container()
        self.unknown()
        return self.out

    def general(self) -> None:
        node: KeyPath = ("nodes", 0)
        self.out.data["nodes"] = [self.node]
        kind = (self.value("NODE_TYPE") or "generic") if "NODE_TYPE" in self.entries else "generic"
        self.account("NODE_TYPE", SPEC)
        if kind not in NODE_TYPES:
            entry = self.entries["NODE_TYPE"]
            self.out.diagnostics.append(codes.NOT_CARRIED.at(
                entry.path, entry.mark, f"NODE_TYPE={entry.value} is no node type a spec knows: read as generic"))
            kind = "generic"
        # master-operator / master-publisher: an operator / publisher that keeps the ledger's
        # database, its own address as the ledger (databases() and the ledger below), as
        # set_params.al's master_configs makes it (--target compose writes it back so)
        self.kind = kind
        self.put(node + ("type",), kind, "NODE_TYPE")
        self.carry("NODE_NAME", node + ("name",))
        self.node.setdefault("name", f"{kind}-node")
        if self.platform == "anylog":  # no key: the official AnyLog main.al turns it off on every node
            self.put(node + ("authentication",), False, None)
        self.carry("COMPANY_NAME", ("company",))
        self.out.data.setdefault("company", "New Company")
        if kind != "operator":
            self.carry("IS_HIDDEN", node + ("hidden",))
        elif "IS_HIDDEN" in self.entries:
            self.account("IS_HIDDEN", "default" if not self.on("IS_HIDDEN") else "off")
            if self.on("IS_HIDDEN"):
                self.off_one("IS_HIDDEN", "an operator always publishes its policy")
        places = ["LOCATION", "COUNTRY", "STATE", "CITY"]
        hidden = kind != "operator" and self.on("IS_HIDDEN")
        if kind == "generic" or hidden:
            self.off("location", f"a {'hidden' if hidden else 'generic'} node publishes no policy to hold it", places)
        else:
            # The official scripts put the machine's name in every node policy, and look up each
            # location field whose key is empty (node_policy.al, set_params.al): `auto`.
            self.put(node + ("hostname",), AUTO, None)
            for name, attr in zip(places, LOCATION_FIELDS):
                self.put(node + ("location", attr), AUTO, None)
                self.carry(name, node + ("location", attr))
            if self.node["location"] == dict.fromkeys(LOCATION_FIELDS, AUTO):
                self.node["location"] = AUTO
        if self.on("DEPLOY_LOCAL_SCRIPT"):
            home = self.raw("LOCAL_SCRIPTS") or BY_NAME["LOCAL_SCRIPTS"].default
            self.put(node + ("local_scripts",), [f"{home.rstrip('/')}/{LOCAL_SCRIPT}"], "DEPLOY_LOCAL_SCRIPT")
        self.account("DEPLOY_LOCAL_SCRIPT", DERIVED)
        if self.raw("LICENSE_KEY") and self.platform == "edgelake":
            self.off_one("LICENSE_KEY", "EdgeLake takes no license")
        elif self.raw("LICENSE_KEY") or self.platform == "anylog":
            self.carry("LICENSE_KEY", node + ("license_key",))  # empty: `auto`, the ledger's policy
        else:
            self.account("LICENSE_KEY", "default")  # empty, and not AnyLog's: no license flow

    def off_one(self, name: str, why: str) -> None:
        entry = self.entries[name]
        self.out.accounted[name] = "off"
        self.out.diagnostics.append(codes.ENV_KEY.at(entry.path, entry.mark, f"`{name}` is not carried over: {why}"))

    def services(self) -> None:
        node: KeyPath = ("nodes", 0)
        tcp_port, rest_port = D.PORTS_BY_TYPE[self.kind]
        self.put(node + ("tcp", "port"), tcp_port, None)
        self.carry("ANYLOG_SERVER_PORT", node + ("tcp", "port"))
        self.carry("TCP_BIND", node + ("tcp", "bind"))
        self.carry("TCP_THREADS", node + ("tcp", "threads"))
        # The official scripts always start REST, on the type's port unless one is given.
        self.put(node + ("rest", "port"), rest_port, None)
        self.carry("ANYLOG_REST_PORT", node + ("rest", "port"))
        self.carry("REST_BIND", node + ("rest", "bind"))
        self.carry("REST_THREADS", node + ("rest", "threads"))
        if self.raw("ANYLOG_BROKER_PORT"):
            self.carry("ANYLOG_BROKER_PORT", node + ("broker", "port"))
            self.carry("BROKER_BIND", node + ("broker", "bind"))
        else:
            self.account("ANYLOG_BROKER_PORT", "default")
            self.off("broker", "ANYLOG_BROKER_PORT is empty, so the node runs no message broker", ["BROKER_BIND"])
        self.carry("NIC_TYPE", node + ("networking", "nic"))
        if self.raw("NIC_TYPE") and self.raw("OVERLAY_IP"):
            self.off_one("OVERLAY_IP", "NIC_TYPE is set, and the official scripts then ignore OVERLAY_IP")
        else:
            self.carry("OVERLAY_IP", node + ("networking", "overlay_ip"))
        if self.on("ENABLE_DNS"):
            self.account("ENABLE_DNS", DERIVED)
            self.carry("EXTERNAL_DNS", node + ("networking", "external_dns"))
            self.carry("DNS", node + ("networking", "local_dns"))
        elif self.raw("DNS") or self.raw("DNS_DOMAIN"):
            # config_policy_networking.al reads DNS / DNS_DOMAIN without ENABLE_DNS: the TCP server
            # listens on that name while the node's policy announces its address: no spec says both
            self.off("dns", "ENABLE_DNS is not true; yet the official config policy makes the TCP server "
                     "listen on the DNS name while the node's policy announces its own address, which a spec "
                     "cannot say (set ENABLE_DNS=true, or leave DNS and DNS_DOMAIN empty)",
                     ["ENABLE_DNS", "EXTERNAL_DNS", "DNS", "DNS_DOMAIN"])
        else:
            self.off("dns", "ENABLE_DNS is not true", ["ENABLE_DNS", "EXTERNAL_DNS", "DNS", "DNS_DOMAIN"])
        # The addresses `config from policy` starts the servers on (compiler/official/addresses.py)
        dns = self.on("ENABLE_DNS")
        addresses = service_addresses(
            dns=dns and bool(self.raw("EXTERNAL_DNS")), local_dns=dns and bool(self.raw("DNS")),
            overlay=not self.raw("NIC_TYPE") and bool(self.raw("OVERLAY_IP")),
            bind={service: self.on(f"{service.upper()}_BIND") for service in ("tcp", "rest", "broker")})
        for service in ("tcp", "rest", "broker") if self.raw("ANYLOG_BROKER_PORT") else ("tcp", "rest"):
            # the spec's networking names these addresses by value (alc's build writes the variable)
            named = {"!external_dns": self.raw("EXTERNAL_DNS"), "!dns": self.raw("DNS"),
                     "!overlay_ip": self.raw("OVERLAY_IP")}
            external, internal = (named.get(a) or a for a in addresses[service])
            self.put(node + (service, "external_ip"), external, None)
            if service == "tcp" or self.on(f"{service.upper()}_BIND"):
                # an unbound REST server or broker listens on every interface: the address it
                # is given to listen on changes nothing (the scripts route leaves it out too)
                self.put(node + (service, "internal_ip"), internal, None)

    def databases(self) -> None:
        dbs: KeyPath = ("nodes", 0, "databases")
        roles = {"operator": ("almgm", "data"), "master": ("blockchain",), "publisher": ("almgm",)}.get(self.kind, ())
        if self.raw("NODE_TYPE").lower() in ("master-operator", "master-publisher"):
            roles += ("blockchain",)  # deploy_database.al: a node with the master's configs keeps the ledger
        psql = self.raw("DB_TYPE").lower() == "psql"
        if self.kind == "operator":
            name = self.raw("DEFAULT_DBMS") or _name_of(self.out.data["company"])
            self.put(dbs + ("data", "name"), name, "DEFAULT_DBMS" if self.raw("DEFAULT_DBMS") else None)
            self.account("DEFAULT_DBMS", SPEC)
        for role in roles:
            if self.raw("DB_TYPE"):
                self.carry("DB_TYPE", dbs + (role, "type"))
            elif role == "blockchain" and self.kind != "master":  # the master's own ledger, on the default
                self.put(dbs + (role, "type"), "sqlite", None)
            if psql:
                for name, attr in (("DB_IP", "ip"), ("DB_PORT", "port"), ("DB_USER", "user"), ("DB_PASSWD", "password")):
                    self.carry(name, dbs + (role, attr))
        if not roles:
            self.account("DB_TYPE", "default" if not psql else "off")
            if psql:
                self.off_one("DB_TYPE", f"a {self.kind} node keeps no data in it (SYSTEM_QUERY_DB picks the "
                                        "system_query database's type)")
        if not psql:
            self.off("sql_server", "DB_TYPE is not psql", ["DB_IP", "DB_PORT", "DB_USER", "DB_PASSWD"])
        self.system_query(dbs)
        self.blobs(dbs)

    def system_query(self, dbs: KeyPath) -> None:
        names = ["SYSTEM_QUERY_DB", "MEMORY", "AUTOCOMMIT"]
        if self.kind != "query" and not self.on("SYSTEM_QUERY"):
            self.account("SYSTEM_QUERY", DERIVED)
            self.off("system_query", "SYSTEM_QUERY is not true", names)
            return
        self.account("SYSTEM_QUERY", DERIVED)
        at = dbs + ("system_query",)
        kind = (self.raw("SYSTEM_QUERY_DB") or "sqlite").lower()
        self.put(at + ("type",), kind if kind in ("sqlite", "psql") else "sqlite", "SYSTEM_QUERY_DB")
        self.account("SYSTEM_QUERY_DB", SPEC)
        if kind == "psql":
            for name, attr in (("DB_IP", "ip"), ("DB_PORT", "port"), ("DB_USER", "user"), ("DB_PASSWD", "password")):
                self.carry(name, at + (attr,))
            self.carry("AUTOCOMMIT", at + ("autocommit",))
            self.carry("MEMORY", at + ("unlog",))
        else:
            self.carry("MEMORY", at + ("memory",))
            if "AUTOCOMMIT" in self.entries:
                self.off_one("AUTOCOMMIT", "it applies to a PostgreSQL system_query only")

    def blobs(self, dbs: KeyPath) -> None:
        archiver = ["BLOBS_REUSE", "BLOBS_COMPRESS", "BLOBS_FOLDER", "BLOBS_STORAGE"]
        storage = ["BLOB_STORAGE_TYPE", "BLOB_STORAGE_IP", "BLOB_STORAGE_PORT", "BLOB_STORAGE_USER",
                   "BLOB_STORAGE_PASSWORD"]
        if self.kind != "operator":
            self.off("blobs", f"the official scripts run the blobs archiver on operators only, not on a {self.kind}",
                     archiver + storage)
            return
        at: KeyPath = ("nodes", 0, "blobs")
        stored = self.on("BLOBS_STORAGE") and (self.raw("BLOB_STORAGE_TYPE") or "mongo").lower() == "mongo"
        self.account("BLOBS_STORAGE", DERIVED)
        self.carry("BLOBS_REUSE", at + ("reuse_blobs",))
        self.carry("BLOBS_COMPRESS", at + ("compress",))
        folder = self.raw("BLOBS_FOLDER").lower()
        self.put(at + ("folder",), folder == "true" if folder in ("true", "false") else not stored,
                 "BLOBS_FOLDER" if folder in ("true", "false") else None)
        self.account("BLOBS_FOLDER", SPEC)
        if not stored:
            why = ("BLOB_STORAGE_TYPE is not mongo (S3 and Akave buckets are not in a spec)" if self.on("BLOBS_STORAGE")
                   else "BLOBS_STORAGE is not true")
            self.off("blob_storage", why, storage)
            return
        for name, attr in (("BLOB_STORAGE_TYPE", "type"), ("BLOB_STORAGE_IP", "ip"), ("BLOB_STORAGE_PORT", "port"),
                           ("BLOB_STORAGE_USER", "user"), ("BLOB_STORAGE_PASSWORD", "password")):
            self.carry(name, dbs + ("blobs", attr))

    def blockchain(self) -> None:
        if self.kind == "generic" and "BLOCKCHAIN_SYNC" in self.entries:
            # config_policy.al: a generic node's config runs no connect_blockchain.al
            if self.raw("BLOCKCHAIN_SYNC") in ("", BY_NAME["BLOCKCHAIN_SYNC"].default):
                self.account("BLOCKCHAIN_SYNC", "default")
            else:
                self.off_one("BLOCKCHAIN_SYNC", "a generic node runs no blockchain sync in the official scripts")
        else:
            self.carry("BLOCKCHAIN_SYNC", ("blockchain_sync",))
        source = self.raw("BLOCKCHAIN_SOURCE").lower()
        if source in ("", "master"):
            self.account("BLOCKCHAIN_SOURCE", SPEC)
        else:
            self.keep("BLOCKCHAIN_SOURCE", f"the metadata from `{source}`, a blockchain platform: alc writes "
                                           "the master's sync only")
        self.carry("LEDGER_CONN", ("ledger",))
        ledger = self.raw("LEDGER_CONN")
        if "LEDGER_CONN" in self.entries and (ledger == "" or ledger.split(":")[0] == "127.0.0.1"):
            self.out.data["ledger"] = self.own_ledger()
        self.out.data.setdefault("ledger", "!ledger_conn")

    def own_ledger(self) -> str:
        """The ledger the official scripts use for an empty or 127.0.0.1 LEDGER_CONN
        (set_params.al): the node's own address (DNS name, overlay ip, else ip), at its TCP port
        on a master, else at 32048."""
        master = self.raw("NODE_TYPE").lower() in ("master", "master-operator", "master-publisher")
        port = (self.value("ANYLOG_SERVER_PORT") or 32048) if master else 32048
        if self.on("ENABLE_DNS"):
            address = "external_dns"
        elif not self.raw("NIC_TYPE") and self.raw("OVERLAY_IP"):
            address = "overlay_ip"
        else:
            address = "ip"
        return f"!{address}:{port}"

    def operator(self) -> None:
        node: KeyPath = ("nodes", 0)
        names = ["CLUSTER_NAME", "MEMBER", "IS_MAIN", "OPERATOR_THREADS", "DEFAULT_DBMS"]
        partitions = ["ENABLE_PARTITIONS", "TABLE_NAME", "PARTITION_COLUMN", "PARTITION_INTERVAL", "PARTITION_KEEP",
                      "PARTITION_SYNC"]
        if self.kind != "operator":
            self.off("operator", f"a {self.kind} node runs no operator", names)
            self.off("partitions", f"a {self.kind} node keeps no data to partition", partitions)
            self.off("ha", f"a {self.kind} node takes no part in high availability", ["ENABLE_HA", "START_DATE"])
            return
        cluster = self.raw("CLUSTER_NAME") or f"{_name_of(self.out.data['company'])}-cluster"
        self.put(node + ("cluster",), cluster, "CLUSTER_NAME" if self.raw("CLUSTER_NAME") else None)
        self.out.data["clusters"] = [{"name": cluster}]
        self.account("CLUSTER_NAME", SPEC)
        self.carry("MEMBER", node + ("operator", "member"))
        # node_policy.al decides `main` when the node starts (the first operator of its cluster)
        self.put(node + ("operator", "main"), AUTO, None)
        self.carry("IS_MAIN", node + ("operator", "main"))
        self.carry("OPERATOR_THREADS", node + ("operator", "threads"))
        if self.on("ENABLE_PARTITIONS", default=True):
            self.account("ENABLE_PARTITIONS", DERIVED)
            at = node + ("partitions", 0)
            for name, attr in (("TABLE_NAME", "table"), ("PARTITION_COLUMN", "column"),
                               ("PARTITION_INTERVAL", "interval"), ("PARTITION_KEEP", "keep"),
                               ("PARTITION_SYNC", "check_every")):
                self.put(at + (attr,), D.PARTITION[attr], None)
                self.carry(name, at + (attr,))
        else:
            self.off("partitions", "ENABLE_PARTITIONS is false", partitions)
        if self.on("ENABLE_HA") and self.platform != "edgelake":
            self.account("ENABLE_HA", DERIVED)
            self.put(node + ("ha", "start_date"), D.HA["start_date"], "ENABLE_HA")
            self.carry("START_DATE", node + ("ha", "start_date"))
        else:
            why = "EdgeLake has no high availability" if self.on("ENABLE_HA") else "ENABLE_HA is not true"
            self.off("ha", why, ["ENABLE_HA", "START_DATE"])

    def ingest(self) -> None:
        node: KeyPath = ("nodes", 0)
        names = ["COMPRESS_FILE", "WRITE_IMMEDIATE", "THRESHOLD_TIME", "THRESHOLD_VOLUME"]
        if self.kind not in ("operator", "publisher"):
            self.off("ingest", f"a {self.kind} node ingests no data", names)
            return
        self.carry("COMPRESS_FILE", node + (self.kind, "compress_json"))
        if self.kind == "publisher":  # `run publisher ... compress_sql = !compress_file`
            self.carry("COMPRESS_FILE", node + (self.kind, "compress_sql"))
        if self.kind == "publisher" and "WRITE_IMMEDIATE" in self.entries:
            # config_policy.al: a publisher's buffer is `write_immediate=false`, whatever the key says
            self.off_one("WRITE_IMMEDIATE", "the official publisher sets its buffer with write_immediate=false "
                                            "whatever this key says (a publisher's default)")
        else:
            self.carry("WRITE_IMMEDIATE", node + ("buffer", "write_immediate"))
        self.carry("THRESHOLD_TIME", node + ("buffer", "time"))
        self.carry("THRESHOLD_VOLUME", node + ("buffer", "volume"))

    def mqtt(self) -> None:
        names = self.feature_keys("mqtt")
        if not self.on("ENABLE_MQTT"):
            self.off("mqtt", "ENABLE_MQTT is not true", names)
            return
        if self.kind not in FEATURES["mqtt"].types:
            self.off("mqtt", f"the official scripts start the MQTT client on operators and publishers only, "
                             f"not on a {self.kind}", names)
            return
        self.account("ENABLE_MQTT", DERIVED)
        client: KeyPath = ("nodes", 0, "message_clients", 0)
        topic = client + ("topics", 0)
        for name, path in (("MQTT_BROKER", client + ("broker",)), ("MQTT_USER", client + ("user",)),
                           ("MQTT_PASSWD", client + ("password",)), ("MQTT_LOG", client + ("log",)),
                           ("MSG_TOPIC", topic + ("name",)), ("MSG_TABLE", topic + ("table",))):
            self.carry(name, path)
        if "broker" not in self.node["message_clients"][0]:
            self.put(client + ("broker",), BY_NAME["MQTT_BROKER"].script_default, None)
        broker = self.node["message_clients"][0]["broker"]
        if broker in ("local", "rest"):
            if self.raw("MQTT_PORT") not in ("", BY_NAME["MQTT_PORT"].default):
                self.off_one("MQTT_PORT", f"a client on `{broker}` uses the node's own service, not a port")
            self.account("MQTT_PORT", "default")
        else:
            self.carry("MQTT_PORT", client + ("port",))
        # The scripts send the topic to DEFAULT_DBMS when it is set, else to MSG_DBMS: for an
        # operator that is its data database, the topic's default.
        chosen = "DEFAULT_DBMS" if self.raw("DEFAULT_DBMS") else "MSG_DBMS"
        dbms = self.raw(chosen) or BY_NAME["MSG_DBMS"].script_default
        if chosen == "DEFAULT_DBMS":
            self.account("MSG_DBMS", "default")
            if self.raw("MSG_DBMS") and self.raw("MSG_DBMS") != dbms:
                self.off_one("MSG_DBMS", f"the official scripts send the topic to DEFAULT_DBMS ({dbms}) when it is set")
        else:
            self.account("MSG_DBMS", SPEC)
        if self.kind != "operator":
            self.account("DEFAULT_DBMS", SPEC if chosen == "DEFAULT_DBMS" else self.out.accounted.get("DEFAULT_DBMS", "off"))
        if self.kind != "operator" or dbms != self.node["databases"]["data"]["name"]:
            self.put(topic + ("dbms",), dbms, chosen if self.raw(chosen) else None)
        self.put(topic + ("columns",), [{"name": "timestamp", "type": "timestamp"}, {"name": "value"}], None)
        self.put(topic + ("columns", 0, "value"), BY_NAME["MSG_TIMESTAMP_COLUMN"].script_default, None)
        self.carry("MSG_TIMESTAMP_COLUMN", topic + ("columns", 0, "value"))
        self.put(topic + ("columns", 1, "type"), BY_NAME["MSG_VALUE_COLUMN_TYPE"].script_default, None)
        self.carry("MSG_VALUE_COLUMN_TYPE", topic + ("columns", 1, "type"))
        self.put(topic + ("columns", 1, "value"), BY_NAME["MSG_VALUE_COLUMN"].script_default, None)
        self.carry("MSG_VALUE_COLUMN", topic + ("columns", 1, "value"))

    def monitoring(self) -> None:
        names = ["NODE_MONITORING", "STORE_MONITORING", "SYSLOG_MONITORING", "DOCKER_MONITORING", "DOCKER_FREQUENCY"]
        flags = {name: self.on(name) for name in names[:4]}
        if not any(flags[n] for n in ("NODE_MONITORING", "SYSLOG_MONITORING", "DOCKER_MONITORING")):
            why = ("none of NODE_MONITORING, SYSLOG_MONITORING and DOCKER_MONITORING is true "
                   "(STORE_MONITORING alone starts nothing)")
            self.off("monitoring", why, names)
            return
        if self.kind != "operator":
            self.off("monitoring", f"the official scripts deploy monitoring on operators only, not on a {self.kind}",
                     names)
            return
        at: KeyPath = ("nodes", 0, "monitoring")
        for name, attr in zip(names, ("node", "store", "syslog", "docker", "docker_frequency")):
            self.carry(name, at + (attr,))

    def container(self) -> None:
        """Container settings into the node's `container`; the keys no script applies, when
        not at their default, into its `container.env`."""
        at: KeyPath = ("nodes", 0, "container")
        for key in BY_NAME.values():
            if key.name not in self.entries or key.name in self.out.accounted:
                continue
            if key.target == CONTAINER:
                text = self.raw(key.name)
                if text == key.default or text == "":
                    self.account(key.name, "default")
                    continue
                self.carry(key.name, at + tuple(key.path.split(".")[1:]), CONTAINER)
            elif key.target == ENV:
                self.keep(key.name, key.note)
            elif key.target == DERIVED:
                self.account(key.name, DERIVED)
            else:
                self.account(key.name, "default")

    def keep(self, name: str, why: str) -> None:
        """A key no official script applies: kept as it is in `container.env` when it is not at
        the official default, and reported with the reason."""
        key, text = BY_NAME[name], self.raw(name)
        if text == key.default or text == "":  # empty: the scripts' own default
            self.account(name, "default")
            return
        entry = self.entries[name]
        kept = f"${name}" if name in SECRETS else self.entries[name].value
        self.put(("nodes", 0, "container", "env", name), kept, name)
        self.account(name, ENV)
        self.out.diagnostics.append(codes.ENV_KEY.at(
            entry.path, entry.mark, f"`{name}` is kept in the node's container.env, not in its script: {why}"))

    def unknown(self) -> None:
        for name, entry in self.entries.items():
            if name in BY_NAME:
                continue
            self.put(("nodes", 0, "container", "env", name), f"${name}" if "PASS" in name else entry.value, name)
            self.account(name, ENV)
            self.out.diagnostics.append(codes.ENV_KEY.at(
                entry.path, entry.mark, f"`{name}` is no key of the official files: kept in the node's "
                "container.env, not in its script"))


def _name_of(company: str) -> str:
    """``!company_name.name``: the company as the scripts name its database."""
    return re.sub(r"[^a-z0-9_]", "_", company.strip().lower().replace(" ", "_")) or "new_company"


def mapped_files(files: list[tuple[str, str]]) -> Result:
    """Official ``.env`` files, in the order given (a later key overrides), -> spec data."""
    entries: dict[str, Entry] = {}
    for path, text in files:
        entries.update(read(text, path))
    result = Mapper(entries, [path for path, _ in files]).run()
    missing = [name for name in entries if name not in result.accounted]
    assert not missing, missing  # every key is accounted for (a test holds the table to it)
    return result


def mapped(text: str, path: str) -> tuple[dict, dict[KeyPath, Mark], list[Diagnostic]]:
    """One file (the old interface): the marks are of that file."""
    result = mapped_files([(path, text)])
    return result.data, {k: mark for k, (_, mark) in result.marks.items()}, result.diagnostics
