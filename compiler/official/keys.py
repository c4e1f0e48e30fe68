"""THE table of official ``.env`` keys (EdgeLake/docker-compose ``docker-makefiles/*-configs``,
AnyLog-co/docker-compose ``docker-makefiles/anylog-*/node_configs.env``), as data.

Each :class:`Key` says what the key becomes in a spec:

``spec``
    a typed spec field (``path``, with ``nodes[0]`` the node of the file);
``container``
    a field of the node's ``container`` section: only the container's business (paths, image,
    CLI, Remote-CLI/GUI, Nebula), never written into a script;
``env``
    kept as it is in the node's ``container.env`` when it differs from the official default:
    no official node-deployment script applies it (the note says why), so alc's build does not
    either, and the compose files still get it;
``derived``
    its value follows from the spec's sections (``ENABLE_MQTT`` is "the node has a message
    client"): convert reads it as the switch of its ``feature``, the writer computes it.

``kind`` names the value converters (``CONVERTERS``: env text -> spec value, spec value -> env
text in the official form).  ``feature`` names the switch that turns the key on (``FEATURES``):
a key whose feature is off, or does not apply to the node's type, is not carried and is reported
once for the whole feature.  ``default`` is the value of the official files (the form they write
it in); ``script_default`` the value the official scripts use when the key is empty, where that
differs.  ``LAYOUTS`` gives, for each platform and node type, the official files, their section
headings and their keys in order; a key's files, sections and platforms come from there.

No key says AnyLog's authentication: the official AnyLog ``main.al`` runs ``set authentication
off`` on every node, so ``alc convert`` gives every AnyLog file's node ``authentication: false``
(``compiler/convert/dotenv.py``), and a spec that says otherwise (or nothing) is reported as
differing from its official files (``compiler/emit/deploy.py`` ``unsaid``).

Every ``note`` was checked against how ``node-deployment/set_params.al`` (EdgeLake and AnyLog
deployment-scripts, which the container runs with these keys as ``$VARIABLES``) uses the key,
and against the step of ``compiler/emit/script.py`` that writes the spec field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

SPEC, CONTAINER, ENV, DERIVED = "spec", "container", "env", "derived"


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    target: str  # SPEC, CONTAINER, ENV or DERIVED
    path: str  # the spec path (SPEC, CONTAINER), or what the value follows from (DERIVED)
    kind: str  # a CONVERTERS name
    default: str  # the official files' value
    feature: str | None = None  # a FEATURES name
    note: str = ""
    script_default: str | None = None  # what the scripts use when the key is empty


@dataclass(frozen=True, slots=True)
class Feature:
    """A group of keys that one switch turns on, for some node types only."""

    name: str
    what: str  # how a report names it
    switch: str | None  # the key that turns it on (None: always on for `types`)
    types: tuple[str, ...]  # node types the official scripts apply it to
    on_by_default: bool = False  # the scripts' value when the switch is empty


# ---------------------------------------------------------------- value converters

def _bool(text: str) -> bool:
    return text.strip().lower() == "true"


def _int(text: str) -> int | str:
    text = text.strip()
    return int(text) if text.lstrip("-").isdigit() else text


def _text_out(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "${" + text[1:] + "}" if text.startswith("$") and text[1:].replace("_", "a").isalnum() else text


def _sync_in(text: str) -> str:
    """`30 second` (the files' form) -> `30 seconds` (the spec's)."""
    number, _, unit = text.strip().partition(" ")
    unit = unit.strip() or "seconds"
    return f"{number} {unit if unit.endswith('s') or number == '1' else unit + 's'}"


def _sync_out(value) -> str:
    """`30 seconds` (the spec's form) -> `30 second` (the official files'); the node reads both."""
    number, _, unit = str(value).partition(" ")
    return f"{number} {unit[:-1] if unit.endswith('s') else unit}" if number.isdigit() else _text_out(value)


def _days_in(text: str) -> str:
    """START_DATE: `30` days back -> `-30d`; anything else as the node takes it."""
    text = text.strip()
    return f"-{text.lstrip('-')}d" if text.lstrip("-").isdigit() else text


def _days_out(value) -> str:
    text = str(value)
    return text[1:-1] if text.startswith("-") and text.endswith("d") and text[1:-1].isdigit() else text


def _words_in(text: str) -> list[str]:
    return text.split()


def _words_out(value) -> str:
    return " ".join(value)


def _node_type_in(text: str) -> str:
    text = text.strip().lower()
    return {"master-operator": "operator", "master-publisher": "publisher"}.get(text, text)


def _debug_in(text: str) -> bool | int:
    text = text.strip().lower()
    return int(text) if text.isdigit() else text == "true"


def _ledger_out(value) -> str:
    """`!ip:32048` -> `127.0.0.1:32048` (what the scripts turn into the node's own address
    again); a bare `!ledger_conn` is empty (the scripts' own default); else as written."""
    text = _text_out(value)
    if text.startswith("!"):
        return re.sub(r"^![a-z_]+:", "127.0.0.1:", text) if ":" in text else ""
    return text


def _auto_out(value) -> str:
    """`auto` is an empty key (the scripts work the value out when the node starts)."""
    return "" if value == "auto" else _text_out(value)


CONVERTERS: dict[str, tuple[Callable, Callable]] = {
    "text": (str.strip, _text_out),
    "int": (_int, _text_out),
    "bool": (_bool, _text_out),
    "sync": (_sync_in, _sync_out),
    "days": (_days_in, _days_out),
    # A secret is never a literal in a spec: it names the variable of the same key.
    "secret": (lambda text: text, _text_out),
    "words": (_words_in, _words_out),
    "node_type": (_node_type_in, _text_out),
    "debug": (_debug_in, _text_out),
    # `!ip:32048` (the node's own address, convert's reading of a 127.0.0.1 LEDGER_CONN): the
    # official files' 127.0.0.1, which the scripts replace by that address again
    "ledger": (str.strip, _ledger_out),
    # `auto` (looked up when the node starts) is what the scripts do with an empty key
    "location": (str.strip, _auto_out),
    # a key (a secret: `$LICENSE_KEY`), or `auto` for an empty key: the ledger's license policy
    "license": (str.strip, _auto_out),
    # IS_MAIN: true / false (any case, as set_params.al takes them), else decided at the start
    "main": (lambda text: {"true": True, "false": False}.get(text.strip().lower(), "auto"),
             _auto_out),
}

SECRETS = frozenset({"DB_PASSWD", "NOSQL_PASSWD", "BLOB_STORAGE_PASSWORD", "MQTT_PASSWD", "LICENSE_KEY",
                     "BUCKET_ACCESS_KEY", "BUCKET_SECRET_KEY"})

# ---------------------------------------------------------------- features

NODE_TYPES = ("operator", "master", "query", "publisher", "generic")
FEATURES: dict[str, Feature] = {f.name: f for f in (
    Feature("mqtt", "the MQTT client", "ENABLE_MQTT", ("operator", "publisher")),
    Feature("partitions", "partitioning", "ENABLE_PARTITIONS", ("operator",), on_by_default=True),
    Feature("ha", "high availability", "ENABLE_HA", ("operator",)),
    Feature("operator", "the operator's settings", None, ("operator",)),
    Feature("ingest", "the streaming buffer and file compression", None, ("operator", "publisher")),
    Feature("sql_server", "the PostgreSQL connection", "DB_TYPE", NODE_TYPES),
    Feature("system_query", "the system_query database", "SYSTEM_QUERY", NODE_TYPES),
    Feature("blobs", "the blobs archiver", None, ("operator",)),
    Feature("blob_storage", "blob storage in a database", "BLOBS_STORAGE", ("operator",)),
    Feature("broker", "the message broker", "ANYLOG_BROKER_PORT", NODE_TYPES),
    Feature("monitoring", "monitoring", None, ("operator",)),
    Feature("dns", "DNS names", "ENABLE_DNS", NODE_TYPES),
    Feature("cluster", "the cluster", None, ("operator",)),
    Feature("location", "the location of the node's policy", None, ("operator", "master", "query", "publisher")),
)}

# ---------------------------------------------------------------- the keys

_ENV_UNUSED = "no official node-deployment script reads it"

K = Key
KEYS: tuple[Key, ...] = (
    # --- the container (AnyLog's node_configs.env opens with them)
    K("INIT_TYPE", CONTAINER, "container.init_type", "text", "prod",
      note="read by the image's entry point: `prod` starts the node, `bash` a shell"),
    K("IMAGE", CONTAINER, "container.image", "text", "anylogco/anylog-network",
      note="the image docker compose runs"),
    K("DEPLOYMENTS_REPO", CONTAINER, "container.deployments_repo", "text",
      "https://github.com/AnyLog-co/deployment-scripts", note="where the image clones the scripts from"),
    K("DEPLOYMENTS_BRANCH", CONTAINER, "container.deployments_branch", "text", "main",
      note="the branch of those scripts"),
    K("DOCKER_SOCKET", CONTAINER, "container.docker_socket", "text", "/var/run/docker.sock",
      note="mounted for docker monitoring"),
    K("USER_VOLUMES", CONTAINER, "container.user_volumes", "words", "",
      note="space-separated folders the compose file mounts under /app"),
    K("ANYLOG_PATH", CONTAINER, "container.anylog_path", "text", "/app",
      note="main.al: `set anylog home`; alc's scripts use the node's own home"),
    K("LOCAL_SCRIPTS", CONTAINER, "container.local_scripts", "text", "/app/deployment-scripts",
      note="main.al: where node-deployment/ is (!local_scripts)"),
    K("TEST_DIR", CONTAINER, "container.test_dir", "text", "/app/deployment-scripts/test",
      note="main.al: !test_dir, read by no deployment step"),
    K("DEBUG_MODE", CONTAINER, "container.debug_mode", "debug", "false",
      note="the image's debug switch (main.al reads ENABLE_TRACEBACK / TRACE_LEVEL)"),
    K("DISABLE_CLI", CONTAINER, "container.disable_cli", "bool", "false",
      note="set_params.al: `set cli off`, which is the container's console, not the node's state"),
    K("REMOTE_CLI", CONTAINER, "container.remote_cli.enabled", "bool", "false",
      note="the Remote-CLI container beside the node"),
    K("CONN_IP", CONTAINER, "container.remote_cli.conn_ip", "text", "0.0.0.0",
      note="Remote-CLI's address (the docker-makefiles .env)"),
    K("CLI_PORT", CONTAINER, "container.remote_cli.cli_port", "int", "31800",
      note="Remote-CLI's port (the docker-makefiles .env)"),
    K("ENABLE_REMOTE_GUI", CONTAINER, "container.remote_gui.enabled", "bool", "false",
      note="the Remote-GUI container beside the node"),
    K("REMOTE_GUI_TAG", CONTAINER, "container.remote_gui.tag", "text", "beta2"),
    K("REMOTE_GUI_NIC", CONTAINER, "container.remote_gui.nic", "text", ""),
    K("REMOTE_GUI_FE", CONTAINER, "container.remote_gui.fe", "int", "31800"),
    K("REMOTE_GUI_BE", CONTAINER, "container.remote_gui.be", "int", "8080"),
    K("REMOTE_CONN", CONTAINER, "container.remote_gui.remote_conn", "text", ""),
    K("GRAFANA_URL", CONTAINER, "container.remote_gui.grafana_url", "text", ""),
    K("ENABLE_NEBULA", CONTAINER, "container.nebula.enabled", "bool", "false",
      note="the image joins the Nebula overlay before the node starts"),
    K("NEBULA_NEW_KEYS", CONTAINER, "container.nebula.new_keys", "bool", "false"),
    K("IS_LIGHTHOUSE", CONTAINER, "container.nebula.lighthouse", "bool", "false"),
    K("CIDR_OVERLAY_ADDRESS", CONTAINER, "container.nebula.cidr", "text", ""),
    K("LIGHTHOUSE_IP", CONTAINER, "container.nebula.lighthouse_ip", "text", ""),
    K("LIGHTHOUSE_NODE_IP", CONTAINER, "container.nebula.lighthouse_node_ip", "text", ""),
    # --- General
    K("NODE_TYPE", SPEC, "nodes[0].type", "node_type", "generic",
      note="set_params.al: node_type (master-operator/-publisher: an operator/publisher that keeps the "
           "ledger's database, with its own address as the ledger, which is how the spec says it)"),
    K("NODE_NAME", SPEC, "nodes[0].name", "text", "", note="`set node name`; the policy's name"),
    K("COMPANY_NAME", SPEC, "company", "text", "New Company", note="the policies' company"),
    K("IS_HIDDEN", SPEC, "nodes[0].hidden", "bool", "false",
      note="set_params.al: no node policy (not for operators)"),
    K("LICENSE_KEY", SPEC, "nodes[0].license_key", "license", "",
      note="AnyLog: license_policy.al activates the ledger's license policy, declared from this key "
           "(as $LICENSE_KEY) when the ledger has none (empty: the ledger's policy only, the spec's `auto`)",
      script_default="auto"),
    K("LOCATION", SPEC, "nodes[0].location.coordinates", "location", "", "location",
      note="the policy's loc (empty: set_params.al asks ipinfo.io, else 0.0, 0.0: the spec's `auto`)",
      script_default="auto"),
    K("COUNTRY", SPEC, "nodes[0].location.country", "location", "", "location",
      note="the policy's country (empty: looked up, else Unknown: `auto`)", script_default="auto"),
    K("STATE", SPEC, "nodes[0].location.state", "location", "", "location",
      note="the policy's state (empty: looked up, else Unknown: `auto`)", script_default="auto"),
    K("IS_MAIN", SPEC, "nodes[0].operator.main", "main", "", "operator",
      note="set_params.al: is_main, the policy's `main` (empty: node_policy.al makes the first operator of "
           "the cluster the main one, the spec's `auto`); in no official file", script_default="auto"),
    K("CITY", SPEC, "nodes[0].location.city", "location", "", "location",
      note="the policy's city (empty: looked up, else Unknown: `auto`)", script_default="auto"),
    K("DEPLOY_LOCAL_SCRIPT", DERIVED, "nodes[0].local_scripts", "bool", "false",
      note="config_policy.al: `process !local_scripts/node-deployment/local_script.al` at the end: "
           "true when the spec's local_scripts is that one script"),
    # --- Networking
    K("ANYLOG_SERVER_PORT", SPEC, "nodes[0].tcp.port", "int", "32548",
      note="`run tcp server` and the policy's port (empty: the type's port)"),
    K("ANYLOG_REST_PORT", SPEC, "nodes[0].rest.port", "int", "32549",
      note="`run rest server` (empty: the type's port: the scripts always start REST)"),
    K("ANYLOG_BROKER_PORT", SPEC, "nodes[0].broker.port", "int", "", "broker",
      note="`run message broker` when set"),
    K("TCP_BIND", SPEC, "nodes[0].tcp.bind", "bool", "false"),
    K("REST_BIND", SPEC, "nodes[0].rest.bind", "bool", "false"),
    K("BROKER_BIND", SPEC, "nodes[0].broker.bind", "bool", "false", "broker"),
    K("TCP_THREADS", SPEC, "nodes[0].tcp.threads", "int", "6", note="at least 1"),
    K("REST_THREADS", SPEC, "nodes[0].rest.threads", "int", "6", note="at least 1"),
    K("REST_TIMEOUT", ENV, "", "int", "30",
      note="the official config policy carries it as rest_timeout, which `config from policy` does not "
           "apply: the node keeps its REST timeout of 20 (the spec's rest.timeout, 20 by default, sets it)"),
    K("BROKER_THREADS", ENV, "", "int", "6", note=_ENV_UNUSED + ": the broker always runs 6 threads"),
    K("CONFIG_NAME", ENV, "", "text", "",
      note="the name of the official config policy; alc configures the node directly, without one"),
    K("NIC_TYPE", SPEC, "nodes[0].networking.nic", "text", "", note="`set internal ip with <nic>`"),
    K("OVERLAY_IP", SPEC, "nodes[0].networking.overlay_ip", "text", "",
      note="the services' internal address (when no NIC_TYPE)"),
    K("ENABLE_DNS", DERIVED, "nodes[0].networking.external_dns", "bool", "false", "dns",
      note="true when the spec names the node's DNS names"),
    K("EXTERNAL_DNS", SPEC, "nodes[0].networking.external_dns", "text", "", "dns",
      note="the services' external address"),
    K("DNS", SPEC, "nodes[0].networking.local_dns", "text", "", "dns", note="the services' internal address"),
    K("DNS_DOMAIN", ENV, "", "text", "", "dns",
      note="set_params.al: DNS = <hostname>.DNS_DOMAIN, a name only the running container knows"),
    # --- Databases
    K("DB_TYPE", SPEC, "nodes[0].databases.{sql}.type", "text", "sqlite",
      note="connect_dbms_sql.al: the master's blockchain, an operator's or publisher's almgm and data"),
    K("DB_USER", SPEC, "nodes[0].databases.{sql}.user", "text", "", "sql_server"),
    K("DB_PASSWD", SPEC, "nodes[0].databases.{sql}.password", "secret", "", "sql_server"),
    K("DB_IP", SPEC, "nodes[0].databases.{sql}.ip", "text", "127.0.0.1", "sql_server"),
    K("DB_PORT", SPEC, "nodes[0].databases.{sql}.port", "int", "5432", "sql_server"),
    K("AUTOCOMMIT", SPEC, "nodes[0].databases.system_query.autocommit", "bool", "false", "system_query",
      note="connect_dbms_system_query.al: with a PostgreSQL system_query only"),
    K("SYSTEM_QUERY", DERIVED, "nodes[0].databases.system_query", "bool", "false",
      note="true when a node other than a query node has a system_query database"),
    K("SYSTEM_QUERY_DB", SPEC, "nodes[0].databases.system_query.type", "text", "sqlite", "system_query"),
    K("MEMORY", SPEC, "nodes[0].databases.system_query.memory", "bool", "true", "system_query",
      note="sqlite in memory (the scripts' default true)", script_default="true"),
    K("ENABLE_NOSQL", ENV, "", "bool", "false", note=_ENV_UNUSED + " (they read BLOBS_STORAGE)"),
    K("NOSQL_TYPE", ENV, "", "text", "mongo", note=_ENV_UNUSED + " (they read BLOB_STORAGE_TYPE)"),
    K("NOSQL_USER", ENV, "", "text", "admin", note=_ENV_UNUSED),
    K("NOSQL_PASSWD", ENV, "", "secret", "passwd", note=_ENV_UNUSED),
    K("NOSQL_IP", ENV, "", "text", "127.0.0.1", note=_ENV_UNUSED),
    K("NOSQL_PORT", ENV, "", "int", "27017", note=_ENV_UNUSED),
    K("BLOBS_DBMS", ENV, "", "bool", "false", note=_ENV_UNUSED + " (the archiver's dbms is BLOBS_STORAGE)"),
    K("BLOBS_STORAGE", DERIVED, "nodes[0].databases.blobs", "bool", "false", "blobs",
      note="true when the operator stores blobs in a database"),
    K("BLOB_STORAGE_TYPE", SPEC, "nodes[0].databases.blobs.type", "text", "mongo", "blob_storage"),
    K("BLOB_STORAGE_IP", SPEC, "nodes[0].databases.blobs.ip", "text", "127.0.0.1", "blob_storage"),
    K("BLOB_STORAGE_PORT", SPEC, "nodes[0].databases.blobs.port", "int", "27017", "blob_storage"),
    K("BLOB_STORAGE_USER", SPEC, "nodes[0].databases.blobs.user", "text", "admin", "blob_storage"),
    K("BLOB_STORAGE_PASSWORD", SPEC, "nodes[0].databases.blobs.password", "secret", "", "blob_storage"),
    K("BLOBS_REUSE", SPEC, "nodes[0].blobs.reuse_blobs", "bool", "true", "blobs",
      note="configure_blob_storage.al: `run blobs archiver ... reuse_blobs`"),
    K("BLOBS_COMPRESS", SPEC, "nodes[0].blobs.compress", "bool", "true", "blobs"),
    K("BLOBS_FOLDER", SPEC, "nodes[0].blobs.folder", "bool", "", "blobs",
      note="empty: true unless blobs go to a database"),
    K("BUCKET_GROUP", ENV, "", "text", "", note="connect_dbms_objstore.al: S3/Akave blob storage, which alc "
                                                 "does not write"),
    K("BUCKET_ID", ENV, "", "text", "", note="S3/Akave blob storage"),
    K("BUCKET_REGION", ENV, "", "text", "", note="S3/Akave blob storage"),
    K("BUCKET_ACCESS_KEY", ENV, "", "secret", "", note="S3/Akave blob storage"),
    K("BUCKET_SECRET_KEY", ENV, "", "secret", "", note="S3/Akave blob storage (the scripts read BUCKET_SECRETE_KEY)"),
    # --- Blockchain
    K("BLOCKCHAIN_SOURCE", SPEC, "blockchain.source", "text", "master",
      note="`run blockchain sync where source = ...` (optimism: not in a spec, kept in container.env)"),
    K("BLOCKCHAIN_SYNC", SPEC, "blockchain_sync", "sync", "30 second",
      note="`run blockchain sync ... time` (connect_blockchain.al: not run by a generic node)"),
    K("BLOCKCHAIN_DESTINATION", ENV, "", "text", "file",
      note=_ENV_UNUSED + ": set_params.al reads $DESTINATION (blockchain.destination)"),
    K("LEDGER_CONN", SPEC, "ledger", "ledger", "127.0.0.1:32048",
      note="!ledger_conn (empty or 127.0.0.1:...: the scripts use the node's own address, "
           "`!ip:32048`, a master's own TCP port; written back as 127.0.0.1)"),
    # --- Operator
    K("CLUSTER_NAME", SPEC, "nodes[0].cluster", "text", "new-company-cluster1", "cluster",
      note="cluster_policy.al: the cluster policy's name"),
    K("DEFAULT_DBMS", SPEC, "nodes[0].databases.data.name", "text", "new_company", "cluster",
      note="configure_dbms_operator.al: the data database (and the MQTT topic's dbms)"),
    K("MEMBER", SPEC, "nodes[0].operator.member", "int", "", "operator", note="the policy's member"),
    K("ENABLE_HA", DERIVED, "nodes[0].ha", "bool", "false", "ha", note="true when the spec has `ha`"),
    K("START_DATE", SPEC, "nodes[0].ha.start_date", "days", "30", "ha",
      note="`run data consumer where start_date = -<n>d`"),
    K("OPERATOR_THREADS", SPEC, "nodes[0].operator.threads", "int", "3", "operator",
      note="`run operator ... threads` (at least 1)"),
    K("OPERATOR_HELPERS", ENV, "", "int", "5", note=_ENV_UNUSED),
    K("ENABLE_PARTITIONS", DERIVED, "nodes[0].partitions", "bool", "true", "partitions",
      note="true when the operator partitions its tables (the scripts' default)"),
    K("TABLE_NAME", SPEC, "nodes[0].partitions[0].table", "text", "*", "partitions"),
    K("PARTITION_COLUMN", SPEC, "nodes[0].partitions[0].column", "text", "insert_timestamp", "partitions"),
    K("PARTITION_INTERVAL", SPEC, "nodes[0].partitions[0].interval", "text", "14 days", "partitions"),
    K("PARTITION_KEEP", SPEC, "nodes[0].partitions[0].keep", "int", "3", "partitions"),
    K("PARTITION_SYNC", SPEC, "nodes[0].partitions[0].check_every", "text", "1 day", "partitions",
      note="the `Drop Partitions` schedule's time"),
    # --- Sub processes / advanced settings
    K("COMPRESS_FILE", SPEC, "nodes[0].{ingest}.compress_json", "bool", "true", "ingest",
      note="`run operator`/`run publisher` compress_json"),
    K("QUERY_POOL", ENV, "", "int", "6", note=_ENV_UNUSED + ": set_params.al sets query_pool and nothing reads "
                                               "it (the spec's query_pool writes `set query pool`)"),
    K("WRITE_IMMEDIATE", SPEC, "nodes[0].buffer.write_immediate", "bool", "true", "ingest",
      note="`set buffer threshold ... write_immediate` (an operator's: a publisher's is always false)"),
    K("THRESHOLD_TIME", SPEC, "nodes[0].buffer.time", "text", "60 seconds", "ingest"),
    K("THRESHOLD_VOLUME", SPEC, "nodes[0].buffer.volume", "text", "10KB", "ingest"),
    # --- MQTT
    K("ENABLE_MQTT", DERIVED, "nodes[0].message_clients", "bool", "false", "mqtt",
      note="basic_msg_client.al: true when the node has a message client"),
    K("MQTT_BROKER", SPEC, "nodes[0].message_clients[0].broker", "text", "172.104.228.251", "mqtt",
      script_default="139.144.46.246"),
    K("MQTT_PORT", SPEC, "nodes[0].message_clients[0].port", "int", "1883", "mqtt"),
    K("MQTT_USER", SPEC, "nodes[0].message_clients[0].user", "text", "anyloguser", "mqtt",
      script_default="anyloguser"),
    K("MQTT_PASSWD", SPEC, "nodes[0].message_clients[0].password", "secret", "", "mqtt"),
    K("MQTT_LOG", SPEC, "nodes[0].message_clients[0].log", "bool", "false", "mqtt"),
    K("MSG_TOPIC", SPEC, "nodes[0].message_clients[0].topics[0].name", "text", "anylog-demo", "mqtt",
      script_default="anylog-demo"),
    K("MSG_DBMS", SPEC, "nodes[0].message_clients[0].topics[0].dbms", "text", "new_company", "mqtt",
      note="used only without DEFAULT_DBMS (which the scripts prefer)", script_default="bring [dbms]"),
    K("MSG_TABLE", SPEC, "nodes[0].message_clients[0].topics[0].table", "text", "bring [table]", "mqtt",
      script_default="bring [table]"),
    K("MSG_TIMESTAMP_COLUMN", SPEC, "nodes[0].message_clients[0].topics[0].columns[0].value", "text",
      "bring [timestamp]", "mqtt", note="column.timestamp.timestamp", script_default="bring [timestamp]"),
    K("MSG_VALUE_COLUMN", SPEC, "nodes[0].message_clients[0].topics[0].columns[1].value", "text",
      "bring [value]", "mqtt", note="column.value", script_default="bring [value]"),
    K("MSG_VALUE_COLUMN_TYPE", SPEC, "nodes[0].message_clients[0].topics[0].columns[1].type", "text",
      "float", "mqtt", script_default="float"),
    # --- Southbound, aggregations, video: the official node-deployment scripts start none of them
    K("ENABLE_OPCUA", ENV, "", "bool", "false",
      note=_ENV_UNUSED + " to start a client: the tags come from demo-scripts (write a `southbound` entry)"),
    K("OPCUA_URL", ENV, "", "text", "", note="see ENABLE_OPCUA"),
    K("OPCUA_NODE", ENV, "", "text", "", note="see ENABLE_OPCUA"),
    K("OPCUA_FREQUENCY", ENV, "", "text", "5", note="see ENABLE_OPCUA"),
    K("ENABLE_ETHERIP", ENV, "", "bool", "false", note=_ENV_UNUSED + " (write a `southbound` entry)"),
    K("SIMULATOR_MODE", ENV, "", "bool", "false", note=_ENV_UNUSED),
    K("ETHERIP_URL", ENV, "", "text", "", note=_ENV_UNUSED),
    K("ETHERIP_FREQUENCY", ENV, "", "text", "", note=_ENV_UNUSED),
    K("ENABLE_AGGREGATIONS", ENV, "", "bool", "false",
      note="set_params.al has the aggregation settings commented out: no official script runs them"),
    K("AGGREGATION_TIME_COLUMN", ENV, "", "text", "insert_timestamp", note="see ENABLE_AGGREGATIONS"),
    K("AGGREGATION_VALUE_COLUMN", ENV, "", "text", "value", note="see ENABLE_AGGREGATIONS"),
    K("ENABLE_VIDEO_STREAMING", ENV, "", "bool", "false",
      note="video_ai.al (AnyLog southbound-video-streaming): no spec section describes it"),
    K("VIDEO_URL", ENV, "", "text", "https://www.youtube.com/watch?v=rnXIjl_Rzy4", note="see ENABLE_VIDEO_STREAMING"),
    K("VIDEO_PORT", ENV, "", "int", "32800", note="see ENABLE_VIDEO_STREAMING"),
    K("VIDEO_NAME", ENV, "", "text", "sfstream", note="see ENABLE_VIDEO_STREAMING"),
    K("ENABLE_DETECTIONS", ENV, "", "bool", "false", note="see ENABLE_VIDEO_STREAMING"),
    K("YOLO_MODEL_PORT", ENV, "", "int", "50051", note="see ENABLE_VIDEO_STREAMING"),
    # --- Monitoring
    K("MONITOR_NODES", ENV, "", "bool", "false",
      note=_ENV_UNUSED + ": deploy_monitoring.al reads NODE_MONITORING (monitoring.node)"),
    K("NODE_MONITORING", SPEC, "nodes[0].monitoring.node", "bool", "false", "monitoring"),
    K("STORE_MONITORING", SPEC, "nodes[0].monitoring.store", "bool", "false", "monitoring"),
    K("SYSLOG_MONITORING", SPEC, "nodes[0].monitoring.syslog", "bool", "false", "monitoring"),
    K("DOCKER_MONITORING", SPEC, "nodes[0].monitoring.docker", "bool", "false", "monitoring"),
    K("DOCKER_FREQUENCY", SPEC, "nodes[0].monitoring.docker_frequency", "int", "5", "monitoring"),
)

# ---------------------------------------------------------------- the official files
# (platform, node type) -> ((file, ((section heading, (key, ...)), ...)), ...), in the official
# order.  AnyLog has one file for every node type (None); EdgeLake one pair per node type.
LAYOUTS: dict[tuple[str, str | None], tuple] = {
    ("edgelake", "generic"): (
        ("base_configs.env", (
            ("General", ("NODE_TYPE", "NODE_NAME", "COMPANY_NAME")),
            ("Networking", ("ANYLOG_SERVER_PORT", "ANYLOG_REST_PORT", "ANYLOG_BROKER_PORT", "TCP_BIND", "REST_BIND", "BROKER_BIND")),
            ("Database", ("DB_TYPE", "DB_USER", "DB_PASSWD", "DB_IP", "DB_PORT", "AUTOCOMMIT", "SYSTEM_QUERY", "MEMORY", "ENABLE_NOSQL", "NOSQL_TYPE", "NOSQL_USER", "NOSQL_PASSWD", "NOSQL_IP", "NOSQL_PORT", "BLOBS_DBMS", "BLOBS_REUSE")),
            ("Blockchain", ("BLOCKCHAIN_SOURCE", "BLOCKCHAIN_SYNC", "BLOCKCHAIN_DESTINATION", "LEDGER_CONN")),
            ("MQTT", ("ENABLE_MQTT", "MQTT_BROKER", "MQTT_PORT", "MQTT_USER", "MQTT_PASSWD", "MQTT_LOG", "MSG_TOPIC", "MSG_DBMS", "MSG_TABLE", "MSG_TIMESTAMP_COLUMN", "MSG_VALUE_COLUMN", "MSG_VALUE_COLUMN_TYPE")),
            ("OPC-UA", ("ENABLE_OPCUA", "OPCUA_URL", "OPCUA_NODE", "OPCUA_FREQUENCY")),
            ("Data Aggregation", ("ENABLE_AGGREGATIONS", "AGGREGATION_TIME_COLUMN", "AGGREGATION_VALUE_COLUMN")),
            ("Monitoring", ("MONITOR_NODES", "STORE_MONITORING", "SYSLOG_MONITORING")),
            ("Advanced Settings", ("DEPLOY_LOCAL_SCRIPT", "DEBUG_MODE")),
        )),
        ("advance_configs.env", (
            ("Directories", ("ANYLOG_PATH", "LOCAL_SCRIPTS", "TEST_DIR")),
            ("General", ("DISABLE_CLI", "REMOTE_CLI")),
            ("Geolocation", ("LOCATION", "COUNTRY", "STATE", "CITY")),
            ("Networking", ("NIC_TYPE", "OVERLAY_IP", "TCP_THREADS", "REST_TIMEOUT", "REST_THREADS", "BROKER_THREADS")),
            ("Operator", ("MEMBER", "START_DATE", "ENABLE_PARTITIONS", "TABLE_NAME", "PARTITION_COLUMN", "PARTITION_INTERVAL", "PARTITION_KEEP", "PARTITION_SYNC")),
            ("Advanced Settings", ("COMPRESS_FILE", "QUERY_POOL", "WRITE_IMMEDIATE", "THRESHOLD_TIME", "THRESHOLD_VOLUME")),
            ("Nebula", ("ENABLE_NEBULA", "NEBULA_NEW_KEYS", "IS_LIGHTHOUSE", "CIDR_OVERLAY_ADDRESS", "LIGHTHOUSE_IP", "LIGHTHOUSE_NODE_IP")),
        )),
    ),
    ("edgelake", "master"): (
        ("base_configs.env", (
            ("General", ("NODE_TYPE", "NODE_NAME", "COMPANY_NAME")),
            ("Networking", ("ANYLOG_SERVER_PORT", "ANYLOG_REST_PORT", "TCP_BIND", "REST_BIND")),
            ("Database", ("DB_TYPE", "DB_USER", "DB_PASSWD", "DB_IP", "DB_PORT", "AUTOCOMMIT", "SYSTEM_QUERY", "MEMORY")),
            ("Blockchain", ("BLOCKCHAIN_SOURCE", "BLOCKCHAIN_SYNC", "BLOCKCHAIN_DESTINATION", "LEDGER_CONN", "DEPLOY_LOCAL_SCRIPT", "DEBUG_MODE")),
        )),
        ("advance_configs.env", (
            ("Directories", ("ANYLOG_PATH", "LOCAL_SCRIPTS", "TEST_DIR")),
            ("General", ("DISABLE_CLI", "REMOTE_CLI")),
            ("Geolocation", ("LOCATION", "COUNTRY", "STATE", "CITY")),
            ("Networking", ("NIC_TYPE", "OVERLAY_IP", "ANYLOG_BROKER_PORT", "TCP_THREADS", "REST_TIMEOUT", "REST_THREADS", "BROKER_BIND", "BROKER_THREADS")),
            ("Advanced Settings", ("COMPRESS_FILE", "QUERY_POOL", "WRITE_IMMEDIATE", "THRESHOLD_TIME", "THRESHOLD_VOLUME")),
            ("Nebula", ("ENABLE_NEBULA", "NEBULA_NEW_KEYS", "IS_LIGHTHOUSE", "CIDR_OVERLAY_ADDRESS", "LIGHTHOUSE_IP", "LIGHTHOUSE_NODE_IP")),
        )),
    ),
    ("edgelake", "operator"): (
        ("base_configs.env", (
            ("General", ("NODE_TYPE", "NODE_NAME", "COMPANY_NAME")),
            ("Networking", ("ANYLOG_SERVER_PORT", "ANYLOG_REST_PORT", "ANYLOG_BROKER_PORT", "TCP_BIND", "REST_BIND", "BROKER_BIND")),
            ("Database", ("DB_TYPE", "DB_USER", "DB_PASSWD", "DB_IP", "DB_PORT", "AUTOCOMMIT", "ENABLE_NOSQL", "SYSTEM_QUERY", "MEMORY", "NOSQL_TYPE", "NOSQL_USER", "NOSQL_PASSWD", "NOSQL_IP", "NOSQL_PORT", "BLOBS_DBMS", "BLOBS_REUSE")),
            ("Blockchain", ("BLOCKCHAIN_SOURCE", "BLOCKCHAIN_SYNC", "BLOCKCHAIN_DESTINATION", "LEDGER_CONN")),
            ("Operator", ("CLUSTER_NAME", "DEFAULT_DBMS", "ENABLE_PARTITIONS", "TABLE_NAME", "PARTITION_COLUMN", "PARTITION_INTERVAL", "PARTITION_KEEP", "PARTITION_SYNC")),
            ("MQTT", ("ENABLE_MQTT", "MQTT_BROKER", "MQTT_PORT", "MQTT_USER", "MQTT_PASSWD", "MQTT_LOG", "MSG_TOPIC", "MSG_DBMS", "MSG_TABLE", "MSG_TIMESTAMP_COLUMN", "MSG_VALUE_COLUMN", "MSG_VALUE_COLUMN_TYPE")),
            ("OPC-UA", ("ENABLE_OPCUA", "OPCUA_URL", "OPCUA_NODE", "OPCUA_FREQUENCY")),
            ("Ether-IP", ("ENABLE_ETHERIP", "SIMULATOR_MODE", "ETHERIP_URL", "ETHERIP_FREQUENCY")),
            ("Data Aggregation", ("ENABLE_AGGREGATIONS", "AGGREGATION_TIME_COLUMN", "AGGREGATION_VALUE_COLUMN")),
            ("Monitoring", ("MONITOR_NODES", "STORE_MONITORING", "SYSLOG_MONITORING")),
            ("Advanced Settings", ("DEPLOY_LOCAL_SCRIPT", "DEBUG_MODE")),
        )),
        ("advance_configs.env", (
            ("Directories", ("ANYLOG_PATH", "LOCAL_SCRIPTS", "TEST_DIR")),
            ("General", ("DISABLE_CLI", "REMOTE_CLI")),
            ("Geolocation", ("LOCATION", "COUNTRY", "STATE", "CITY")),
            ("Networking", ("CONFIG_NAME", "NIC_TYPE", "OVERLAY_IP", "TCP_THREADS", "REST_TIMEOUT", "REST_THREADS", "BROKER_THREADS")),
            ("Operator", ("MEMBER", "ENABLE_HA", "START_DATE", "OPERATOR_THREADS")),
            ("Advanced Settings", ("COMPRESS_FILE", "QUERY_POOL", "WRITE_IMMEDIATE", "THRESHOLD_TIME", "THRESHOLD_VOLUME")),
            ("Nebula", ("ENABLE_NEBULA", "NEBULA_NEW_KEYS", "IS_LIGHTHOUSE", "CIDR_OVERLAY_ADDRESS", "LIGHTHOUSE_IP", "LIGHTHOUSE_NODE_IP")),
        )),
    ),
    ("edgelake", "query"): (
        ("base_configs.env", (
            ("General", ("NODE_TYPE", "NODE_NAME", "COMPANY_NAME")),
            ("Networking", ("ANYLOG_SERVER_PORT", "ANYLOG_REST_PORT", "TCP_BIND", "REST_BIND")),
            ("Database", ("DB_TYPE", "DB_USER", "DB_PASSWD", "DB_IP", "DB_PORT", "AUTOCOMMIT", "SYSTEM_QUERY", "MEMORY")),
            ("Blockchain", ("BLOCKCHAIN_SOURCE", "BLOCKCHAIN_SYNC", "BLOCKCHAIN_DESTINATION", "LEDGER_CONN")),
            ("Monitoring", ("MONITOR_NODES", "STORE_MONITORING")),
            ("Advanced Settings", ("DEPLOY_LOCAL_SCRIPT", "DEBUG_MODE")),
        )),
        ("advance_configs.env", (
            ("Directories", ("ANYLOG_PATH", "LOCAL_SCRIPTS", "TEST_DIR")),
            ("General", ("DISABLE_CLI", "REMOTE_CLI")),
            ("Geolocation", ("LOCATION", "COUNTRY", "STATE", "CITY")),
            ("Networking", ("OVERLAY_IP", "ANYLOG_BROKER_PORT", "TCP_THREADS", "REST_TIMEOUT", "REST_THREADS", "BROKER_BIND", "BROKER_THREADS")),
            ("Blockchain", ("BLOCKCHAIN_DESTINATION",)),
            ("Advanced Settings", ("COMPRESS_FILE", "QUERY_POOL", "WRITE_IMMEDIATE", "THRESHOLD_TIME", "THRESHOLD_VOLUME")),
            ("Nebula", ("ENABLE_NEBULA", "NEBULA_NEW_KEYS", "IS_LIGHTHOUSE", "CIDR_OVERLAY_ADDRESS", "LIGHTHOUSE_IP", "LIGHTHOUSE_NODE_IP")),
        )),
    ),
    ("anylog", None): (
        ("node_configs.env", (
            ("Container", ("INIT_TYPE", "IMAGE", "DEPLOYMENTS_REPO", "DEPLOYMENTS_BRANCH", "DOCKER_SOCKET", "USER_VOLUMES")),
            ("General", ("NODE_TYPE", "NODE_NAME", "COMPANY_NAME")),
            ("Networking", ("ANYLOG_SERVER_PORT", "ANYLOG_REST_PORT", "ANYLOG_BROKER_PORT")),
            ("Database", ("DB_TYPE", "DB_IP", "DB_PORT", "AUTOCOMMIT")),
            ("NoSQL", ("BLOBS_STORAGE", "BLOB_STORAGE_TYPE", "BLOB_STORAGE_IP", "BLOB_STORAGE_PORT")),
            ("System Query", ("SYSTEM_QUERY", "SYSTEM_QUERY_DB", "MEMORY")),
            ("Blockchain", ("LEDGER_CONN", "BLOCKCHAIN_SYNC", "BLOCKCHAIN_SOURCE", "BLOCKCHAIN_DESTINATION")),
            ("Operator", ("CLUSTER_NAME", "DEFAULT_DBMS")),
            ("Monitoring", ("NODE_MONITORING", "STORE_MONITORING", "SYSLOG_MONITORING", "DOCKER_MONITORING", "DOCKER_FREQUENCY")),
            ("Video Streaming", ("ENABLE_VIDEO_STREAMING", "VIDEO_URL", "VIDEO_PORT", "VIDEO_NAME", "ENABLE_DETECTIONS", "YOLO_MODEL_PORT")),
            ("MQTT", ("ENABLE_MQTT", "MQTT_BROKER", "MQTT_PORT", "MQTT_LOG", "MSG_TOPIC", "MSG_DBMS", "MSG_TABLE", "MSG_TIMESTAMP_COLUMN", "MSG_VALUE_COLUMN", "MSG_VALUE_COLUMN_TYPE")),
            ("OPC-UA", ("ENABLE_OPCUA", "OPCUA_URL", "OPCUA_NODE", "OPCUA_FREQUENCY")),
            ("Directories", ("ANYLOG_PATH", "LOCAL_SCRIPTS", "TEST_DIR")),
            ("General", ("IS_HIDDEN", "DEPLOY_LOCAL_SCRIPT", "LOCATION", "COUNTRY", "STATE", "CITY")),
            ("Networking", ("CONFIG_NAME", "ENABLE_DNS", "NIC_TYPE", "OVERLAY_IP", "EXTERNAL_DNS", "DNS_DOMAIN", "DNS", "TCP_BIND", "REST_BIND", "BROKER_BIND", "TCP_THREADS", "REST_THREADS", "BROKER_THREADS", "REST_TIMEOUT")),
            ("NoSQL", ("BLOBS_REUSE", "BLOBS_COMPRESS", "BLOBS_FOLDER")),
            ("Object Store", ("BUCKET_GROUP", "BUCKET_ID", "BUCKET_REGION")),
            ("Operator", ("MEMBER", "ENABLE_HA", "START_DATE", "OPERATOR_THREADS", "OPERATOR_HELPERS")),
            ("Sub processes", ("COMPRESS_FILE", "WRITE_IMMEDIATE", "THRESHOLD_TIME", "THRESHOLD_VOLUME", "QUERY_POOL")),
            ("General", ("LICENSE_KEY",)),
            ("Database", ("DB_USER", "DB_PASSWD")),
            ("NoSQL", ("BLOB_STORAGE_USER", "BLOB_STORAGE_PASSWORD")),
            ("MQTT", ("MQTT_USER", "MQTT_PASSWD")),
            ("Object Store", ("BUCKET_ACCESS_KEY", "BUCKET_SECRET_KEY", "ENABLE_REMOTE_GUI", "REMOTE_GUI_TAG", "REMOTE_GUI_NIC", "REMOTE_GUI_FE", "REMOTE_GUI_BE", "REMOTE_CONN", "GRAFANA_URL")),
        )),
    ),
}

BY_NAME: dict[str, Key] = {key.name: key for key in KEYS}


def layout(platform: str, node_type: str) -> tuple:
    """The official files of a node: EdgeLake has no publisher (its scripts refuse one): the
    generic node's files."""
    if platform == "anylog":
        return LAYOUTS[("anylog", None)]
    return LAYOUTS.get((platform, node_type)) or LAYOUTS[(platform, "generic")]


def places(name: str) -> list[tuple[str, str, str, str]]:
    """Where a key sits: (platform, node type or "*", file, section heading), every place."""
    out = []
    for (platform, kind), files in LAYOUTS.items():
        for file, sections in files:
            for heading, keys in sections:
                if name in keys:
                    out.append((platform, kind or "*", file, heading))
    return out


def platforms(name: str) -> tuple[str, ...]:
    return tuple(sorted({place[0] for place in places(name)}))
