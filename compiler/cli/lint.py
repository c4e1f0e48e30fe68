"""``alc lint PATH...``: report syntax errors and deployment mistakes in scripts."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from compiler.cli.lint_run import lint_paths


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


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
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1,
        help="Worker processes for large inputs (default: the number of cores); the output is the same."),
) -> None:
    """Check AnyLog scripts. Exit 0 when nothing is found, 1 on findings, 2 when an input can't be read."""
    code = lint_paths(paths, format.value if format is not None else None, select, ignore,
                      config_file, root, exit_zero, stdin_filename, jobs)
    raise typer.Exit(code)
