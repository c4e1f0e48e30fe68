"""The work of `alc fmt`, without typer: a plain `alc fmt ...` never imports it (or what the
other commands import), and ``compiler.cli.fmt`` (typer) calls the same function.

Files are formatted, in worker processes for large inputs (``compiler.cli.parallel``), then
written and reported in file order by this process, so the output does not depend on
``--jobs``.
"""

from __future__ import annotations

import difflib
import os
import sys

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


def _format_files(chunk: list[str], stdin_filename: str, diff: bool, check: bool,
                  store=None) -> list[tuple]:
    """Per file: (path to report, changed, text before or None, text after or None, error or
    None), with only the texts the mode needs (a diff both, writing the text after, a check
    neither).  Nothing is written here: this may run in a worker process.  ``store``: the
    result cache of `--check` (whether a text needs formatting, by its hash)."""
    out = []
    for path in chunk:
        try:
            source = files.read(path, stdin_filename)
            if store is not None and path != files.STDIN:
                changed = _check_cached(store, path, source)
                out.append((source.path, changed, None, None, None))
                continue
            after = format_text(source.text, source.path)
        except (files.InputError, FormatError) as exc:
            out.append((path, False, None, None, str(exc)))
            continue
        except Exception as exc:  # a bug in alc must not cost the user a traceback or a file
            out.append((path, False, None, None, internal_error(path, exc, "; the file was left unchanged")))
            continue
        changed = after != source.text
        keep = changed or path == files.STDIN  # standard input is always written back
        # The text read goes back to the writer too: it refuses to replace a file changed since.
        out.append((source.path, changed, source.text if keep and (diff or not check) else None,
                    after if keep and (diff or not check) else None, None))
    return out


def _check_cached(store, path: str, source) -> bool:
    """Does the file need formatting: from the cache when its text is the one cached."""
    from compiler import cache

    real = os.path.realpath(path)
    text_digest = cache.digest(source.text)
    changed = store.fmt_hit(real, text_digest)
    if changed is None:
        changed = format_text(source.text, source.path) != source.text
        store.write(cache.FMT, real, (text_digest, changed))
    return changed


def _scripts_only(named: list[str], found: list[str]) -> tuple[list[str], list[str]]:
    """A file named on the command line is formatted only when it is a script (`.al`): a spec,
    a README or any other text would be rewritten as if it were one.  Folder walks pick only
    scripts already, and standard input is whatever the user says it is."""
    named_files = {path for path in named if path != files.STDIN and not os.path.isdir(path)}
    keep, errors = [], []
    for path in found:
        if path in named_files and not path.lower().endswith(files.SCRIPT_SUFFIXES):
            errors.append(f"{path}: not an AnyLog script (alc fmt formats .al files); left unchanged")
        else:
            keep.append(path)
    return keep, errors


def _skip_walked_links(named: list[str], found: list[str]) -> tuple[list[str], list[str]]:
    """Links met in a folder walk are not formatted through (``files.skip_walked_links``): one
    to a file outside the folder is left alone with a note, so `alc fmt DIR` never writes
    outside DIR."""
    keep, outside = files.skip_walked_links(named, found)
    return keep, [f"{path}: not formatted: a link to {target}, outside {folder}"
                  for path, target, folder in outside]


def format_paths(paths: list[str], check: bool = False, diff: bool = False,
                 stdin_filename: str = "-", jobs: int | None = None, no_cache: bool = False) -> int:
    """Format ``paths`` (write, or with ``check``/``diff`` report), and return the exit status.
    `--check` keeps its answers in the result cache (``compiler.cache``) unless ``no_cache``."""
    found, errors = files.discover(paths)
    found, refused = _scripts_only(paths, found)
    errors += refused
    found, notes = _skip_walked_links(paths, found)
    jobs = parallel.default_jobs() if jobs is None else jobs
    store = None
    if check and not diff and not no_cache:
        from compiler import cache

        store = cache.store()
    results = parallel.run_chunks(lambda chunk: _format_files(chunk, stdin_filename, diff, check, store),
                                  found, jobs)
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
                # A link the user named is formatted through; walked links were skipped above.
                write_atomic(path, after, expect=before, follow_links=True)
            except WriteError as exc:
                errors.append(str(exc))
                continue
        changed += 1

    if changed or unchanged:
        done, rest = ("would be reformatted", "already formatted") if check or diff else \
            ("reformatted", "left unchanged")
        sys.stderr.write(f"{_plural(changed, 'file')} {done}, {_plural(unchanged, 'file')} {rest}.\n")
    for message in notes:
        sys.stderr.write(f"alc: {message}\n")
    for message in errors:
        sys.stderr.write(f"alc: error: {message}\n")
    sys.stderr.flush()
    if errors:
        return 2
    return 1 if (check or diff) and changed else 0
