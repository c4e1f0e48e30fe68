"""The command line of `alc lint` as a ruff user expects it: output formats and colours,
statistics, errors instead of silence, configuration discovery, exclusions and per-file
ignores, and the typer-free fast path giving exactly what typer gives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compiler import config as C
from compiler.cli.app import app
from compiler.report import style

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()

SCRIPT = "node_type = operator\nif !node_type == operator goto setup\n:setup:\nprint !never_set\ngoto setpu\n"


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "node.al"
    path.write_text(SCRIPT)
    return path


# ------------------------------------------------------------------ output

def test_concise_is_one_line_a_finding(script):
    result = run("lint", "--format", "concise", str(script))
    assert result.exit_code == 1
    assert result.output == (
        f"{script}:2:27: ALC002 [missing-then] [*] missing `then` before `goto`: the node reads it as part "
        "of the condition and rejects this `if` (\"If statement error\") and stops the script, "
        "whatever `on error` says\n"
        f"{script}:4:7: ALC201 [undefined-variable] `!never_set` is not defined by any script of the "
        "project nor by the node; it reads as an empty value\n"
        f"{script}:5:6: ALC101 [undefined-label] `goto setpu`: no label `:setpu:` is declared in this script\n"
        "Found 3 problems (2 errors, 1 warning) in 1 of 1 file.\n"
        "[*] 1 fixable with `alc lint --fix` (1 more with `--unsafe-fixes`).\n")
    assert run("lint", "--output-format", "concise", str(script)).output == result.output


def test_statistics(script):
    result = run("lint", "--statistics", str(script))
    assert result.exit_code == 1
    assert result.output == ("1  ALC002  missing-then        [*] 1 fixable\n"
                             "1  ALC101  undefined-label\n"
                             "1  ALC201  undefined-variable\n"
                             "Found 3 problems (2 errors, 1 warning) in 1 of 1 file.\n"
                             "[*] 1 fixable with `alc lint --fix` (1 more with `--unsafe-fixes`).\n")
    data = json.loads(run("lint", "--statistics", "--format", "json", "--unsafe-fixes", str(script)).output)
    assert data == [{"code": "ALC002", "rule": "missing-then", "count": 1, "fixable": 1},
                    {"code": "ALC101", "rule": "undefined-label", "count": 1, "fixable": 1},
                    {"code": "ALC201", "rule": "undefined-variable", "count": 1, "fixable": 0}]
    assert json.loads(run("lint", "--statistics", "--format", "json", "--unsafe-fixes", "--select",
                          "ALC1", str(script)).output) == [
        {"code": "ALC101", "rule": "undefined-label", "count": 1, "fixable": 1}]


def test_colours(script, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    plain = run("lint", str(script)).output
    assert "\x1b[" not in plain  # not a terminal
    coloured = run("lint", "--color", "always", str(script)).output
    assert f"\x1b[1m{script}\x1b[0m:2:27: \x1b[1;31mALC002\x1b[0m [missing-then]\x1b[36m [*]\x1b[0m" in coloured
    assert "\x1b[1;33mALC201\x1b[0m" in coloured  # a warning
    strip = __import__("re").sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert strip == plain
    assert "\x1b[" not in run("lint", "--color", "always", "--format", "json", str(script)).output
    monkeypatch.setenv("NO_COLOR", "1")
    assert run("lint", "--color", "always", str(script)).output == coloured  # the option wins
    assert run("lint", str(script)).output == plain


class Tty:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("env, tty, expected", [
    ({}, True, True), ({}, False, False), ({"NO_COLOR": "1"}, True, False), ({"NO_COLOR": ""}, True, True),
    ({"FORCE_COLOR": "1"}, False, True), ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, False, False),
    ({"TERM": "dumb"}, True, False),
])
def test_auto_colour_follows_the_terminal_and_the_environment(monkeypatch, env, tty, expected):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert style.wanted("auto", Tty(tty)) is expected
    assert style.wanted("always", Tty(False)) and not style.wanted("never", Tty(True))


def test_short_help_and_no_placeholders():
    for args in (["lint", "-h"], ["lint", "--help"], ["-h"], ["rules", "-h"], ["explain", "-h"], ["fmt", "-h"]):
        result = run(*args)
        assert result.exit_code == 0, args
        assert "{" not in result.output and "<list" not in result.output and "<str>" not in result.output
    assert run("lint", "-h").output.startswith("Usage: alc lint [OPTIONS] PATH...\n")
    assert "  --select RULES  " in run("lint", "-h").output


def test_bad_colour_choice_is_a_usage_error(script):
    assert run("lint", "--color", "sometimes", str(script)).exit_code == 2


# ------------------------------------------------------------------ errors, not silence

@pytest.mark.parametrize("option, value, message", [
    ("--select", "bogus", "--select: `bogus` is not a rule name, code or code prefix alc knows; `alc rules` lists them"),
    ("--select", "undefind-label", "--select: `undefind-label` is not a rule name, code or code prefix alc "
                                   "knows; did you mean `undefined-label`?"),
    ("--ignore", "ALC99", "--ignore: `ALC99` is not a rule name, code or code prefix alc knows; did you mean `ALC902`?"),
])
def test_unknown_rules_on_the_command_line(script, option, value, message):
    result = run("lint", option, value, str(script))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"alc: error: {message}\n")


@pytest.mark.parametrize("value", ["ALL", "ALC4", "alc101", "undefined-label", "ALC6", "spec-schema", "ALC70"])
def test_known_selectors_are_accepted(script, value):
    assert run("lint", "--select", value, str(script)).exit_code in (0, 1)


@pytest.mark.parametrize("toml, message", [
    ('select = ["bogus"]\n', "`select`: `bogus` is not a rule name, code or code prefix alc knows; `alc rules` lists them"),
    ('ignore = ["undefind-label"]\n', "`ignore`: `undefind-label` is not a rule name, code or code prefix alc "
                                      "knows; did you mean `undefined-label`?"),
    ('[severity]\nALC4 = "info"\n', "`severity`: `ALC4` is a code prefix; name one rule (its name or code)"),
    ('[per-file-ignores]\n"*.al" = ["ALC999"]\n', '`per-file-ignores."*.al"`: `ALC999` is not a rule name, code '
                                                 "or code prefix alc knows; did you mean `ALC902`?"),
    ('exlude = ["x"]\n', "unknown key `exlude` in the alc configuration; did you mean `exclude`? known keys: "
                         "cache-dir, exclude, extend-exclude, extend-safe-fixes, extend-unsafe-fixes, fixable, ignore, "
                         "known-variables, per-file-ignores, platform, root, select, severity, unfixable"),
    ('root = "nowhere"\n', "`root` is nowhere, but {root}/nowhere is not a folder"),
])
def test_unknown_names_in_the_configuration(tmp_path, script, toml, message):
    (tmp_path / ".alc.toml").write_text(toml)
    result = run("lint", str(script))
    assert result.exit_code == 2
    assert result.stderr == f"alc: error: {tmp_path / '.alc.toml'}: {message.format(root=tmp_path)}\n"


def test_unknown_names_in_suppressions(tmp_path):
    path = tmp_path / "s.al"
    path.write_text("goto nowhere  # alc: ignore[undefind-label]\nprint !x  # alc: ignore[ALC201, nope]\n")
    result = run("lint", "--format", "json", str(path))
    assert result.exit_code == 2
    assert result.stderr == (
        f"alc: error: {path}:1:29: `undefind-label` in a suppression is not a rule or code alc knows; "
        "did you mean `undefined-label`?\n"
        f"alc: error: {path}:2:33: `nope` in a suppression is not a rule or code alc knows; "
        "`alc rules` lists them\n")
    assert [d["rule"] for d in json.loads(result.stdout)] == ["undefined-label"]  # still linted


def test_missing_root_is_an_error(tmp_path, script):
    result = run("lint", "--root", str(tmp_path / "nonexist"), str(script))
    assert (result.exit_code, result.stderr) == (2, f"alc: error: --root {tmp_path / 'nonexist'}: no such folder\n")
    result = run("lint", "--root", str(script), str(script))
    assert (result.exit_code, result.stderr) == (2, f"alc: error: --root {script}: not a folder\n")


def test_a_bare_suppression_is_a_finding(tmp_path):
    path = tmp_path / "s.al"
    path.write_text("goto nowhere  # alc: ignore\n")
    data = json.loads(run("lint", "--format", "json", str(path)).output)
    assert [(d["rule"], d["line"], d["column"]) for d in data] == [("undefined-label", 1, 6),
                                                                   ("invalid-suppression", 1, 15)]


# ------------------------------------------------------------------ configuration

def test_stdin_filename_finds_the_configuration(tmp_path, monkeypatch):
    proj = tmp_path / "proj"
    (proj / "sub").mkdir(parents=True)
    (proj / ".alc.toml").write_text('ignore = ["undefined-variable"]\n[per-file-ignores]\n"other/*.al" = ["ALC101"]\n')
    monkeypatch.chdir(tmp_path)
    text = "print !never_set\ngoto nowhere\n"
    found = json.loads(run("lint", "--format", "json", "-", input=text).output)
    assert [d["rule"] for d in found] == ["undefined-variable", "undefined-label"]
    found = json.loads(run("lint", "--format", "json", "--stdin-filename", "proj/sub/x.al", "-", input=text).output)
    assert [(d["path"], d["rule"]) for d in found] == [("proj/sub/x.al", "undefined-label")]
    found = json.loads(run("lint", "--format", "json", "--stdin-filename", "proj/other/x.al", "-", input=text).output)
    assert found == []


def test_per_file_ignores(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.alc.per-file-ignores]\n"legacy/*.al" = ["undefined-label"]\n"test_*.al" = ["ALC2"]\n'
        '"!main.al" = ["missing-then"]\n')
    (tmp_path / "legacy").mkdir()
    text = "goto nowhere\nprint !never_set\nif !a == b goto c\n:c:\n"
    for name in ("main.al", "legacy/old.al", "test_x.al", "legacy/test_y.al"):
        (tmp_path / name).write_text(text)
    data = json.loads(run("lint", "--format", "json", str(tmp_path)).output)
    rules = {}
    for d in data:
        rules.setdefault(os.path.relpath(d["path"], tmp_path), []).append(d["rule"])
    assert rules == {"main.al": ["undefined-label", "undefined-variable", "missing-then"],
                     "legacy/old.al": ["undefined-variable"],
                     "test_x.al": ["undefined-label"]}


def test_exclude_and_extend_exclude(tmp_path, monkeypatch):
    for folder in ("legacy", ".hidden", "ok"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.al").write_text("goto nowhere\n")
    monkeypatch.chdir(tmp_path)

    def linted(*args):
        C.for_folder.cache_clear()  # one process, a configuration that changes between runs
        data = json.loads(run("lint", "--format", "json", *args).output)
        return sorted({os.path.relpath(d["path"], tmp_path) for d in data})

    assert linted(".") == ["legacy/x.al", "ok/x.al"]  # hidden folders: the default exclude
    (tmp_path / ".alc.toml").write_text('extend-exclude = ["legacy"]\n')
    assert linted(".") == ["ok/x.al"]
    assert linted("legacy/x.al") == ["legacy/x.al"]  # named on the command line
    assert linted("--force-exclude", "legacy/x.al", "ok") == ["ok/x.al"]
    assert linted("--force-exclude", "legacy") == []
    (tmp_path / ".alc.toml").write_text('exclude = ["legacy"]\n')  # replaces the default
    assert linted(".") == [".hidden/x.al", "ok/x.al"]
    (tmp_path / ".alc.toml").write_text('exclude = ["./ok/*.al"]\n')
    assert linted(".") == [".hidden/x.al", "legacy/x.al"]
    assert linted("--extend-exclude", ".*,legacy", ".") == []
    assert linted("--exclude", "ok", ".") == [".hidden/x.al", "legacy/x.al"]


# ------------------------------------------------------------------ the fast path

def _alc(*args: str, cwd: Path, input: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("NO_COLOR", None)
    return subprocess.run([sys.executable, "-m", "compiler", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, input=input)


@pytest.mark.parametrize("args", [
    ["--fix"], ["--fix", "--unsafe-fixes"], ["--diff"], ["--fix-only"], ["--statistics"],
    ["--format", "concise"], ["--output-format", "concise", "--color", "always"], ["--statistics", "--format", "json"],
    ["--select", "bogus"], ["--select", "ALC1,ALC2", "--format", "json"], ["--root", "nowhere"],
    ["--extend-exclude", "b"], ["--fix", "--format", "sarif"],
])
def test_fast_path_matches_typer(tmp_path, args):
    """Every option the fast path reads gives what typer gives (`--` ends the options, which
    only typer understands): on two copies of a project, for the fixes it writes."""
    source = tmp_path / "src"
    (source / "b").mkdir(parents=True)
    (source / ".alc.toml").write_text("")
    (source / "a.al").write_text(SCRIPT)
    (source / "b" / "c.al").write_text("if node_type == x then print y\n:z;\ngoto z\n")
    fast, slow = tmp_path / "fast", tmp_path / "slow"
    shutil.copytree(source, fast)
    shutil.copytree(source, slow)
    one = _alc("lint", *args, ".", cwd=fast)
    two = _alc("lint", *args, "--", ".", cwd=slow)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    for name in ("a.al", "b/c.al"):
        assert (fast / name).read_text() == (slow / name).read_text()


def test_fast_path_fixes_standard_input(tmp_path):
    one = _alc("lint", "--fix", "-", cwd=tmp_path, input=SCRIPT)
    two = _alc("lint", "--fix", "--", "-", cwd=tmp_path, input=SCRIPT)
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert one.stdout.startswith("node_type = operator\nif !node_type == operator then goto setup\n")


def test_fast_path_hands_help_to_typer(tmp_path):
    result = _alc("lint", "-h", cwd=tmp_path)
    assert result.returncode == 0 and " lint [OPTIONS] PATH...\n" in result.stdout.splitlines(True)[0]
