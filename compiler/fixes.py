"""Applying fixes: the edits findings carry, in rounds until none applies (`alc lint --fix`).

A finding's fix is a set of edits applied together or not at all.  One round applies every
applicable fix whose edits touch none of the text an earlier fix of the round changes (a
fix that touches one waits for the next round, when it is worked out again on the new text);
identical fixes (the same comment removed for two of its names) are applied once.  Rounds
go on until a round applies nothing.  Which fixes apply: the safe ones, and with
``unsafe`` the unsafe ones too.

``fix_text`` does this for one script on its own; `alc lint` (``compiler/cli/lint_fix.py``)
does it over a project, where each round re-lints the changed files with the project's facts.
"""

from __future__ import annotations

from typing import Callable, Iterable

from compiler.diagnostics import PARSER_RULES, SAFE, Diagnostic, Fix
from compiler.record import field, record

# A fix that keeps producing new fixes would go on for ever; real fixes converge in two or
# three rounds (a fix that waited for an overlapping one, a name removed after another).
MAX_ROUNDS = 20


def applicable(diag: Diagnostic, unsafe: bool) -> bool:
    """Does `--fix` (with `--unsafe-fixes` when ``unsafe``) apply this finding's fix?"""
    fix = diag.fix
    return isinstance(fix, Fix) and bool(fix.edits) and (unsafe or fix.applicability == SAFE)


def hidden(diag: Diagnostic, unsafe: bool) -> bool:
    """A fix only `--unsafe-fixes` would apply."""
    return not unsafe and isinstance(diag.fix, Fix) and bool(diag.fix.edits) and diag.fix.applicability != SAFE


def apply(text: str, diagnostics: Iterable[Diagnostic], unsafe: bool = False) -> tuple[str, list[Diagnostic]]:
    """One round: ``text`` with the applicable fixes of ``diagnostics`` applied, and the
    findings they fixed.  Fixes are taken in the order of their first edit."""
    chosen: list[tuple[Diagnostic, Fix]] = []
    for diag in diagnostics:
        if applicable(diag, unsafe) and _fits(diag.fix, text):
            chosen.append((diag, diag.fix))
    chosen.sort(key=lambda pair: (pair[1].edits[0].start, pair[1].edits[0].end))
    taken: list[tuple[int, int]] = []  # the ranges changed so far, in order
    seen: dict[tuple, bool] = {}  # a fix's edits -> applied
    edits = []
    fixed = []
    for diag, fix in chosen:
        key = tuple((e.start, e.end, e.content) for e in fix.edits)
        if key in seen:
            if seen[key]:
                fixed.append(diag)  # the same edits fix this finding too
            continue
        ok = not any(_overlaps(edit.start, edit.end, start, end)
                     for edit in fix.edits for start, end in taken)
        seen[key] = ok
        if ok:
            taken.extend((e.start, e.end) for e in fix.edits)
            edits.extend(fix.edits)
            fixed.append(diag)
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[:edit.start] + edit.content + text[edit.end:]
    return text, fixed


def _fits(fix: Fix, text: str) -> bool:
    """Edits inside the text and in order, none overlapping another of the same fix."""
    last = 0
    for edit in fix.edits:
        if not last <= edit.start <= edit.end <= len(text):
            return False
        last = edit.end
    return True


def _overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Edits of two fixes must not touch: two that share text, meet (an insertion at the
    edge of a replacement) or insert at one place could each be right alone and wrong
    together, so the later one waits for the next round."""
    return start <= other_end and other_start <= end


@record
class Result:
    """What fixing one text did."""

    text: str
    diagnostics: list[Diagnostic]  # the findings that remain in ``text``
    fixed: list[Diagnostic] = field(default_factory=list)  # every finding a fix removed
    rounds: int = 0
    error: str | None = None  # the fixes were given up: ``text`` is the input


def syntax_errors(diagnostics: Iterable[Diagnostic]) -> int:
    return sum(1 for d in diagnostics if d.rule in PARSER_RULES)


def fix_text(text: str, lint: Callable[[str], list[Diagnostic]], unsafe: bool = False,
             syntax: Callable[[str], int] | None = None) -> Result:
    """Fix ``text`` in rounds; ``lint(text)`` gives its findings.  If a round would add a
    syntax error (``syntax(text)``: how many the parser finds), or the rounds do not end,
    the input is kept and ``error`` says why (a bug in a rule's fix)."""
    if syntax is None:
        from compiler.syntax.parser import parse

        syntax = lambda source: len(parse(source, "<fix>").diagnostics)  # noqa: E731
    found = original = lint(text)
    result = Result(text, found)
    before = syntax(text)
    current = text
    while True:
        new, fixed = apply(current, found, unsafe)
        if not fixed or new == current:
            break
        result.rounds += 1
        if result.rounds > MAX_ROUNDS:
            return Result(text, original, error=f"the fixes did not settle after {MAX_ROUNDS} rounds")
        after = syntax(new)
        if after > before:
            return Result(text, original, error="a fix would add a syntax error")
        before = after
        result.fixed.extend(fixed)
        current = new
        found = lint(current)
    result.text, result.diagnostics = current, found
    return result
