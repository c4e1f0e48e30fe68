"""Split a script into logical statements, line by line, as the node's ``exec_script`` does.

The node (EdgeLake ``member_cmd.exec_script``) reads a file with ``readlines()`` and then:

* registers every raw line that starts with ``:`` and has a second ``:`` later as a label;
* strips each line and skips empty lines, ``#`` lines and lines that start with ``:``;
* joins a ``<`` line with the following lines (single spaces) until one ends with ``>``;
  the first line is never checked for its own ``>``;
* splits the line into words; while ``{``/``[`` are unbalanced it appends the next lines
  with no separator (JSON continued over lines).

This module does exactly that and keeps, for every statement, the physical lines it came
from and a map from its logical text back to the file, so that every word has an exact
position.  It also notes the places where the node misreads what a person most likely
meant (a ``#`` inside a block, a block closed early ...); the parser turns those into
diagnostics.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from compiler.record import field, record
from compiler.source import SourceText
from compiler.syntax import words as W

# Kinds of lines that are not statements.
BLANK = "blank"
COMMENT = "comment"
LABEL = "label"  # ":name:" at column 0: a jump target
INDENTED_LABEL = "indented-label"  # "  :name:": skipped, but not a jump target
MALFORMED_LABEL = "malformed-label"  # ":name" or ":name;": skipped, not a jump target


@record(slots=True)
class Problem:
    """Something the node rejects or misreads, in file offsets."""

    start: int
    end: int
    kind: str
    message: str
    help: str | None = None


@record(slots=True)
class LineItem:
    """A line that is not (part of) a statement."""

    kind: str
    line: int  # 0-based index
    label: str | None = None  # the label name for the label kinds


@record(slots=True)
class Segment:
    logical_start: int
    source_start: int
    length: int


@record(slots=True)
class RawStatement:
    """One logical statement: the lines it spans and its text as the node assembles it."""

    first_line: int
    last_line: int
    text: str = ""
    segments: list[Segment] = field(default_factory=list)
    block: bool = False  # written as a < ... > block
    json_lines: bool = False  # continued over lines by bracket balance
    # comment/blank/label lines inside (a one-line statement shares an empty tuple)
    skipped_lines: list[int] | tuple[int, ...] = field(default_factory=list)
    problems: list[Problem] | tuple[Problem, ...] = field(default_factory=list)
    rejected: bool = False  # the node refuses to split it (the script stops there)
    _starts: list[int] | None = None
    split: W.Split | None = None  # the words of ``text`` when the scanner already split it whole

    def append(self, source_start: int, piece: str) -> None:
        self.segments.append(Segment(len(self.text), source_start, len(piece)))
        self.text += piece
        self._starts = None

    def to_source(self, offset: int) -> int:
        """Map an offset of the logical text to an offset in the file."""
        if self._starts is None:
            self._starts = [s.logical_start for s in self.segments]
        if not self.segments:
            return 0
        index = max(bisect_right(self._starts, offset) - 1, 0)
        seg = self.segments[index]
        if offset - seg.logical_start >= seg.length and seg.length:
            # Past this segment (a join space): the end of its text.
            return seg.source_start + seg.length
        return seg.source_start + (offset - seg.logical_start)

    def source_range(self, start: int, end: int) -> tuple[int, int]:
        """File offsets of the logical range [start, end)."""
        if end <= start:
            at = self.to_source(start)
            return at, at
        return self.to_source(start), self.to_source(end - 1) + 1


def label_name(raw: str) -> str | None:
    """The label a raw line defines, by the node's rule: ':' first, a second ':' later."""
    if raw[:1] != ":":
        return None
    index = raw.find(":", 1)
    return raw[1:index] if index > 1 else None


def strip_bounds(src: SourceText, index: int) -> tuple[int, int]:
    """File offsets of a line's text without its surrounding whitespace (``line.strip()``)."""
    return src.strip_starts[index], src.strip_ends[index]


# The first characters of the lines skip_kind must look at: blank, '#' and ':' lines.
_SKIP_FIRST = frozenset(("", "#", ":"))

# A ':' that starts a line: the candidates for labels (found in the whole text at once).
_LINE_COLON = re.compile(r"[\r\n]:")


class Scanner:
    """Walks the physical lines once and produces line items and raw statements in order."""

    def __init__(self, src: SourceText) -> None:
        self.src = src
        self.items: list[LineItem | RawStatement] = []
        self.labels: dict[int, str] = {}
        text = src.text
        starts = src.starts
        colons = [m.end() - 1 for m in _LINE_COLON.finditer(text)]
        if text[:1] == ":":
            colons.insert(0, 0)
        for offset in colons:
            index = bisect_right(starts, offset) - 1
            name = label_name(text[offset:src.content_ends[index]])
            if name is not None:
                self.labels[index] = name

    def skip_kind(self, index: int) -> str | None:
        """The kind of a line the node skips, or None for a line that holds a command."""
        if index in self.labels:
            return LABEL
        src = self.src
        start = src.strip_starts[index]
        end = src.strip_ends[index]
        if start == end:
            return BLANK
        first = src.text[start]
        if first == "#":
            return COMMENT
        if first == ":":
            if start == src.starts[index]:  # the raw line starts with ':' (no label: malformed)
                return MALFORMED_LABEL
            stripped = src.text[start:end]
            return INDENTED_LABEL if label_name(stripped) is not None else MALFORMED_LABEL
        return None

    def scan(self) -> list[LineItem | RawStatement]:
        src = self.src
        text = src.text
        strip_starts = src.strip_starts
        strip_ends = src.strip_ends
        items = self.items
        split = W.split
        cur: RawStatement | None = None
        in_block = False
        block_open = 0  # offset of the '<' of the open block
        block_pieces: list[tuple[int, int]] = []  # (start, end) of each piece of the open block
        left = right = 0
        json_open = 0  # file offset where an unbalanced JSON value began

        for index in range(len(strip_starts)):
            start = strip_starts[index]
            end = strip_ends[index]
            # skip_kind, inlined for the lines that hold a command (most of them).
            first = text[start] if start != end else ""
            kind = self.skip_kind(index) if first in _SKIP_FIRST else None
            if kind is not None:
                if cur is not None:
                    cur.skipped_lines.append(index)
                else:
                    label = self.labels.get(index)
                    if label is None and kind in (INDENTED_LABEL, MALFORMED_LABEL):
                        label = _loose_label_name(text[start:end])
                    items.append(LineItem(kind, index, label))
                continue

            if in_block:
                cur.last_line = index
                block_pieces.append((start, end))
                if text[end - 1] != ">":
                    continue
                in_block = False
                unit_start = len(cur.text)
                self._add_block_text(cur, block_pieces, closed=True)
                unit = cur.text[unit_start:]
                result = split(unit, left, right)
                self._check_block(cur, block_open, block_pieces, result, unit_start)
            elif first == "<":
                if cur is None:
                    cur = RawStatement(index, index)
                cur.last_line = index
                in_block = True
                cur.block = True
                block_open = start
                block_pieces = [(start + 1, end)]
                if end - start > 1 and text[end - 1] == ">":
                    closing = self._next_line_ending_in_gt(index + 1)
                    where = f" up to line {closing + 1}" if closing is not None else " to the end of the file"
                    cur.problems.append(Problem(
                        start, end, "one-line-block",
                        "a `<...>` block is never closed on its own first line: the node joins the "
                        f"following lines{where} into this command",
                        "write the command without `<` and `>` on one line, or put the closing `>` "
                        "at the end of a later line"))
                continue
            else:
                piece = text[start:end]
                if cur is None:
                    result = split(piece)
                    if result.error is None and result.words and result.left == result.right:
                        # The common case, a whole statement on one line, built at once: all
                        # fields given in order (no default factories), and nothing is ever
                        # added to its skipped lines or problems (shared empty tuples).
                        items.append(RawStatement(index, index, piece, [Segment(0, start, end - start)],
                                                  False, False, (), (), False, None, result))
                        continue
                    cur = RawStatement(index, index)
                    cur.append(start, piece)
                    unit_start = 0
                else:
                    cur.last_line = index
                    unit_start = len(cur.text)
                    cur.append(start, piece)
                    result = split(piece, left, right)

            # A line (or a closed block) is complete: split as the node does (``result``).
            was_open = left != right
            if not was_open and result.continues:
                open_word = result.words[-1] if result.words else None
                json_open = cur.to_source(unit_start + (open_word.start if open_word else 0))
            if result.error is not None:
                at = cur.to_source(unit_start + result.error_at)
                cur.problems.append(_split_problem(result.error, at, text))
                cur.rejected = True
            elif not result.words and not was_open and not cur.problems:
                at = cur.to_source(unit_start + max(result.ampersand_at, result.comment_at, 0))
                cur.problems.append(Problem(
                    at, at + 1, "empty-command",
                    "this line holds no command word before its `&` or `#`: the node rejects it "
                    "and stops the script"))
                cur.rejected = True
            elif result.continues:
                left, right = result.left, result.right
                cur.json_lines = True
                continue
            if unit_start == 0 and not was_open:
                cur.split = result  # the split of the whole statement: the parser reuses it
            left = right = 0
            self.items.append(cur)
            cur = None

        if cur is not None:
            if in_block:
                self._add_block_text(cur, block_pieces, closed=False)
                # A one-line block already says where it runs to.
                if not any(p.kind == "one-line-block" for p in cur.problems):
                    cur.problems.append(Problem(
                        block_open, block_open + 1, "unclosed-block",
                        "this `<` block is never closed: no later line ends with `>`, so the node "
                        "never runs it", self._unclosed_help(block_pieces)))
            else:
                cur.problems.append(Problem(
                    json_open, json_open + 1, "unclosed-json",
                    "this bracket is never balanced: the node reads every following line as part "
                    "of this value and never runs the command",
                    "close the `{` or `[` (brackets inside quoted JSON strings count too)"))
            cur.rejected = True
            self.items.append(cur)
        return self.items

    def _add_block_text(self, cur: RawStatement, pieces: list[tuple[int, int]], closed: bool) -> None:
        """Join a block's pieces with single spaces; a closed block loses its final '>'."""
        text = self.src.text
        for number, (start, end) in enumerate(pieces):
            last = number == len(pieces) - 1
            if last and closed:
                end -= 1
            cur.append(start, text[start:end])
            if not last or not closed:
                cur.append(end, " ")  # the line break becomes one space

    def _unclosed_help(self, pieces: list[tuple[int, int]]) -> str:
        text = self.src.text
        for start, end in pieces:
            line = text[start:end]
            gt = line.rfind(">")
            if gt >= 0 and line[gt + 1:].lstrip().startswith("#"):
                number = self.src.position(start)[0]
                return (f"line {number} has a comment after its `>`: the `>` closes a block only "
                        "as the last character of the line, so move the comment to its own line")
        return "end the last line of the command with `>`"

    def _next_line_ending_in_gt(self, index: int) -> int | None:
        for j in range(index, len(self.src.starts)):
            if self.skip_kind(j) is not None:
                continue
            start, end = strip_bounds(self.src, j)
            if self.src.text[end - 1] == ">":
                return j
        return None

    def _check_block(self, cur: RawStatement, block_open: int, pieces: list[tuple[int, int]],
                     result: W.Split, unit_start: int) -> None:
        """Spot the two ways a block silently loses text: a '#' comment, an early '>'."""
        text = self.src.text
        if result.comment_at >= 0:
            at = cur.to_source(unit_start + result.comment_at)
            closing = pieces[-1]
            # Later lines of the block that hold more than the closing '>'.
            later = [(s, e) for s, e in pieces if s > at and e - s > (1 if (s, e) == closing else 0)]
            if later:
                first = self.src.position(later[0][0])[0]
                last = self.src.position(later[-1][0])[0]
                lines = f"line {first}" if first == last else f"lines {first}-{last}"
                cur.problems.append(Problem(
                    at, at + 1, "comment-in-block",
                    "this `#` comment swallows the rest of the `<...>` block: the node joins the "
                    f"block's lines before it reads comments, so {lines} never run",
                    "move the comment to its own line (lines that start with `#` are skipped "
                    "inside a block)"))
        if len(pieces) > 1 and looks_inner(text[pieces[-1][0]:pieces[-1][1]]):
            # An inner line that ends in '>' closes the block.  When a later line, before the
            # next blank line or block, also ends in '>', that later line was the intended close.
            close_end = pieces[-1][1]
            j = self.src.position(close_end)[0]  # 1-based line of the close = next index
            count = len(self.src.starts)
            while j < count:
                start, end = strip_bounds(self.src, j)
                if start == end or text[start] == "<" or j in self.labels:
                    break
                if " <" in text[start:end] or text[start:end].startswith("<"):
                    break  # a misplaced opener of its own: that '>' is not ours
                if text[start] not in "#:" and text[end - 1] == ">":
                    cur.problems.append(Problem(
                        close_end - 1, close_end, "early-block-close",
                        "this line ends with `>`, which closes the `<` block opened on line "
                        f"{self.src.position(block_open)[0]}; line {j + 1}, which also ends with `>`, "
                        "was probably meant to close it",
                        "rewrite the value so that the inner line does not end with `>` "
                        "(move the `>` or quote the text)"))
                    break
                j += 1


def looks_inner(line: str) -> bool:
    """A block's closing line whose '>' reads as text (`-->`, `a > `) rather than as a close."""
    body = line[:-1]
    return bool(body) and body[-1] in " \t-=<>"


def _loose_label_name(stripped: str) -> str:
    """The name a person meant in an indented or malformed label line (':x;', ':x', '  :x:')."""
    body = stripped[1:]
    end = body.find(":")
    name = body if end < 0 else body[:end]
    return name.rstrip(";").strip()


def _split_problem(kind: str, at: int, text: str) -> Problem:
    if kind == W.ERR_PAREN:
        return Problem(at, at + 1, kind,
                       "unbalanced parenthesis: this `(` is never closed on its line, and the node "
                       "rejects the line and stops the script",
                       "close the group with `)`, or quote the text if the `(` is literal")
    name, width = {W.ERR_DQ: ("double quote", 1), W.ERR_SQ: ("single quote", 1),
                   W.ERR_BQ: ("backquote", 1), W.ERR_ESCQ: ("escaped quote (\\\")", 2)}[kind]
    return Problem(at, at + width, kind,
                   f"unclosed quote: this {name} has no closing {name.split(' (')[0]} on its line, "
                   "and the node rejects the line and stops the script",
                   "add the closing quote; a quote starts a string only at the start of a word")


def scan(src: SourceText) -> list[LineItem | RawStatement]:
    return Scanner(src).scan()
