"""`alc lint --jobs` and the typer-free fast path give exactly what the plain path gives."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import generate
from compiler.cli import lint_run, parallel
from compiler.cli.app import fast_lint_args

ROOT = Path(__file__).resolve().parents[2]


def _project(tmp_path: Path) -> Path:
    """Three projects (each with its .alc.toml) below one folder, with bad files among them."""
    root = tmp_path / "proj"
    for index in range(12):
        folder = root / f"p{index % 3}" / ("sub" if index % 2 else "")
        folder.mkdir(parents=True, exist_ok=True)
        (root / f"p{index % 3}" / ".alc.toml").write_text("")
        (folder / f"s{index:02}.al").write_text(generate(60 + 10 * index, seed=index))
    (root / "p1" / "bad.al").write_bytes(b"print \xff\n")  # an input error, in the middle
    (root / "p2" / "x.al").write_text("if !a == b goto nowhere\nprocess !dir/missing.al\n")
    return root


def _alc(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "compiler", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_give_the_same_output(tmp_path, fmt):
    root = _project(tmp_path)
    one = _alc("lint", "--format", fmt, "--jobs", "1", ".", cwd=root)
    many = _alc("lint", "--format", fmt, "--jobs", "3", ".", cwd=root)
    assert one.returncode == many.returncode == 2
    assert one.stdout == many.stdout and one.stdout
    assert one.stderr == many.stderr


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_in_process(tmp_path, monkeypatch, capsys, fmt):
    root = _project(tmp_path)
    monkeypatch.chdir(root)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    outputs = []
    for jobs in (1, 2, 4):
        code = lint_run.lint_paths(["."], fmt, jobs=jobs, no_cache=True)  # workers, not the cache
        outputs.append((code, capsys.readouterr()))
        assert parallel.used_workers == (jobs > 1)
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0][0] == 2 and "bad.al" in outputs[0][1].err


def test_jobs_with_a_linted_file_outside_its_project(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    hidden = root / ".hidden"
    hidden.mkdir()
    (hidden / "h.al").write_text("print !x\n")  # linted, but not one of the project's scripts
    monkeypatch.chdir(root)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    outputs = []
    for jobs in (1, 2):
        code = lint_run.lint_paths([".", str(hidden / "h.al")], "json", jobs=jobs)
        outputs.append((code, capsys.readouterr()))
    assert outputs[0] == outputs[1]
    assert "h.al" in outputs[0][1].out


def test_chunks_keep_file_order(tmp_path):
    paths = []
    for index in range(7):
        path = tmp_path / f"f{index}.al"
        path.write_text("x" * (100 * (index + 1)))
        paths.append(str(path))
    sizes = parallel.sizes_of(paths + [str(tmp_path / "gone.al")])
    assert sizes == [100 * (index + 1) for index in range(7)] + [0]
    chunks = parallel.chunks(paths, sizes[:7], 3)
    assert [p for chunk in chunks for p in chunk] == paths
    assert 2 <= len(chunks) <= 3
    # Worker processes only past PARALLEL_MIN_BYTES, and with the sizes read once.
    assert parallel.worth_workers(paths, 2) is None
    assert parallel.worth_workers(paths, 1) is None
    big = [tmp_path / "big1.al", tmp_path / "big2.al"]
    for path in big:
        path.write_text("x" * (parallel.PARALLEL_MIN_BYTES // 2))
    assert parallel.worth_workers([str(p) for p in big], 2) == [parallel.PARALLEL_MIN_BYTES // 2] * 2


def test_fast_path_arguments():
    assert fast_lint_args(["a.al", "--format=json", "--select", "ALC1", "--select=x", "-j", "2"]) == {
        "paths": ["a.al"], "select": ["ALC1", "x"], "ignore": None, "exclude": None,
        "extend_exclude": None, "format": "json", "jobs": 2}
    assert fast_lint_args(["-", "--exit-zero", "--root", "r"])["root"] == Path("r")
    assert fast_lint_args(["a", "--fix", "--unsafe-fixes", "--diff", "--statistics", "--color", "never",
                           "--output-format", "concise", "--extend-exclude", "x,y", "--force-exclude",
                           "--fix-only", "--exit-non-zero-on-fix", "--exclude=z"]) == {
        "paths": ["a"], "select": None, "ignore": None, "exclude": ["z"], "extend_exclude": ["x,y"],
        "fix": True, "unsafe_fixes": True, "diff": True, "statistics": True, "color": "never",
        "format": "concise", "force_exclude": True, "fix_only": True, "exit_non_zero_on_fix": True}
    for args in ([], ["--help"], ["-h"], ["a", "--format", "xml"], ["a", "--"], ["a", "--jobs", "0"],
                 ["a", "--format", "json", "--format", "text"], ["a", "--format", "json", "--output-format",
                 "json"], ["a", "--select"], ["a", "-x"], ["a", "--color", "sometimes"], ["a", "--fix", "--fix"]):
        assert fast_lint_args(args) is None, args


def test_fast_path_matches_typer(tmp_path):
    path = tmp_path / "bad.al"
    path.write_text("print ok\nif !mode == edge goto setup\n:setup:\nprint !nothing\n")
    fast = _alc("lint", str(path), "--format", "json", cwd=tmp_path)
    # An option only typer knows the spelling of (-- ends the options) takes the typer path.
    slow = _alc("lint", "--format", "json", "--", str(path), cwd=tmp_path)
    assert fast.returncode == slow.returncode == 1
    assert fast.stdout == slow.stdout and fast.stderr == slow.stderr


def test_hard_exit_writes_every_finding(tmp_path):
    """The fast path keeps the last tree and ends with a hard exit: the whole report is still
    written, the same as typer's path writes it, over several files and worker processes."""
    for index in range(4):
        lines = [f"x{i} = !missing_{index}_{i}" for i in range(1500)]
        (tmp_path / f"n{index}.al").write_text("\n".join(lines) + "\n")
    for jobs in ("1", "2"):
        fast = _alc("lint", "--jobs", jobs, "--format", "json", ".", cwd=tmp_path)
        slow = _alc("lint", "--jobs", jobs, "--format", "json", "--", ".", cwd=tmp_path)
        assert fast.returncode == slow.returncode == 1
        assert fast.stdout == slow.stdout and fast.stderr == slow.stderr
        assert fast.stdout.count('"rule": "undefined-variable"') == 6000


def test_version_lint_and_fmt_do_not_import_heavy_modules(tmp_path):
    path = tmp_path / "ok.al"
    path.write_text("print ok\n")
    # The fast path ends with os._exit: made a SystemExit here, to look at the modules after.
    code = ("import os, sys, runpy; sys.argv = ['alc', *sys.argv[1:]]\n"
            "os._exit = sys.exit\n"
            "try:\n    runpy.run_module('compiler', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('typer', 'lark', 'yaml', 'jsonschema', 'click') if m in sys.modules)\n"
            "print('HEAVY', heavy)\n")
    for args in (["--version"], ["lint", str(path)], ["lint", "--fix", "--statistics", str(path)],
                 ["fmt", "--check", str(path)], ["fmt", str(path)]):
        out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                             env=dict(os.environ, PYTHONPATH=str(ROOT))).stdout
        assert "HEAVY []" in out, (args, out)


@pytest.mark.parametrize("marker, parsed", [("", False), (" \n\t\n", False), ("\r\n\r\n", False),
                                            ("# nothing set\n", True), ("[tool.alc]\n", True)])
def test_an_empty_configuration_is_read_without_tomllib(tmp_path, marker, parsed):
    """An empty `.alc.toml` (the usual project marker) is an empty table, as tomllib reads it,
    without importing tomllib; anything else is parsed."""
    from compiler import config as C

    (tmp_path / ".alc.toml").write_bytes(marker.encode())
    (tmp_path / "pyproject.toml").write_bytes(marker.encode())
    assert C.load(tmp_path / ".alc.toml") == C.Config(source=tmp_path / ".alc.toml")
    # A pyproject.toml without [tool.alc] is not alc's: no table, empty or not.
    assert C._table(tmp_path / "pyproject.toml") == ({} if "tool.alc" in marker else None)
    (tmp_path / "a.al").write_text("print !undefined_here\n")
    code = ("import os, sys, runpy; sys.argv = ['alc', *sys.argv[1:]]\n"
            "os._exit = sys.exit\n"
            "try:\n    runpy.run_module('compiler', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('TOMLLIB', 'tomllib' in sys.modules, file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code, "lint", "--no-cache", "--format", "json", "a.al"],
                         capture_output=True, text=True, cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert f"TOMLLIB {parsed}" in out.stderr
    assert '"rule": "undefined-variable"' in out.stdout
