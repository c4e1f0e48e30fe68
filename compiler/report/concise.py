"""Concise output (`--format concise`): one line per finding, as ruff's concise format, and
the summary of the text format."""

from __future__ import annotations

from typing import Iterable

from compiler.diagnostics import Diagnostic
from compiler.report.style import PLAIN, Style
from compiler.report.text import Totals, headline, summary


def render(diagnostics: Iterable[Diagnostic], totals: Totals, style: Style = PLAIN) -> str:
    diagnostics = list(diagnostics)
    lines = [headline(d, totals.unsafe, style) for d in diagnostics]
    lines.append(summary(diagnostics, totals, style))
    return "\n".join(lines) + "\n"
