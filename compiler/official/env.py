"""A node of the IR -> its official configuration files (the writing direction of ``keys.py``).

``env_files(network, node)`` gives the files the official docker compose deployment of that
node's platform reads: EdgeLake ``base_configs.env`` then ``advance_configs.env`` (the later
overriding, as its Makefile and compose file load them), AnyLog its one ``node_configs.env``.
Every key of the official file is there, in the official order and value form:

* a key the spec sets has the spec's value (``KEYS[...].kind`` converts it);
* a switch (``ENABLE_MQTT``, ``ENABLE_HA`` ...) says whether the spec has that section;
* a key the spec does not hold (a feature that is off, a container setting left out) has the
  official files' default, so the file reads as the official one does;
* ``container.env`` entries of the spec win for the keys no official script applies;
* a setting the spec makes that the platform's official files have no key for (EdgeLake's
  files have no NODE_MONITORING, which its scripts read), and ``container.env`` entries of keys
  not in the files, are added at the end of the last file, under their own heading, so the
  container gets them.

Secrets are never literals: a spec value ``$DB_PASSWD`` is written ``DB_PASSWD=${DB_PASSWD}``,
which docker compose interpolates from its own environment (or the ``.env`` beside the compose
file) when it reads the file; a secret the spec does not set is written empty.  A ``!variable``
the spec leaves to the node (``ledger: "!ledger_conn"``) is written empty: the official scripts
then use their own default.

``render(file)`` gives the file's text; the section comments are alc's, one line per heading.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.ir.model import Network, Node, Value
from compiler.model.variables import own_address
from compiler.official.keys import (BY_NAME, CONTAINER, CONVERTERS, DERIVED, ENV, FEATURES, KEYS, SECRETS, SPEC, Key,
                                    layout)

LOCAL_SCRIPT = "node-deployment/local_script.al"  # what DEPLOY_LOCAL_SCRIPT=true processes
EXTRA_HEADING = "Not in the official file"


@dataclass(frozen=True, slots=True)
class EnvFile:
    name: str  # base_configs.env, advance_configs.env, node_configs.env
    entries: tuple[tuple[str, str], ...]  # (KEY, value as the file writes it), in order
    sections: tuple[tuple[str, int], ...] = ()  # (heading, index of its first entry)


def env_files(network: Network, node: Node) -> list[EnvFile]:
    """The official files of ``node``, in the order the deployment loads them."""
    writer = _Writer(network, node)
    files = layout(network.platform.value, node.type.value)
    written = {key for _, sections in files for _, keys in sections for key in keys}
    kind = node.type.value
    extra = [(key.name, writer.text(key)) for key in KEYS
             if key.name not in written and key.target in (SPEC, DERIVED)
             and (key.feature is None or kind in FEATURES[key.feature].types)
             and writer.text(key) != _default(key)]
    extra += [(name, text) for name, text in writer.env.items()
              if name not in written and name not in {n for n, _ in extra}]
    out = []
    for number, (name, sections) in enumerate(files):
        entries: list[tuple[str, str]] = []
        headings: list[tuple[str, int]] = []
        for heading, keys in sections:
            headings.append((heading, len(entries)))
            entries += [(key, writer.text(BY_NAME[key])) for key in keys]
        if number == len(files) - 1 and extra:
            headings.append((EXTRA_HEADING, len(entries)))
            entries += extra
        out.append(EnvFile(name, tuple(entries), tuple(headings)))
    return out


def render(file: EnvFile) -> str:
    """The file's text: ``KEY=value`` lines under one comment line per section heading."""
    starts = dict((index, heading) for heading, index in file.sections)
    lines = [f"# {file.name}: written by alc from the spec (the official keys, in the official order)"]
    for index, (key, text) in enumerate(file.entries):
        if index in starts:
            lines += ["", f"#--- {starts[index]} ---"]
        lines.append(f"{key}={quote(text)}")
    return "\n".join(lines) + "\n"


def quote(text: str) -> str:
    """The official files write values bare (`THRESHOLD_TIME=60 seconds`) and an empty one as
    `""`; a value a reader would cut short (a `#`, quotes, spaces at its ends) is quoted."""
    if text == "":
        return '""'
    if text == text.strip() and not any(c in text for c in "#\"'\\"):
        return text
    if '"' in text and "'" not in text:
        return "'" + text + "'"  # literal: docker compose reads single quotes as they are
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _Writer:
    def __init__(self, network: Network, node: Node) -> None:
        self.network, self.node = network, node
        container: dict = {}
        for source in (network.container, node.container):
            if source is not None:
                container = merged(container, source.value)
        self.container = container
        self.env = {str(k): str(v) for k, v in container.get("env", {}).items()}

    def text(self, key: Key) -> str:
        if key.target == ENV:
            return self.env.get(key.name, _default(key))
        if key.target == DERIVED:
            return _bool(self.switch(key.name))
        if key.target == CONTAINER:
            found = _dig(self.container, key.path.split(".")[1:])
            return _default(key) if found is None else CONVERTERS[key.kind][1](found)
        if key.name == "NODE_TYPE" and self.own_master():
            return f"master-{self.node.type.value}"
        if key.name == "DEFAULT_DBMS" and self.node.type.value != "operator" and self.node.message_clients:
            return ""  # the scripts would send the topic there, rather than to MSG_DBMS
        if key.feature is not None and not self.active(key.feature):
            return _default(key)
        if key.name == "BLOBS_FOLDER" and self.node.blobs is not None and \
                self.node.blobs.folder.value == (self.node.databases.blobs is None):
            return ""  # what the scripts do when it is empty
        found = self.spec_value(key)
        if found is None:
            return _default(key)
        if isinstance(found, str) and found.startswith("!") and key.kind != "ledger":
            return ""  # a value the node works out itself: the scripts' own default
        return CONVERTERS[key.kind][1](found)

    def own_master(self) -> bool:
        """An operator or publisher that is its own master, as convert reads NODE_TYPE=master-operator
        / master-publisher: it keeps the ledger's database, and the ledger is its own address at
        its own TCP port (set_params.al's master_configs)."""
        node = self.node
        own = own_address(self.network.ledger.value)
        return node.type.value in ("operator", "publisher") and node.databases.blockchain is not None \
            and own is not None and node.tcp is not None and own[1] == str(node.tcp.port.value)

    # -------------------------------------------------------------- the switches
    def switch(self, name: str) -> bool:
        node = self.node
        if name == "DEPLOY_LOCAL_SCRIPT":
            return bool(node.local_scripts)
        if name == "ENABLE_DNS":
            net = node.networking
            return net is not None and (net.external_dns is not None or net.local_dns is not None)
        if name == "SYSTEM_QUERY":
            return node.databases.system_query is not None
        if name == "BLOBS_STORAGE":
            return node.databases.blobs is not None
        if name == "ENABLE_HA":
            return node.ha is not None
        if name == "ENABLE_PARTITIONS":
            return bool(node.partitions)
        if name == "ENABLE_MQTT":
            return bool(node.message_clients)
        raise KeyError(name)

    def active(self, feature: str) -> bool:
        node = self.node
        if node.type.value not in FEATURES[feature].types:
            return False
        return {
            "mqtt": bool(node.message_clients), "partitions": bool(node.partitions), "ha": node.ha is not None,
            "sql_server": self._sql(True) is not None and self._sql(True).type.value == "psql",
            "system_query": node.databases.system_query is not None,
            "blob_storage": node.databases.blobs is not None, "broker": node.broker is not None,
            "monitoring": node.monitoring is not None,
            "dns": self.switch("ENABLE_DNS"),
            "location": not (node.type.value == "generic" or (node.hidden.value and node.type.value != "operator")),
        }.get(feature, True)

    # -------------------------------------------------------------- spec values
    def _sql(self, connection: bool = False):
        """The database DB_TYPE sets (the master's ledger, an operator's or publisher's data);
        for the connection keys, also a PostgreSQL system_query, which takes DB_USER ... too."""
        dbs = self.node.databases
        found = dbs.blockchain or dbs.data or dbs.almgm
        query = dbs.system_query
        if found is None and connection and query is not None and query.type.value == "psql":
            return query
        return found

    def spec_value(self, key: Key):
        path = key.path
        if "{sql}" in path:
            db = self._sql(connection=key.name != "DB_TYPE")
            if db is None:
                return None
            return _unwrap(getattr(db, path.rsplit(".", 1)[1]))
        if "{ingest}" in path:
            settings = self.node.operator if self.node.type.value == "operator" else self.node.publisher
            return None if settings is None else _unwrap(getattr(settings, path.rsplit(".", 1)[1]))
        if path.startswith("nodes[0]."):
            return _walk(self.node, path[len("nodes[0]."):])
        return _walk(self.network, path)


def _walk(obj, path: str):
    for part in path.split("."):
        name, _, index = part.partition("[")
        obj = getattr(obj, name, None)
        if index:
            position = int(index.rstrip("]"))
            obj = obj[position] if isinstance(obj, list) and len(obj) > position else None
        if obj is None:
            return None
        obj = _unwrap(obj)
    return obj


def _unwrap(item):
    return item.value if isinstance(item, Value) else item


def _dig(data: dict, parts: list[str]):
    for part in parts:
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def merged(base: dict, more: dict) -> dict:
    """``base`` with ``more`` on top, nested sections key by key (``more`` wins)."""
    out = dict(base)
    for key, item in more.items():
        out[key] = merged(out[key], item) if isinstance(item, dict) and isinstance(out.get(key), dict) else item
    return out


def _default(key: Key) -> str:
    return "" if key.name in SECRETS else key.default


def _bool(flag: bool) -> str:
    return "true" if flag else "false"


