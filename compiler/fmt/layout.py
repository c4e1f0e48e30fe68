"""How one statement is written: on one line, wrapped as a ``<...>`` block, or line by line.

Every layout keeps the statement's words exactly (the node sees the same word list) and only
changes the whitespace between them and where the lines break:

* FLAT: the words on one line, one space apart (a trailing ``# comment`` two spaces after).
* WRAP: a where-command too long for one line, as a block with one ``key = value`` per line
  and ``and`` at the line ends.  The node joins a block's lines with single spaces, so the
  joined text is exactly the FLAT line.
* LINES: a statement written over several lines that has to keep its line breaks (comments
  inside, JSON over lines, a word that spans lines ...): each line keeps its text, with the
  spaces between words normalised, and is re-indented.
* KEEP: a statement with a syntax error, written exactly as it was.  Also kept: a block whose
  closing `>` may be text (`a = b >`, `-->`), since whether the node closed it where the
  author meant depends on the lines after it, which formatting may change; and a statement
  holding the word `variables`, since the node looks for a `variables (a, b)` argument list
  in the raw line, where a space before `variables` matters.
"""

from __future__ import annotations

import re

from compiler.fmt.indent import INDENT, indent
from compiler.source import SourceText
from compiler.syntax import scanner as S
from compiler.syntax import tree as T
from compiler.syntax import words as W

WIDTH = 100

LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BLANKS = " \t"  # the only whitespace the node's splitter puts between words


def split_lines(text: str) -> list[str]:
    """The physical lines of ``text`` as the node reads them (``\\r\\n``, ``\\r`` or ``\\n``)."""
    lines = LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def tail(stmt: T.Statement) -> str:
    """What follows the last word: a ``# comment`` or an ``&`` and the text it drops."""
    result = W.split(stmt.text)
    at = result.comment_at if result.comment_at >= 0 else result.ampersand_at
    return stmt.text[at:].rstrip() if at >= 0 else ""


class Layout:
    """Lays out the statements of one file."""

    def __init__(self, src: SourceText) -> None:
        self.src = src
        self.scanner = S.Scanner(src)
        self.line_at = {line.start: line.index for line in src.lines}

    def bounds(self, stmt: T.Statement) -> tuple[int, int]:
        """The 0-based indexes of the statement's first and last lines."""
        first = self.line_at[stmt.extent[0]]
        return first, first + len(split_lines(stmt.source)) - 1

    def keeps(self, stmt: T.Statement) -> bool:
        """KEEP: a syntax error, `variables`, or a block closed by a `>` that may be text."""
        if stmt.diagnostics or "variables" in stmt.source:
            return True
        if not stmt.block:
            return False
        first, last = self.bounds(stmt)
        for index in range(first + 1, last + 1):
            if self.scanner.skip_kind(index) is None:
                line = self.src.line_text(index).strip()
                if line.endswith(">"):
                    return S.looks_inner(line)
        return False

    def lines(self, stmt: T.Statement) -> list[str]:
        if self.keeps(stmt):
            return split_lines(stmt.source)
        first, last = self.bounds(stmt)
        text = self.src.text
        trailing = tail(stmt)
        if first != last and (trailing
                              or any(_breaks(text[w.span.start:w.span.end]) for w in stmt.words)
                              or any(self.scanner.skip_kind(i) not in (None, S.BLANK)
                                     for i in range(first, last + 1))):
            return self.by_line(stmt, first, last, trailing)

        flat = " ".join(w.text for w in stmt.words)
        if trailing:
            flat += ("  " if trailing[0] == "#" else " ") + trailing
        fits = len(flat) <= WIDTH
        # Unwrapped, a block that starts with `<` or `:` would read as a block or a label.
        if fits and flat[0] not in "<:":
            return [flat]
        wrapped = None if fits or trailing else wrap(stmt)
        if wrapped is not None:
            return wrapped
        return [flat] if first == last else self.by_line(stmt, first, last, trailing)

    def by_line(self, stmt: T.Statement, first: int, last: int, trailing: str) -> list[str]:
        """LINES: keep the line breaks; one space between words that share a line."""
        text = self.src.text
        edits: list[tuple[int, int, str]] = []
        words = stmt.words
        for a, b in zip(words, words[1:]):
            gap = text[a.span.end:b.span.start]
            if not gap.strip(_BLANKS) and gap != " ":
                edits.append((a.span.end, b.span.start, " "))
        if stmt.block:
            opener = S.strip_bounds(self.src, first)[0]  # the `<`
            if not text[opener + 1:words[0].span.start].strip(_BLANKS):
                edits.append((opener + 1, words[0].span.start, ""))
            closer = S.strip_bounds(self.src, last)[1] - 1  # the `>`, unless JSON lines follow
            gap = text[words[-1].span.end:closer]
            if text[closer] == ">" and words[-1].span.end <= closer and not gap.strip(_BLANKS) \
                    and not trailing:
                edits.append((words[-1].span.end, closer, ""))

        start, end = stmt.extent
        pieces, at = [], start
        for a, b, new in sorted(edits):
            pieces += [text[at:a], new]
            at = b
        pieces.append(text[at:end])

        kinds: list[tuple[str, str]] = []
        for number, line in enumerate(split_lines("".join(pieces)), start=first):
            kind = self.scanner.skip_kind(number)
            if kind == S.BLANK:
                continue
            if kind in (S.LABEL, S.INDENTED_LABEL, S.MALFORMED_LABEL):
                kinds.append(("label", line.rstrip()))
            else:
                kinds.append(("comment" if kind == S.COMMENT else "content", line.strip()))
        return indent(kinds, stmt.block)


def _breaks(text: str) -> bool:
    return "\n" in text or "\r" in text


def where_of(stmt: T.Statement) -> T.Where | None:
    """The statement's own where clause (of a command, after `x =`, `then`, `do` ...)."""
    todo = [stmt.node] if stmt.node is not None else []
    while todo:
        node = todo.pop()
        if isinstance(node, T.Where):
            return node
        todo.extend(child for child in node.children() if isinstance(child, T.Node))
    return None


def wrap(stmt: T.Statement) -> list[str] | None:
    """WRAP: the statement as a block, one `key = value` per line; None when it can't be.

    Only a where clause of two or more `key = value` pairs is wrapped (a clause of bare words,
    such as SQL text, stays as written).  Inside a block a line that starts with `:` is
    skipped and an inner line that ends with `>` closes the block, so a layout that would
    produce either is refused.
    """
    where = where_of(stmt)
    if where is None or len(where.items) < 2 or any(kv.eq is None for kv in where.items):
        return None
    index = {id(word): i for i, word in enumerate(stmt.words)}
    cuts = [index[id(where.keyword)] + 1]
    cuts += [index[id(kv.key_words[0])] for kv in where.items[1:]]
    last_kv = where.items[-1]
    cuts.append(index[id((last_kv.value_words or [last_kv.eq])[-1])] + 1)
    cuts.append(len(stmt.words))
    groups = [stmt.words[a:b] for a, b in zip([0] + cuts, cuts) if b > a]
    lines = [" ".join(w.text for w in group) for group in groups]
    inner = lines[1:]
    if any(line[0] == ":" for line in inner) or any(line[-1] == ">" for line in lines[:-1]):
        return None
    return ["<" + lines[0]] + [INDENT + line for line in inner[:-1]] + [INDENT + inner[-1] + ">"]
