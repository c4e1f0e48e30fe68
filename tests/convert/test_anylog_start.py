"""AnyLog's start-script settings (issue 13): the node's authentication (`set authentication
on|off`, the official AnyLog main.al's first step, a spec field `authentication`) and the
official message-client script's debug-mode line (a `do` after a one-line `if !debug_mode.int >
0 then print ...`, which the node runs only when debug_mode is a number above 0).

tests/fixtures/convert/start-scripts/anylog is alc's own text with those constructs.
"""


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from compiler import convert, emit, parse, spec
from compiler.cli.app import app
from compiler.convert import to_spec
from compiler.convert.evaluate import ENV_COMPLETE, evaluate
from tests.conftest import FIXTURES, ROOT, matches_golden

HERE = FIXTURES / "convert" / "start-scripts" / "anylog"
MAIN, ENV = HERE / "main.al", HERE / "node_configs.env"
GOLDEN = ROOT / "tests" / "golden" / "convert" / "start-scripts-anylog.yaml"
HEAD = "alc: 1\nplatform: {platform}\ncompany: Kiln Co\nledger: 10.21.0.2:32048\n"
QUERY = "nodes:\n  - name: kq\n    type: query\n    authentication: {state}\n"
runner = CliRunner()


def built(platform: str = "anylog", state: str = "false") -> str:
    loaded = spec.load(HEAD.format(platform=platform) + QUERY.format(state=state), "s.yaml")
    assert loaded.errors == [], loaded.errors
    (text,) = emit.build(loaded.network, "s", version="9.9").values()
    return text


# ------------------------------------------------------------------ build
@pytest.mark.parametrize("state, word", [("false", "off"), ("true", "on")])
def test_authentication_is_the_first_step_of_an_anylog_node(state, word):
    lines = built(state=state).split("\n")
    assert lines[2:6] == ["", f"# Authentication {word} (AnyLog)", f"set authentication {word}", ""]
    assert lines[6].startswith("# The master's TCP address")


def test_no_authentication_writes_no_line():
    loaded = spec.load(HEAD.format(platform="anylog") + "nodes:\n  - name: kq\n    type: query\n", "s.yaml")
    (text,) = emit.build(loaded.network, "s", version="9.9").values()
    assert "authentication" not in text


def test_edgelake_has_no_authentication_setting():
    loaded = spec.load(HEAD.format(platform="edgelake") + QUERY.format(state="false"), "s.yaml")
    assert [(d.code, d.line, d.column, d.message) for d in loaded.errors] == [
        ("ALC306", 8, 21, "`nodes[0].authentication`: platform edgelake has no authentication setting (EdgeLake has no "
                          "`set authentication`; AnyLog has)")]


# ------------------------------------------------------------------ convert, both routes
@pytest.mark.parametrize("state", ["false", "true"])
def test_a_built_authentication_converts_back(state):
    back = convert.scripts([("kq.al", built(state=state))], check=True)
    assert back.network is not None and back.diagnostics == []
    assert back.network.nodes[0].authentication.value is (state == "true")
    assert [c.value for c in back.network.nodes[0].commands] == []


def test_a_second_authentication_line_stays_a_command():
    back = convert.scripts([("kq.al", built() + "set authentication on\n")], check=True)
    node = back.network.nodes[0]
    assert node.authentication.value is False
    assert [c.value for c in node.commands] == ["set authentication on"]


def test_an_anylog_env_file_says_authentication_off_and_an_edgelake_one_says_nothing():
    anylog = convert.env_files([("node_configs.env", "NODE_TYPE=query\nNODE_NAME=kq\n")]).network
    edgelake = convert.env_files([("base_configs.env", "NODE_TYPE=query\nNODE_NAME=kq\n")]).network
    assert anylog.nodes[0].authentication.value is False
    assert edgelake.nodes[0].authentication is None


def test_the_start_script_converts_strictly_with_authentication_and_its_client():
    result = runner.invoke(app, ["convert", str(MAIN), "--env", str(ENV), "--root", str(HERE)])
    assert result.exit_code == 0, result.stderr
    assert matches_golden(result.stdout, GOLDEN)
    assert "commands" not in result.stdout and "ALC701" not in result.stderr


def test_without_env_the_debug_client_line_stays_as_written():
    values = convert.variables([], "FEED_HOST=10.21.0.7\nFEED_TOPIC=kiln/heat\nNODE_NAME=kiln-node\n")
    values.pop(ENV_COMPLETE)  # a --define, not the whole environment: debug_mode is unknown
    node = convert.script_node(MAIN.read_text(), str(MAIN), values, str(HERE))
    assert [e.text.split(" where")[0] for e in node.extras if e.text.startswith(("if !debug", "do run", "<do run"))] \
        == ["if !debug_mode.int > 0 then print \"kiln feed starting\"", "do run msg client"]


# ------------------------------------------------------------------ the debug-mode condition
def decided(line: str, env: bool = True) -> list[bool]:
    """Whether each `do print` after the lines runs (False: ruled out by known values)."""
    values = {ENV_COMPLETE: "1"} if env else {}
    ran = evaluate(parse(line + "\ndo print ran\n", "d.al"), values, None).ran
    return [not r.skipped for r in ran if r.stmt.text == "do print ran"]


@pytest.mark.parametrize("setting, runs", [
    ("", False),  # unset: the node's cast of `!debug_mode` fails, the null string orders first
    ("set debug_mode = true\n", False), ("set debug_mode = false\n", False),
    ("set debug_mode = 0\n", False), ("set debug_mode = 2\n", True)])
def test_the_debug_mode_line_is_decided_as_the_node_decides_it(setting, runs):
    # checked on the EdgeLake node: only a number above 0 runs the `do` line
    assert decided(setting + 'if !debug_mode.int > 0 then print "starting"') == [runs]


def test_without_the_environment_an_unset_debug_mode_stays_undecided():
    values = {}
    ran = evaluate(parse('if !debug_mode.int > 0 then print "s"\ndo print ran\n', "d.al"), values, None).ran
    assert [(r.skipped, r.condition) for r in ran if r.stmt.text == "do print ran"] == [(False, "!debug_mode.int > 0")]


@settings(max_examples=40)
@given(st.text("abcxyz_-", min_size=1, max_size=6))
def test_a_word_that_is_no_number_never_runs_the_debug_line(word):
    assert decided(f"set debug_mode = {word}\nif !debug_mode.int > 0 then print \"s\"") == [False]


@settings(max_examples=40)
@given(st.booleans())
def test_authentication_round_trips_through_build_and_convert(state):
    text = built(state="true" if state else "false")
    back = convert.scripts([("kq.al", text)], check=True).network
    again = emit.build(back, "s", version="9.9")
    assert list(again.values()) == [text]
    assert to_spec.data(back)["nodes"][0]["authentication"] is state
