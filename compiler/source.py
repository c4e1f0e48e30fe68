"""Source text and positions: character offsets to 1-based lines and columns."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add, sub
from typing import NamedTuple

# The node reads scripts in Python text mode, where \r\n, \r and \n all end a line.
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


# ``_new(Span, values)`` makes a span without the named tuple's Python-level constructor
# (twice as fast); the parser's hot loops do the same.
_new = tuple.__new__


class SourceText:
    """The text of one file with its physical lines and an offset -> line/column index.

    Per line, parallel lists of offsets: ``starts``, ``content_ends`` (before the break),
    ``ends`` (after it), and the bounds of the text without surrounding whitespace
    (``strip_starts``, ``strip_ends``).  They are built with C-level passes (``str.split``,
    ``map``, ``accumulate``): a Python loop over the lines cost ten times as much.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        if "\r" in text:
            pieces = _BREAK.split(text)
            breaks = list(map(len, _BREAK.findall(text)))
        else:
            pieces = text.split("\n")
            breaks = [1] * (len(pieces) - 1)
        # The text after the last break is a line only when it is not empty.
        if pieces[-1]:
            breaks.append(0)
        else:
            pieces.pop()
        lengths = list(map(len, pieces))
        ends = list(accumulate(map(add, lengths, breaks)))
        starts = [0, *ends[:-1]] if ends else []
        content_ends = list(map(add, starts, lengths))
        self.starts = starts
        self.content_ends = content_ends
        self.ends = ends
        # str.strip's notion of whitespace, exactly as ``line.strip()`` on each line: the text
        # starts where the lstripped line starts and ends where the rstripped one ends (a blank
        # line: both at its content end).
        strip_starts = list(map(sub, content_ends, map(len, map(str.lstrip, pieces))))
        self.strip_starts = strip_starts
        self.strip_ends = list(map(max, map(add, starts, map(len, map(str.rstrip, pieces))),
                                   strip_starts))
        self._lines: list[Line] | None = None

    @property
    def lines(self) -> list[Line]:
        """The lines as ``Line`` tuples, made on first use (tuple.__new__ skips the named
        tuple's Python-level constructor)."""
        if self._lines is None:
            self._lines = list(map(tuple.__new__, repeat(Line), zip(
                range(len(self.starts)), self.starts, self.content_ends, self.ends)))
        return self._lines

    def line_text(self, index: int) -> str:
        return self.text[self.starts[index]:self.content_ends[index]]

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; the end of the text is allowed."""
        starts = self.starts
        if not starts:
            return 1, 1
        index = max(bisect_right(starts, offset) - 1, 0)
        content_end = self.content_ends[index]
        if offset > content_end and index + 1 < len(starts):
            # Inside the line break: report the end of the line's text.
            offset = content_end
        return index + 1, offset - starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(end)
        return _new(Span, (start, end, line, column, end_line, end_column))

    def line_span(self, start: int, end: int, line: int, end_line: int) -> Span:
        """``span(start, end)`` when the 0-based lines that hold both ends (within their
        text, not in a break) are known: no search."""
        starts = self.starts
        return _new(Span, (start, end, line + 1, start - starts[line] + 1,
                           end_line + 1, end - starts[end_line] + 1))


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
