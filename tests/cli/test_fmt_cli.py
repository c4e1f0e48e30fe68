"""`alc fmt` as a user runs it: in place, --check, --diff, stdin, exit codes, safety."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compiler import safe_io
from compiler.cli import fmt_run
from compiler.cli.app import app, fast_fmt_args
from compiler.fmt import FormatError

runner = CliRunner()

MESSY = "x=1\n\n\n:setup:\n\nprint   ready   \n"
CLEAN = "x = 1\n\n:setup:\nprint ready\n"


def run(*args, input=None):
    return runner.invoke(app, ["fmt", *args], input=input)


@pytest.fixture
def messy(tmp_path):
    path = tmp_path / "node.al"
    path.write_text(MESSY)
    return path


def test_formats_in_place_and_reports(messy, tmp_path):
    (tmp_path / "clean.al").write_text(CLEAN)
    result = run(str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "1 file reformatted, 1 file left unchanged.\n"
    assert messy.read_text() == CLEAN
    assert run(str(tmp_path)).stderr == "0 files reformatted, 2 files left unchanged.\n"


def test_keeps_permissions_and_writes_nothing_when_clean(tmp_path):
    path = tmp_path / "node.al"
    path.write_text(MESSY)
    os.chmod(path, 0o640)
    run(str(path))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    before = path.stat().st_mtime_ns
    os.utime(path, ns=(before - 10**9, before - 10**9))
    run(str(path))
    assert path.stat().st_mtime_ns == before - 10**9  # not rewritten


def test_check_lists_files_and_exits_1(messy, tmp_path):
    (tmp_path / "clean.al").write_text(CLEAN)
    result = run("--check", str(tmp_path))
    assert result.exit_code == 1
    assert result.stdout == f"would reformat {messy}\n"
    assert result.stderr == "1 file would be reformatted, 1 file already formatted.\n"
    assert messy.read_text() == MESSY


def test_check_passes_on_formatted_files(tmp_path):
    (tmp_path / "clean.al").write_text(CLEAN)
    result = run("--check", str(tmp_path))
    assert result.exit_code == 0 and result.stdout == ""


def test_diff_prints_a_unified_diff_and_exits_1(messy):
    result = run("--diff", str(messy))
    assert result.exit_code == 1
    assert result.stdout == (
        f"--- {messy}\n+++ {messy}\n@@ -1,6 +1,4 @@\n"
        "-x=1\n-\n+x = 1\n \n :setup:\n-\n-print   ready   \n+print ready\n")
    assert messy.read_text() == MESSY


def test_diff_marks_a_missing_final_newline(tmp_path):
    path = tmp_path / "a.al"
    path.write_text("print a")
    result = run("--diff", str(path))
    assert result.stdout.endswith("-print a\n\\ No newline at end of file\n+print a\n")


def test_stdin_to_stdout():
    result = run("-", input=MESSY)
    assert result.exit_code == 0
    assert result.stdout == CLEAN and result.stderr == ""
    assert run("-", input=CLEAN).stdout == CLEAN


def test_stdin_check_and_diff():
    assert run("--check", "-", input=MESSY).exit_code == 1
    assert run("--check", "-", input=CLEAN).exit_code == 0
    result = run("--diff", "--stdin-filename", "node.al", "-", input="x=1\n")
    assert result.exit_code == 1
    assert result.stdout == "--- node.al\n+++ node.al\n@@ -1 +1 @@\n-x=1\n+x = 1\n"


def test_stdin_keeps_crlf_bytes():
    result = runner.invoke(app, ["fmt", "-"], input=b"x=1\r\nprint a\r\n")
    assert result.stdout_bytes == b"x = 1\r\nprint a\r\n"


def test_syntax_errors_are_left_alone_and_do_not_fail(tmp_path):
    path = tmp_path / "a.al"
    path.write_text('print   "unclosed\nx=1\n')
    assert run(str(path)).exit_code == 0
    assert path.read_text() == 'print   "unclosed\nx = 1\n'


def test_internal_error_leaves_the_file_untouched(messy, monkeypatch):
    def broken(text, path):
        raise FormatError(f"{path}:1: internal error: formatting would change what this line "
                          "means; the file was left unchanged (please report this)")

    monkeypatch.setattr(fmt_run, "format_text", broken)
    result = run(str(messy))
    assert result.exit_code == 2
    assert result.stderr == (f"alc: error: {messy}:1: internal error: formatting would change what "
                             "this line means; the file was left unchanged (please report this)\n")
    assert messy.read_text() == MESSY


def test_unexpected_exception_is_one_line_and_leaves_the_file(messy, monkeypatch):
    def crash(text, path):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(fmt_run, "format_text", crash)
    result = run(str(messy))
    assert result.exit_code == 2
    assert result.stderr == (f"alc: error: {messy}: internal error (RecursionError: maximum "
                             "recursion depth exceeded); the file was left unchanged; please "
                             "report this\n")
    assert messy.read_text() == MESSY


def test_a_failed_write_is_exit_2_and_the_other_files_are_still_formatted(tmp_path, monkeypatch):
    first, second = tmp_path / "a.al", tmp_path / "b.al"
    first.write_text(MESSY)
    second.write_text(MESSY)
    real = safe_io.write_atomic

    def full_disk_for_a(path, data, **kw):
        if str(path).endswith("a.al"):
            raise safe_io.WriteError(f"{path}: No space left on device")
        real(path, data, **kw)

    monkeypatch.setattr(fmt_run, "write_atomic", full_disk_for_a)
    result = run(str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.endswith(f"alc: error: {first}: No space left on device\n")
    assert first.read_text() == MESSY and second.read_text() == CLEAN


def test_read_only_file_is_refused(messy):
    os.chmod(messy, 0o444)
    try:
        result = run(str(messy))
        assert result.exit_code == 2
        assert result.stderr.endswith(f"alc: error: {messy}: the file is read-only; not changed\n")
        assert messy.read_text() == MESSY
    finally:
        os.chmod(messy, 0o644)


def test_symlinked_script_is_formatted_through_the_link(tmp_path):
    real = tmp_path / "real.al"
    real.write_text(MESSY)
    link = tmp_path / "link.al"
    link.symlink_to(real)
    assert run(str(link)).exit_code == 0
    assert link.is_symlink() and real.read_text() == CLEAN


def _fmt_folder(tmp_path):
    """Files that change, files already clean, one the formatter refuses and one not UTF-8."""
    from benchmarks.generate import generate

    root = tmp_path / "scripts"
    root.mkdir(parents=True)
    for index in range(9):
        text = generate(40 + 15 * index, seed=index) if index % 3 else CLEAN
        (root / f"s{index}.al").write_text(text if index % 2 else text.replace(" = ", "="))
    (root / "refused.al").write_text("x=1\n")
    (root / "latin1.al").write_bytes(b"print caf\xe9\n")
    return root


def _refuse(real):
    def format_text(text, path):
        if path.endswith("refused.al"):
            raise FormatError(f"{path}:1: internal error: formatting would change what this line "
                              "means; the file was left unchanged (please report this)")
        return real(text, path)
    return format_text


@pytest.mark.parametrize("mode", [[], ["--check"], ["--diff"]])
def test_jobs_give_the_same_output_and_files(tmp_path, monkeypatch, mode):
    from compiler.cli import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(fmt_run, "format_text", _refuse(fmt_run.format_text))  # workers inherit it
    outcomes = []
    for jobs in ("1", "3"):
        root = _fmt_folder(tmp_path / jobs)
        result = run(*mode, "--jobs", jobs, str(root))
        assert parallel.used_workers == (jobs == "3")
        files = {p.name: p.read_bytes() for p in sorted(root.iterdir())}
        outcomes.append((result.exit_code, result.stdout.replace(str(root), "ROOT"),
                         result.stderr.replace(str(root), "ROOT"), files))
    assert outcomes[0] == outcomes[1]
    code, stdout, stderr, files = outcomes[0]
    assert code == 2
    assert "ROOT/refused.al:1: internal error" in stderr and "ROOT/latin1.al" in stderr
    assert stderr.startswith("8 files reformatted, 1 file left unchanged.\n" if not mode else
                             "8 files would be reformatted, 1 file already formatted.\n")
    if mode == ["--diff"]:
        assert stdout.count("--- ROOT/") == 8
    assert files["s0.al"] == (CLEAN if not mode else CLEAN.replace(" = ", "=")).encode()
    assert files["s3.al"] == CLEAN.encode()


def test_workers_return_only_the_texts_the_mode_needs(messy, tmp_path):
    """A worker's results travel back by pickle: a check carries no texts, writing and a diff
    both (the writer checks the file still holds the text read); an unchanged file none."""
    (tmp_path / "clean.al").write_text(CLEAN)
    paths = [str(messy), str(tmp_path / "clean.al")]
    shown = [str(messy), str(tmp_path / "clean.al")]
    assert fmt_run._format_files(paths, "-", diff=False, check=True) == [
        (shown[0], True, None, None, None), (shown[1], False, None, None, None)]
    assert fmt_run._format_files(paths, "-", diff=False, check=False)[0] == (shown[0], True, MESSY, CLEAN, None)
    assert fmt_run._format_files(paths, "-", diff=True, check=False)[0] == (shown[0], True, MESSY, CLEAN, None)
    assert fmt_run._format_files(paths, "-", diff=True, check=False)[1] == (shown[1], False, None, None, None)


def _alc(*args, cwd, input=None):
    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([sys.executable, "-m", "compiler", *args], cwd=cwd, env=env,
                          capture_output=True, input=input)


def test_fast_fmt_arguments():
    assert fast_fmt_args(["a.al", "--check", "-j", "2", "--stdin-filename=x.al", "b"]) == {
        "paths": ["a.al", "b"], "check": True, "jobs": 2, "stdin_filename": "x.al"}
    assert fast_fmt_args(["-", "--diff"]) == {"paths": ["-"], "diff": True}
    for args in ([], ["--help"], ["a", "--check", "--check"], ["a", "--"], ["a", "--jobs", "0"],
                 ["a", "-j=2"], ["a", "--jobs"], ["a", "--select", "x"], ["a", "-x"]):
        assert fast_fmt_args(args) is None, args


@pytest.mark.parametrize("mode", [[], ["--check"], ["--diff"]])
def test_fast_path_matches_typer(tmp_path, mode):
    """`alc fmt` without typer writes, prints and exits exactly as typer's path does (an
    option only typer knows the spelling of, `--`, takes the typer path)."""
    outcomes = []
    for name, sep in (("fast", []), ("typer", ["--"])):
        root = tmp_path / name
        root.mkdir()
        (root / "messy.al").write_text(MESSY)
        (root / "clean.al").write_text(CLEAN)
        (root / "bad.al").write_bytes(b"print \xff\n")
        result = _alc("fmt", *mode, *sep, ".", cwd=root)
        files = {p.name: p.read_bytes() for p in sorted(root.iterdir())}
        outcomes.append((result.returncode, result.stdout, result.stderr, files))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == 2 and b"bad.al" in outcomes[0][2]
    assert outcomes[0][3]["messy.al"] == (CLEAN if not mode else MESSY).encode()


def test_fast_path_stdin(tmp_path):
    fast = _alc("fmt", "-", cwd=tmp_path, input=b"x=1\r\nprint a\r\n")
    slow = _alc("fmt", "--", "-", cwd=tmp_path, input=b"x=1\r\nprint a\r\n")
    assert fast.returncode == slow.returncode == 0
    assert fast.stdout == slow.stdout == b"x = 1\r\nprint a\r\n"
    assert fast.stderr == slow.stderr


def test_a_change_made_while_formatting_is_not_lost(messy, monkeypatch):
    """An editor saves the file (by rename) after alc read it: alc refuses to overwrite it."""
    real = fmt_run.format_text

    def format_while_the_editor_saves(text, path):
        replacement = messy.with_name("node.al.swp")
        replacement.write_text(MESSY + "print saved by the editor\n")
        os.replace(replacement, messy)
        return real(text, path)

    monkeypatch.setattr(fmt_run, "format_text", format_while_the_editor_saves)
    result = run(str(messy))
    assert result.exit_code == 2
    assert result.stderr.endswith(f"alc: error: {messy}: the file changed on disk while alc worked; "
                                  "not overwritten (run alc again)\n")
    assert messy.read_text() == MESSY + "print saved by the editor\n"
    assert [p.name for p in messy.parent.iterdir()] == ["node.al"]


def test_a_folder_walk_never_writes_through_a_link_to_outside(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.al"
    victim.write_text(MESSY)
    project = tmp_path / "project"
    project.mkdir()
    (project / "own.al").write_text(MESSY)
    (project / "to-outside.al").symlink_to(victim)
    (project / "to-own.al").symlink_to(project / "own.al")
    result = run(str(project))
    assert result.exit_code == 0
    assert victim.read_text() == MESSY  # outside the folder: left alone, with a note
    assert (project / "own.al").read_text() == CLEAN  # formatted once, as itself
    assert (project / "to-outside.al").is_symlink() and (project / "to-own.al").is_symlink()
    assert result.stderr == ("1 file reformatted, 0 files left unchanged.\n"
                             f"alc: {project / 'to-outside.al'}: not formatted: a link to {victim}, "
                             f"outside {project}\n")


def test_a_named_file_that_is_not_a_script_is_refused_and_left_untouched(tmp_path, messy):
    spec = tmp_path / "publisher.yaml"
    spec.write_text("alc: 1\nnodes:\n  - name: p1\n    type: publisher\n")
    readme = tmp_path / "README.md"
    readme.write_text("# notes\n\nx=1\n")
    for args in ([], ["--check"]):
        result = run(*args, str(spec), str(readme), str(messy))
        assert result.exit_code == 2
        assert result.stderr.endswith(
            f"alc: error: {spec}: not an AnyLog script (alc fmt formats .al files); left unchanged\n"
            f"alc: error: {readme}: not an AnyLog script (alc fmt formats .al files); left unchanged\n")
    assert spec.read_text().startswith("alc: 1\nnodes:\n  - name")
    assert readme.read_text() == "# notes\n\nx=1\n"
    assert messy.read_text() == CLEAN  # the script named with them is still formatted


@pytest.mark.parametrize("args", [["fmt", "--check", "."], ["fmt", "--diff", "."], ["lint", "."],
                                  ["lint", "--format", "json", "."], ["--version"], ["rules"], ["schema"],
                                  ["fmt", "--check", "--", "."]])
def test_a_reader_that_closes_the_pipe_early_gets_no_traceback(tmp_path, args):
    for index in range(300):  # more output than a pipe holds
        (tmp_path / f"node{index:03}.al").write_text(MESSY + "goto nowhere\n")
    proc = subprocess.Popen([sys.executable, "-m", "compiler", *args], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()  # `| head -0`: the reader is gone before alc writes
    stderr = proc.stderr.read().decode()
    assert proc.wait() in (0, 1), stderr
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr
