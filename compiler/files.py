"""Finding and reading the files alc works on, with errors a person can act on."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

SCRIPT_SUFFIXES = (".al",)
STDIN = "-"


class InputError(Exception):
    """A file alc cannot read: the message names the path (and the place, where it applies)."""


@dataclass(frozen=True)
class Input:
    path: str  # as shown to the user
    text: str


def discover(paths: list[str], suffixes: tuple[str, ...] = SCRIPT_SUFFIXES) -> tuple[list[str], list[str]]:
    """Expand directories into the files below them that end in ``suffixes``.

    Hidden folders and files (a name starting with ``.``) are skipped, symbolic links to
    folders are not followed (no loops), and the result is sorted within each directory.
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
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if not name.startswith(".") and name.endswith(suffixes):
                        found.append(os.path.join(root, name))
            files.extend(sorted(found))
        elif path.exists():
            files.append(raw)
        else:
            errors.append(f"{raw}: no such file or directory")
    return files, errors


def _os_error(path: str, exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return f"{path}: {reason[0].lower() + reason[1:] if reason else 'cannot be read'}"


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of ``data``; invalid bytes are an :class:`InputError` with their offset."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"{path}:{line}:{column}: invalid UTF-8 at byte offset {exc.start} "
                         f"(byte 0x{data[exc.start]:02x}); alc reads scripts as UTF-8") from None


def read(path: str, stdin_name: str = STDIN) -> Input:
    """Read one input: a file, or standard input for ``-``."""
    if path == STDIN:
        data = sys.stdin.buffer.read()
        return Input(stdin_name, decode(data, stdin_name))
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(_os_error(path, exc)) from None
    return Input(path, decode(data, path))
