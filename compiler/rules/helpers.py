"""Small helpers the rules share."""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from typing import Iterable, Iterator

from compiler.diagnostics import Diagnostic, Edit, Fix
from compiler.rules import Finding
from compiler.source import SourceText, Span
from compiler.syntax import tree as T


def join(first: Span, last: Span) -> Span:
    return Span(first.start, last.end, first.line, first.column, last.end_line, last.end_column)


def span_of_words(words: list[T.Word]) -> Span:
    return join(words[0].span, words[-1].span)


def from_parser(diagnostics: Iterable[Diagnostic], rule: str) -> Iterator[Finding]:
    """Findings for the parser's own diagnostics of one rule."""
    for d in diagnostics:
        if d.rule == rule:
            yield Finding(Span(0, 0, d.line, d.column, d.end_line, d.end_column), d.message, d.help)


def did_you_mean(name: str, candidates: Iterable[str], cutoff: float = 0.8) -> str | None:
    return _guess(name, tuple(sorted(set(candidates))), cutoff)


# The files of a project ask about the same unknown names against the same pool (the
# project's variables): difflib takes about a millisecond a search, the key microseconds.
@lru_cache(maxsize=1024)
def _guess(name: str, pool: tuple[str, ...], cutoff: float) -> str | None:
    # A case-only difference is the most likely slip (nic_Type for nic_type).
    for candidate in pool:
        if candidate.lower() == name.lower() and candidate != name:
            return candidate
    found = difflib.get_close_matches(name, pool, n=1, cutoff=cutoff)
    return found[0] if found else None


def quote(text: str) -> str:
    return f"`{text}`"


# ------------------------------------------------------------------ fixes
# A rule offers a fix only where its edit is the one right reading of the finding, and each
# fix is checked where it is made: the text it replaces is the text the rule read, and a
# statement it changes still parses with no syntax error.

def replace(span: Span, content: str) -> Edit:
    return Edit(span.start, span.end, content, span.line, span.column, span.end_line, span.end_column)


def insert_before(span: Span, content: str) -> Edit:
    return Edit(span.start, span.start, content, span.line, span.column, span.line, span.column)


def insert_after(span: Span, content: str) -> Edit:
    return Edit(span.end, span.end, content, span.end_line, span.end_column, span.end_line, span.end_column)


def edit_at(src: SourceText, start: int, end: int, content: str) -> Edit:
    """An edit between two file offsets."""
    span = src.span(start, end)
    return replace(span, content)


def make_fix(applicability: str, message: str, *edits: Edit | None) -> Fix | None:
    """A fix of these edits, or None when one of them could not be made."""
    if not edits or any(e is None for e in edits):
        return None
    return Fix(applicability, message, tuple(sorted(edits, key=lambda e: (e.start, e.end))))


def parses_clean(ctx, stmt: T.Statement, edits: Iterable[Edit]) -> bool:
    """Does ``stmt`` still parse, with no syntax error, once ``edits`` are applied?"""
    from compiler.syntax.parser import parse

    start, end = stmt.extent
    text = ctx.script.text[start:end]
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        if not start <= edit.start <= edit.end <= end:
            return False
        text = text[:edit.start - start] + edit.content + text[edit.end - start:]
    script = parse(text, ctx.path)
    return not script.diagnostics and len(script.statements) == 1


def statement_at(ctx, line: int, column: int) -> T.Statement | None:
    """The statement that holds the character at ``line``:``column``."""
    for stmt in ctx.model.statements:
        span = stmt.span
        if (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column):
            return stmt
    return None


def one_close_match(name: str, candidates: Iterable[str], cutoff: float = 0.8) -> str | None:
    """The candidate ``name`` was meant to be when exactly one is close, and close as a typo
    is (``is_typo``): the did-you-mean a fix may apply.  With two close candidates a person
    has to choose; a name that only shares a long part (`enable_nosql` and `enable_dns`,
    `define-tags-err` and `define-tags`) is a help, not a fix."""
    pool = tuple(sorted(set(candidates)))
    return _only_match(name, pool, cutoff)


@lru_cache(maxsize=1024)
def _only_match(name: str, pool: tuple[str, ...], cutoff: float) -> str | None:
    folded = [c for c in pool if c.lower() == name.lower() and c != name]
    if folded:
        return folded[0] if len(folded) == 1 else None
    found = difflib.get_close_matches(name, pool, n=2, cutoff=cutoff)
    return found[0] if len(found) == 1 and is_typo(name, found[0]) else None


def is_typo(written: str, meant: str) -> bool:
    """Could ``written`` be ``meant`` mistyped: at most two letters added, dropped, changed or
    swapped (one for a name of up to four letters), case aside.  Names that differ only in
    their digits (`policy1`, `policy`) are numbered names, not typos."""
    if written != meant and _DIGITS.sub("", written) == _DIGITS.sub("", meant):
        return False
    return _edits(written.lower(), meant.lower()) <= (1 if len(meant) <= 4 else 2)


_DIGITS = re.compile(r"\d+")


def _edits(a: str, b: str) -> int:
    """The optimal string alignment distance (Damerau-Levenshtein without moves)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
