"""What the schema cannot say: checks across nodes, and between a node's type and its settings.

Each check is a small function over the IR that yields diagnostics at the values' origins.
Every message starts with the key path it is about, like the schema's messages.
"""

from __future__ import annotations

import difflib
from typing import Iterator

from compiler.diagnostics import Diagnostic
from compiler.ir import deployment
from compiler.ir.model import AUTO, Database, Network, Node, Origin, Value
from compiler.spec import codes
from compiler.spec.document import Mark
from compiler.syntax.parser import parse

# Commands the EdgeLake node has no entry for in its command table (AnyLog has them).
ANYLOG_ONLY_COMMANDS = ("run data distributor", "run data consumer", "run publisher")
SERVICES = {"tcp": "TCP service", "rest": "REST service", "broker": "message broker"}
# Sections that belong to some node types, and what they are.
SECTIONS = {"operator": (("operator",), "`run operator` options apply"),
            "ha": (("operator",), "high availability applies"),
            "publisher": (("publisher",), "`run publisher` options apply"),
            "buffer": (("operator", "publisher"), "the streaming buffer applies"),
            "archive": (("operator", "publisher"), "the archive clean-up applies"),
            "partitions": (("operator",), "partitions apply"),
            "message_clients": (("operator", "publisher"), "message clients apply"),
            "southbound": (("operator", "publisher"), "PLC clients apply"),
            "monitoring": (("operator",), "monitoring applies"),
            "location": (("operator", "master", "query", "publisher"), "a location (policy fields) applies"),
            "hostname": (("operator", "master", "query", "publisher"), "a hostname (a policy field) applies")}


def _fits(node: Node, attr: str) -> bool:
    """Whether a section is one the node's type has (a misplaced one is reported once, as such)."""
    return node.type.value in SECTIONS[attr][0]


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


def _first_written(section) -> Origin | None:
    """A written section, or the first written item of a list of them."""
    if isinstance(section, list):
        return next((o for o in map(_written, section) if o is not None), None)
    return _written(section)


def sections_fit_the_type(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        kind = node.type.value
        for attr, (owners, what) in SECTIONS.items():
            origin = _first_written(getattr(node, attr))
            if origin is not None and kind not in owners:
                names = (", ".join(owners[:-1]) + " and " if len(owners) > 1 else "") + owners[-1] + " nodes"
                yield _at(codes.NODE_TYPE, origin,
                          f"{what} to {names} only, and `{node.name.value}` is "
                          f"{_article(kind)} {kind} node",
                          f"remove `{attr}`, or make the node {_article(owners[0])} {owners[0]}")
        for attr in ("location", "hostname"):
            written = _written(getattr(node, attr))
            if node.hidden.value and written is not None and kind != "operator":
                yield _at(codes.NODE_TYPE, written, f"`{node.name.value}` is hidden: it publishes no policy, "
                          f"so its {attr} would go nowhere", f"remove `{attr}`, or `hidden`")
        if kind == "operator" and node.hidden.value:
            yield _at(codes.NODE_TYPE, node.hidden,
                      f"operator `{node.name.value}` cannot be hidden: `run operator` needs its policy, "
                      "and the other nodes find its data through it", "remove `hidden`")
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
        if node.authentication is not None:
            yield _at(codes.PLATFORM, node.authentication, "platform edgelake has no authentication setting "
                      "(EdgeLake has no `set authentication`; AnyLog has)",
                      "remove `authentication`, or set `platform: anylog`")
        if node.license_key is not None:
            yield _at(codes.PLATFORM, node.license_key, "platform edgelake needs no license (EdgeLake has no "
                      "`set license`; AnyLog has)", "remove `license_key`, or set `platform: anylog`")
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


def _secrets(node: Node) -> Iterator[tuple[str, Value | None]]:
    """Every password and key of a node, and what it is."""
    for db in _all_databases(node):
        yield "password", db.password
    for item in [*node.message_clients, *node.southbound]:
        yield "password", item.password
    if node.license_key is None or node.license_key.value != AUTO:  # `auto`: the ledger's key
        yield "license key", node.license_key


def secrets(network: Network) -> Iterator[Diagnostic]:
    if network.allow_literal_secrets.value:
        return
    for node in network.nodes:
        for what, password in _secrets(node):
            # `$DB_PASSWORD">...` is no reference: spec/hygiene.py reports it as unwritable.
            if password is None or password.value.startswith("$"):
                continue
            if password.value.startswith("!"):
                message = f"must be a \"$ENV\" reference, not the script variable \"{password.value}\""
            else:
                message = f"a literal {what} would be written into the script"
            yield _at(codes.LITERAL_SECRET, password, message,
                      'use an environment variable such as "$DB_PASSWORD", or set '
                      "`allow_literal_secrets: true` at the top of the spec")


def databases(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        for db in _all_databases(node):
            kind = db.type.value
            if kind == "sqlite":
                for attr in ("ip", "port", "user", "password", "autocommit", "unlog"):
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


REMOTE_CLI = "remote_cli"  # the Remote-CLI beside a node (`container.remote_cli`): one per host


def _ports(network: Network, node: Node, hosts_with_cli: set[str]) -> Iterator[tuple[str, Value]]:
    """(service, port) of what the node opens on its host: its services, and the host's Remote-CLI
    when the node is the first on the host to run one (compose runs one per host)."""
    for service in SERVICES:
        endpoint = getattr(node, service)
        if endpoint is not None:
            yield service, endpoint.port
    cli = deployment.remote_cli(network, node)
    if cli is not None and node.host.value not in hosts_with_cli and isinstance(cli["cli_port"], int):
        hosts_with_cli.add(node.host.value)
        section = node.container if node.container is not None else network.container
        yield REMOTE_CLI, Value(cli["cli_port"], section.origin)


def port_clashes(network: Network) -> Iterator[Diagnostic]:
    taken: dict[tuple[str, int], tuple[Node, str]] = {}
    names = {**SERVICES, REMOTE_CLI: "Remote-CLI"}
    hosts_with_cli: set[str] = set()
    for node in network.nodes:
        for service, port in _ports(network, node, hosts_with_cli):
            if not isinstance(port.value, int):
                continue  # a reference: its value is only known on the node
            slot = (node.host.value, port.value)
            if slot not in taken:
                taken[slot] = (node, service)
                continue
            other, other_service = taken[slot]
            if other is not node and node.host.implicit and other.host.implicit:
                continue  # two nodes named alike: a duplicate name, reported as such
            owner = f"the {names[other_service]} of `{other.name.value}`" if other is not node \
                else f"this node's {names[other_service]}"
            default = " (the default for its node type)" if port.implicit and service != REMOTE_CLI else ""
            # A default port is written nowhere: point at what put the node on this host.
            where = port if not port.implicit else (node.host if not node.host.implicit else node.name)
            yield _at(codes.PORT_CLASH, where, f"port {slot[1]}{default} of the {names[service]} on host "
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


def _connected(network: Network, node: Node) -> set[str]:
    """The databases a node connects: its own, monitoring's, and `connect dbms` in `commands`."""
    names = {db.name.value for db in _all_databases(node) if db.type.value != "mongo"}
    watch = node.monitoring
    if watch is not None and any(getattr(watch, f).value for f in ("node", "store", "syslog", "docker")):
        names.add("monitoring")
    for command in node.commands:
        words = command.value.lstrip("<").split()
        if [w.lower() for w in words[:2]] == ["connect", "dbms"] and len(words) > 2:
            names.add(words[2])
    return names


def _bring(value: str) -> bool:
    return value.startswith("bring")


def _destinations(node: Node) -> Iterator[tuple[str, Value]]:
    """(what, dbms) for everything of a node that writes into a database."""
    for client in node.message_clients if _fits(node, "message_clients") else ():
        for topic in client.topics:
            yield "the topic", topic.dbms
    for partition in node.partitions if _fits(node, "partitions") else ():
        yield "the partition", partition.dbms
    for plc in node.southbound if _fits(node, "southbound") else ():
        yield "the PLC client", plc.dbms


def dbms_connected(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        connected = _connected(network, node)
        for what, dbms in _destinations(node):
            if _bring(dbms.value):
                continue
            if not dbms.value:
                yield _at(codes.DBMS_NOT_CONNECTED, dbms, f"{what} names no `dbms`, and `{node.name.value}` has "
                          "no `databases.data` to write into", "add `dbms:` with the database the data goes to")
            elif dbms.value not in connected and node.type.value != "publisher":
                # A publisher sends its data on to the operators: the database is theirs.
                names = sorted(connected)
                yield _at(codes.DBMS_NOT_CONNECTED, dbms,
                          f"{what} names `{dbms.value}`, a database `{node.name.value}` does not connect",
                          _choices("the node connects", names, "connect it under `databases`")
                          + "; or add `connect dbms` to `commands`")


def services_exist(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        for client in node.message_clients if _fits(node, "message_clients") else ():
            broker = client.broker
            if broker.value == "local" and client.protocol.value == "mqtt" and node.broker is None:
                yield _at(codes.MISSING_SERVICE, broker, f"`{node.name.value}` runs no message broker, so no "
                          "message reaches a client on `local`", "add `broker: {port: 32150}` to the node")
            if broker.value == "rest" and client.protocol.value == "mqtt" and node.rest is None:
                yield _at(codes.MISSING_SERVICE, broker, f"`{node.name.value}` runs no REST service, so no "
                          "message reaches a client on `rest`", "add `rest: {}` to the node")
        watch = node.monitoring
        if watch is not None and watch.syslog.value and node.broker is None and node.type.value == "operator":
            yield _at(codes.MISSING_SERVICE, watch.syslog, f"`{node.name.value}` runs no message broker to "
                      "receive syslog messages", "add `broker: {port: 32150}` to the node")


def subscriptions(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        seen: dict[tuple, Value] = {}
        for client in node.message_clients:
            remote = client.broker.value not in ("local", "rest")
            where = (client.protocol.value, client.broker.value, client.port.value if remote else None)
            for topic in client.topics:
                slot = (*where, topic.name.value)
                if slot not in seen:
                    seen[slot] = topic.name
                    continue
                first = seen[slot].origin
                yield _at(codes.DUPLICATE_SUBSCRIPTION, topic.name,
                          f"topic `{topic.name.value}` is already subscribed on this broker by `{first.key}` "
                          f"(line {first.line}), and the node refuses a second subscription",
                          "subscribe to a topic once; one topic can feed one table")


def _tables(node: Node) -> tuple[dict[str, set[str]], set[str]]:
    """The tables the spec makes per database, and the databases any table may come into."""
    made: dict[str, set[str]] = {}
    open_dbms: set[str] = set()
    for client in node.message_clients:
        for topic in client.topics:
            if _bring(topic.dbms.value):
                open_dbms.add("*")
            elif _bring(topic.table.value):
                open_dbms.add(topic.dbms.value)
            else:
                made.setdefault(topic.dbms.value, set()).add(topic.table.value)
    for plc in node.southbound:
        made.setdefault(plc.dbms.value, set()).add(plc.table.value)
    for command in node.commands:
        words = command.value.replace("=", " = ").split()
        if [w.lower() for w in words[:2]] == ["create", "table"] and len(words) == 7 and words[4] == "dbms":
            made.setdefault(words[6], set()).add(words[2])
    return made, open_dbms


def partition_tables(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        made, open_dbms = _tables(node)
        for partition in node.partitions if _fits(node, "partitions") else ():
            table, dbms = partition.table.value, partition.dbms.value
            if table == "*" or "*" in open_dbms or dbms in open_dbms or table in made.get(dbms, ()):
                continue
            known = sorted(made.get(dbms, ()))
            yield _at(codes.UNKNOWN_TABLE, partition.table,
                      f"no topic, PLC or `create table` of `{node.name.value}` makes table `{table}` in `{dbms}`, "
                      "so this partition may never apply",
                      _choices("the spec makes", known, "check the name, or partition `*`"))


def ha_members(network: Network) -> Iterator[Diagnostic]:
    for cluster in network.clusters:
        with_ha = [n for n in network.members(cluster) if n.ha is not None]
        if len(with_ha) < 2:
            continue
        for node in with_ha:
            if node.operator is not None and node.operator.member is None:
                yield _at(codes.HA_WITHOUT_MEMBER, node.ha.origin,
                          f"`{node.name.value}` shares cluster `{cluster.name.value}` by high availability "
                          "without a member number: operators that start together may pick the same one",
                          "give each operator of the cluster its own `operator: {member: N}`")


def message_clients(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        for client in node.message_clients:
            kafka = client.protocol.value == "kafka"
            broker = client.broker.value
            given = {key: getattr(client, key) for key in ("user", "password", "user_agent", "reset", "port", "log")
                     if getattr(client, key) is not None and not getattr(client, key).implicit}
            wrong = []
            if kafka:
                if "port" not in given:
                    yield _at(codes.MESSAGE_CLIENT, client.broker, "a Kafka consumer needs the broker's `port` "
                              "(the default, 1883, is MQTT's)", "add `port:`, such as 9092, Kafka's usual port")
                wrong += [(k, "a Kafka consumer has no such option") for k in ("user", "password", "user_agent")
                          if k in given]
                if "log" in given and given["log"].value:
                    wrong.append(("log", "a Kafka consumer has no such option"))
            else:
                if "reset" in given:
                    wrong.append(("reset", "only a Kafka consumer has it"))
                if "port" in given and broker in ("local", "rest"):
                    wrong.append(("port", f"a client on `{broker}` uses the node's own service, not a port"))
                if "user_agent" in given and broker != "rest":
                    wrong.append(("user_agent", "only a client on `rest` uses it"))
            for key, why in wrong:
                yield _at(codes.MESSAGE_CLIENT, given[key], f"`{key}` is not used: {why}", f"remove `{key}`")
            for topic in client.topics:
                for column in topic.columns:
                    if column.value.value == "now" and column.type.value != "timestamp":
                        yield _at(codes.MESSAGE_CLIENT, column.value,
                                  f"`now` is the arrival time, and column `{column.name.value}` is of type "
                                  f"{column.type.value}", "set `type: timestamp`, or take the value with `bring`")


def _literal(value: Value | None) -> str | None:
    if value is None or not isinstance(value.value, str) or value.value[:1] in ("!", "$"):
        return None
    return value.value


def _addresses(node: Node) -> set[str]:
    """Every address the spec gives the node's machine: its host, and literal addresses."""
    found = {node.host.value}
    for service in (node.tcp, node.rest, node.broker):
        if service is not None:
            found |= {a for a in (_literal(service.external_ip), _literal(service.internal_ip)) if a}
    net = node.networking
    if net is not None:
        found |= {a for a in map(_literal, (net.overlay_ip, net.external_dns, net.local_dns)) if a}
    return found


LOOPBACK = ("127.0.0.1", "localhost", "::1")


def ledger_address(network: Network) -> Iterator[Diagnostic]:
    ledger = network.ledger
    masters = [n for n in network.nodes if n.type.value == "master"]
    if not masters or ledger.value[:1] in ("!", "$") or ":" not in ledger.value:
        return  # the master is outside the spec, or the address is only known on the node
    address, port = ledger.value.rsplit(":", 1)
    ports = {n.tcp.port.value for n in masters}
    master = masters[0]
    if port.isdigit() and all(isinstance(p, int) for p in ports) and int(port) not in ports:
        shown = ", ".join(f"`{n.name.value}` has {n.tcp.port.value}" for n in masters)
        yield _at(codes.LEDGER_ADDRESS, ledger, f"port {port} is not the TCP port of the master ({shown}): "
                  "nodes would publish their policies and pull the metadata from the wrong service",
                  f"write `ledger: {address}:{master.tcp.port.value}`")
    if address in LOOPBACK:
        away = [n for n in network.nodes if all(n.host.value != m.host.value for m in masters)]
        if away:
            yield _at(codes.LEDGER_ADDRESS, ledger, f"{address} reaches the master only from its own host "
                      f"`{master.host.value}`, and `{away[0].name.value}` runs on host `{away[0].host.value}`",
                      "write the master's address as the other hosts reach it")
        return
    known = set().union(*(_addresses(m) for m in masters))
    if address in known:
        return
    elsewhere = next((n for n in network.nodes if n.type.value != "master" and address in _addresses(n)
                      and all(n.host.value != m.host.value for m in masters)), None)
    if elsewhere is not None:
        yield _at(codes.LEDGER_ADDRESS, ledger, f"{address} is host `{elsewhere.host.value}` (of "
                  f"`{elsewhere.name.value}`), and the master `{master.name.value}` runs on host "
                  f"`{master.host.value}`", "write the address of the master's host")


def cluster_ports(network: Network) -> Iterator[Diagnostic]:
    for cluster in network.clusters:
        by_host: dict[str, list[Node]] = {}
        for node in network.members(cluster):
            by_host.setdefault(node.host.value, []).append(node)
        for host, nodes in by_host.items():
            for index, node in enumerate(nodes):
                for other in nodes[:index]:
                    yield from _unproven_ports(cluster.name.value, host, other, node)


def _unproven_ports(cluster: str, host: str, first: Node, node: Node) -> Iterator[Diagnostic]:
    for service in SERVICES:
        a, b = getattr(first, service), getattr(node, service)
        if a is None or b is None or (isinstance(a.port.value, int) and isinstance(b.port.value, int)):
            continue  # two numbers: equal ones are a port-conflict
        if a.port.value == b.port.value:
            why = (f"both read `{a.port.value}`, which has one value on that machine under docker compose"
                   if str(a.port.value).startswith("$") else f"both are `{a.port.value}`")
        else:
            unknown = [f"`{p.port.value}`" for p in (a, b) if not isinstance(p.port.value, int)]
            why = " and ".join(unknown) + (" are only known on the nodes" if len(unknown) > 1
                                           else " is only known on the node")
        yield _at(codes.CLUSTER_PORTS, b.port, f"operators `{first.name.value}` and `{node.name.value}` of "
                  f"cluster `{cluster}` share host `{host}`, and alc cannot show that their {SERVICES[service]} "
                  f"ports differ: {why}", "give each operator of the cluster on one host its own port number")
        return  # one finding per pair


def helm_releases(network: Network) -> Iterator[Diagnostic]:
    taken: dict[tuple[str, str], Node] = {}
    for node in network.nodes:
        namespace = deployment.kubernetes(node)["namespace"]
        problem = deployment.release_problem(node.name.value)
        if node.kubernetes is not None and problem is not None:
            yield _at(codes.HELM_RELEASE, node.name, f"the node's name {problem}, and the `anylog-node` chart "
                      "makes the node's Helm release and name of it", "rename the node, or leave out `kubernetes`")
        for release in deployment.releases(node):
            other = taken.setdefault((namespace, release), node)
            if other is not node and other.name.value != node.name.value:  # not a duplicate-name
                yield _at(codes.HELM_RELEASE, node.name, f"Helm release `{release}` of `{node.name.value}` is "
                          f"already `{other.name.value}`'s in namespace `{namespace}`, and Helm refuses a "
                          "second release of one name", "rename one node, or put it in another `kubernetes.namespace`")
                break


NODE_PORTS = range(30000, 32768)  # Kubernetes' default --service-node-port-range


def node_port_range(network: Network) -> Iterator[Diagnostic]:
    for node in network.nodes:
        if node.kubernetes is None or node.kubernetes.service_type.value != "NodePort":
            continue
        for service in SERVICES:
            endpoint = getattr(node, service)
            if endpoint is None or not isinstance(endpoint.port.value, int) or endpoint.port.value in NODE_PORTS:
                continue
            where = endpoint.port if not endpoint.port.implicit else node.kubernetes.service_type
            yield _at(codes.NODE_PORT_RANGE, where, f"the {SERVICES[service]} of `{node.name.value}` is on port "
                      f"{endpoint.port.value}, and with `service_type: NodePort` the `anylog-node` chart makes it "
                      "the Service's nodePort, which Kubernetes gives only from 30000 to 32767",
                      "give the service a port from 30000 to 32767, or use `service_type: ClusterIP` or "
                      "`LoadBalancer`")


RULES = (duplicate_names, member_numbers, clusters, sections_fit_the_type, platform, secrets, databases,
         blobs_kept_somewhere, port_clashes, commands, dbms_connected, services_exist, subscriptions,
         partition_tables, ha_members, message_clients, ledger_address, cluster_ports, helm_releases,
         node_port_range)
