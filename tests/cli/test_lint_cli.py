"""`alc lint` as a user runs it: output formats, exit codes, inputs."""

import json
import subprocess
import sys

from typer.testing import CliRunner

from compiler import __version__
from compiler.cli.app import app

runner = CliRunner()

BROKEN = "print ok\nif !mode == edge goto setup\n:setup:\n"


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output == f"alc {__version__}\n"


def test_clean_file_exits_zero(tmp_path):
    path = tmp_path / "ok.al"
    path.write_text("print ok\n")
    result = run("lint", str(path))
    assert result.exit_code == 0
    assert result.output == "All checks passed (1 file).\n"


def test_text_output_has_caret_and_help(tmp_path):
    path = tmp_path / "bad.al"
    path.write_text(BROKEN)
    result = run("lint", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:2:18: ALC002 [missing-then] [*] missing `then` before `goto`: the node reads it as "
        "part of the condition and rejects this `if` (\"If statement error\") and stops the script, "
        "whatever `on error` says\n"
        "  |\n"
        "2 | if !mode == edge goto setup\n"
        "  |                  ^^^^\n"
        "  = help: write `then goto`\n"
        "\n"
        "Found 1 problem (1 error) in 1 of 1 file.\n"
        "[*] 1 fixable with `alc lint --fix`.\n")


def test_json_output(tmp_path):
    path = tmp_path / "bad.al"
    path.write_text(BROKEN)
    result = run("lint", "--format", "json", str(path))
    assert result.exit_code == 1
    assert json.loads(result.output) == [{
        "path": str(path), "line": 2, "column": 18, "end_line": 2, "end_column": 22,
        "code": "ALC002", "rule": "missing-then", "severity": "error",
        "message": "missing `then` before `goto`: the node reads it as part of the condition "
                   "and rejects this `if` (\"If statement error\") and stops the script, "
        "whatever `on error` says",
        "help": "write `then goto`",
        "fix": {"applicability": "safe", "message": "insert `then` before `goto`",
                "edits": [{"content": "then ", "line": 2, "column": 18, "end_line": 2, "end_column": 18}]}}]


def test_json_output_is_sorted_by_path_line_column(tmp_path):
    (tmp_path / "b.al").write_text("goto\ngoto a b\n")
    (tmp_path / "a.al").write_text("on error\n")
    result = run("lint", "--format", "json", str(tmp_path))
    keys = [(d["path"].rsplit("/", 1)[1], d["line"], d["column"]) for d in json.loads(result.output)]
    assert keys == [("a.al", 1, 9), ("b.al", 1, 5), ("b.al", 2, 8)]


def test_directories_are_walked_and_hidden_folders_skipped(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "sub" / "x.al").write_text("goto\n")
    (tmp_path / ".hidden" / "y.al").write_text("goto\n")
    (tmp_path / "notes.txt").write_text("goto\n")
    result = run("lint", "--format", "json", str(tmp_path))
    assert [d["path"] for d in json.loads(result.output)] == [str(tmp_path / "sub" / "x.al")]


def test_stdin(tmp_path):
    result = run("lint", "-", input="goto\n")
    assert result.exit_code == 1
    assert result.output.startswith("-:1:5: ALC001 [syntax-error] `goto` needs a label name\n")
    result = run("lint", "--stdin-filename", "node.al", "-", input="print x\n")
    assert result.exit_code == 0


def test_missing_file_is_a_one_line_error_with_exit_2(tmp_path):
    result = runner.invoke(app, ["lint", str(tmp_path / "nope.al")])
    assert result.exit_code == 2
    assert result.stderr == f"alc: error: {tmp_path / 'nope.al'}: no such file or directory\n"


def test_invalid_utf8_reports_the_byte_offset(tmp_path):
    path = tmp_path / "latin1.al"
    path.write_bytes(b"print ok\nprint caf\xe9\n")
    result = runner.invoke(app, ["lint", str(path)])
    assert result.exit_code == 2
    assert result.stderr == (f"alc: error: {path}:2:10: invalid UTF-8 at byte offset 18 (byte 0xe9); "
                             "alc reads scripts as UTF-8\n")


def test_other_files_are_still_linted_when_one_is_unreadable(tmp_path):
    good = tmp_path / "good.al"
    good.write_text("goto\n")
    result = runner.invoke(app, ["lint", "--format", "json", str(good), str(tmp_path / "x.al")])
    assert result.exit_code == 2
    assert len(json.loads(result.stdout)) == 1


def test_usage_error_exits_2():
    assert run("lint", "--format", "xml", "x.al").exit_code == 2
    assert run("lint").exit_code == 2


def test_console_script_runs_without_traceback(tmp_path):
    path = tmp_path / "bad.al"
    path.write_bytes(b"\xff\xfe")
    proc = subprocess.run([sys.executable, "-m", "compiler", "lint", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1
