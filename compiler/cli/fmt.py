"""``alc fmt PATH...``: rewrite scripts in the canonical layout (docs/style.md).

The typer command; the work is in ``compiler.cli.fmt_run``, which a plain command line
reaches without typer (``compiler.cli.app.run``).
"""

from __future__ import annotations

from typing import List, Optional

import typer

from compiler.cli.fmt_run import format_paths


def fmt(
    paths: List[str] = typer.Argument(
        ..., help="Scripts (.al) or folders to format; - reads standard input and writes standard output."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; list the files that would change and exit 1 if any would."),
    diff: bool = typer.Option(
        False, "--diff", help="Write nothing; print a unified diff of the changes and exit 1 if any."),
    stdin_filename: str = typer.Option("-", "--stdin-filename", help="The name to report for standard input."),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="With --check: neither read nor write the result cache (.alc_cache)."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1,
        help="Worker processes for large inputs (default: the number of cores); the output is the same."),
) -> None:
    """Format AnyLog scripts in place. Exit 0 when done, 1 when --check or --diff finds a file to
    change, 2 when an input can't be read or written."""
    raise typer.Exit(format_paths(paths, check, diff, stdin_filename, jobs, no_cache))
