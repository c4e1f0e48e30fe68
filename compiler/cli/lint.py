"""``alc lint PATH...``: report syntax errors and deployment mistakes in scripts."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from compiler import config as C
from compiler import files
from compiler.cli.errors import internal_error
from compiler.diagnostics import Diagnostic
from compiler.lint import lint_file, project_for
from compiler.report import github as github_report
from compiler.report import json as json_report
from compiler.report import sarif as sarif_report
from compiler.report import text as text_report


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


def _split(values: Optional[List[str]]) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def lint(
    paths: List[str] = typer.Argument(
        ..., help="Scripts (.al), specs (.yaml/.yml/.toml) or folders to check; - reads standard input."),
    format: Optional[Format] = typer.Option(
        None, "--format", help="Output format (default text; github inside GitHub Actions)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (names, codes or code prefixes)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules."),
    config_file: Optional[Path] = typer.Option(None, "--config", help="Use this configuration file."),
    root: Optional[Path] = typer.Option(None, "--root", help="The project root: where `process` and variables are looked up."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    stdin_filename: str = typer.Option("-", "--stdin-filename", help="The name to report for standard input."),
) -> None:
    """Check AnyLog scripts. Exit 0 when nothing is found, 1 on findings, 2 when an input can't be read."""
    if format is None:
        format = Format.github if os.environ.get("GITHUB_ACTIONS") == "true" else Format.text
    found, errors = files.discover(paths, files.SCRIPT_SUFFIXES + files.SPEC_SUFFIXES)
    try:
        fixed = C.load(config_file) if config_file else None
    except C.ConfigError as exc:
        typer.echo(f"alc: error: {exc}", err=True)
        raise typer.Exit(2)
    linted_dirs = [Path(p) for p in paths if p != files.STDIN and Path(p).is_dir()]
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    projects: dict = {}
    for path in found:
        try:
            source = files.read(path, stdin_filename)
            where = Path(source.path if path != files.STDIN else ".").resolve()
            folder = where if where.is_dir() else where.parent
            config = fixed or C.for_folder(folder)
        except (files.InputError, C.ConfigError) as exc:
            errors.append(str(exc))
            continue
        config = config.merged(_split(select), _split(ignore))
        if root is not None:
            config.root = root.resolve()
        fallback = next((d for d in linted_dirs if _inside(where, d)), None)
        try:
            project = project_for(where, config, projects, fallback)
            diagnostics.extend(lint_file(source.text, source.path, project=project, config=config))
        except Exception as exc:  # a bug in alc: one line, not a traceback
            errors.append(internal_error(path, exc))
            continue
        sources[source.path] = source.text

    diagnostics.sort(key=Diagnostic.sort_key)
    if format is Format.json:
        sys.stdout.write(json_report.render(diagnostics))
    elif format is Format.sarif:
        sys.stdout.write(sarif_report.render(diagnostics))
    elif format is Format.github:
        sys.stdout.write(github_report.render(diagnostics))
    elif sources or not errors:
        sys.stdout.write(text_report.render(diagnostics, sources, len(sources)))
    for message in errors:
        typer.echo(f"alc: error: {message}", err=True)
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if diagnostics and not exit_zero else 0)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
        return True
    except ValueError:
        return False
