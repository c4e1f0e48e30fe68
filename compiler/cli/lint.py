"""``alc lint PATH...``: report syntax errors (and, with the rules, mistakes) in scripts."""

from __future__ import annotations

import sys
from enum import Enum
from typing import List

import typer

from compiler import files
from compiler.cli.errors import internal_error
from compiler.diagnostics import Diagnostic
from compiler.lint import lint_script
from compiler.report import json as json_report
from compiler.report import text as text_report


class Format(str, Enum):
    text = "text"
    json = "json"


def lint(
    paths: List[str] = typer.Argument(..., help="Scripts (.al) or folders to check; - reads standard input."),
    format: Format = typer.Option(Format.text, "--format", help="Output format."),
    stdin_filename: str = typer.Option("-", "--stdin-filename", help="The name to report for standard input."),
) -> None:
    """Check AnyLog scripts. Exit 0 when nothing is found, 1 on findings, 2 when an input can't be read."""
    found, errors = files.discover(paths)
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    for path in found:
        try:
            source = files.read(path, stdin_filename)
        except files.InputError as exc:
            errors.append(str(exc))
            continue
        try:
            diagnostics.extend(lint_script(source.text, source.path))
        except Exception as exc:  # a bug in alc: one line, not a traceback
            errors.append(internal_error(path, exc))
            continue
        sources[source.path] = source.text

    diagnostics.sort(key=Diagnostic.sort_key)
    if format is Format.json:
        sys.stdout.write(json_report.render(diagnostics))
    elif sources or not errors:
        sys.stdout.write(text_report.render(diagnostics, sources, len(sources)))
    for message in errors:
        typer.echo(f"alc: error: {message}", err=True)
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if diagnostics else 0)
