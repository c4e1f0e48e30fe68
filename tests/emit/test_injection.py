"""No spec value can add, cut or change a command of the script `alc build` writes.

Every string field of a spec gets arbitrary text (all of Unicode, quotes, brackets, line
breaks, NUL, keywords): the spec is either refused at that key, or the build runs exactly the
planned statements (the build checks that itself, compiler/emit/verify.py) with the text as
one word of them.  And when the emitter is made to write a value badly on purpose, the
build's own check stops it before anything is written.
"""

import copy
import tomllib

import pytest
import tomli_w
import yaml
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from compiler import emit, spec
from compiler.cli.app import app
from compiler.emit import layout
from compiler.emit.script import plan_script
from compiler.syntax.words import node_values

runner = CliRunner()

BASE = {
    "alc": 1, "platform": "anylog", "company": "Acme Sensors", "ledger": "10.0.0.10:32048",
    "allow_literal_secrets": True,
    "container": {"image": "anylogco/anylog-network"},
    "clusters": [{"name": "c1"}],
    "nodes": [
        {"name": "op1", "type": "operator", "cluster": "c1", "host": "h1",
         "tcp": {"external_ip": "10.0.0.1", "internal_ip": "!ip"},
         "broker": {"port": 32150},
         "databases": {"data": {"name": "sensors", "type": "psql", "user": "anylog",
                                "password": "$DB_PASSWORD", "ip": "127.0.0.1"},
                       "almgm": {"type": "psql", "user": "anylog", "password": "$DB_PASSWORD"},
                       "blobs": {"name": "blobs1", "user": "mongo", "password": "$MONGO"}},
         "ha": {"start_date": "-30d"},
         "location": {"coordinates": "32.8, 35.0", "country": "IL", "state": "North", "city": "Haifa"},
         "hostname": "edge-box-3",
         "networking": {"nic": "eth0"},
         "partitions": [{"dbms": "sensors", "table": "readings", "column": "timestamp"}],
         "message_clients": [
             {"broker": "local", "topics": [{"name": "t1", "dbms": "sensors", "table": "readings",
                                             "columns": [{"name": "value", "value": "bring [value]"}]}]},
             {"broker": "10.0.0.5", "user": "mqtt", "password": "$MQTT_PASSWD",
              "topics": [{"name": "t2", "table": "bring [table]"}]}],
         "monitoring": {"node": True, "view_destination": "10.0.0.4:32348"},
         "southbound": [{"type": "opcua", "name": "plc1", "url": "opc.tcp://10.0.0.111:4840", "table": "plc1",
                         "nodes": ["Temperature"], "user": "plc", "password": "$PLC_PASSWORD"}],
         "local_scripts": ["/app/scripts/local.al"],
         "license_key": "$LICENSE_KEY",
         "container": {"docker_socket": "/var/run/docker.sock", "env": {"MONITOR_NODES": "true"}},
         "commands": ["print ready"]},
        {"name": "pub1", "type": "publisher", "company": "Other Co",
         "publisher": {"dbms_name": "file_name[0]", "table_name": "file_name[1]"}},
        {"name": "q1", "type": "query", "company": "Query Co",
         "networking": {"overlay_ip": "10.10.1.15", "external_dns": "q1.example.com"}},
    ],
}
# Every string a spec may hold (a key path into BASE), commands included.
FIELDS = [
    ("company",), ("ledger",), ("clusters", 0, "name"), ("clusters", 0, "company"),
    ("nodes", 0, "name"), ("nodes", 0, "host"), ("nodes", 0, "tcp", "external_ip"),
    ("nodes", 0, "tcp", "internal_ip"), ("nodes", 0, "databases", "data", "name"),
    ("nodes", 0, "databases", "data", "user"), ("nodes", 0, "databases", "data", "password"),
    ("nodes", 0, "databases", "data", "ip"), ("nodes", 0, "databases", "almgm", "password"),
    ("nodes", 0, "databases", "almgm", "user"), ("nodes", 0, "databases", "blobs", "name"),
    ("nodes", 0, "databases", "blobs", "user"), ("nodes", 0, "databases", "blobs", "password"),
    ("nodes", 0, "ha", "start_date"), ("nodes", 0, "commands", 0), ("nodes", 1, "company"),
    ("nodes", 1, "publisher", "dbms_name"), ("nodes", 1, "publisher", "table_name"),
    ("nodes", 2, "company"),
    # The official deployment's settings (issue 13)
    ("nodes", 0, "location", "coordinates"), ("nodes", 0, "location", "country"),
    ("nodes", 0, "location", "state"), ("nodes", 0, "location", "city"), ("nodes", 0, "networking", "nic"),
    ("nodes", 2, "networking", "overlay_ip"), ("nodes", 2, "networking", "external_dns"),
    ("nodes", 0, "partitions", 0, "dbms"), ("nodes", 0, "partitions", 0, "table"),
    ("nodes", 0, "partitions", 0, "column"), ("nodes", 0, "message_clients", 0, "topics", 0, "name"),
    ("nodes", 0, "message_clients", 0, "topics", 0, "dbms"), ("nodes", 0, "message_clients", 0, "topics", 0, "table"),
    ("nodes", 0, "message_clients", 0, "topics", 0, "columns", 0, "name"),
    ("nodes", 0, "message_clients", 0, "topics", 0, "columns", 0, "value"),
    ("nodes", 0, "message_clients", 1, "broker"), ("nodes", 0, "message_clients", 1, "user"),
    ("nodes", 0, "message_clients", 1, "password"), ("nodes", 0, "message_clients", 1, "topics", 0, "table"),
    ("nodes", 0, "monitoring", "view_destination"), ("nodes", 0, "southbound", 0, "name"),
    ("nodes", 0, "southbound", 0, "url"), ("nodes", 0, "southbound", 0, "table"),
    ("nodes", 0, "southbound", 0, "nodes", 0), ("nodes", 0, "southbound", 0, "user"),
    ("nodes", 0, "southbound", 0, "password"), ("nodes", 0, "local_scripts", 0), ("nodes", 0, "license_key"),
    ("nodes", 0, "hostname"),
]
# Container settings: never written into a script, whatever they hold.
CONTAINER_FIELDS = [("container", "image"), ("nodes", 0, "container", "docker_socket"),
                    ("nodes", 0, "container", "env", "MONITOR_NODES")]
HOSTILE = st.sampled_from([
    '$DB_PASSWORD">\nsystem rm -rf ~/data\n#', '$P" and user = "root', "Acme Sensors\n", "op1\n",
    "[", "{", "(", "a[b", "x]", "a&b", "a & b", "#x", "a #b", "and", "where", "bring", "then",
    '"', "'", "`x", "\\", "a\\b", "\0", "a\u2028b", "a\u202eb", "x>", "<x", "-> x", "!x y", "$",
    "!", "a=b", "a = b", "a+b", "", " ", "\r", "\t", "print hi\nprint ho", "<print hi>",
    "x = 1 & system rm -rf /", "Société Générale", "10.0.0.1:32048", "30 seconds",
])
PAYLOADS = st.one_of(HOSTILE, st.text(max_size=30),
                     st.text(alphabet=st.sampled_from('ab "\'`[]{}()<>=+&#!$\\\n\r\t:;,'), max_size=12))


def put(data, path, value):
    place = data
    for step in path[:-1]:
        place = place[step]
    place[path[-1]] = value


def dump(data, fmt):
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True) if fmt == "yaml" else tomli_w.dumps(data)


def build_or_refuse(data, fmt):
    loaded = spec.load(dump(data, fmt), f"s.{fmt}")
    if loaded.network is None:
        assert loaded.errors, "a spec is either built or refused with a finding"
        return None, loaded
    return emit.build(loaded.network, "s"), loaded  # raises if a script does not read back


def read_back(data, fmt, path):
    """The value as the spec file says it (YAML folds a NEL into a space, for one)."""
    text = dump(data, fmt)
    place = yaml.safe_load(text) if fmt == "yaml" else tomllib.loads(text)
    for step in path:
        place = place[step]
    return place


def inside_groups(words):
    """The words, and the words the node reads inside each `( ... )` group (a topic, a column)."""
    for word in words:
        yield word
        if word.startswith("(") and word.endswith(")"):
            yield from inside_groups(node_values(word[1:-1]))


def test_the_base_spec_builds():
    scripts, loaded = build_or_refuse(BASE, "yaml")
    assert sorted(scripts) == ["op1.al", "pub1.al", "q1.al"]
    assert loaded.diagnostics == []


@given(st.sampled_from(CONTAINER_FIELDS), PAYLOADS, st.sampled_from(["yaml", "toml"]))
def test_container_settings_never_reach_a_script(path, payload, fmt):
    data = copy.deepcopy(BASE)
    put(data, path, payload)
    scripts, loaded = build_or_refuse(data, fmt)
    if scripts is None:  # only a control character (or what YAML/TOML cannot hold) refuses it
        assert all(d.rule in ("unwritable-value", "spec-syntax-error", "spec-schema") for d in loaded.errors)
        return
    assert scripts == build_or_refuse(BASE, fmt)[0]


@given(st.sampled_from(FIELDS), PAYLOADS, st.sampled_from(["yaml", "toml"]))
def test_any_text_in_any_field_is_refused_or_built_exactly(path, payload, fmt):
    data = copy.deepcopy(BASE)
    put(data, path, payload)
    scripts, loaded = build_or_refuse(data, fmt)
    if scripts is None:
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        assert any(key in d.message or d.rule in ("spec-syntax-error", "duplicate-name", "unknown-cluster",
                                                    "invalid-command", "port-conflict", "hardcoded-secret",
                                                    "dbms-not-connected")
                   for d in loaded.errors), loaded.errors
        return
    # Built: the value is one word of the plan (a command entry: its own statement; the host
    # only shows in the header comment).
    network = loaded.network
    planned = [plan_script(network, node, "s", "0").plan for node in network.nodes]
    words = set(inside_groups([word for plan in planned for statement in plan for word in statement]))
    value = read_back(data, fmt, path)
    if path[-1] == "host":
        assert f"(host {value})" in scripts["op1.al"]
    elif path[-2:-1] != ("commands",):
        # A column's name is a part of its dotted key (`column.<name>.timestamp = ...`).
        dotted = {part for word in words if word.startswith("column.") for part in word.split(".")}
        assert value in words | dotted, (value, path)


def test_the_password_injection_is_refused_at_its_key(tmp_path):
    data = copy.deepcopy(BASE)
    put(data, ("nodes", 0, "databases", "data", "password"), '$DB_PASSWORD">\nsystem rm -rf ~/data\n#')
    path = tmp_path / "s.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2 and result.stdout == ""
    assert "ALC615 [unwritable-value] `nodes[0].databases.data.password` holds U+000A LINE FEED" in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_build_refuses_its_own_bad_output_and_writes_nothing(tmp_path, monkeypatch):
    """A bug in the emitter (here: values written without quotes) is caught by reading back."""
    monkeypatch.setattr(layout, "value", lambda item: layout.Piece(str(item), (str(item),)))
    path = tmp_path / "s.yaml"
    data = copy.deepcopy(BASE)
    # Values inside a topic group are checked by the group first (the test below): plain ones here.
    data["nodes"][0]["message_clients"] = [{"broker": "local", "topics": [{"name": "t1", "table": "readings"}]}]
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    loaded = spec.load(path.read_text(), str(path))
    with pytest.raises(emit.BuildError, match=r"op1\.al:\d+: the built script runs \["):
        emit.build(loaded.network, "s")
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith("alc: error: internal error: op1.al:")
    assert result.stderr.endswith("; nothing was written (please report this)\n")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_group_refuses_a_value_written_badly_inside_it(tmp_path, monkeypatch):
    """A message client's topic is one word the node splits again: its inside is checked too."""
    monkeypatch.setattr(layout, "value", lambda item: layout.Piece(str(item), (str(item),)))
    loaded = spec.load(yaml.safe_dump(BASE, sort_keys=False), "s.yaml")
    with pytest.raises(emit.Unwritable, match=r"^op1\.al: 'type = str and value = bring \[value\]': does not split "
                                              r"back into its planned words$"):
        emit.build(loaded.network, "s")
    with pytest.raises(emit.Unwritable, match="a value inside a group cannot hold the word `and`"):
        layout.group([layout.pair("value", layout.Piece('"a and b"', ("a and b",)))])


def test_a_statement_more_or_less_than_planned_is_caught():
    from compiler.emit import verify

    plan = [("print", "a"), ("print", "b")]
    verify.check("print a\nprint b\n", plan, "x.al")
    with pytest.raises(verify.BuildError, match="one statement more than planned"):
        verify.check("print a\nprint b\nsystem rm -rf /\n", plan, "x.al")
    with pytest.raises(verify.BuildError, match="holds 1 statements, 2 were planned"):
        verify.check("print a\n", plan, "x.al")
    with pytest.raises(verify.BuildError, match="declares a label"):
        verify.check("print a\n:x:\nprint b\n", plan, "x.al")
    with pytest.raises(verify.BuildError, match="does not read back"):
        verify.check('print a\nprint "b\n', plan, "x.al")
    # After `do` the node splits the rebuilt words again: a=b becomes three words.
    with pytest.raises(verify.BuildError, match=r"runs \['do', 'x', '=', 'a', '=', 'b'\]"):
        verify.check('do x = "a=b"\n', [("do", "x", "=", "a=b")], "x.al")


@pytest.mark.parametrize(("hostname", "written"), [
    ('edge "3"', None), ("edge\nrun tcp server", None), ("<edge>", None),
    ("edge[3]", "    hostname = edge[3] and"), ("edge]3", "    hostname = edge]3 and"),
    ("edge and x = y", '    hostname = "edge and x = y" and'),
])
def test_a_hostname_with_a_quote_a_newline_or_a_bracket_is_refused_or_one_word(hostname, written):
    """The policy's `hostname` (issue 13): a name goes through the one quoting function."""
    data = copy.deepcopy(BASE)
    put(data, ("nodes", 0, "hostname"), hostname)
    scripts, loaded = build_or_refuse(data, "yaml")
    if written is None:
        assert [(d.code, d.message.split(" ")[0]) for d in loaded.errors] == [("ALC615", "`nodes[0].hostname`")]
    else:
        assert [line for line in scripts["op1.al"].splitlines() if "hostname" in line] == [written]
