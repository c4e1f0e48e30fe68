"""Human output: ``path:line:col: CODE [rule] message`` with the source line and a caret."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from compiler.diagnostics import Diagnostic


def _display(text: str) -> str:
    return text.replace("\t", "    ")


def render_one(diag: Diagnostic, lines: list[str] | None) -> str:
    out = [f"{diag.path}:{diag.line}:{diag.column}: {diag.code} [{diag.rule}] {diag.message}"]
    if lines is not None and 1 <= diag.line <= len(lines):
        source = lines[diag.line - 1]
        number = str(diag.line)
        gutter = " " * len(number)
        start = len(_display(source[:diag.column - 1]))
        if diag.end_line == diag.line:
            end = len(_display(source[:max(diag.end_column - 1, diag.column - 1)]))
        else:
            end = len(_display(source))
        width = max(end - start, 1)
        out.append(f"{gutter} |")
        out.append(f"{number} | {_display(source)}".rstrip())
        out.append(f"{gutter} | {' ' * start}{'^' * width}")
        if diag.help:
            out.append(f"{gutter} = help: {diag.help}")
    elif diag.help:
        out.append(f"  = help: {diag.help}")
    return "\n".join(out)


def summary(diagnostics: list[Diagnostic], files: int) -> str:
    if not diagnostics:
        return f"All checks passed ({files} file{'s' if files != 1 else ''})."
    counts = Counter(d.severity for d in diagnostics)
    parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
                      for s in ("error", "warning", "info") if counts[s])
    total = len(diagnostics)
    paths = len({d.path for d in diagnostics})
    return (f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in "
            f"{paths} of {files} file{'s' if files != 1 else ''}.")


def render(diagnostics: Iterable[Diagnostic], sources: dict[str, str], files: int) -> str:
    diagnostics = list(diagnostics)
    # The same line breaks as the scanner (str.splitlines would also split at \f, \x1c ...).
    split = {path: re.split(r"\r\n|\r|\n", text) for path, text in sources.items()}
    blocks = [render_one(d, split.get(d.path)) for d in diagnostics]
    blocks.append(summary(diagnostics, files))
    return "\n\n".join(blocks[:-1]) + ("\n\n" if len(blocks) > 1 else "") + blocks[-1] + "\n"
