"""What the schema cannot say: checks across nodes, and between a node's type and its settings.

Each check is a small function over the IR that yields diagnostics at the values' origins.
Every message starts with the key path it is about, like the schema's messages.
"""

from __future__ import annotations

import difflib
from typing import Iterator

from compiler.diagnostics import Diagnostic
from compiler.ir.model import Database, Network, Node, Origin, Value
from compiler.spec import codes
from compiler.spec.document import Mark
from compiler.syntax.parser import parse

# Commands the EdgeLake node has no entry for in its command table (AnyLog has them).
ANYLOG_ONLY_COMMANDS = ("run data distributor", "run data consumer", "run publisher")
SERVICES = {"tcp": "TCP service", "rest": "REST service", "broker": "message broker"}
# Sections that belong to one node type, and what they are.
SECTIONS = {"operator": ("operator", "`run operator` options apply"),
            "ha": ("operator", "high availability applies"),
            "publisher": ("publisher", "`run publisher` options apply")}


def _at(check: codes.Check, where: Value | Origin, message: str, help: str | None = None) -> Diagnostic:
    """A diagnostic at ``where``: ``message`` is prefixed with its key path."""
    origin = where.origin if isinstance(where, Value) else where
    assert origin is not None and origin.key, "every spec value has an origin with a key path"
    mark = Mark(origin.line, origin.column, origin.end_line, origin.end_column)
    return check.at(origin.path, mark, f"`{origin.key}`: {message}", help)


def _article(noun: str) -> str:
    return "an" if noun[0] in "aeiou" else "a"


def _written(section) -> Origin | None:
    """The origin of a section the spec wrote (not one filled in with defaults)."""
    if section is None or section.origin is None or section.origin.implicit:
        return None
    return section.origin


def check(network: Network) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for rule in RULES:
        found.extend(rule(network))
    return sorted(found, key=Diagnostic.sort_key)


def duplicate_names(network: Network) -> Iterator[Diagnostic]:
    for kind, items in (("node", network.nodes), ("cluster", network.clusters)):
        seen: dict[str, Value] = {}
        for item in items:
            name = item.name
            if name.value not in seen:
                seen[name.value] = name
                continue
            help = ("each node writes its own <name>.al and publishes its own policy: rename one"
                    if kind == "node" else "cluster names are unique within a spec: rename or merge them")
            first = seen[name.value].origin
            yield _at(codes.DUPLICATE_NAME, name, f"a second {kind} named `{name.value}` "
                      f"(the first is `{first.key}`, line {first.line})", help)


def member_numbers(network: Network) -> Iterator[Diagnostic]:
    seen: dict[tuple[str, object], Node] = {}
    for node in network.nodes:
        member = node.operator.member if node.operator is not None else None
        if member is None or node.cluster is None or not isinstance(member.value, int):
            continue
        slot = (node.cluster.value, member.value)
        if slot not in seen:
            seen[slot] = node
            continue
        yield _at(codes.DUPLICATE_MEMBER, member,
                  f"operator `{seen[slot].name.value}` of cluster `{slot[0]}` already has member {slot[1]}, "
                  "and the ledger rejects a second one",
                  "give each operator of a cluster its own member number, or leave `member` out")


def clusters(network: Network) -> Iterator[Diagnostic]:
    names = list(dict.fromkeys(c.name.value for c in network.clusters))
    for node in network.nodes:
        if node.cluster is None:
            if node.type.value == "operator":
                yield _at(codes.NODE_TYPE, node.origin,
                          f"operator `{node.name.value}` has no `cluster`: "
                          "an operator policy names its cluster",
                          _choices("add `cluster:` with one of", names, "declare one under `clusters`"))
        elif node.type.value != "operator":
            yield _at(codes.NODE_TYPE, node.cluster,
                      f"only operator nodes join a cluster, and `{node.name.value}` is "
                      f"{_article(node.type.value)} {node.type.value} node", "remove `cluster`")
        elif node.cluster.value not in names:
            close = difflib.get_close_matches(node.cluster.value, names, n=1)
            help = f"did you mean `{close[0]}`? " if close else ""
            yield _at(codes.UNKNOWN_CLUSTER, node.cluster,
                      f"unknown cluster `{node.cluster.value}`: it is not under `clusters`",
                      help + _choices("declared clusters:", names, "declare it under `clusters`"))
    for cluster in network.clusters:
        if not network.members(cluster):
            yield _at(codes.UNUSED_CLUSTER, cluster.name,
                      f"no operator joins cluster `{cluster.name.value}`, so no node declares or uses it",
                      "set `cluster:` on an operator, or remove the cluster")


def _choices(lead: str, names: list[str], otherwise: str) -> str:
    return f"{lead} {', '.join(names)}" if names else otherwise


def sections_fit_the_type(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        kind = node.type.value
        for attr, (owner, what) in SECTIONS.items():
            origin = _written(getattr(node, attr))
            if origin is not None and kind != owner:
                yield _at(codes.NODE_TYPE, origin,
                          f"{what} to {owner} nodes only, and `{node.name.value}` is "
                          f"{_article(kind)} {kind} node",
                          f"remove `{attr}`, or make the node {_article(owner)} {owner}")
        if kind == "operator" and node.databases.data is None:
            yield _at(codes.NODE_TYPE, node.origin,
                      f"operator `{node.name.value}` has no `databases.data`: it needs a database to store "
                      "data in", "add `databases: {data: {name: mydb}}` (sqlite), or a psql database")


def platform(network: Network) -> Iterator[Diagnostic]:
    if network.platform.value != "edgelake":
        return
    for node in network.nodes:
        if node.type.value == "publisher":
            yield _at(codes.PLATFORM, node.type,
                      "platform edgelake has no publisher nodes (EdgeLake has no `run publisher`; AnyLog has)",
                      "send the data to the operators directly, or set `platform: anylog`")
        ha = _written(node.ha)
        if ha is not None:
            yield _at(codes.PLATFORM, ha, "platform edgelake has no high availability (EdgeLake has no "
                      "`run data distributor` or `run data consumer`; AnyLog has)",
                      "remove `ha`, or set `platform: anylog`")
        for command in node.commands:
            head = " ".join(command.value.lstrip("<").split()[:3]).lower()
            for missing in ANYLOG_ONLY_COMMANDS:
                if head.startswith(missing):
                    yield _at(codes.PLATFORM, command,
                              f"`{missing}` does not exist on platform edgelake (AnyLog only)",
                              "remove the command, or set `platform: anylog`")


def _all_databases(node: Node) -> list[Database]:
    dbs = node.databases
    return [db for db in (dbs.almgm, dbs.data, dbs.blobs, dbs.blockchain, dbs.system_query) if db is not None]


def secrets(network: Network) -> Iterator[Diagnostic]:
    if network.allow_literal_secrets.value:
        return
    for node in network.nodes:
        for db in _all_databases(node):
            password = db.password
            # `$DB_PASSWORD">...` is no reference: spec/hygiene.py reports it as unwritable.
            if password is None or password.value.startswith("$"):
                continue
            if password.value.startswith("!"):
                message = f"must be a \"$ENV\" reference, not the script variable \"{password.value}\""
            else:
                message = "a literal password would be written into the script"
            yield _at(codes.LITERAL_SECRET, password, message,
                      'use an environment variable such as "$DB_PASSWORD", or set '
                      "`allow_literal_secrets: true` at the top of the spec")


def databases(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        for db in _all_databases(node):
            kind = db.type.value
            if kind == "sqlite":
                for attr in ("ip", "port", "user", "password"):
                    value = getattr(db, attr)
                    if value is not None:
                        yield _at(codes.DATABASE, value,
                                  f"a sqlite database has no server, so `{attr}` is not used",
                                  f"remove `{attr}`, or set `type: psql`")
                continue
            if kind == "psql":
                for attr in ("user", "password"):
                    if getattr(db, attr) is None:
                        yield _at(codes.DATABASE, db.origin, f"a psql database needs `{attr}`",
                                  'for example: user: anylog, password: "$DB_PASSWORD"')
            if db.memory is not None:
                yield _at(codes.DATABASE, db.memory, "only a sqlite database can live in memory",
                          "remove `memory`")
        blobs = node.databases.blobs
        if blobs is not None and not blobs.name.value:
            yield _at(codes.DATABASE, blobs.origin, "a mongo database needs a `name` when the node has no "
                      "`databases.data`",
                      "add `name:`; the node stores blobs in the database blobs_<name>")


def blobs_kept_somewhere(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        archiver = node.blobs
        if archiver is not None and not archiver.folder.value and not archiver.dbms.value:
            yield _at(codes.BLOBS_NOWHERE, archiver.folder,
                      "with `folder: false` and no `databases.blobs`, the archiver would keep blobs nowhere",
                      "set `folder: true`, or add a mongo database under `databases.blobs`")


def port_clashes(network: Network) -> Iterator[Diagnostic]:
    taken: dict[tuple[str, int], tuple[Node, str]] = {}
    for node in network.nodes:
        for service in SERVICES:
            endpoint = getattr(node, service)
            if endpoint is None or not isinstance(endpoint.port.value, int):
                continue  # a reference: its value is only known on the node
            slot = (node.host.value, endpoint.port.value)
            if slot not in taken:
                taken[slot] = (node, service)
                continue
            other, other_service = taken[slot]
            if other is not node and node.host.implicit and other.host.implicit:
                continue  # two nodes named alike: a duplicate name, reported as such
            owner = f"the {SERVICES[other_service]} of `{other.name.value}`" if other is not node \
                else f"this node's {SERVICES[other_service]}"
            port = endpoint.port
            default = " (the default for its node type)" if port.implicit else ""
            # A default port is written nowhere: point at what put the node on this host.
            where = port if not port.implicit else (node.host if not node.host.implicit else node.name)
            yield _at(codes.PORT_CLASH, where, f"port {slot[1]}{default} of the {SERVICES[service]} on host "
                      f"`{slot[0]}` is already taken by {owner}",
                      "give one of them another `port`, or put the nodes on different `host`s")


def commands(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        for command in node.commands:
            script = parse(command.value + "\n", command.origin.key)
            if script.diagnostics:
                first = script.diagnostics[0]
                yield _at(codes.INVALID_COMMAND, command, first.message, first.help)
            elif len(script.statements) != 1 and not _is_label(script):
                yield _at(codes.INVALID_COMMAND, command,
                          f"holds {len(script.statements)} statements; write one per entry",
                          "split it into several entries of `commands`")


def _is_label(script) -> bool:
    """An entry that is one `:label:` line: a jump target, written at column 0 in its place."""
    return not script.statements and [i.kind for i in script.items] == ["label"]


RULES = (duplicate_names, member_numbers, clusters, sections_fit_the_type, platform, secrets, databases,
         blobs_kept_somewhere, port_clashes, commands)
