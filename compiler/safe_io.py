"""Writing files so that what the user had is never lost or half-written.

Every command that writes a file (fmt, build -o, convert -o) goes through ``write_atomic``:
the new content goes to a temporary file in the same folder, is flushed and fsynced, takes
the permissions (and, where allowed, the owner) of the file it replaces, and then replaces it
with ``os.replace`` (atomic on POSIX and Windows).  A crash, a full disk or a read-only target
leaves the old file whole; a read-only file is refused, and a symbolic link is written through.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """A file could not be written; the message names the path and the reason."""


def write_atomic(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8") -> None:
    shown = Path(path)
    # Through a symbolic link, the file it points to is replaced and the link stays.
    target = Path(os.path.realpath(shown))
    payload = data.encode(encoding) if isinstance(data, str) else data
    folder = target.parent
    owner = None
    try:
        info = target.stat()
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
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".alc-tmp", dir=folder)
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
