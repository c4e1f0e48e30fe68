"""``alc fmt PATH...``: rewrite scripts in the canonical layout (docs/style.md)."""

from __future__ import annotations

import difflib
import sys
from typing import List, Optional

import typer

from compiler import files
from compiler.cli import parallel
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


def _format_files(chunk: list[str], stdin_filename: str, diff: bool, check: bool) -> list[tuple]:
    """Per file: (path to report, changed, text before or None, text after or None, error or
    None), with only the texts the mode needs (a diff both, writing the text after, a check
    neither).  Nothing is written here: this may run in a worker process."""
    out = []
    for path in chunk:
        try:
            source = files.read(path, stdin_filename)
            after = format_text(source.text, source.path)
        except (files.InputError, FormatError) as exc:
            out.append((path, False, None, None, str(exc)))
            continue
        except Exception as exc:  # a bug in alc must not cost the user a traceback or a file
            out.append((path, False, None, None, internal_error(path, exc, "; the file was left unchanged")))
            continue
        changed = after != source.text
        keep = changed or path == files.STDIN  # standard input is always written back
        out.append((source.path, changed, source.text if keep and diff else None,
                    after if keep and (diff or not check) else None, None))
    return out


def fmt(
    paths: List[str] = typer.Argument(
        ..., help="Scripts (.al) or folders to format; - reads standard input and writes standard output."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; list the files that would change and exit 1 if any would."),
    diff: bool = typer.Option(
        False, "--diff", help="Write nothing; print a unified diff of the changes and exit 1 if any."),
    stdin_filename: str = typer.Option("-", "--stdin-filename", help="The name to report for standard input."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1,
        help="Worker processes for large inputs (default: the number of cores); the output is the same."),
) -> None:
    """Format AnyLog scripts in place. Exit 0 when done, 1 when --check or --diff finds a file to
    change, 2 when an input can't be read or written."""
    found, errors = files.discover(paths)
    jobs = parallel.default_jobs() if jobs is None else jobs
    results = parallel.run_chunks(lambda chunk: _format_files(chunk, stdin_filename, diff, check), found, jobs)
    changed = unchanged = 0
    for path, (shown, differs, before, after, error) in zip(found, results):
        if error is not None:
            errors.append(error)
            continue
        if path == files.STDIN and not (check or diff):
            sys.stdout.flush()
            sys.stdout.buffer.write(after.encode("utf-8"))
            sys.stdout.buffer.flush()
            continue
        if not differs:
            unchanged += 1
            continue
        if diff:
            sys.stdout.write(unified_diff(before, after, shown))
        elif check:
            sys.stdout.write(f"would reformat {shown}\n")
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
