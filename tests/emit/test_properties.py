"""Properties over generated specs: every valid spec builds, deterministically, into scripts
that parse cleanly; its YAML and TOML forms mean the same; every position points at its value."""

import tomllib

import tomli_w
import yaml
from hypothesis import given
from hypothesis import strategies as st

from compiler import emit, parse, spec
from compiler.emit.quoting import problem
from compiler.spec import toml_reader, yaml_reader

# A name that is a keyword (`do`, `or`) is refused like any unwritable value.
names = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True).filter(lambda name: problem(name) is None)
# Company names with spaces, '&' and quotes; one that no script can carry unchanged (`A&0`:
# after `do` the node cuts it at `&`) makes an invalid spec, which tests/emit/test_injection.py covers.
texts = st.from_regex(r"[A-Za-z][A-Za-z0-9 .,&'-]{0,15}[A-Za-z0-9]", fullmatch=True).filter(
    lambda text: problem(text) is None)
references = st.sampled_from(["!external_ip", "!ip", "$HOST_IP", "10.0.0.7", "edge.local"])
COMMANDS = ["run scheduler 1", 'print "ready"', "set debug off", "get status",
            "schedule time=1 day task get status"]


def ports(base: int):
    return st.one_of(st.just(base), st.sampled_from([f"$PORT_{base}", f"!port_{base}"]))


def endpoint(base: int, rest: bool = False):
    keys = {"port": ports(base), "bind": st.booleans(), "threads": st.integers(1, 12),
            "external_ip": references, "internal_ip": references}
    if rest:
        keys["timeout"] = st.integers(0, 120)
    return st.fixed_dictionaries({}, optional=keys)


def sql():
    return st.one_of(
        st.fixed_dictionaries({"type": st.just("sqlite")}, optional={"memory": st.booleans()}),
        st.fixed_dictionaries({"type": st.just("psql"), "user": names, "password": st.just("$DB_PASSWORD")},
                              optional={"ip": references, "port": ports(5432)}))


durations = st.sampled_from(["30 seconds", "1 minute", "12 hours", "1 day"])
brings = st.sampled_from(["bring [table]", "bring [metadata][name]", "bring [a] _ [b]"])
tables = st.one_of(names.map(lambda n: n.replace("-", "_")), brings)


def columns():
    column = st.one_of(
        st.fixed_dictionaries({"name": st.just("ts"), "type": st.just("timestamp"), "value": st.just("now")}),
        st.fixed_dictionaries({"name": st.sampled_from(["value", "reading", "v2"]),
                               "value": st.sampled_from(["bring [value]", "bring [r][0]"])},
                              optional={"type": st.sampled_from(["str", "int", "float"])}))
    return st.lists(column, max_size=3, unique_by=lambda c: c["name"])


@st.composite
def message_client(draw, index: int, dbms: str | None, local: bool):
    topics = [draw(st.fixed_dictionaries({"name": st.just(f"topic-{index}-{i}"), "table": tables},
                                         optional={"qos": st.integers(0, 2), "columns": columns()}))
              for i in range(draw(st.integers(1, 2)))]
    if dbms is not None:
        for topic in topics:
            topic["dbms"] = dbms
    kind = draw(st.sampled_from(["remote", "kafka"] + (["local"] if local else [])))
    if kind == "local":
        return {"broker": "local", "topics": topics}
    if kind == "kafka":
        return {"protocol": "kafka", "broker": "10.0.0.6", "port": 9092 + index, "topics": topics,
                **draw(st.fixed_dictionaries({}, optional={"reset": st.sampled_from(["earliest", "latest"])}))}
    return {"broker": draw(references), "topics": topics, **draw(st.fixed_dictionaries({}, optional={
        "port": ports(1883), "user": names, "password": st.just("$MQTT_PASSWD"), "log": st.booleans()}))}


def official_sections(draw, node: dict, kind: str, platform: str) -> None:
    """The official deployment's settings (issue 13), on the node types they belong to."""
    if kind in ("operator", "publisher"):
        if draw(st.booleans()):
            node["buffer"] = draw(st.one_of(st.just(False), st.fixed_dictionaries({}, optional={
                "time": durations, "volume": st.sampled_from(["10KB", "1MB", "2048"]),
                "write_immediate": st.booleans()})))
        if draw(st.booleans()):
            node["archive"] = draw(st.one_of(st.just(False), st.fixed_dictionaries(
                {}, optional={"delete_after": st.integers(1, 90)})))
        dbms = None if kind == "operator" else "sensors"
        count = draw(st.integers(0, 2))
        node["message_clients"] = [draw(message_client(i, dbms, "broker" in node)) for i in range(count)]
        if kind == "operator" and draw(st.booleans()):
            node["southbound"] = [{"type": draw(st.sampled_from(["opcua", "etherip"])), "name": "plc1",
                                   "url": "opc.tcp://10.0.0.111:4840", "table": "plc1",
                                   **draw(st.fixed_dictionaries({}, optional={
                                       "frequency": st.integers(1, 60), "nodes": st.lists(names, max_size=2)}))}]
    if kind == "operator":
        node["partitions"] = draw(st.lists(st.fixed_dictionaries({}, optional={
            "table": st.sampled_from(["*", "plc1"]), "column": st.sampled_from(["timestamp", "insert_timestamp"]),
            "interval": st.sampled_from(["14 days", "month", "12 hours", "1 year"]), "keep": st.integers(1, 30),
            "check_every": durations}), max_size=2))
        if draw(st.booleans()):
            flags = ["node", "store", "docker"] + (["syslog"] if "broker" in node else [])
            node["monitoring"] = draw(st.fixed_dictionaries({}, optional={
                **{flag: st.booleans() for flag in flags}, "frequency": durations,
                "docker_frequency": st.integers(1, 60), "view_destination": st.just("10.0.0.4:32348")}))
        if draw(st.booleans()):
            node["operator"]["main"] = draw(st.sampled_from([True, False, "auto"]))
    elif kind != "generic" and draw(st.booleans()):
        node["hidden"] = draw(st.booleans())
    if kind != "generic" and not node.get("hidden") and draw(st.booleans()):
        auto = st.just("auto")  # looked up when the node starts
        node["location"] = draw(st.just("auto") | st.fixed_dictionaries({"country": texts | auto}, optional={
            "coordinates": st.sampled_from(["32.8, 35.0", "-33.86,151.2", "auto"]), "state": texts | auto,
            "city": texts | auto}))
    if kind != "generic" and not node.get("hidden") and draw(st.booleans()):
        node["hostname"] = draw(st.just("auto") | texts)
    if draw(st.booleans()):
        node["networking"] = draw(st.fixed_dictionaries({}, optional={
            "nic": st.sampled_from(["eth0", "ens5"]), "overlay_ip": st.just("10.10.1.15"),
            "external_dns": st.just("node.example.com"), "local_dns": st.just("node.local")}))
    if draw(st.booleans()):
        node["query_pool"] = draw(st.integers(1, 10))
    if draw(st.booleans()):
        node["scheduler"] = draw(st.booleans())
    node["local_scripts"] = draw(st.lists(st.sampled_from(["/app/scripts/a.al", "scripts/b.al"]), max_size=2))
    if platform == "anylog" and draw(st.booleans()):
        node["license_key"] = "$LICENSE_KEY"
    if platform == "anylog" and draw(st.booleans()):
        node["authentication"] = draw(st.booleans())
    if draw(st.booleans()):
        node["container"] = {"image": "anylogco/anylog-network", "env": {"MONITOR_NODES": "true"}}


@st.composite
def specs(draw):
    platform = draw(st.sampled_from(["anylog", "edgelake"]))
    kinds = ["operator", "master", "query", "generic"] + (["publisher"] if platform == "anylog" else [])
    node_names = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    cluster_names = draw(st.lists(names, min_size=1, max_size=2, unique=True))
    nodes = []
    for index, name in enumerate(node_names):
        kind = draw(st.sampled_from(kinds))
        base = 30000 + 10 * index  # distinct ports: each node is alone on its host anyway
        node = {"name": name, "type": kind, "tcp": draw(endpoint(base))}
        if draw(st.booleans()):
            node["rest"] = draw(endpoint(base + 1, rest=True))
        if draw(st.booleans()):
            node["broker"] = {**draw(endpoint(base + 2)), "port": base + 2}
        databases = {}
        if kind == "operator":
            node["cluster"] = draw(st.sampled_from(cluster_names))
            databases["data"] = {"name": draw(names), **draw(sql())}
            if draw(st.booleans()):
                databases["blobs"] = {"password": "$MONGO_PASSWORD"} if draw(st.booleans()) else {}
            if platform == "anylog" and draw(st.booleans()):
                node["ha"] = {"start_date": draw(st.sampled_from(["-30d", "-1d", "2024-01-02"]))}
            node["operator"] = draw(st.fixed_dictionaries({}, optional={
                "threads": st.integers(1, 10), "archive_sql": st.booleans(), "member": st.just(index + 1)}))
        if draw(st.booleans()):
            databases["almgm"] = draw(sql())
        if databases:
            node["databases"] = databases
        official_sections(draw, node, kind, platform)
        node["commands"] = draw(st.lists(st.sampled_from(COMMANDS), max_size=3))
        nodes.append(node)
    members = {n.get("cluster") for n in nodes}
    clusters = [{"name": c, "declare": draw(st.booleans())} for c in cluster_names if c in members]
    # The ledger is the master's TCP port, when the spec has a master (ledger-address checks it).
    master_ports = [n["tcp"].get("port", 32048) for n in nodes if n["type"] == "master"]
    port = master_ports[0] if master_ports and isinstance(master_ports[0], int) else 32048
    data = {"alc": 1, "platform": platform, "company": draw(texts),
            "ledger": draw(st.sampled_from([f"10.0.0.10:{port}", "$LEDGER_CONN"])), "nodes": nodes}
    if draw(st.booleans()):
        data["blockchain"] = {"destination": draw(st.sampled_from(["file", "dbms"]))}
    if clusters:
        data["clusters"] = clusters
    return data


def load(text: str, path: str):
    loaded = spec.load(text, path)
    assert loaded.errors == [], loaded.errors
    return loaded


@given(specs())
def test_every_valid_spec_builds_the_same_clean_scripts_every_time(data):
    network = load(yaml.safe_dump(data, sort_keys=False), "s.yaml").network
    first = emit.build(network, "s")
    assert first == emit.build(network, "s")
    assert sorted(first) == sorted(f"{n['name']}.al" for n in data["nodes"])
    for name, text in first.items():
        assert parse(text, name).diagnostics == [], (name, text)


@given(specs())
def test_yaml_and_toml_forms_mean_the_same(data):
    from_yaml = load(yaml.safe_dump(data, sort_keys=False), "s.yaml").network
    from_toml = load(tomli_w.dumps(data), "s.toml").network
    assert from_yaml == from_toml
    assert emit.build(from_yaml, "s") == emit.build(from_toml, "s")


def leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, path + (index,))
    else:
        yield path, value


def text_at(text: str, mark) -> str:
    lines = text.split("\n")
    assert mark.line == mark.end_line
    return lines[mark.line - 1][mark.column - 1:mark.end_column - 1]


@given(specs())
def test_every_value_position_points_at_that_value(data):
    forms = (("yaml", yaml.safe_dump(data, sort_keys=False, width=1000)), ("toml", tomli_w.dumps(data)))
    for fmt, text in forms:
        doc, found = (yaml_reader if fmt == "yaml" else toml_reader).read(text, f"s.{fmt}")
        assert found == []
        for path, value in leaves(data):
            written = text_at(text, doc.values[path])
            read = yaml.safe_load(written) if fmt == "yaml" else tomllib.loads(f"v = {written}")["v"]
            assert read == value, (fmt, path, written)
