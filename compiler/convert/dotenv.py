"""A docker-compose ``.env`` file of the official EdgeLake / AnyLog deployments -> spec data.

Every key is accounted for: it sets a spec field (``MAPPED``), or it is reported with its line
and the reason it is not carried over.  Passwords become references to the variable of the
same name (``$DB_PASSWD``), which the container already has, never literals in the spec.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compiler.convert import codes
from compiler.diagnostics import Diagnostic
from compiler.spec.document import KeyPath, Mark

_LINE = re.compile(r"^\s*(?:export\s+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?P<value>.*?)\s*$")
NODE_TYPES = ("operator", "master", "query", "publisher", "generic")
SECRETS = {"DB_PASSWD", "NOSQL_PASSWD", "BLOB_STORAGE_PASSWORD"}

# Features the spec format does not describe: the key prefix and what to do instead.
NOT_IN_SPECS = [
    (("MQTT_", "MSG_", "ENABLE_MQTT"), "the MQTT client: add its `run msg client` command to `commands`"),
    (("OPCUA_", "ENABLE_OPCUA", "ETHERIP_", "ENABLE_ETHERIP", "SIMULATOR_MODE"),
     "a southbound connector: add its command to `commands`"),
    (("PARTITION_", "ENABLE_PARTITIONS", "TABLE_NAME"), "partitioning: add `partition ...` to `commands`"),
    (("AGGREGATION_", "ENABLE_AGGREGATIONS"), "aggregations: add the command to `commands`"),
    (("MONITOR_NODES", "NODE_MONITORING", "STORE_MONITORING", "SYSLOG_MONITORING", "DOCKER_MONITORING"),
     "monitoring: add its scheduled commands to `commands`"),
    (("VIDEO_", "ENABLE_VIDEO", "ENABLE_DETECTIONS", "YOLO_"), "video streaming: not part of a spec"),
    (("NEBULA_", "ENABLE_NEBULA", "IS_LIGHTHOUSE", "LIGHTHOUSE_", "CIDR_OVERLAY", "OVERLAY_IP", "NIC_TYPE",
      "ENABLE_DNS", "EXTERNAL_DNS", "DNS"), "networking of the container: set the addresses in `tcp`/`rest`"),
    (("REMOTE_GUI", "ENABLE_REMOTE_GUI", "GRAFANA_URL", "REMOTE_CLI", "DISABLE_CLI"),
     "tools beside the node, not the node's configuration"),
    (("BUCKET_",), "bucket storage of blobs: not part of a spec"),
    (("LOCATION", "COUNTRY", "STATE", "CITY"), "location fields of the policy: not part of a spec"),
    (("ANYLOG_PATH", "LOCAL_SCRIPTS", "TEST_DIR", "DEPLOY_LOCAL_SCRIPT", "CONFIG_NAME", "DEPLOYMENTS_",
      "INIT_TYPE", "IMAGE", "DOCKER_SOCKET", "USER_VOLUMES", "IS_HIDDEN", "LICENSE_KEY", "DEBUG_MODE"),
     "the container's set-up, not the node's configuration"),
    (("AUTOCOMMIT", "QUERY_POOL", "WRITE_IMMEDIATE", "THRESHOLD_", "SYSTEM_QUERY_DB"),
     "a tuning setting alc's scripts leave at the node's default: add the command to `commands`"),
]


@dataclass(slots=True)
class Entry:
    key: str
    value: str
    line: int
    column: int

    @property
    def mark(self) -> Mark:
        return Mark(self.line, self.column, self.line, self.column + len(self.key))


def read(text: str) -> dict[str, Entry]:
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
        entries[found.group("key")] = Entry(found.group("key"), value, number, found.start("key") + 1)
    return entries


class Mapper:
    def __init__(self, entries: dict[str, Entry], path: str) -> None:
        self.entries = entries
        self.path = path
        self.used: set[str] = set()
        self.data: dict = {"alc": 1}
        self.marks: dict[KeyPath, Mark] = {}
        self.diagnostics: list[Diagnostic] = []

    def get(self, key: str) -> str | None:
        """A key's value (None when absent or empty); reading it accounts for it."""
        if key not in self.entries:
            return None
        self.used.add(key)
        return self.entries[key].value or None

    def flag(self, key: str) -> bool:
        return (self.get(key) or "").lower() == "true"

    def put(self, path: KeyPath, value, key: str | None) -> None:
        """Set a spec field; ``key`` is the `.env` key it comes from (None: the official default)."""
        target = self.data
        for part in path[:-1]:
            target = target[part] if isinstance(target, list) else target.setdefault(part, {})
        target[path[-1]] = value
        if key is not None:
            self.marks[path] = self.entries[key].mark

    def copy(self, key: str, path: KeyPath, kind=str) -> None:
        value = self.get(key)
        if value is None:
            return
        if kind is bool:
            self.put(path, value.lower() == "true", key)
        elif kind is int and value.isdigit():
            self.put(path, int(value), key)
        else:
            self.put(path, value, key)

    def secret(self, key: str, path: KeyPath) -> None:
        if self.get(key) is not None:
            self.put(path, f"${key}", key)
            entry = self.entries[key]
            self.diagnostics.append(codes.SECRET.at(
                self.path, entry.mark, f"`{key}` holds a password: the spec reads ${key} from the "
                "environment instead of writing it", f"keep {key} in the container's environment"))

    # ------------------------------------------------------------------ the mapping
    def run(self) -> None:
        node: KeyPath = ("nodes", 0)
        self.data["nodes"] = [{}]
        kind = (self.get("NODE_TYPE") or "generic").lower()
        kind = kind if kind in NODE_TYPES else "generic"
        self.data["nodes"][0]["type"] = kind
        if "NODE_TYPE" in self.entries:
            self.marks[node + ("type",)] = self.entries["NODE_TYPE"].mark
        self.copy("NODE_NAME", node + ("name",))
        self.data["nodes"][0].setdefault("name", f"{kind}-node")
        self.copy("COMPANY_NAME", ("company",))
        self.data.setdefault("company", "!company_name")
        self.copy("LEDGER_CONN", ("ledger",))
        self.data.setdefault("ledger", "!ledger_conn")
        self.sync()
        for prefix, service in (("TCP", "tcp"), ("REST", "rest"), ("BROKER", "broker")):
            self.endpoint(prefix, service)
        if "rest" in self.data["nodes"][0]:
            self.copy("REST_TIMEOUT", node + ("rest", "timeout"), int)
        self.databases(kind)
        if kind == "operator":
            self.operator()
        if kind == "publisher":
            if self.get("COMPRESS_FILE") is not None:
                self.copy("COMPRESS_FILE", node + ("publisher", "compress_json"), bool)
                self.copy("COMPRESS_FILE", node + ("publisher", "compress_sql"), bool)

    def sync(self) -> None:
        every = self.get("BLOCKCHAIN_SYNC")
        if every is not None:
            number, _, unit = every.partition(" ")
            unit = unit if unit.endswith("s") or number == "1" else unit + "s"
            self.put(("blockchain_sync",), f"{number} {unit}", "BLOCKCHAIN_SYNC")
        # alc's scripts sync from the master into a file: other values are reported.
        for key, written in (("BLOCKCHAIN_SOURCE", "master"), ("BLOCKCHAIN_DESTINATION", "file")):
            if (self.entries.get(key) and self.entries[key].value.lower() == written):
                self.used.add(key)

    def endpoint(self, prefix: str, service: str) -> None:
        """A service runs when it has a port; the TCP server always runs (its port may default)."""
        port_key = {"tcp": "ANYLOG_SERVER_PORT", "rest": "ANYLOG_REST_PORT", "broker": "ANYLOG_BROKER_PORT"}[service]
        at: KeyPath = ("nodes", 0, service)
        if self.get(port_key) is None and service != "tcp":
            return
        self.copy(port_key, at + ("port",), int)
        self.copy(f"{prefix}_BIND", at + ("bind",), bool)
        self.copy(f"{prefix}_THREADS", at + ("threads",), int)

    def databases(self, kind: str) -> None:
        dbs: KeyPath = ("nodes", 0, "databases")
        roles = {"operator": ("data",), "master": ("blockchain",)}.get(kind, ())
        for role in roles:
            self._sql(dbs + (role,))
        if kind == "operator":
            self.copy("DEFAULT_DBMS", dbs + ("data", "name"))
            self.data["nodes"][0].setdefault("databases", {}).setdefault("data", {}).setdefault("name", "new_company")
        if self.flag("SYSTEM_QUERY") or kind == "query":
            self.copy("MEMORY", dbs + ("system_query", "memory"), bool)
        if self.flag("BLOBS_DBMS") or self.flag("ENABLE_NOSQL") or self.flag("BLOBS_STORAGE"):
            self.blobs(dbs + ("blobs",))

    def _sql(self, at: KeyPath) -> None:
        kind = self.get("DB_TYPE") or "sqlite"
        if "DB_TYPE" in self.entries and self.entries["DB_TYPE"].value:
            self.put(at + ("type",), kind, "DB_TYPE")
        if kind == "sqlite":
            return  # no server: DB_USER, DB_IP ... are reported as not used
        self.copy("DB_IP", at + ("ip",))
        self.copy("DB_PORT", at + ("port",), int)
        self.copy("DB_USER", at + ("user",))
        self.secret("DB_PASSWD", at + ("password",))

    def blobs(self, at: KeyPath) -> None:
        for prefix in ("NOSQL", "BLOB_STORAGE"):
            self.copy(f"{prefix}_TYPE", at + ("type",))
            self.copy(f"{prefix}_IP", at + ("ip",))
            self.copy(f"{prefix}_PORT", at + ("port",), int)
            self.copy(f"{prefix}_USER", at + ("user",))
        self.secret("NOSQL_PASSWD", at + ("password",))
        self.secret("BLOB_STORAGE_PASSWORD", at + ("password",))
        archiver: KeyPath = ("nodes", 0, "blobs")
        self.copy("BLOBS_REUSE", archiver + ("reuse_blobs",), bool)
        self.copy("BLOBS_COMPRESS", archiver + ("compress",), bool)
        if (self.entries.get("BLOBS_FOLDER") and self.entries["BLOBS_FOLDER"].value.lower() in ("true", "false")):
            self.copy("BLOBS_FOLDER", archiver + ("folder",), bool)

    def operator(self) -> None:
        node: KeyPath = ("nodes", 0)
        cluster = self.get("CLUSTER_NAME")
        if cluster is not None:
            self.put(node + ("cluster",), cluster, "CLUSTER_NAME")
            self.data["clusters"] = [{"name": cluster}]
        self.copy("MEMBER", node + ("operator", "member"), int)
        self.official_operator(node + ("operator",))
        if self.flag("ENABLE_HA"):
            self.put(node + ("ha",), {}, "ENABLE_HA")
            days = self.get("START_DATE")
            if days is not None:
                self.put(node + ("ha", "start_date"), f"-{days.lstrip('-')}d" if days.lstrip("-").isdigit()
                         else days, "START_DATE")

    def official_operator(self, at: KeyPath) -> None:
        """`run operator` as the official scripts write it (set_params.al, config_policy.al):
        compress_json is COMPRESS_FILE, compress_sql always true, archive_json is ARCHIVE
        (true unless false), archive_sql false unless ARCHIVE_SQL or ARCHIVE is true (the
        node compares case-blind), and 3 threads unless OPERATOR_THREADS says otherwise."""
        key = "COMPRESS_FILE" if self.get("COMPRESS_FILE") is not None else None
        self.put(at + ("compress_json",), not self._false("COMPRESS_FILE"), key)
        key = "ARCHIVE" if self.get("ARCHIVE") is not None else None
        self.put(at + ("archive_json",), not self._false("ARCHIVE"), key)
        sql = self._true("ARCHIVE_SQL") or self._true("ARCHIVE")
        self.put(at + ("archive_sql",), sql, "ARCHIVE_SQL" if self.get("ARCHIVE_SQL") is not None else key)
        threads = self.get("OPERATOR_THREADS")
        if threads is not None and threads.isdigit():
            self.put(at + ("threads",), max(int(threads), 1), "OPERATOR_THREADS")
        else:
            self.put(at + ("threads",), 3, None)

    def _false(self, key: str) -> bool:
        return (self.get(key) or "").lower() == "false"

    def _true(self, key: str) -> bool:
        return (self.get(key) or "").lower() == "true"

    def report_the_rest(self, kind: str = "") -> None:
        for key, entry in self.entries.items():
            if key not in self.used:
                self.diagnostics.append(codes.ENV_KEY.at(self.path, entry.mark,
                                                         f"`{key}` is not carried over: {_reason(key, entry, kind)}"))


def _reason(key: str, entry: Entry, kind: str = "") -> str:
    for prefixes, reason in NOT_IN_SPECS:
        if key.startswith(prefixes):
            return reason
    if key.startswith(("DB_", "NOSQL_", "BLOB", "MEMORY", "SYSTEM_QUERY")):
        return "the database it configures is not in use with these settings"
    if key in ("BLOCKCHAIN_SOURCE", "BLOCKCHAIN_DESTINATION"):
        return f"alc's scripts sync from the master into a file, not `{entry.value}`"
    if key == "START_DATE" and kind == "operator":
        return "the start date of high availability, which is off (`ENABLE_HA` is not true)"
    if key.startswith(("ENABLE_HA", "START_DATE", "MEMBER", "OPERATOR_THREADS", "CLUSTER_NAME", "DEFAULT_DBMS",
                       "COMPRESS_FILE", "ARCHIVE")):
        return "an operator setting, and this node is not an operator"
    if key.endswith(("_BIND", "_THREADS", "_TIMEOUT")):
        return "its service has no port here, so the node does not run it"
    return "no spec field holds it"


def mapped(text: str, path: str) -> tuple[dict, dict[KeyPath, Mark], list[Diagnostic]]:
    mapper = Mapper(read(text), path)
    mapper.run()
    mapper.report_the_rest(mapper.data["nodes"][0]["type"])
    return mapper.data, mapper.marks, mapper.diagnostics
