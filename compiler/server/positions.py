"""Positions: alc's 1-based line and column (in characters) to LSP's, and back.

alc counts columns in characters (code points) and ends lines at ``\\r\\n``, ``\\r`` or
``\\n``, as the node does (``compiler.source``).  LSP counts lines from 0 and columns in
the units of the position encoding agreed at ``initialize``: UTF-16 code units unless the
client offers UTF-32 (characters) or UTF-8 (bytes).  A character outside the Basic
Multilingual Plane is one column for alc and two UTF-16 units, so every position that
crosses the protocol goes through here.
"""

from __future__ import annotations

from lsprotocol import types as L

from compiler.source import SourceText

UTF8 = L.PositionEncodingKind.Utf8
UTF16 = L.PositionEncodingKind.Utf16
UTF32 = L.PositionEncodingKind.Utf32


def units(text: str, encoding: str) -> int:
    """The length of ``text`` in the units of ``encoding``."""
    if encoding == UTF32 or text.isascii():
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def characters(text: str, count: int, encoding: str) -> int:
    """How many characters of ``text`` make ``count`` units of ``encoding`` (a position
    inside a character, or past the end, is moved to the character's end / the text's end)."""
    if encoding == UTF32 or text.isascii():
        return min(count, len(text))
    used = 0
    for index, ch in enumerate(text):
        if used >= count:
            return index
        used += units(ch, encoding)
    return len(text)


class Positions:
    """Conversions for one text (its lines found once, as alc finds them)."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.src = SourceText(text)
        self.encoding = encoding

    def line_text(self, index: int) -> str:
        """The text of 0-based line ``index`` without its break ('' past the last line)."""
        return self.src.line_text(index) if 0 <= index < len(self.src.starts) else ""

    def to_lsp(self, line: int, column: int) -> L.Position:
        """alc's 1-based (line, column) to an LSP position (a column past the line's text, as
        a span that ends after its last character has, is clamped to the line's end)."""
        index = max(line - 1, 0)
        if index >= len(self.src.starts):
            # Past the last line: the end of the text.
            last = len(self.src.starts) - 1
            if last < 0:
                return L.Position(0, 0)
            if self.src.ends[last] > self.src.content_ends[last]:  # the text ends with a break
                return L.Position(last + 1, 0)
            return L.Position(last, units(self.line_text(last), self.encoding))
        text = self.line_text(index)
        return L.Position(index, units(text[:max(column - 1, 0)], self.encoding))

    def range(self, line: int, column: int, end_line: int, end_column: int) -> L.Range:
        start = self.to_lsp(line, column)
        end = self.to_lsp(end_line, end_column)
        if (end.line, end.character) < (start.line, start.character):
            end = start
        return L.Range(start, end)

    def to_alc(self, position: L.Position) -> tuple[int, int]:
        """An LSP position to alc's 1-based (line, column)."""
        text = self.line_text(position.line)
        return position.line + 1, characters(text, position.character, self.encoding) + 1

    def offset(self, position: L.Position) -> int:
        """The character offset in the text of an LSP position (past the end: the end)."""
        starts = self.src.starts
        if position.line >= len(starts):
            return len(self.src.text)
        if position.line < 0:
            return 0
        text = self.line_text(position.line)
        return starts[position.line] + characters(text, position.character, self.encoding)

    def position_of(self, offset: int) -> L.Position:
        """The LSP position of a character offset."""
        line, column = self.src.position(min(max(offset, 0), len(self.src.text)))
        if offset >= len(self.src.text):
            return self.end()
        return self.to_lsp(line, column)

    def end(self) -> L.Position:
        """The position after the last character of the text."""
        return self.to_lsp(len(self.src.starts) + 1, 1)
