"""``alc fmt PATH...``: rewrite scripts in the canonical layout (docs/style.md)."""

from __future__ import annotations

import difflib
import sys
from typing import List

import typer

from compiler import files
from compiler.cli.errors import internal_error
from compiler.fmt import FormatError, format_text
from compiler.fmt.layout import LINE_BREAK
from compiler.safe_io import WriteError, write_atomic


def _lines(text: str) -> list[str]:
    """Lines with their breaks, split where the node splits them."""
    out, at = [], 0
    for m in LINE_BREAK.finditer(text):
        out.append(text[at:m.end()])
        at = m.end()
    if at < len(text):
        out.append(text[at:] + "\n\\ No newline at end of file\n")
    return out


def unified_diff(before: str, after: str, path: str) -> str:
    return "".join(difflib.unified_diff(_lines(before), _lines(after), path, path))


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def fmt(
    paths: List[str] = typer.Argument(
        ..., help="Scripts (.al) or folders to format; - reads standard input and writes standard output."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; list the files that would change and exit 1 if any would."),
    diff: bool = typer.Option(
        False, "--diff", help="Write nothing; print a unified diff of the changes and exit 1 if any."),
    stdin_filename: str = typer.Option("-", "--stdin-filename", help="The name to report for standard input."),
) -> None:
    """Format AnyLog scripts in place. Exit 0 when done, 1 when --check or --diff finds a file to
    change, 2 when an input can't be read or written."""
    found, errors = files.discover(paths)
    changed = unchanged = 0
    for path in found:
        try:
            source = files.read(path, stdin_filename)
            after = format_text(source.text, source.path)
        except (files.InputError, FormatError) as exc:
            errors.append(str(exc))
            continue
        except Exception as exc:  # a bug in alc must not cost the user a traceback or a file
            errors.append(internal_error(path, exc, "; the file was left unchanged"))
            continue
        if path == files.STDIN and not (check or diff):
            sys.stdout.flush()
            sys.stdout.buffer.write(after.encode("utf-8"))
            sys.stdout.buffer.flush()
            continue
        if after == source.text:
            unchanged += 1
            continue
        if diff:
            sys.stdout.write(unified_diff(source.text, after, source.path))
        elif check:
            sys.stdout.write(f"would reformat {source.path}\n")
        else:
            try:
                write_atomic(path, after)
            except WriteError as exc:
                errors.append(str(exc))
                continue
        changed += 1

    if changed or unchanged:
        done, rest = ("would be reformatted", "already formatted") if check or diff else \
            ("reformatted", "left unchanged")
        typer.echo(f"{_plural(changed, 'file')} {done}, {_plural(unchanged, 'file')} {rest}.", err=True)
    for message in errors:
        typer.echo(f"alc: error: {message}", err=True)
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if (check or diff) and changed else 0)
