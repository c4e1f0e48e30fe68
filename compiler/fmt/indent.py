"""Indentation of the continuation lines of a statement written over several lines.

The node strips every line before it joins a ``<...>`` block or a JSON value, so indentation
never changes what runs; it only has to show the structure.  A continuation line is indented
one level for every earlier line that left a bracket open (several brackets opened on one
line count once, as in ``{"cluster": {``), and at least one level.  A line that starts by
closing brackets goes back to the level of the line that opened them, and the ``>`` that
closes a block, alone or after closing brackets, goes back to column 0.
"""

from __future__ import annotations

INDENT = "    "
# Indentation stops growing here, so that deeply nested input cannot blow up the output.
MAX_LEVEL = 8

OPENERS = "([{"
CLOSERS = ")]}"


class Levels:
    """The lines that hold open brackets: a stack of [line number, open brackets on it]."""

    def __init__(self) -> None:
        self.stack: list[list[int]] = []

    def open(self, line: int) -> None:
        if self.stack and self.stack[-1][0] == line:
            self.stack[-1][1] += 1
        else:
            self.stack.append([line, 1])

    def close(self) -> None:
        if not self.stack:
            return
        self.stack[-1][1] -= 1
        if not self.stack[-1][1]:
            self.stack.pop()

    @property
    def depth(self) -> int:
        return len(self.stack)

    def scan(self, text: str, line: int) -> None:
        """Count the brackets of ``text``; those inside a "string" (with \\" escapes) are text."""
        quoted = escaped = False
        for ch in text:
            if escaped:
                escaped = False
            elif ch == '"':
                quoted = not quoted
            elif quoted:
                escaped = ch == "\\"
            elif ch in OPENERS:
                self.open(line)
            elif ch in CLOSERS:
                self.close()


def _pad(level: int) -> str:
    return INDENT * min(level, MAX_LEVEL)


def indent(lines: list[tuple[str, str]], block: bool) -> list[str]:
    """Indent a statement's lines, given as (kind, stripped text) with kind content/comment/label.

    The first line is a content line at column 0; label lines come back unchanged (moving
    a line that starts with ``:`` would make or unmake a jump target).
    """
    levels = Levels()
    last = max(i for i, (kind, _) in enumerate(lines) if kind == "content")
    out: list[str] = []
    for number, (kind, text) in enumerate(lines):
        if number == 0:
            if block:
                levels.open(0)  # the block itself is a level, merged with brackets on line 0
                levels.scan(text[1:], 0)
            else:
                levels.scan(text, 0)
            out.append(text)
            continue
        if kind == "label":
            out.append(text)
            continue
        if kind == "comment":
            out.append(_pad(max(levels.depth, 1)) + text)
            continue
        closers = len(text) - len(text.lstrip(CLOSERS))
        for _ in range(closers):
            levels.close()
        rest = text[closers:]
        closes_block = block and number == last and rest == ">"
        if closes_block:
            levels.close()
        level = levels.depth if closers or closes_block else max(levels.depth, 1)
        out.append(_pad(level) + text)
        levels.scan(rest, number)
    return out
