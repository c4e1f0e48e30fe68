"""Atomic writes: the new content or the old, never a mix; permissions kept."""

import os
import signal
import stat
import subprocess
import sys
import time

import pytest

from compiler.safe_io import ChangedError, WriteError, write_atomic
from tests.conftest import ROOT


def test_replaces_content_and_keeps_permissions(tmp_path):
    path = tmp_path / "node.al"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["node.al"]


def test_failed_write_leaves_the_original_whole(tmp_path, monkeypatch):
    path = tmp_path / "node.al"
    path.write_text("original\n")

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WriteError, match="No space left on device"):
        write_atomic(path, "x" * 100_000)
    assert path.read_text() == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["node.al"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.al").write_text("keep\n")
    os.chmod(folder, 0o500)
    try:
        with pytest.raises(WriteError, match="a.al"):
            write_atomic(folder / "a.al", "new\n")
        assert (folder / "a.al").read_text() == "keep\n"
    finally:
        os.chmod(folder, 0o700)


# A child process that writes ``path`` with write_atomic, over and over, alternating two
# contents of 20 MB, until it is killed.
WRITER = """
import sys
from compiler.safe_io import write_atomic
path = sys.argv[1]
contents = [b"a" * 20_000_000, b"b" * 20_000_000]
print("ready", flush=True)
n = 0
while True:
    write_atomic(path, contents[n % 2])
    n += 1
"""

# A child that starts one write and is killed while it is in the middle of it (in fsync).
STALLED_WRITER = """
import os, sys, time
from compiler.safe_io import write_atomic
def stall(fd):
    print("writing", flush=True)
    time.sleep(60)
os.fsync = stall
write_atomic(sys.argv[1], b"new" * 10_000_000)
"""


def _child(code, path):
    return subprocess.Popen([sys.executable, "-c", code, str(path)], cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)


def _stopped_in_the_middle_of_a_write(path, sig, code=STALLED_WRITER) -> int:
    """Start a write of ``path`` (which holds "original") in a child, stop it with ``sig`` while
    it is writing, and return the child's exit status."""
    path.write_text("original\n")
    child = _child(code, path)
    assert child.stdout.readline() == "writing\n"
    child.send_signal(sig)
    return child.wait()


def test_process_killed_in_the_middle_of_a_write_leaves_the_original(tmp_path):
    path = tmp_path / "node.al"
    _stopped_in_the_middle_of_a_write(path, signal.SIGKILL)
    assert path.read_text() == "original\n"
    # The half-written temporary file is hidden (a leading dot), so alc never reads it.
    assert all(p.name.startswith(".node.al.") for p in tmp_path.iterdir() if p.name != "node.al")


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.8])
def test_kill_at_any_moment_leaves_one_whole_version(tmp_path, delay):
    path = tmp_path / "node.al"
    path.write_bytes(b"a" * 20_000_000)
    child = _child(WRITER, path)
    assert child.stdout.readline() == "ready\n"
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    data = path.read_bytes()
    assert data in (b"a" * 20_000_000, b"b" * 20_000_000)


def test_read_only_file_is_refused(tmp_path):
    path = tmp_path / "node.al"
    path.write_text("keep\n")
    os.chmod(path, 0o444)
    with pytest.raises(WriteError, match="node.al: the file is read-only; not changed"):
        write_atomic(path, "new\n")
    assert path.read_text() == "keep\n"
    assert [p.name for p in tmp_path.iterdir()] == ["node.al"]


def test_read_only_folder_simulated(tmp_path, monkeypatch):
    # Root writes into read-only folders, so the refusal is simulated where it happens.
    path = tmp_path / "node.al"
    path.write_text("keep\n")

    real_open = os.open

    def refused(path, flags, *args):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refused)
    with pytest.raises(WriteError, match=f"node.al: cannot write in {tmp_path}: Permission denied"):
        write_atomic(path, "new\n")
    assert path.read_text() == "keep\n"


def test_disk_full_in_the_middle_of_writing(tmp_path, monkeypatch):
    path = tmp_path / "node.al"
    path.write_text("original\n")
    real_fdopen = os.fdopen

    class HalfWritten:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWritten(real_fdopen(fd, mode)))
    with pytest.raises(WriteError, match="node.al: No space left on device"):
        write_atomic(path, "x" * 1_000_000)
    assert path.read_text() == "original\n"
    assert [p.name for p in tmp_path.iterdir()] == ["node.al"]


def test_symbolic_link_is_written_through_when_asked(tmp_path):
    real = tmp_path / "real.al"
    real.write_text("old\n")
    link = tmp_path / "link.al"
    link.symlink_to(real)
    write_atomic(link, "new\n", follow_links=True)
    assert link.is_symlink() and real.read_text() == "new\n"


def test_symbolic_link_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("keep\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "op1.al").symlink_to(victim)
    (out / "op2.al").symlink_to(outside / "new.txt")  # dangling: would create a file outside
    write_atomic(out / "op1.al", "script 1\n")
    write_atomic(out / "op2.al", "script 2\n")
    assert victim.read_text() == "keep\n" and not (outside / "new.txt").exists()
    assert not (out / "op1.al").is_symlink() and (out / "op1.al").read_text() == "script 1\n"
    assert not (out / "op2.al").is_symlink() and (out / "op2.al").read_text() == "script 2\n"
    assert sorted(p.name for p in outside.iterdir()) == ["victim.txt"]


def test_a_folder_in_the_way_is_refused(tmp_path):
    (tmp_path / "node.al").mkdir()
    with pytest.raises(WriteError, match="node.al: not a regular file; not changed"):
        write_atomic(tmp_path / "node.al", "new\n")


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path):
    path = tmp_path / "node.al"
    path.write_text("read by alc\n")
    path.write_text("read by alc\nappended by an editor\n")
    with pytest.raises(ChangedError, match="node.al: the file changed on disk while alc worked; "
                                           "not overwritten"):
        write_atomic(path, "formatted\n", expect="read by alc\n")
    assert path.read_text() == "read by alc\nappended by an editor\n"
    assert [p.name for p in tmp_path.iterdir()] == ["node.al"]


def test_a_file_removed_since_it_was_read_is_not_recreated(tmp_path):
    path = tmp_path / "node.al"
    with pytest.raises(ChangedError, match="removed or renamed"):
        write_atomic(path, "formatted\n", expect="read by alc\n")
    assert list(tmp_path.iterdir()) == []


def test_an_unchanged_file_is_replaced(tmp_path):
    path = tmp_path / "node.al"
    path.write_text("read by alc\n")
    write_atomic(path, "formatted\n", expect="read by alc\n")
    assert path.read_text() == "formatted\n"


def test_temporary_files_of_killed_runs_are_removed_by_the_next_write(tmp_path):
    path = tmp_path / "node.al"
    _stopped_in_the_middle_of_a_write(path, signal.SIGKILL)
    assert len(list(tmp_path.iterdir())) == 2  # the killed run's temporary file is left
    # One of a live process (this one's parent) and one of another file are kept.
    alive = tmp_path / f".node.al.{os.getppid()}.abc.alc-tmp"
    other = tmp_path / ".other.al.1.abc.alc-tmp"
    alive.write_text("")
    other.write_text("")
    write_atomic(path, "new\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name, "node.al"])


def test_sigterm_in_the_middle_of_a_write_removes_the_temporary_file(tmp_path):
    path = tmp_path / "node.al"
    code = "from compiler.safe_io import exit_on_sigterm\nexit_on_sigterm()\n" + STALLED_WRITER
    assert _stopped_in_the_middle_of_a_write(path, signal.SIGTERM, code) == 128 + signal.SIGTERM
    assert [p.name for p in tmp_path.iterdir()] == ["node.al"]
    assert path.read_text() == "original\n"


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_owner_is_kept(tmp_path):
    path = tmp_path / "node.al"
    path.write_text("old\n")
    os.chown(path, 1234, 1234)
    write_atomic(path, "new\n")
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 1234)


def test_temporaries_are_new_files_named_for_their_writer(tmp_path):
    """A write's temporary is created exclusively, named .NAME.PID.N.alc-tmp (a name a killed
    process of the same pid left is skipped), and is the file that replaces the target."""
    from compiler import safe_io

    left = tmp_path / f".node.al.{os.getpid()}.{next(safe_io._numbers) + 1}{safe_io.TMP_SUFFIX}"
    left.write_text("a killed writer's\n")
    fd, name = safe_io._temporary(str(tmp_path), "node.al")
    os.close(fd)
    assert safe_io._temporaries("node.al").match(os.path.basename(name)).group(1) == str(os.getpid())
    assert name != str(left) and left.read_text() == "a killed writer's\n"
    assert oct(os.stat(name).st_mode & 0o777) == "0o600"
    safe_io.write_replace(tmp_path / "node.al", b"whole\n")
    assert (tmp_path / "node.al").read_bytes() == b"whole\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["node.al", left.name, os.path.basename(name)])
