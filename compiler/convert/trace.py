"""What the node runs, statement by statement, and how two such runs differ.

A trace is every statement and label of a script in the order the node reads them, each as the
words the node's splitter gives it with the values known at that point substituted (see
``evaluate.Ran.said``): layout, comments, block wrapping and the quoting of a single word do
not count; anything else does.  `if`/`else if`/`else`/`do` lines are kept as they are (a
condition is part of what runs), and a `process` of a script below the root stands for the
statements it runs.

``alc diff`` exits 0 only when two traces are equal, and `alc convert` keeps a spec only when
the script the spec builds has the trace of its input.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from compiler import parse
from compiler.convert.evaluate import REJECTED, Evaluation, evaluate

# Past this many differing statements on each side, difflib's exact matching (quadratic in
# the worst case) gives way to its junk heuristic, which stays near linear.
EXACT_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class Entry:
    said: tuple[str, ...]  # what the node reads
    path: str
    line: int
    text: str  # as written, on one line (for messages)
    end_line: int = 0

    def shown(self) -> str:
        if self.said[:1] == (REJECTED,):
            return " ".join(self.said[1:])
        return self.text


@dataclass(frozen=True, slots=True)
class Place:
    """Where a statement stands, or where one would stand: the statement at that index, or the
    end of the trace (``line`` is then one past the last statement's line)."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # removed | added | changed
    a: Place
    b: Place
    old: Entry | None = None  # on side A (removed, changed)
    new: Entry | None = None  # on side B (added, changed)


def entries(evaluation: Evaluation) -> list[Entry]:
    return [Entry(ran.said, ran.path, ran.stmt.span.line, _one_line(ran.stmt.text or ran.stmt.source),
                  ran.stmt.span.end_line) for ran in evaluation.ran]


def of_text(text: str, path: str, values: dict[str, str] | None = None, root: str | None = None) -> list[Entry]:
    return entries(evaluate(parse(text, path), values or {}, root))


def _one_line(text: str) -> str:
    return " ".join(text.split())


def compare(a: list[Entry], b: list[Entry], name_a: str = "", name_b: str = "") -> list[Difference]:
    """Every statement only one side runs, or runs differently, with its place on both sides.

    ``name_a``/``name_b`` name a side with no statement at all (its places are line 1)."""
    start = 0
    limit = min(len(a), len(b))
    while start < limit and a[start].said == b[start].said:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1].said == b[end_b - 1].said:
        end_a -= 1
        end_b -= 1
    if start == end_a and start == end_b:
        return []
    keys_a = [e.said for e in a[start:end_a]]
    keys_b = [e.said for e in b[start:end_b]]
    exact = len(keys_a) <= EXACT_LIMIT and len(keys_b) <= EXACT_LIMIT
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=not exact)
    out: list[Difference] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + start, i2 + start, j1 + start, j2 + start
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            out += [Difference("changed", _at(a, i, name_a), _at(b, j, name_b), a[i], b[j])
                    for i, j in zip(range(i1, i2), range(j1, j2))]
        elif tag == "replace":
            out += _by_head(a, b, i1, i2, j1, j2, name_a, name_b)
        else:
            out += _gone(a, b, i1, i2, j1, j2, name_a, name_b)
    return out


def _head(entry: Entry) -> tuple[str, ...]:
    """What a statement is, whatever its values: its first three words (`run tcp server`)."""
    return entry.said[:3]


def _by_head(a: list[Entry], b: list[Entry], i1: int, i2: int, j1: int, j2: int,
             name_a: str, name_b: str) -> list[Difference]:
    """Unequal runs of differing statements: the ones that are the same command (the same first
    words) are changed, in order; the others removed or added in their places."""
    if (i2 - i1) * (j2 - j1) > EXACT_LIMIT * 4:
        return _gone(a, b, i1, i2, j1, j2, name_a, name_b)
    heads = difflib.SequenceMatcher(None, [_head(e) for e in a[i1:i2]], [_head(e) for e in b[j1:j2]],
                                    autojunk=False)
    out: list[Difference] = []
    for tag, k1, k2, l1, l2 in heads.get_opcodes():
        k1, k2, l1, l2 = k1 + i1, k2 + i1, l1 + j1, l2 + j1
        if tag == "equal":
            out += [Difference("changed", _at(a, i, name_a), _at(b, j, name_b), a[i], b[j])
                    for i, j in zip(range(k1, k2), range(l1, l2))]
        else:
            out += _gone(a, b, k1, k2, l1, l2, name_a, name_b)
    return out


def _gone(a: list[Entry], b: list[Entry], i1: int, i2: int, j1: int, j2: int,
          name_a: str, name_b: str) -> list[Difference]:
    """A's statements i1..i2 removed and B's j1..j2 added, at the same place."""
    return [Difference("removed", _at(a, i, name_a), _at(b, j1, name_b), old=a[i]) for i in range(i1, i2)] + \
        [Difference("added", _at(a, i2, name_a), _at(b, j, name_b), new=b[j]) for j in range(j1, j2)]


def _at(side: list[Entry], index: int, name: str) -> Place:
    if index < len(side):
        return Place(side[index].path, side[index].line)
    if side:
        return Place(side[-1].path, max(side[-1].line, side[-1].end_line) + 1)
    return Place(name, 1)
