"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from typing import Iterable

from compiler.diagnostics import Diagnostic

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(diagnostics: Iterable[Diagnostic]) -> str:
    lines = []
    for d in diagnostics:
        props = (f"file={_escape_property(d.path)},line={d.line},col={d.column},"
                 f"endLine={d.end_line},endColumn={d.end_column},"
                 f"title={_escape_property(f'{d.code} {d.rule}')}")
        message = d.message + (f"\nhelp: {d.help}" if d.help else "")
        lines.append(f"::{COMMANDS.get(d.severity, 'warning')} {props}::{_escape_data(message)}")
    return "".join(line + "\n" for line in lines)
