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

runner = CliRunner()

BASE = {
    "alc": 1, "platform": "anylog", "company": "Acme Sensors", "ledger": "10.0.0.10:32048",
    "allow_literal_secrets": True,
    "clusters": [{"name": "c1"}],
    "nodes": [
        {"name": "op1", "type": "operator", "cluster": "c1", "host": "h1",
         "tcp": {"external_ip": "10.0.0.1", "internal_ip": "!ip"},
         "databases": {"data": {"name": "sensors", "type": "psql", "user": "anylog",
                                "password": "$DB_PASSWORD", "ip": "127.0.0.1"},
                       "almgm": {"type": "psql", "user": "anylog", "password": "$DB_PASSWORD"},
                       "blobs": {"name": "blobs1", "user": "mongo", "password": "$MONGO"}},
         "ha": {"start_date": "-30d"},
         "commands": ["print ready"]},
        {"name": "pub1", "type": "publisher", "company": "Other Co",
         "publisher": {"dbms_name": "file_name[0]", "table_name": "file_name[1]"}},
        {"name": "q1", "type": "query", "company": "Query Co"},
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
]
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


def test_the_base_spec_builds():
    scripts, _ = build_or_refuse(BASE, "yaml")
    assert sorted(scripts) == ["op1.al", "pub1.al", "q1.al"]


@given(st.sampled_from(FIELDS), PAYLOADS, st.sampled_from(["yaml", "toml"]))
def test_any_text_in_any_field_is_refused_or_built_exactly(path, payload, fmt):
    data = copy.deepcopy(BASE)
    put(data, path, payload)
    scripts, loaded = build_or_refuse(data, fmt)
    if scripts is None:
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
        assert any(key in d.message or d.rule in ("spec-syntax-error", "duplicate-name", "unknown-cluster",
                                                    "invalid-command", "port-conflict", "hardcoded-secret")
                   for d in loaded.errors), loaded.errors
        return
    # Built: the value is one word of the plan (a command entry: its own statement; the host
    # only shows in the header comment).
    network = loaded.network
    planned = [plan_script(network, node, "s", "0").plan for node in network.nodes]
    words = {word for plan in planned for statement in plan for word in statement}
    value = read_back(data, fmt, path)
    if path[-1] == "host":
        assert f"(host {value})" in scripts["op1.al"]
    elif path[-2:-1] != ("commands",):
        assert value in words, (value, path)


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
    path.write_text(yaml.safe_dump(BASE, sort_keys=False))
    loaded = spec.load(path.read_text(), str(path))
    with pytest.raises(emit.BuildError, match=r"op1\.al:\d+: the built script runs \["):
        emit.build(loaded.network, "s")
    result = runner.invoke(app, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith("alc: error: internal error: op1.al:")
    assert result.stderr.endswith("; nothing was written (please report this)\n")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


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
