"""Small helpers the rules share."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Iterable, Iterator

from compiler.diagnostics import Diagnostic
from compiler.rules import Finding
from compiler.source import Span
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
