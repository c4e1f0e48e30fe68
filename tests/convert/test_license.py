"""The AnyLog license (issue 13): `license_key` is a key (`$ENV`) or `auto`.

The build writes the official license flow: the activation key of the network's license
policy on the ledger; with a key of the node's own, that policy is declared from the key first
when the ledger has none; `auto` activates the ledger's policy only (an official `.env` with
an empty LICENSE_KEY).  Convert reads the flow back from alc's scripts, and, with --env, the
official license script as the license step; the official start scripts tell the platforms
apart by the first word of `get version`, which the --env files' platform decides.

tests/fixtures/convert/start-scripts/license is alc's own text with the official constructs.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from compiler import convert, emit, parse, spec
from compiler.cli.app import app
from compiler.convert.evaluate import ENV_COMPLETE, ENV_PLATFORM, evaluate
from compiler.official.env import env_files, render
from tests.conftest import FIXTURES

HERE = FIXTURES / "convert" / "start-scripts" / "license"
MAIN = HERE / "node-deployment" / "main.al"
HEAD = "alc: 1\nplatform: anylog\ncompany: Kiln Co\nledger: 10.21.0.2:32048\n"
runner = CliRunner()


def built(license_key: str | None, commands: str = "") -> str:
    node = "nodes:\n  - name: kq\n    type: query\n"
    if license_key is not None:
        node += f"    license_key: '{license_key}'\n"
    loaded = spec.load(HEAD + node + commands, "s.yaml")
    assert loaded.errors == [], loaded.errors
    (text,) = emit.build(loaded.network, "s", version="9.9").values()
    return text


def converted(env: str, name: str = "node_configs.env", tmp_path=None):
    path = tmp_path / name
    path.write_text(env)
    result = runner.invoke(app, ["convert", str(MAIN), "--env", str(path), "--root", str(HERE)])
    assert result.exit_code == 0, result.stderr
    return result


# ------------------------------------------------------------------ build -> convert -> build
@settings(max_examples=20)
@given(st.sampled_from(["auto", "$LICENSE_KEY", "$KILN_KEY"]), st.booleans())
def test_a_built_license_converts_back_strictly_and_builds_the_same(license_key, more):
    text = built(license_key, "    commands: [print ready]\n" if more else "")
    back = convert.scripts([("kq.al", text)], check=True)
    assert [d.code for d in back.diagnostics] == (["ALC701"] if more else [])  # info: the commands
    node = back.network.nodes[0]
    assert node.license_key.value == license_key
    assert [c.value for c in node.commands] == (["print ready"] if more else [])
    assert list(emit.build(back.network, "s", version="9.9").values()) == [text]


def test_the_license_value_points_at_the_line_that_says_it():
    text = built("$LICENSE_KEY")
    node = convert.scripts([("kq.al", text)]).network.nodes[0]
    line = text.split("\n").index("license_key = $LICENSE_KEY") + 1
    assert (node.license_key.origin.line, node.license_key.origin.column) == (line, 1)


def test_an_activation_without_alcs_key_line_is_no_license_step():
    """`set license` of a key the script looked up, with no key line: not the `$ENV` step, so it
    is read as any `set license` (the looked-up variable is no secret of the environment)."""
    text = built("auto").replace("if !activation_key then set license", "set license").replace(
        'else print "No license policy on the ledger: the node is not activated"\n', "")
    node = convert.scripts([("kq.al", text)]).network.nodes[0]
    assert node.license_key.value == "$ACTIVATION_KEY"


def test_a_second_license_flow_stays_commands():
    text = built("auto")
    flow = text[text.index("activation_key = "):]
    node = convert.scripts([("kq.al", text + flow)]).network.nodes[0]
    assert node.license_key.value == "auto"
    assert [c.value.split(" ")[0] for c in node.commands] == ["activation_key", "if", "else"]


# ------------------------------------------------------------------ the official flow, with --env
def test_an_empty_license_key_converts_to_auto_strictly(tmp_path):
    result = converted("NODE_NAME=kiln-lic\nCOMPANY_NAME=Kiln Co\nLICENSE_KEY=\"\"\n", tmp_path=tmp_path)
    assert "    license_key: auto\n" in result.stdout
    assert "commands" not in result.stdout and "ALC701" not in result.stderr and "ALC707" not in result.stderr


def test_a_license_key_converts_to_its_environment_variable(tmp_path):
    result = converted("NODE_NAME=kiln-lic\nCOMPANY_NAME=Kiln Co\nLICENSE_KEY=00ff{'type':'beta'}\n",
                       tmp_path=tmp_path)
    assert '    license_key: "$LICENSE_KEY"\n' in result.stdout
    assert "00ff" not in result.stdout and "commands" not in result.stdout


def test_edgelakes_version_rules_the_license_flow_out():
    values = convert.variables([], "NODE_NAME=kiln-lic\nCOMPANY_NAME=Kiln Co\n")
    for platform, licensed in (("anylog", True), ("edgelake", False)):
        values[ENV_PLATFORM] = platform
        node = convert.script_node(MAIN.read_text(), str(MAIN), values, str(HERE))
        assert ("license_key" in node.data, "set license" in node.steps) == (licensed, licensed)
        assert node.extras == []


@pytest.mark.parametrize("platform, word", [("anylog", "AnyLog"), ("edgelake", "EdgeLake"), (None, None)])
def test_get_version_is_known_only_with_the_env_files_platform(platform, word):
    values = {ENV_COMPLETE: "1", **({ENV_PLATFORM: platform} if platform else {})}
    ev = evaluate(parse('v = get version\nw = python !v.split(" ")[0]\n', "v.al"), values, None)
    assert (ev.values.get("w"), "w" in ev.unknown) == ((word, False) if word else (None, True))


# ------------------------------------------------------------------ the .env files
@pytest.mark.parametrize("env, name, expected", [
    ('LICENSE_KEY=""\n', "node_configs.env", "auto"),
    ("LICENSE_KEY=${MY_KEY}\n", "node_configs.env", "$MY_KEY"),
    ("LICENSE_KEY=00ff\n", "node_configs.env", "$LICENSE_KEY"),
    ('LICENSE_KEY=""\n', "base_configs.env", None),  # EdgeLake's files: no license flow
])
def test_env_files_give_the_license(env, name, expected):
    network = convert.env_files([(name, "NODE_TYPE=query\nNODE_NAME=kq\n" + env)]).network
    value = network.nodes[0].license_key
    assert (value.value if value is not None else None) == expected


@pytest.mark.parametrize("license_key, line", [("auto", 'LICENSE_KEY=""'), ("$LICENSE_KEY", "LICENSE_KEY=${LICENSE_KEY}")])
def test_compose_env_files_write_the_license_back(license_key, line):
    network = spec.load(HEAD + f"nodes:\n  - name: kq\n    type: query\n    license_key: '{license_key}'\n",
                        "s.yaml").network
    text = "".join(render(f) for f in env_files(network, network.nodes[0]))
    assert [entry for entry in text.splitlines() if entry.startswith("LICENSE_KEY=")] == [line]
