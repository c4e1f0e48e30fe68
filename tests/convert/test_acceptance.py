"""The acceptance check of convert and diff.

* An operator script built by alc, with commands a person appended (`if`/`else if`/`else`,
  `do`, a label and the `goto`s to it), converts to a spec whose build `alc diff` finds equal
  to the script, labels and all.
* A hand-written operator script that runs its steps in another order than a spec writes them
  is refused, with the statement named; nothing is written.
* diff reports each statement one side runs and the other does not, with its line on both
  sides: a removed `create table tsd_info` or `run data distributor`, a changed `else if`
  condition, a changed port (with the settings view on top); two copies of one script under
  other file names are the same.
* The docker `.env` files convert with every key accounted for.
"""

import os
import re
import shutil

import pytest
from typer.testing import CliRunner

from compiler.cli.app import app
from compiler.convert import dotenv
from tests.conftest import FIXTURES, ROOT

HERE = FIXTURES / "convert"
GOLDEN = ROOT / "tests" / "golden" / "convert"
ENV_FILES = sorted(HERE.glob("*.env"))
BUILT = HERE / "operator-built.al"
runner = CliRunner()


def alc(*args: str):
    return runner.invoke(app, list(args))


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def edited(tmp_path, old: str, new: str, name: str = "edited.al"):
    text = BUILT.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def test_a_built_script_with_commands_added_by_hand_converts_to_its_golden_spec():
    result = alc("convert", str(BUILT))
    assert result.exit_code == 0, result.stderr
    golden("operator-built.yaml", result.stdout)
    assert "ALC701 [carried-verbatim] 13 statements (labels included) from here on, after `run operator`, " \
           "kept verbatim in `commands` of plant-op1" in result.stderr


def test_the_converted_spec_builds_a_script_diff_finds_equal(tmp_path):
    spec = tmp_path / "plant.yaml"
    assert alc("convert", str(BUILT), "-o", str(spec)).exit_code == 0
    rebuilt = tmp_path / "plant-op1.al"
    assert alc("build", str(spec), "-o", str(rebuilt)).exit_code == 0
    for other in (rebuilt, spec):
        result = alc("diff", str(BUILT), str(other))
        assert (result.exit_code, result.stdout) == (0, ""), other
    assert ":not-ready:\nprint \"plant-op1 is not ready\"\n" in rebuilt.read_text()


def test_a_hand_written_script_in_another_order_is_refused_and_nothing_written(tmp_path):
    target = tmp_path / "plant.yaml"
    result = alc("convert", str(HERE / "operator-guide.al"), "-o", str(target))
    assert result.exit_code == 1
    assert f"{HERE / 'operator-guide.al'}:49:1: ALC707 [not-faithful] `schedule time = 1 day task get status` " \
           "stands before `operator_id = blockchain get operator where cluster = !cluster_id and name = " \
           "!node_name and company = !company_name bring.last [*][id]` (line 51), a step the spec writes " \
           "first" in result.stderr
    assert not target.exists()


def test_a_script_that_configures_no_node_is_refused(tmp_path):
    script = tmp_path / "few.al"
    script.write_text("# a few commands\nrun scheduler 1\nprint ready\n")
    result = alc("convert", str(script))
    assert (result.exit_code, result.stdout) == (1, "")
    assert f"{script}:2:1: ALC708 [no-node] configures no node" in result.stderr
    assert "company" not in result.stderr


@pytest.mark.parametrize("old, new, line, expected", [
    # a removed statement's place in B is the line of the statement it would stand before
    ("connect dbms almgm where type = sqlite\ncreate table tsd_info where dbms = almgm\n", "", 34,
     ["{a}:34 {b}:36: - connect dbms almgm where type = sqlite",
      "{a}:35 {b}:36: - create table tsd_info where dbms = almgm"]),
    ("run data distributor\n", "", 93, ["{a}:93 {b}:93: - run data distributor"]),
    ("create work directories\n", "", 11, ["{a}:11 {b}:11: - create work directories"]),
    ("else if $TRACE_LEVEL == 2 then", "else if $TRACE_LEVEL == 3 then", 117,
     ["{a}:117 {b}:117: ~ else if $TRACE_LEVEL == 2 then  =>  else if $TRACE_LEVEL == 3 then"]),
    (":not-ready:\n", "", 127, ["{a}:127 {b}:127: - :not-ready:"]),
    ("print \"tracing off\"", "print \"tracing is off\"", 119,
     ["{a}:119 {b}:119: ~ else print \"tracing off\"  =>  else print \"tracing is off\""]),
])
def test_each_removed_or_changed_statement_is_reported_with_its_lines(tmp_path, old, new, line, expected):
    changed = edited(tmp_path, old, new)
    result = alc("diff", str(BUILT), str(changed))
    assert result.exit_code == 1
    statements = [s for s in result.stdout.splitlines() if s.startswith(str(BUILT))]
    assert statements == [s.format(a=BUILT, b=changed) for s in expected]


def test_a_changed_port_shows_in_the_settings_and_in_the_statements(tmp_path):
    changed = edited(tmp_path, "anylog_rest_port = 32151", "anylog_rest_port = 32155")
    result = alc("diff", str(BUILT), str(changed))
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "plant-op1: rest.port 32151 -> 32155"
    assert f"{BUILT}:7 {changed}:7: ~ anylog_rest_port = 32151  =>  anylog_rest_port = 32155" in result.stdout
    # and every statement that reads the port, with the value the node reads there
    assert f"{BUILT}:24 {changed}:24: ~ run rest server where external_ip = !external_ip and external_port = " \
           "32151 and internal_ip = !ip and internal_port = 32151 and bind = false and threads = 6 and " \
           "timeout = 20  =>  run rest server where" in result.stdout


def test_two_copies_under_other_names_are_the_same(tmp_path):
    for name in ("t.al", "t3.al"):
        shutil.copy(BUILT, tmp_path / name)
    result = alc("diff", str(tmp_path / "t.al"), str(tmp_path / "t3.al"))
    assert (result.exit_code, result.stdout) == (0, "")
    few = tmp_path / "few.al"
    few.write_text("print one\n")
    (tmp_path / "other.al").write_text("print one\n")
    assert alc("diff", str(few), str(tmp_path / "other.al")).exit_code == 0


@pytest.mark.parametrize("path", ENV_FILES, ids=[p.name for p in ENV_FILES])
def test_every_env_key_is_mapped_or_reported_once_with_its_feature(path):
    text = path.read_text(encoding="utf-8")
    result = dotenv.mapped_files([(path.name, text)])
    entries = dotenv.read(text)
    assert set(result.accounted) == set(entries)
    reports = [d for d in result.diagnostics if d.code == "ALC706"]
    for key, how in result.accounted.items():
        listed = [d for d in reports if key in re.findall(r"[A-Z][A-Z_]+", d.message.split(" is not carried")[-1])
                  or d.line == entries[key].line]
        if how in ("off", "env"):
            assert len(listed) == 1, (key, listed)  # one report names it, with its feature
        else:  # carried, or at the official default: no report of its own
            assert not [d for d in reports if d.message.startswith(f"`{key}`")], key


@pytest.mark.parametrize("path", ENV_FILES, ids=[p.name for p in ENV_FILES])
def test_env_files_convert_to_their_golden_specs_without_a_literal_password(path):
    result = alc("convert", str(path))
    assert result.exit_code == 0, result.stderr
    golden(path.stem + ".yaml", result.stdout)
    for secret in ("s3cret-pw", "mongo-pw", "mqtt-pw"):
        assert secret not in result.stdout


def test_an_operator_env_file_runs_operator_as_the_official_scripts_do():
    result = alc("convert", str(HERE / "edgelake-operator.env"))
    assert "archive_sql" not in result.stdout  # set_params.al leaves it false, alc's default too
    assert "high availability is not carried over: ENABLE_HA is not true (1 key: START_DATE)" in result.stderr
    assert result.stderr.count("`DB_PASSWD` holds a secret") == 1  # one report, though two databases use it
    assert "this node is not an operator" not in result.stderr
