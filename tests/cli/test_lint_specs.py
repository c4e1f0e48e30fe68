"""`alc lint` on specs: the spec's checks, its commands and the scripts it builds."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compiler.cli.app import app
from compiler.config import Config
from compiler.lint import lint_file

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

SPEC = """alc: 1
company: Acme
ledger: 10.0.0.10:32048
nodes:
  - name: m1
    type: master
    tcp: {port: 32048}
    commands:
      - "conect dbms x where type = sqlite"
      - run tcp server where external_port = 99999
"""


def found(text, path="net.yaml", **kw):
    return [(d.rule, d.line, d.column, d.end_column) for d in lint_file(text, path, **kw)]


@pytest.mark.parametrize("sample", sorted((ROOT / "samples" / "specs").iterdir()), ids=lambda p: p.name)
def test_every_sample_spec_lints_clean(sample):
    assert lint_file(sample.read_text(), str(sample)) == []


def test_commands_are_checked_in_place():
    assert found(SPEC) == [("unknown-command", 9, 10, 23), ("invalid-value", 10, 46, 51)]
    [first, _] = lint_file(SPEC, "net.yaml")
    assert first.message.endswith("(in `nodes[0].commands[0]`)")


def test_commands_in_toml_are_checked_in_place():
    text = ('alc = 1\ncompany = "Acme"\nledger = "10.0.0.10:32048"\n\n[[nodes]]\nname = "m1"\n'
            'type = "master"\ncommands = ["run tcp server where external_port = 99999"]\n')
    assert found(text, "net.toml") == [("invalid-value", 8, 51, 56)]


def test_spec_checks_share_the_script_rules_names():
    text = SPEC.replace("    commands:\n", "    rest: {port: 32048}\n    commands:\n")
    assert ("port-conflict", 8, 18, 23) in found(text)
    assert found(text, config=Config(ignore=["port-conflict", "ALC3"])) == []


def test_suppressions_in_a_spec():
    text = SPEC.replace('      - "conect', '      # alc: ignore[unknown-command] a node-local plugin\n      - "conect')
    assert found(text) == [("invalid-value", 11, 46, 51)]
    text = text.replace("99999", "99999  # alc: ignore[invalid-value, hardcoded-secret]")
    assert found(text) == [("unused-suppression", 11, 82, 98)]


def test_findings_in_the_built_script_are_reported_at_the_node(monkeypatch):
    from compiler import emit

    monkeypatch.setattr(emit, "build", lambda network, name: {"m1.al": "goto nowhere\n"})
    [diag] = lint_file(SPEC.replace("    commands:\n", "").split("      - ")[0], "net.yaml")
    assert (diag.rule, diag.line, diag.column) == ("undefined-label", 5, 5)
    assert diag.message.startswith("the script built for `m1` has, on its line 1: `goto nowhere`")


def test_folder_walk_takes_specs_but_not_other_yaml(tmp_path):
    (tmp_path / "net.yaml").write_text(SPEC)
    (tmp_path / "docker-compose.yml").write_text("services:\n  node: {image: x}\n")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    result = runner.invoke(app, ["lint", "--format", "json", str(tmp_path)])
    assert result.exit_code == 1
    assert {Path(d["path"]).name for d in json.loads(result.output)} == {"net.yaml"}


def test_a_broken_spec_is_a_finding_not_a_crash(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("alc: 1\nnodes: [\n")
    result = runner.invoke(app, ["lint", "--format", "json", str(path)])
    assert result.exit_code == 1
    assert [d["rule"] for d in json.loads(result.output)] == ["spec-syntax-error"]


def test_yaml_that_is_not_a_spec_is_refused_when_named_and_skipped_for_pre_commit(tmp_path):
    """Nothing named is skipped silently; pre-commit's hooks pass --force-exclude, and name every
    YAML file of the repository."""
    (tmp_path / "ci.yml").write_text("jobs: {}\n")
    (tmp_path / "a.al").write_text("print hi\n")
    result = runner.invoke(app, ["lint", str(tmp_path / "ci.yml"), str(tmp_path / "a.al")])
    assert result.exit_code == 2
    assert result.stderr.endswith(f"alc: error: {tmp_path / 'ci.yml'}: not an alc spec (no `alc` version key "
                                  "at the top, no schema line): alc lint checks scripts (.al) and alc specs; "
                                  "with --force-exclude such files are skipped\n")
    assert "All checks passed (1 file)." in result.stdout
    result = runner.invoke(app, ["lint", "--force-exclude", str(tmp_path / "ci.yml"), str(tmp_path / "a.al")])
    assert result.exit_code == 0 and result.output == "All checks passed (1 file).\n"


SMALL = "alc: 1\ncompany: Acme\nledger: 10.0.0.1:32048\nnodes:\n  - {name: q1, type: query, host: [x]}\n"


@pytest.mark.parametrize("name, content", [
    ("bom.yaml", b"\xef\xbb\xbf" + SMALL.encode()),
    ("flow.yaml", b'{"alc": 1, "company": "Acme", "ledger": "10.0.0.1:32048", '
                  b'"nodes": [{"name": "q1", "type": "query", "host": ["x"]}]}\n'),
    ("quoted.toml", b'"alc" = 1\ncompany = "Acme"\nledger = "10.0.0.1:32048"\n'
                    b'[[nodes]]\nname = "q1"\ntype = "query"\nhost = ["x"]\n'),
])
def test_specs_in_every_form_are_recognised_named_or_in_a_folder(tmp_path, name, content):
    """A byte-order mark, JSON-style YAML and a quoted TOML key: still a spec, and linted."""
    (tmp_path / name).write_bytes(content)
    for target in (tmp_path / name, tmp_path):
        result = runner.invoke(app, ["lint", "--format", "json", str(target)])
        assert result.exit_code == 1, result.output
        assert [d["rule"] for d in json.loads(result.output)] == ["spec-schema"]


def test_a_utf16_spec_named_on_the_command_line_is_refused_not_skipped(tmp_path):
    (tmp_path / "wide.yaml").write_bytes(SMALL.encode("utf-16"))
    result = runner.invoke(app, ["lint", str(tmp_path / "wide.yaml")])
    assert result.exit_code == 2
    assert "wide.yaml:1:4: NUL byte at byte offset 3: this is a binary (or UTF-16) file" in result.stderr


def test_an_indented_alc_key_is_not_a_spec(tmp_path):
    (tmp_path / "compose.yaml").write_text("services:\n  alc:\n    image: x\n")
    result = runner.invoke(app, ["lint", str(tmp_path)])
    assert result.exit_code == 0 and result.output == "All checks passed (0 files).\n"


def test_the_built_script_is_linted_with_its_commands_each_finding_at_its_entry():
    text = SPEC.replace('      - "conect dbms x where type = sqlite"\n      - run tcp server where external_port = 99999\n',
                        '      - goto nowhere\n      - ":done:"\n      - print done\n')
    [diag] = lint_file(text, "net.yaml")
    assert (diag.rule, diag.line, diag.column, diag.end_column) == ("undefined-label", 9, 9, 21)
    assert diag.message == "`goto nowhere`: no label `:nowhere:` is declared in this script (in `nodes[0].commands[0]`)"


def test_a_missing_then_in_commands_is_one_finding():
    text = SPEC.replace('"conect dbms x where type = sqlite"', '"if !x == 1 goto done"').replace(
        "run tcp server where external_port = 99999", '":done:"')
    assert found(text) == [("missing-then", 9, 21, 25)]


def test_every_spec_error_comes_in_one_run():
    text = ("alc: 1\ncompany: Acme\nledger: 10.0.0.10:32048\nnodes:\n  - name: q1\n    type: querry\n"
            "    cluster: nope\n  - name: q1\n    type: query\n"
            "    databases:\n      system_query: {type: psql, user: u, password: pw123}\n")
    assert [(d.code, d.line) for d in lint_file(text, "net.yaml")] == [
        ("ALC603", 6), ("ALC604", 7), ("ALC605", 8), ("ALC502", 11)]
