"""The documents the editor has open: their text as the editor has it, kept in step with its
changes, and what alc makes of them (parsed on demand, once per version).

pygls keeps a copy too, but applies a change by ``str.splitlines``, which also ends a line
at a form feed or a Unicode line separator: a document holding one would drift from the
editor's.  Here a change is applied where alc and LSP both end lines (``\\r\\n``, ``\\r``,
``\\n``), by ``positions``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as L

from compiler import files as F
from compiler.server.positions import UTF16, Positions

SCRIPT = "script"
SPEC = "spec"
OTHER = "other"
LANGUAGE_ID = "anylog"


def uri_to_path(uri: str) -> str | None:
    """The file system path of a ``file:`` URI (None for ``untitled:`` and other schemes)."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        return None
    path = unquote(parsed.path)
    if os.name == "nt" and path.startswith("/") and len(path) > 2 and path[2] == ":":
        path = path[1:]  # /c:/x -> c:/x
    return path


def path_to_uri(path: str) -> str:
    from pathlib import Path

    return Path(path).absolute().as_uri()


@dataclass
class Document:
    uri: str
    text: str
    version: int | None = None
    language_id: str = ""
    encoding: str = UTF16
    # What the last lint found: (version, the alc diagnostics), and what waits for the
    # project's facts (``lint.Pending``) with the summary of the script.
    findings: tuple[int | None, list] = (None, [])
    pending: Any = None
    summary: Any = None
    _positions: Positions | None = field(default=None, repr=False)
    _parsed: tuple | None = field(default=None, repr=False)
    memo: dict = field(default_factory=dict, repr=False)  # what is worked out once per version

    @property
    def path(self) -> str | None:
        return uri_to_path(self.uri)

    @property
    def name(self) -> str:
        """The name alc reports the document by: its path, else its URI."""
        return self.path or self.uri

    @property
    def kind(self) -> str:
        """A script, a spec (a YAML/TOML file that is an alc spec) or anything else."""
        name = self.path or self.uri
        if self.language_id == LANGUAGE_ID or name.endswith(F.SCRIPT_SUFFIXES):
            return SCRIPT
        if F.is_spec(name) and F.text_looks_like_spec(self.text):
            return SPEC
        return OTHER

    @property
    def positions(self) -> Positions:
        if self._positions is None or self._positions.encoding != self.encoding:
            self._positions = Positions(self.text, self.encoding)
        return self._positions

    def update(self, changes: list, version: int | None) -> None:
        """Apply the editor's changes, in order (a change without a range replaces the text)."""
        for change in changes:
            if isinstance(change, L.TextDocumentContentChangePartial):
                positions = self.positions
                start = positions.offset(change.range.start)
                end = positions.offset(change.range.end)
                self.set_text(self.text[:start] + change.text + self.text[max(end, start):])
            else:
                self.set_text(change.text)
        self.version = version

    def set_text(self, text: str) -> None:
        self.text = text
        self._positions = None
        self._parsed = None
        self.memo = {}

    def parsed(self):
        """(tree, model) of the current text, parsed once per version."""
        if self._parsed is None:
            from compiler.model import script as M
            from compiler.source import no_gc
            from compiler.syntax.parser import parse

            with no_gc():
                tree = parse(self.text, self.name)
                self._parsed = (tree, M.build(tree))
        return self._parsed
