"""Writing files so that what the user had is never lost or half-written.

Every command that writes a file (fmt, build -o, convert -o) goes through ``write_atomic``:
the new content goes to a temporary file in the same folder, is flushed and fsynced, takes
the permissions (and, where allowed, the owner) of the file it replaces, and then replaces it
with ``os.replace`` (atomic on POSIX and Windows).  A crash, a full disk or a read-only target
leaves the old file whole; a read-only file is refused.

- A symbolic link is replaced by the new file, never followed, unless the caller asks
  (``follow_links``: `alc fmt` of a link the user named writes the file it points to).  So a
  link planted in an output folder cannot make alc write outside it.
- With ``expect``, the file must still hold what the caller read: `alc fmt` reads, formats and
  then writes, and an editor may save the file in between.  The check runs just before the
  rename, so a change made while alc worked is refused (:class:`ChangedError`), not lost.
- The temporary file is removed on any exit Python sees (an error, Ctrl-C, SIGTERM through
  ``exit_on_sigterm``); one left by a killed run (its name carries the writer's process id) is
  removed by the next write beside it.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
from itertools import count
from pathlib import Path

TMP_SUFFIX = ".alc-tmp"


class WriteError(Exception):
    """A file could not be written; the message names the path and the reason."""


class ChangedError(WriteError):
    """The file changed on disk after alc read it: not overwritten."""


def write_atomic(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8",
                 expect: str | bytes | None = None, follow_links: bool = False) -> None:
    shown = Path(path)
    target = Path(os.path.realpath(shown)) if follow_links else Path(os.path.abspath(shown))
    payload = data.encode(encoding) if isinstance(data, str) else data
    folder = target.parent
    owner = None
    try:
        info = target.lstat()
        if stat.S_ISLNK(info.st_mode):  # replaced, not followed: a new file gets default bits
            raise FileNotFoundError
        if not stat.S_ISREG(info.st_mode):
            raise WriteError(f"{shown}: not a regular file; not changed")
        mode = stat.S_IMODE(info.st_mode)
        owner = (info.st_uid, info.st_gid)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    except OSError as exc:
        raise WriteError(f"{shown}: {exc.strerror or exc}") from None
    # os.replace would swap a read-only file without asking; its owner made it read-only.
    if owner is not None and (not mode & 0o222 or not os.access(target, os.W_OK)):
        raise WriteError(f"{shown}: the file is read-only; not changed")
    remove_stale_temporaries(target)
    try:
        fd, tmp = _temporary(str(folder), target.name)
    except OSError as exc:
        raise WriteError(f"{shown}: cannot write in {folder}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        if owner is not None and owner != (os.geteuid(), os.getegid()):
            try:
                os.chown(tmp, *owner)  # keeps the owner when root formats a user's file
            except PermissionError:
                pass
        os.chmod(tmp, mode)  # after chown, which may clear set-id bits
        if expect is not None:
            _check_unchanged(target, shown, expect, encoding)
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise WriteError(f"{shown}: {exc.strerror or exc}") from None
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _check_unchanged(target: Path, shown: Path, expect: str | bytes, encoding: str) -> None:
    wanted = expect.encode(encoding) if isinstance(expect, str) else expect
    try:
        with open(target, "rb") as handle:
            now = handle.read(len(wanted) + 1)
    except FileNotFoundError:
        raise ChangedError(f"{shown}: the file was removed or renamed while alc worked; "
                           "not written") from None
    if now != wanted:
        raise ChangedError(f"{shown}: the file changed on disk while alc worked; not overwritten "
                           "(run alc again)")


_numbers = count()


def _temporary(folder: str, name: str) -> tuple[int, str]:
    """A new file (mode 0600) beside ``name`` in ``folder`` for a write: ``.NAME.PID.N`` +
    TMP_SUFFIX, N counting this process's writes (``_temporaries`` finds it again), created
    exclusively.  Not ``tempfile.mkstemp``: importing tempfile (with shutil and random) cost
    about 4 ms of `alc lint FILE`, which writes one cache record."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(1000):  # a name left by a killed process of the same pid is skipped
        path = os.path.join(folder, f".{name}.{os.getpid()}.{next(_numbers)}{TMP_SUFFIX}")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name for {name} in {folder}")


def _temporaries(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(f".{name}.") + r"(\d+)\..*" + re.escape(TMP_SUFFIX) + "$")


def remove_stale_temporaries(target: Path) -> None:
    """Delete temporary files of ``target`` whose writer process is gone (a killed run)."""
    pattern = _temporaries(target.name)
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    for name in names:
        match = pattern.match(name)
        if match is None or _alive(int(match.group(1))):
            continue
        try:
            os.unlink(target.parent / name)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True  # another user's process, or a name that only looks like ours
    return True


def exit_on_sigterm() -> None:
    """Turn SIGTERM into SystemExit, so a write in progress removes its temporary file."""
    try:
        signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    except (ValueError, OSError):
        pass  # not the main thread


def write_replace(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` all at once or not at all, for files that may be lost but
    must never be read half-written (the result cache): a temporary file beside it, then
    ``os.replace``.  Two writers at once leave one whole file, the last one's.  No fsync and
    no scan for stale temporaries (``write_atomic`` does both for the user's files): a cache
    entry lost in a crash is only linted again, and ``alc clean`` removes a killed run's
    leftovers.  Raises OSError."""
    target = os.fspath(path)
    folder, name = os.path.split(target)
    fd, tmp = _temporary(folder or ".", name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
