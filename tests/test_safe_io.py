"""Atomic writes: the new content or the old, never a mix; permissions kept."""

import os
import stat

import pytest

from compiler.safe_io import WriteError, write_atomic


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
