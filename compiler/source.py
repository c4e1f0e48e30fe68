"""Source text and positions: character offsets to 1-based lines and columns."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

# The node reads scripts in Python text mode, where \r\n, \r and \n all end a line.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_BREAK = re.compile(r"\r\n|\r|\n")


class Line(NamedTuple):
    """One physical line: ``start``..``content_end`` is its text, ``end`` includes the break."""

    index: int  # 0-based
    start: int
    content_end: int
    end: int


class Span(NamedTuple):
    """A range of the source: offsets, and 1-based line/column of both ends (end exclusive).

    A named tuple rather than a frozen dataclass: a parse makes several per word, and a
    frozen dataclass costs ten times as much to create.
    """

    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int


class SourceText:
    """The text of one file with its physical lines and an offset -> line/column index."""

    def __init__(self, text: str) -> None:
        self.text = text
        # The lines _LINE matches: each up to and including its break, and a last line
        # without a break when it is not empty.
        lines: list[Line] = []
        starts: list[int] = []
        start = 0
        number = 0
        for m in _BREAK.finditer(text):
            content_end, end = m.span()
            lines.append(Line(number, start, content_end, end))
            starts.append(start)
            start = end
            number += 1
        if start < len(text):
            lines.append(Line(number, start, len(text), len(text)))
            starts.append(start)
        self.lines = lines
        self._starts = starts

    def line_text(self, index: int) -> str:
        line = self.lines[index]
        return self.text[line.start:line.content_end]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; the end of the text is allowed."""
        if not self.lines:
            return 1, 1
        index = max(bisect_right(self._starts, offset) - 1, 0)
        line = self.lines[index]
        if offset > line.content_end and index + 1 < len(self.lines):
            # Inside the line break: report the end of the line's text.
            offset = line.content_end
        return index + 1, offset - line.start + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return Span(start, end, line, column, end_line, end_column)


class no_gc:
    """Pause the cyclic garbage collector while a tree is built (a context manager).

    Parsing allocates millions of small objects and no cycles worth collecting; the
    collector's passes over the growing heap made parse time grow faster than the input
    (x7.4 for x5 lines).  The previous state is restored on exit.
    """

    __slots__ = ("enabled",)

    def __enter__(self) -> None:
        import gc

        self.enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.enabled:
            import gc

            gc.enable()
