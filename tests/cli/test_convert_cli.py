"""`alc convert` and `alc diff` as a user runs them: outputs, files, exit codes, one-line errors."""

import json

import pytest
from typer.testing import CliRunner

from compiler.cli.app import app
from tests.conftest import ROOT

runner = CliRunner()
SCRIPT = "tests/fixtures/convert/operator-built.al"
SPEC = "samples/specs/operator-sqlite.yaml"
BUILT = "tests/golden/build/operator-sqlite/acme-operator1.al"


@pytest.fixture(autouse=True)
def in_the_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args):
    return runner.invoke(app, list(args))


def test_convert_writes_a_file_atomically_and_refuses_to_overwrite_it(tmp_path):
    target = tmp_path / "spec.toml"
    first = run("convert", SCRIPT, "-o", str(target))
    assert (first.exit_code, first.stdout) == (0, "")
    assert target.read_text().startswith("#:schema alc-spec.schema.json\n")
    again = run("convert", SCRIPT, "-o", str(target))
    assert again.exit_code == 2
    assert again.stderr == f"alc: error: {target}: exists; add --force to overwrite it\n"
    assert run("convert", SCRIPT, "-o", str(target), "--force").exit_code == 0


def test_convert_a_spec_to_toml_keeps_its_meaning():
    result = run("convert", "samples/specs/operator-psql-mongo.yaml", "--to", "toml")
    assert result.exit_code == 0
    assert "[[nodes]]\nname = \"acme-operator2\"\n" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["convert", "missing.al"], "alc: error: missing.al: no such file or directory\n"),
    (["convert", SCRIPT, "--to", "json"], "alc: error: --to json: choose yaml or toml\n"),
    (["convert", SCRIPT, "--define", "port"], "alc: error: --define 'port': write NAME=VALUE\n"),
    (["diff", SPEC, BUILT, "--format", "xml"], "alc: error: --format xml: choose text or json\n"),
])
def test_errors_are_one_line_with_exit_2(args, message):
    result = run(*args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message, "")


def test_an_input_that_makes_no_valid_spec_is_reported_like_lint(tmp_path):
    bad = tmp_path / "bad.al"
    bad.write_text("set node name e1\nrun tcp server where external_ip = !external_ip and external_port = 99999 "
                   "and internal_ip = !ip and internal_port = 99999\n")
    result = run("convert", str(bad))
    assert result.exit_code == 2
    assert "ALC603 [spec-schema] `nodes[0].tcp.port`" in result.stderr
    assert "Traceback" not in result.stderr


def test_diff_of_a_spec_and_its_build_is_empty():
    result = run("diff", SPEC, BUILT)
    assert (result.exit_code, result.stdout) == (0, "")


def test_diff_shows_the_settings_then_each_statement_with_its_lines(tmp_path):
    text = (ROOT / SCRIPT).read_text()
    moved = text.replace("run data consumer where start_date = -7d\n", "").replace(
        "connect dbms almgm where type = sqlite\n", "run data consumer where start_date = -7d\n"
        "connect dbms almgm where type = sqlite\n")
    (tmp_path / "moved.al").write_text(moved)
    result = run("diff", SCRIPT, str(tmp_path / "moved.al"))
    assert (result.exit_code, result.stdout) == (1, (
        f"{SCRIPT}:34 {tmp_path / 'moved.al'}:34: + run data consumer where start_date = -7d\n"
        f"{SCRIPT}:94 {tmp_path / 'moved.al'}:97: - run data consumer where start_date = -7d\n"))
    (tmp_path / "no-ha.al").write_text(text.replace("run data consumer where start_date = -7d\n", ""))
    result = run("diff", SCRIPT, str(tmp_path / "no-ha.al"), "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == {"equal": False, "changes": [
        {"kind": "removed", "node": "plant-op1", "field": "run data consumer", "old": None, "new": None},
        {"kind": "changed", "node": "plant-op1", "field": "ha.start_date", "old": "-7d", "new": "-30d"}],
        "statements": [{"kind": "removed", "node": "plant-op1", "a": {"path": SCRIPT, "line": 94},
                        "b": {"path": str(tmp_path / "no-ha.al"), "line": 96},
                        "old": "run data consumer where start_date = -7d", "new": None}]}


def test_convert_refuses_what_is_not_a_deployment_and_targets_it_cannot_write(tmp_path):
    for args, message in [
        (["convert", "README.md"], "alc: error: README.md: not a script (.al), a folder of scripts, a spec "
                                   "(.yaml, .yml, .toml) or a docker .env file; alc converts only these\n"),
        (["convert", SCRIPT, "-o", str(tmp_path / "spec.json")],
         f"alc: error: {tmp_path / 'spec.json'}: a spec is written to a .yaml, .yml or .toml file (its suffix "
         "says how alc reads it back)\n"),
        (["convert", SCRIPT, "--to", "yaml", "-o", str(tmp_path / "spec.toml")],
         f"alc: error: {tmp_path / 'spec.toml'}: --to yaml does not match the file's suffix .toml\n"),
    ]:
        result = run(*args)
        assert (result.exit_code, result.stderr, result.stdout) == (2, message, ""), args
    assert list(tmp_path.iterdir()) == []


def test_a_folder_s_summary_counts_the_files_read_and_places_each_finding_in_its_file(tmp_path):
    (tmp_path / "a.al").write_text("print one\n")
    (tmp_path / "b.al").write_text("\n\nprint two\n")
    result = run("convert", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'a.al'}:1:1: ALC708 [no-node]" in result.stderr
    assert f"{tmp_path / 'b.al'}:3:1: ALC708 [no-node]" in result.stderr
    assert result.stderr.endswith("in 2 of 2 files.\n")


def test_a_link_at_the_output_is_an_existing_file_and_is_replaced_with_force(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    target = tmp_path / "spec.yaml"
    target.symlink_to(outside / "created.yaml")  # dangling: convert must not create it
    refused = run("convert", SCRIPT, "-o", str(target))
    assert refused.exit_code == 2
    assert refused.stderr == f"alc: error: {target}: exists; add --force to overwrite it\n"
    assert run("convert", SCRIPT, "-o", str(target), "--force").exit_code == 0
    assert list(outside.iterdir()) == []
    assert not target.is_symlink() and target.read_text().startswith("# yaml-language-server")


def test_a_value_no_script_can_carry_is_refused_from_an_env_file(tmp_path):
    env = tmp_path / "node.env"
    env.write_text("NODE_TYPE=operator\nNODE_NAME=op1\nCOMPANY_NAME=[\nLEDGER_CONN=10.0.0.1:32048\n"
                   "CLUSTER_NAME=c1\n")
    result = run("convert", str(env))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{env}:3:1: ALC615 [unwritable-value] `company` cannot be written into a script: the node's " \
           "word splitter would cut it at `[`" in result.stderr


def test_canonical_writes_the_spec_of_a_hand_written_script_with_each_difference_as_a_warning():
    strict = run("convert", "samples/scripts/operator.al")
    assert strict.exit_code == 1 and strict.stdout == ""
    result = run("convert", "--canonical", "samples/scripts/operator.al")
    assert result.exit_code == 0, result.stderr
    assert 'ledger: "10.0.0.10:32048"' in result.stdout and "- name: operator-a" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "ALC707 [not-faithful]" in line]
    assert "samples/scripts/operator.al:13:1: ALC707 [not-faithful] the spec of operator-a would run " \
           "`create work directories` here, which the script does not" in warnings
    assert "accepted with --canonical" in result.stderr and "error" not in result.stderr.split("Found")[-1]


def test_canonical_still_refuses_a_script_with_no_node(tmp_path):
    script = tmp_path / "lib.al"
    script.write_text("print hello\nwait 1\n")
    result = run("convert", "--canonical", str(script))
    assert result.exit_code == 1 and result.stdout == ""
    assert "ALC708 [no-node] configures no node" in result.stderr


def test_diff_names_the_entries_of_a_list(tmp_path):
    head = "alc: 1\ncompany: Acme\nledger: 10.0.0.10:32048\nclusters: [{name: c1}]\nnodes:\n"
    node = "  - {name: op1, type: operator, cluster: c1, databases: {data: {name: farm}}, partitions: [%s]}\n"
    (tmp_path / "a.yaml").write_text(head + node % "{keep: 3}")
    (tmp_path / "b.yaml").write_text(head + node % "{keep: 5}, {table: x, interval: month}")
    result = run("diff", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"))
    assert result.exit_code == 1
    assert result.stdout.startswith("op1: partitions[0].keep 3 -> 5\n"
                                    "op1: + partitions[1].dbms farm\n"
                                    "op1: + partitions[1].table x\n"
                                    "op1: + partitions[1].column insert_timestamp\n"
                                    "op1: + partitions[1].interval month\n"
                                    "op1: + partitions[1].keep 3\n"
                                    "op1: + partitions[1].check_every 1 day\n")  # then the statements
