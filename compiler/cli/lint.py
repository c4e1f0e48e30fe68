"""``alc lint PATH...``: report syntax errors and deployment mistakes in scripts, and fix them."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from compiler.cli.lint_run import lint_paths


class Format(str, Enum):
    text = "text"
    concise = "concise"
    json = "json"
    sarif = "sarif"
    github = "github"


class Color(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def lint(
    paths: List[str] = typer.Argument(
        ..., metavar="PATH...",
        help="Scripts (.al), specs (.yaml/.yml/.toml) or folders to check; - reads standard input."),
    format: Optional[Format] = typer.Option(
        None, "--format", "--output-format", metavar="FORMAT",
        help="text (the default; github inside GitHub Actions), concise (one line a finding), "
             "json, sarif or github."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes, in place."),
    unsafe_fixes: bool = typer.Option(
        False, "--unsafe-fixes", help="Apply (with --fix or --diff) and count the unsafe fixes too."),
    diff: bool = typer.Option(
        False, "--diff", help="Write nothing; print a unified diff of what --fix would change (exit 1 if any)."),
    fix_only: bool = typer.Option(
        False, "--fix-only", help="Apply the fixes, but do not report or exit 1 for what remains."),
    show_fixes: bool = typer.Option(
        False, "--show-fixes", help="With --fix: list what was fixed, per file and rule."),
    exit_non_zero_on_fix: bool = typer.Option(
        False, "--exit-non-zero-on-fix", help="With --fix: exit 1 when a fix was applied, even if nothing remains."),
    select: Optional[List[str]] = typer.Option(
        None, "--select", metavar="RULES", help="Only these rules: names, codes or code prefixes, comma-separated."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULES", help="Skip these rules."),
    statistics: bool = typer.Option(
        False, "--statistics", help="Print how many findings each rule has (and how many are fixable) instead."),
    color: Color = typer.Option(
        Color.auto, "--color", metavar="WHEN",
        help="Colour the text: auto (on a terminal, unless NO_COLOR is set), always or never."),
    config_file: Optional[Path] = typer.Option(
        None, "--config", metavar="FILE", help="Use this configuration file, not the one found above each file."),
    root: Optional[Path] = typer.Option(
        None, "--root", metavar="DIR", help="The project root: where `process` and variables are looked up."),
    exclude: Optional[List[str]] = typer.Option(
        None, "--exclude", metavar="PATTERNS", help="Leave these out of folder walks, instead of `exclude` in the configuration."),
    extend_exclude: Optional[List[str]] = typer.Option(
        None, "--extend-exclude", metavar="PATTERNS", help="Leave these out of folder walks too."),
    force_exclude: bool = typer.Option(
        False, "--force-exclude", help="Apply the exclude patterns to paths named on the command line too."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    stdin_filename: str = typer.Option(
        "-", "--stdin-filename", metavar="NAME",
        help="The name of standard input: reported, and where its configuration is looked up."),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Lint every file again: neither read nor write the result cache (.alc_cache)."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, metavar="N",
        help="Worker processes for large inputs (default: the number of cores); the output is the same."),
) -> None:
    """Check AnyLog scripts and specs, and fix what has one right fix. Exit 0 when nothing is found
    (or everything was fixed), 1 on findings, 2 on a usage error or an input that can't be read."""
    code = lint_paths(paths, format.value if format is not None else None, select, ignore,
                      config_file, root, exit_zero, stdin_filename, jobs, fix=fix,
                      unsafe_fixes=unsafe_fixes, diff=diff, fix_only=fix_only,
                      exit_non_zero_on_fix=exit_non_zero_on_fix, statistics=statistics,
                      color=color.value, exclude=exclude, extend_exclude=extend_exclude,
                      force_exclude=force_exclude, show_fixes=show_fixes, no_cache=no_cache)
    raise typer.Exit(code)
