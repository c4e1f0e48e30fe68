"""Human output: ``path:line:col: CODE [rule] message`` with the source line and a caret.

A finding `alc lint --fix` can fix is marked ``[*]`` after its rule (ruff's mark); the
summary says how many there are, and how many more `--unsafe-fixes` would fix.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

from compiler import fixes
from compiler.diagnostics import Diagnostic
from compiler.record import record
from compiler.report.style import PLAIN, SEVERITY_COLOURS, Style


@record
class Totals:
    """What the summary counts besides the findings."""

    files: int  # the files linted
    unsafe: bool = False  # --unsafe-fixes: unsafe fixes count as fixable
    fixing: bool = False  # --fix ran: ``fixed`` findings were fixed
    fixed: int = 0
    fixed_files: int = 0


# Control characters in a source line (an escape sequence, a carriage return) would act on the
# terminal instead of showing: they are shown as \xNN.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A longer source line is shown as a window around the span (a line of a megabyte was printed
# whole under every finding on it).
WINDOW = 120


def _display(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\t", "    "))


def _window(shown: str, start: int, end: int) -> tuple[str, int, int]:
    """``shown`` cut to about WINDOW characters around ``start``..``end``, with "…" where cut,
    and the span's columns in the cut text."""
    if len(shown) <= WINDOW:
        return shown, start, end
    left = max(0, min(start - WINDOW // 3, len(shown) - WINDOW))
    right = min(len(shown), left + WINDOW)
    prefix = "…" if left else ""
    cut = prefix + shown[left:right] + ("…" if right < len(shown) else "")
    start = start - left + len(prefix)
    end = min(end - left + len(prefix), len(cut))
    return cut, start, max(end, start + 1)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def mark(diag: Diagnostic, unsafe: bool) -> str:
    return " [*]" if fixes.applicable(diag, unsafe) else ""


class _Paint:
    """The colours of one report, worked out once: each as the codes before and after a
    text (empty strings without colour), so that a finding is formatted by plain string
    formatting, without a styling call per part (a second run over 1,000,000 lines reports
    about 86,000 findings: eight calls each were about 0.3 s)."""

    __slots__ = ("bold", "blue", "cyan", "severities", "bar", "help")

    def __init__(self, style: Style) -> None:
        self.bold, self.blue, self.cyan = style.codes("bold"), style.codes("blue"), style.codes("cyan")
        self.severities = {severity: style.codes(colour) for severity, colour in SEVERITY_COLOURS.items()}
        self.bar = style("|", "blue")
        self.help = f"{style('=', 'blue')} {style('help:', 'cyan')}"

    def severity(self, severity: str) -> tuple[str, str]:
        return self.severities.get(severity) or self.bold

    def headline(self, diag: Diagnostic, unsafe: bool) -> str:
        """``path:line:col: CODE [rule] [*] message``."""
        b0, b1 = self.bold if diag.path else ("", "")  # (an empty text is never coloured)
        s0, s1 = self.severity(diag.severity) if diag.code else ("", "")
        marked = ""
        if diag.fix is not None and fixes.applicable(diag, unsafe):
            marked = f"{self.cyan[0]} [*]{self.cyan[1]}"
        return f"{b0}{diag.path}{b1}:{diag.line}:{diag.column}: {s0}{diag.code}{s1} [{diag.rule}]{marked} {diag.message}"

    def one(self, diag: Diagnostic, lines: list[str] | None, unsafe: bool) -> str:
        head = self.headline(diag, unsafe)
        line = diag.line
        if lines is None or not 1 <= line <= len(lines):
            return f"{head}\n  {self.help} {diag.help}" if diag.help else head
        source = lines[line - 1]
        number = str(line)
        gutter = " " * len(number)
        column = diag.column - 1
        end_column = diag.end_column - 1 if diag.end_column > diag.column else column
        # Most lines are shown as they are (printable, no tab): then columns are the source's.
        if source.isprintable():
            shown = source
            start = len(source[:column])
            end = len(source[:end_column]) if diag.end_line == line else len(shown)
        else:
            shown = _display(source)
            width_of = len if shown == source else (lambda part: len(_display(part)))
            start = width_of(source[:column])
            end = width_of(source[:end_column]) if diag.end_line == line else len(shown)
        if len(shown) > WINDOW:
            shown, start, end = _window(shown, start, end)
        bar = self.bar
        s0, s1 = self.severities.get(diag.severity) or self.bold
        text = (f"{head}\n{gutter} {bar}\n" + f"{self.blue[0]}{number}{self.blue[1]} {bar} {shown}".rstrip()
                + f"\n{gutter} {bar} {' ' * start}{s0}{'^' * (end - start if end > start else 1)}{s1}")
        return f"{text}\n{gutter} {self.help} {diag.help}" if diag.help else text


def headline(diag: Diagnostic, unsafe: bool, style: Style = PLAIN) -> str:
    """``path:line:col: CODE [rule] [*] message``."""
    return _Paint(style).headline(diag, unsafe)


def render_one(diag: Diagnostic, lines: list[str] | None, unsafe: bool = False, style: Style = PLAIN) -> str:
    return _Paint(style).one(diag, lines, unsafe)


def summary(diagnostics: list[Diagnostic], totals: Totals | int, style: Style = PLAIN) -> str:
    """The closing lines: what was fixed, what was found, and what `--fix` would fix."""
    if isinstance(totals, int):
        totals = Totals(totals)
    files = totals.files
    lines = []
    if totals.fixing and totals.fixed:
        lines.append(f"Fixed {_plural(totals.fixed, 'problem')} in {_plural(totals.fixed_files, 'file')}.")
    if not diagnostics:
        lines.append(f"All checks passed ({_plural(files, 'file')}).")
        return style("\n".join(lines), "bold")
    counts = Counter(d.severity for d in diagnostics)
    parts = ", ".join(_plural(counts[s], s) for s in ("error", "warning", "info") if counts[s])
    paths = len({d.path for d in diagnostics})
    lines.append(f"Found {_plural(len(diagnostics), 'problem')} ({parts}) in {paths} of "
                 f"{_plural(files, 'file')}.")
    line = fixable_line(diagnostics, totals.unsafe)
    if line:
        lines.append(line)
    return style("\n".join(lines), "bold")


def fixable_line(diagnostics: list[Diagnostic], unsafe: bool) -> str | None:
    """`[*] 3 fixable with `alc lint --fix` (2 more with `--unsafe-fixes`).`"""
    fixable = sum(1 for d in diagnostics if fixes.applicable(d, unsafe))
    more = sum(1 for d in diagnostics if fixes.hidden(d, unsafe))
    command = "alc lint --fix --unsafe-fixes" if unsafe else "alc lint --fix"
    if fixable and more:
        return f"[*] {fixable} fixable with `{command}` ({more} more with `--unsafe-fixes`)."
    if fixable:
        return f"[*] {fixable} fixable with `{command}`."
    if more:
        return f"No safe fixes ({more} fixable with `alc lint --fix --unsafe-fixes`)."
    return None


def split_lines(text: str) -> list[str]:
    # The same line breaks as the scanner (str.splitlines would also split at \f, \x1c ...);
    # without a carriage return that is str.split, several times faster than the pattern.
    return text.split("\n") if "\r" not in text else re.split(r"\r\n|\r|\n", text)


def render(diagnostics: Iterable[Diagnostic], sources: dict[str, str], totals: Totals | int,
           style: Style = PLAIN) -> str:
    diagnostics = list(diagnostics)
    if isinstance(totals, int):
        totals = Totals(totals)
    split = {path: split_lines(text) for path, text in sources.items()}
    one, unsafe = _Paint(style).one, totals.unsafe
    blocks = [one(d, split.get(d.path), unsafe) for d in diagnostics]
    blocks.append(summary(diagnostics, totals, style))
    return "\n\n".join(blocks[:-1]) + ("\n\n" if len(blocks) > 1 else "") + blocks[-1] + "\n"
