"""TOML specs: ``tomllib`` reads the values; a small scanner finds where each key was written.

tomllib keeps no positions, so after it has accepted the file, :class:`_Scanner` walks the
same text once more and records the span of every key and value under its key path:
table headers (``[nodes.tcp]``), arrays of tables (``[[nodes]]``, counted), dotted keys,
inline tables and arrays.  It only has to understand valid TOML, which tomllib has just
vouched for; should it ever lose its way, positions fall back to the nearest enclosing key
instead of failing (a position is a courtesy, the values come from tomllib).
"""

from __future__ import annotations

import datetime
import re
import tomllib
from typing import Any

from compiler.diagnostics import Diagnostic
from compiler.source import SourceText
from compiler.spec import codes
from compiler.spec.document import MAX_DEPTH, Document, KeyPath, Mark, too_deep

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)$|\s*\(at end of document\)$")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SCALAR_END = re.compile(r"[,\]}\r\n#]")


def read(text: str, path: str) -> tuple[Document | None, list[Diagnostic]]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [_syntax_error(str(exc), text, path)]
    except ValueError:  # a whole number past Python's 4,300 digits
        return None, [_huge_number(text, path)]
    except RecursionError:
        data = None
    if data is None or too_deep(data):
        return None, [codes.SYNTAX.at(path, Mark(1, 1, 1, 1),
                                      f"TOML: nested more than {MAX_DEPTH} levels deep; a spec needs a few")]
    doc = Document(path, text, "toml", _plain(data))
    scanner = _Scanner(text, doc)
    try:
        scanner.run()
    except (IndexError, ValueError):  # see the module docstring: positions degrade, values do not
        pass
    return doc, []


_LONG_NUMBER = re.compile(r"[0-9_]{4000,}")


def _huge_number(text: str, path: str) -> Diagnostic:
    found = _LONG_NUMBER.search(text)
    source = SourceText(text)
    line, column = source.position(found.start() if found else 0)
    end_line, end_column = source.position(found.end() if found else 0)
    digits = sum(c.isdigit() for c in found.group()) if found else 0
    return codes.SCHEMA.at(path, Mark(line, column, end_line, end_column),
                           f"a whole number of {digits:,} digits: a spec takes numbers of at most 19 digits")


def _syntax_error(message: str, text: str, path: str) -> Diagnostic:
    m = _AT.search(message)
    if m and m.group(1):
        line, column = int(m.group(1)), int(m.group(2))
    else:  # at the end of the document
        source = SourceText(text)
        line, column = source.position(len(text))
    problem = message[:m.start()] if m else message
    help = next((text for start, text in _HELP.items() if problem.startswith(start)), None)
    return codes.SYNTAX.at(path, Mark(line, column, line, column + 1), f"TOML: {problem}", help)


# Advice for tomllib's commonest complaints.
_HELP = {
    "Invalid value": 'text needs quotes in TOML: name = "my-operator1"',
    "Cannot overwrite a value": "this key is already set above: keep one of the two",
    "Cannot declare": "this table is already declared above: merge the two",
    "Expected '=' after a key": 'write key = value; a key with spaces needs quotes: "my key" = 1',
}


def _plain(value: Any) -> Any:
    """TOML dates and times become the text they stand for: specs hold them as strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    return value


class _Scanner:
    def __init__(self, text: str, doc: Document) -> None:
        self.text = text
        self.i = 0
        self.source = SourceText(text)
        self.doc = doc
        self.table: KeyPath = ()
        self.arrays: dict[KeyPath, int] = {}  # an array of tables -> the index of its last table
        doc.keys[()] = doc.values[()] = self._mark(0, len(text))

    def _mark(self, start: int, end: int) -> Mark:
        span = self.source.span(start, end)
        return Mark(span.line, span.column, span.end_line, span.end_column)

    def _record(self, path: KeyPath, key: Mark, value: Mark | None = None) -> None:
        self.doc.keys.setdefault(path, key)
        self.doc.values.setdefault(path, value or key)

    def run(self) -> None:
        while self._skip(newlines=True) < len(self.text):
            if self.text.startswith("[[", self.i):
                self._header(array=True)
            elif self.text[self.i] == "[":
                self._header(array=False)
            else:
                self._key_value(self.table)

    # -- layout

    def _skip(self, newlines: bool) -> int:
        """Skip spaces and comments (and line breaks when ``newlines``); return the new offset."""
        text = self.text
        while self.i < len(text):
            c = text[self.i]
            if c in " \t" or (newlines and c in "\r\n"):
                self.i += 1
            elif c == "#":
                while self.i < len(text) and text[self.i] not in "\r\n":
                    self.i += 1
            else:
                break
        return self.i

    # -- keys and tables

    def _keys(self) -> list[tuple[str, int, int]]:
        """A dotted key: its parts with their offsets."""
        parts = []
        while True:
            self._skip(newlines=False)
            start = self.i
            c = self.text[self.i]
            if c in "\"'":
                name = self._string_value(self._string())
            else:
                m = _BARE_KEY.match(self.text, self.i)
                if not m:
                    raise ValueError("no key")
                self.i = m.end()
                name = m.group()
            parts.append((name, start, self.i))
            self._skip(newlines=False)
            if self.text[self.i] != ".":
                return parts
            self.i += 1

    def _resolve(self, names: list[str]) -> KeyPath:
        """A table path with the current index of every array of tables on it."""
        path: KeyPath = ()
        for name in names:
            path += (name,)
            if path in self.arrays:
                path += (self.arrays[path],)
        return path

    def _header(self, array: bool) -> None:
        start = self.i
        self.i += 2 if array else 1
        parts = self._keys()
        self.i += 2 if array else 1
        mark = self._mark(start, self.i)
        names = [name for name, _, _ in parts]
        for count, (_, part_start, part_end) in enumerate(parts[:-1], 1):  # [a.b.c] also writes a and a.b
            self._record(self._resolve(names[:count]), self._mark(part_start, part_end))
        if array:
            base = self._resolve(names[:-1]) + (names[-1],)
            index = self.arrays.get(base, -1) + 1
            self.arrays[base] = index
            self._record(base, mark)
            path = base + (index,)
        else:
            path = self._resolve(names)
        self._record(path, mark)
        self.table = path

    def _key_value(self, base: KeyPath) -> None:
        parts = self._keys()
        path = base
        for name, start, end in parts:
            path += (name,)
            self._record(path, self._mark(start, end))
        self.i += 1  # '='
        self._skip(newlines=False)
        self._value(path)

    # -- values

    def _value(self, path: KeyPath) -> None:
        start = self.i
        c = self.text[self.i]
        if c in "\"'":
            self._string()
        elif c == "{":
            self._inline_table(path)
        elif c == "[":
            self._array(path)
        else:
            m = _SCALAR_END.search(self.text, self.i)
            end = m.start() if m else len(self.text)
            self.i = start + len(self.text[start:end].rstrip())
        self.doc.values[path] = self._mark(start, self.i)

    def _inline_table(self, path: KeyPath) -> None:
        self.i += 1
        while self._skip(newlines=True) < len(self.text) and self.text[self.i] != "}":
            if self.text[self.i] == ",":
                self.i += 1
                continue
            self._key_value(path)
        self.i += 1

    def _array(self, path: KeyPath) -> None:
        self.i += 1
        index = 0
        while self._skip(newlines=True) < len(self.text) and self.text[self.i] != "]":
            if self.text[self.i] == ",":
                self.i += 1
                continue
            start = self.i
            self._value(path + (index,))
            self.doc.keys[path + (index,)] = self._mark(start, self.i)
            index += 1
        self.i += 1

    def _string(self) -> tuple[int, int]:
        """Skip a string of any of TOML's four kinds; return its span."""
        start, text = self.i, self.text
        quote = text[start]
        if text.startswith(quote * 3, start):
            end = text.index(quote * 3, start + 3)
            while quote == '"' and _escaped(text, end):
                end = text.index(quote * 3, end + 1)
            end += 3
            for _ in range(2):  # up to two quotes may close the content: """a"""" is a"
                if end < len(text) and text[end] == quote:
                    end += 1
        else:
            end = start + 1
            while text[end] != quote or (quote == '"' and _escaped(text, end)):
                end += 1
            end += 1
        self.i = end
        return start, end

    def _string_value(self, span: tuple[int, int]) -> str:
        """The key a quoted key names (keys are simple names in specs: escapes are rare)."""
        return tomllib.loads(f"k = {self.text[span[0]:span[1]]}")["k"]


def _escaped(text: str, index: int) -> bool:
    """Is the character at ``index`` escaped by an odd run of backslashes?"""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1
