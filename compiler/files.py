"""Finding and reading the files alc works on, with errors a person can act on."""

from __future__ import annotations

import io
import os
import re
import stat
import sys
from pathlib import Path
from typing import Callable

from compiler.record import record

SCRIPT_SUFFIXES = (".al",)
SPEC_SUFFIXES = (".yaml", ".yml", ".toml")
STDIN = "-"
# The largest public deployment script is 23 KB and 600 lines.  Inputs past these limits are
# refused rather than left to run for minutes or fill the memory: at the limits, lint of one
# file takes about 15 s and 650 MB on one core, fmt about twice that (README.md, Speed).
MAX_BYTES = 8 << 20
MAX_LINES = 150_000


class InputError(Exception):
    """A file alc cannot read: the message names the path (and the place, where it applies)."""


@record(frozen=True)
class Input:
    path: str  # as shown to the user
    text: str


def is_spec(path: str) -> bool:
    return path.lower().endswith(SPEC_SUFFIXES)


# The spec's version key where a spec writes it: at the start of a line, not indented (YAML's
# `alc: 1`, TOML's `alc = 1`, quoted or not; a compose service named alc is indented), or
# first in a flow mapping (`{"alc": 1, ...}`, JSON-style YAML).
_SPEC_KEY = re.compile(r"""^(?:\ufeff)?(?:\{\s*)?["']?alc["']?[ \t]*[:=]""", re.M)


def looks_like_spec(path: str) -> bool:
    """A YAML/TOML file that is an alc spec: its first 4 KiB hold the `alc` version key or the
    schema line (a byte-order mark and the JSON style of YAML included).  Folder walks pick
    only these, not every CI or compose file beside them."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    return text_looks_like_spec(head)


def text_looks_like_spec(text: str) -> bool:
    """``looks_like_spec`` of a text already read (an editor's unsaved document)."""
    head = text[:4096]
    return "alc-spec.schema.json" in head or _SPEC_KEY.search(head) is not None


def hidden(path: str, is_dir: bool) -> bool:
    """A hidden file or folder (its name starts with ``.``): what walks skip by default."""
    return os.path.basename(path).startswith(".")


def discover(paths: list[str], suffixes: tuple[str, ...] = SCRIPT_SUFFIXES,
             skip: Callable[[str, bool], bool] = hidden,
             named_non_specs: bool = False) -> tuple[list[str], list[str]]:
    """Expand directories into the files below them that end in ``suffixes``.

    Folders and files that ``skip(path, is_dir)`` rejects are left out (by default the
    hidden ones; `alc lint` passes its `exclude` patterns), symbolic links to folders are
    not followed (no loops), pipes and devices are skipped (reading one could block), and
    the result is sorted within each directory.  A YAML/TOML file named on the command line
    that is no alc spec is an error (nothing named is skipped silently), unless
    ``named_non_specs`` says it may be skipped as in a folder walk (pre-commit names every
    YAML file of a repository).
    Returns (files, errors) where each error is a one-line message.
    """
    files: list[str] = []
    errors: list[str] = []
    for raw in paths:
        if raw == STDIN:
            files.append(raw)
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path, onerror=lambda e: errors.append(_os_error(e.filename, e))):
                dirs[:] = sorted(d for d in dirs if not skip(os.path.join(root, d), True))
                for name in names:
                    full = os.path.join(root, name)
                    if name.endswith(suffixes) and not skip(full, False) and not _special(full) \
                            and (not is_spec(name) or looks_like_spec(full)):
                        found.append(full)
            files.extend(sorted(found))
        elif is_spec(raw) and raw.lower().endswith(suffixes) and os.path.isfile(raw) \
                and not looks_like_spec(raw) and not _binary(raw):
            if not named_non_specs:
                errors.append(f"{raw}: not an alc spec (no `alc` version key at the top, no schema "
                              "line): alc lint checks scripts (.al) and alc specs; with "
                              "--force-exclude such files are skipped")
        elif os.path.lexists(raw):  # a broken or looping link is reported when it is read
            files.append(raw)
        else:
            errors.append(f"{raw}: no such file or directory")
    return files, errors


def _binary(path: str) -> bool:
    """A file alc cannot tell anything of (UTF-16, binary): named, it is read and refused with
    the reason, never skipped as "not a spec"."""
    try:
        with open(path, "rb") as handle:
            return b"\0" in handle.read(4096)
    except OSError:
        return True


def _special(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False  # a broken link: reading it gives the error


def _os_error(path: str, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{path}: {reason[0].lower() + reason[1:] if reason else 'cannot be read'}"


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of ``data``; a NUL byte or invalid UTF-8 is an :class:`InputError` with its offset."""
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul)
        raise InputError(f"{path}:{line}:{column}: NUL byte at byte offset {nul}: this is a binary "
                         "(or UTF-16) file; alc reads scripts as UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(data, exc.start)
        raise InputError(f"{path}:{line}:{column}: invalid UTF-8 at byte offset {exc.start} "
                         f"(byte 0x{data[exc.start]:02x}); alc reads scripts as UTF-8") from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and (byte) column of ``offset``."""
    return data.count(b"\n", 0, offset) + 1, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _read_limited(handle, path: str) -> bytes:
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"{path}: larger than {MAX_BYTES:,} bytes, the most alc reads from "
                         "one script")
    lines = data.count(b"\n")
    if b"\r" in data:  # one fast scan: most scripts have none, and need no more
        lines += data.count(b"\r") - data.count(b"\r\n")
    if lines > MAX_LINES:
        raise InputError(f"{path}: {lines:,} lines, more than the {MAX_LINES:,} alc reads from "
                         "one script")
    return data


def text_of(data: bytes, path: str) -> str:
    """The text of ``data`` (an editor's document) as ``read`` gives a file's: the same
    limits and errors."""
    return decode(_read_limited(io.BytesIO(data), path), path)


def read(path: str, stdin_name: str = STDIN) -> Input:
    """Read one input: a file, or standard input for ``-``."""
    if path == STDIN:
        data = _read_limited(sys.stdin.buffer, stdin_name)
        return Input(stdin_name, decode(data, stdin_name))
    if _special(path) and not os.path.isdir(path):
        raise InputError(f"{path}: not a regular file (a pipe or a device); alc reads scripts from files")
    try:
        with open(path, "rb") as handle:
            data = _read_limited(handle, path)
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(_os_error(path, exc)) from None
    return Input(path, decode(data, path))


def skip_walked_links(named: list[str], found: list[str]) -> tuple[list[str], list[tuple[str, str, str]]]:
    """The files of ``found`` a command may write (`alc fmt`, `alc lint --fix`), and the
    walked links it must not, as (link, its target, the folder walked).

    Files found in a folder walk that are symbolic links are never written through: one to a
    file inside the folder is left out (the walk finds that file itself), one to a file
    outside it is left alone, and the caller says so.  A link named on the command line is
    the user's choice and is written through; a broken or looping link is kept (reading it
    reports why)."""
    named_set = set(named)
    keep, outside = [], []
    for path in found:
        if path in named_set or not os.path.islink(path) or not os.path.exists(path):
            keep.append(path)
            continue
        folder = next((root for root in named if _inside(path, root)), None)
        target = os.path.realpath(path)
        if folder is None or not _inside(target, folder, resolve=True):
            outside.append((path, target, folder or "."))
    return keep, outside


def _inside(path: str, folder: str, resolve: bool = False) -> bool:
    norm = os.path.realpath if resolve else os.path.abspath
    path, folder = norm(path), norm(folder)
    return os.path.commonpath([folder, path]) == folder
