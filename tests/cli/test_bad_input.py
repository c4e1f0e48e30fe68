"""Bad input, one case at a time, through `alc lint` and `alc fmt`: a one-line error naming the
path and exit 2, or a normal result; bounded time; never a traceback."""

import os
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from compiler import files
from compiler.cli.app import app
from compiler.fmt import format_text
from tests.conftest import ROOT

runner = CliRunner()
COMMANDS = ["lint", "fmt"]


def run(command, *args, input=None):
    result = runner.invoke(app, [command, *args], input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def assert_one_line_error(result, message):
    assert result.exit_code == 2
    assert result.stderr == f"alc: error: {message}\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_binary_file(tmp_path, command):
    path = tmp_path / "image.al"
    path.write_bytes(b"print a\nPK\x03\x04\x00\x00binary")
    assert_one_line_error(run(command, str(path)),
                          f"{path}:2:5: NUL byte at byte offset 12: this is a binary (or UTF-16) "
                          "file; alc reads scripts as UTF-8 text")


@pytest.mark.parametrize("command", COMMANDS)
def test_utf16_file(tmp_path, command):
    path = tmp_path / "wide.al"
    path.write_bytes("print a\n".encode("utf-16"))
    result = run(command, str(path))
    assert result.exit_code == 2 and "NUL byte" in result.stderr and result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", COMMANDS)
def test_invalid_utf8(tmp_path, command):
    path = tmp_path / "latin1.al"
    path.write_bytes(b"x = 1\nprint caf\xe9\n")
    assert_one_line_error(run(command, str(path)),
                          f"{path}:2:10: invalid UTF-8 at byte offset 15 (byte 0xe9); alc reads "
                          "scripts as UTF-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_50_mb_file_is_refused_at_once(tmp_path, command):
    path = tmp_path / "huge.al"
    with open(path, "wb") as handle:
        line = b"run tcp server where external_ip = !ip and external_port = 32148\n"
        handle.write(line * (50_000_000 // len(line)))
    start = time.perf_counter()
    result = run(command, str(path))
    assert time.perf_counter() - start < 2
    assert_one_line_error(result, f"{path}: larger than {files.MAX_BYTES:,} bytes, the most alc "
                                  "reads from one script")


@pytest.mark.parametrize("command", COMMANDS)
def test_too_many_lines_is_refused(tmp_path, command):
    path = tmp_path / "long.al"
    path.write_text("x=1\n" * (files.MAX_LINES + 1))
    assert_one_line_error(run(command, str(path)),
                          f"{path}: {files.MAX_LINES + 1:,} lines, more than the {files.MAX_LINES:,} alc "
                              "reads from one script")


def test_huge_stdin_is_refused():
    result = run("lint", "-", input=b"x" * (files.MAX_BYTES + 1))
    assert_one_line_error(result, f"-: larger than {files.MAX_BYTES:,} bytes, the most alc reads "
                                  "from one script")


def test_a_device_is_refused_without_reading_it():
    result = run("lint", "/dev/zero")
    assert_one_line_error(result, "/dev/zero: not a regular file (a pipe or a device); alc reads "
                                  "scripts from files")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_pipe_named_on_the_command_line_does_not_block(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.al")
    result = run(command, str(tmp_path / "pipe.al"))
    assert_one_line_error(result, f"{tmp_path / 'pipe.al'}: not a regular file (a pipe or a device); "
                                  "alc reads scripts from files")


DEEP = {
    "parentheses": "if " + "(" * 10_000 + "!a" + ")" * 10_000 + " then print x\n",
    "brackets": "x = " + "[" * 10_000 + "1" + "]" * 10_000 + "\n",
    "json": "x = " + '{"a": ' * 10_000 + "1" + "}" * 10_000 + "\n",
    "json over lines": "x = " + "{\n" * 10_000 + "}\n" * 10_000,
    "block over lines": "<run x where a = " + "(\n" * 5_000 + ")\n" * 4_999 + ")>\n",
    "unclosed": "x = " + "{[(" * 10_000 + "\n",
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("case", DEEP, ids=list(DEEP))
def test_deep_nesting(tmp_path, command, case):
    path = tmp_path / "deep.al"
    path.write_text(DEEP[case])
    start = time.perf_counter()
    result = run(command, str(path))
    assert time.perf_counter() - start < 10
    assert result.exit_code in (0, 1), result.stderr
    if command == "fmt":
        text = path.read_text()
        assert format_text(text) == text
        # Indentation stops growing (8 levels), so the output grows at most linearly.
        assert len(text) <= len(DEEP[case]) + 32 * DEEP[case].count("\n")


@pytest.mark.parametrize("command", COMMANDS)
def test_very_long_lines(tmp_path, command):
    path = tmp_path / "long_lines.al"
    where = " and ".join(f"key{i} = value{i}" for i in range(5_000))
    path.write_text(f"print {'word ' * 20_000}\nrun x where {where}\n{'a' * 300_000}\n")
    start = time.perf_counter()
    result = run(command, str(path))
    assert time.perf_counter() - start < 30
    assert result.exit_code in (0, 1), result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_empty_file(tmp_path, command):
    path = tmp_path / "empty.al"
    path.write_text("")
    result = run(command, str(path))
    assert result.exit_code == 0
    assert path.read_text() == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_folder_with_a_symlink_loop(tmp_path, command):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.al").write_text("print a\n")
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)  # sub/loop -> the folder above
    result = run(command, str(tmp_path))
    assert result.exit_code == 0
    assert result.stderr.count("\n") <= 1  # fmt's summary line


@pytest.mark.parametrize("command", COMMANDS)
def test_file_symlink_loop(tmp_path, command):
    (tmp_path / "a.al").symlink_to(tmp_path / "b.al")
    (tmp_path / "b.al").symlink_to(tmp_path / "a.al")
    result = run(command, str(tmp_path / "a.al"))
    assert_one_line_error(result, f"{tmp_path / 'a.al'}: too many levels of symbolic links")
    result = run(command, str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-2:] == [
        f"alc: error: {tmp_path / 'a.al'}: too many levels of symbolic links",
        f"alc: error: {tmp_path / 'b.al'}: too many levels of symbolic links"]


@pytest.mark.parametrize("command", COMMANDS)
def test_pipe_in_a_folder_is_skipped(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.al")
    (tmp_path / "a.al").write_text("print a\n")
    assert run(command, str(tmp_path)).exit_code == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_unreadable_file_simulated(tmp_path, command, monkeypatch):
    # Tests may run as root, whom chmod 000 does not stop: the refusal is simulated.
    path = tmp_path / "secret.al"
    path.write_text("print a\n")

    def denied(name, mode="r"):
        raise PermissionError(13, "Permission denied", name)

    monkeypatch.setattr(files, "open", denied, raising=False)
    assert_one_line_error(run(command, str(path)), f"{path}: permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
@pytest.mark.parametrize("command", COMMANDS)
def test_unreadable_file(tmp_path, command):
    path = tmp_path / "secret.al"
    path.write_text("print a\n")
    os.chmod(path, 0)
    assert_one_line_error(run(command, str(path)), f"{path}: permission denied")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable folders")
@pytest.mark.parametrize("command", COMMANDS)
def test_unreadable_folder(tmp_path, command):
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0)
    try:
        assert_one_line_error(run(command, str(tmp_path)), f"{folder}: permission denied")
    finally:
        os.chmod(folder, 0o700)


@pytest.mark.parametrize("command", COMMANDS)
def test_real_process_prints_no_traceback(tmp_path, command):
    path = tmp_path / "bad.al"
    path.write_bytes(b"\x00\xff")
    proc = subprocess.run([sys.executable, "-m", "compiler", command, str(path), "-"],
                          input=b"\xc3(", capture_output=True, cwd=ROOT)
    assert proc.returncode == 2
    assert b"Traceback" not in proc.stderr and proc.stderr.count(b"\n") == 2


@pytest.mark.parametrize("content, message", [
    (b'select = ["\xff"]\n', "bad.toml:1:12: invalid UTF-8 at byte offset 11 (byte 0xff); alc reads "
                             "scripts as UTF-8"),
    (b"x = 1\x00\n", "bad.toml:1:6: NUL byte at byte offset 5: this is a binary (or UTF-16) file; alc "
                     "reads scripts as UTF-8 text"),
    (b"x = " + b"9" * 5000 + b"\n", "bad.toml: invalid TOML: Exceeds the limit (4300 digits) for "
                                    "integer string conversion: value has 5000 digits; use "
                                    "sys.set_int_max_str_digits() to increase the limit"),
])
def test_a_configuration_is_read_with_the_guards_of_a_script(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.al").write_text("print hi\n")
    (tmp_path / "bad.toml").write_bytes(content)
    assert_one_line_error(run("lint", "--config", "bad.toml", "a.al"), message)
    os.rename(tmp_path / "bad.toml", tmp_path / ".alc.toml")
    result = run("lint", "a.al")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and ".alc.toml" in result.stderr


def test_a_configuration_that_is_a_pipe_is_refused_not_waited_on(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.al").write_text("print hi\n")
    os.mkfifo(tmp_path / "fifo.toml")
    assert_one_line_error(run("lint", "--config", "fifo.toml", "a.al"),
                          "fifo.toml: not a regular file (a pipe or a device); alc reads scripts from files")
