"""The work of `alc lint`, without typer: `alc lint` of a small file never imports it.

``lint_paths`` returns the exit status; ``compiler.cli.lint`` (typer) and the fast path of
``compiler.cli.app.run`` both call it.  With ``jobs`` > 1 and enough input, files are linted
in worker processes, in contiguous chunks, and the results are put back in file order, so
the output is the same as with one job.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from compiler import config as C
from compiler import files
from compiler.cli.errors import internal_error
from compiler.diagnostics import Diagnostic

FORMATS = ("text", "json", "sarif", "github")
# Below this many bytes of input, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024


def split_values(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _err(message: str) -> None:
    sys.stderr.write(f"alc: error: {message}\n")
    sys.stderr.flush()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder.resolve())
        return True
    except ValueError:
        return False


class _Run:
    """What every file of one run shares (and what a worker process needs)."""

    def __init__(self, paths, fixed, select, ignore, root, stdin_filename, keep_sources) -> None:
        self.linted_dirs = [Path(p) for p in paths if p != files.STDIN and Path(p).is_dir()]
        self.fixed = fixed
        self.select = select
        self.ignore = ignore
        self.root = root
        self.stdin_filename = stdin_filename
        self.keep_sources = keep_sources

    def settings(self, path: str):
        """(input, where, config) of one file; raises InputError / ConfigError."""
        source = files.read(path, self.stdin_filename)
        where = Path(source.path if path != files.STDIN else ".").resolve()
        folder = where if where.is_dir() else where.parent
        config = self.fixed or C.for_folder(folder)
        config = config.merged(self.select, self.ignore)
        if self.root is not None:
            config.root = self.root.resolve()
        return source, where, config

    def lint(self, chunk: list[str]):
        """Lint ``chunk`` in order: (diagnostics, errors, sources)."""
        from compiler.lint import lint_script, project_for

        diagnostics: list[Diagnostic] = []
        errors: list[str] = []
        sources: dict[str, str] = {}
        projects: dict = {}
        for path in chunk:
            try:
                source, where, config = self.settings(path)
            except (files.InputError, C.ConfigError) as exc:
                errors.append(str(exc))
                continue
            fallback = next((d for d in self.linted_dirs if _inside(where, d)), None)
            try:
                project = project_for(where, config, projects, fallback)
                diagnostics.extend(lint_script(source.text, source.path, project=project, config=config))
            except Exception as exc:  # a bug in alc: one line, not a traceback
                errors.append(internal_error(path, exc))
                continue
            sources[source.path] = source.text if self.keep_sources else ""
        return diagnostics, errors, sources

    def independent(self, found: list[str]) -> bool:
        """Is every file's result independent of the files linted before it?

        A project's scripts are every script below its root, plus the linted files outside
        it that were linted before the project was first looked at: only when every linted
        file is one of the former does the order not matter.
        """
        from compiler.lint import project_for
        from compiler.model.project import MAX_FILES

        members: dict[Path | None, set[str]] = {}
        for path in found:
            if path == files.STDIN:
                return False
            try:
                source, where, config = self.settings(path)
            except (files.InputError, C.ConfigError):
                continue  # reported the same way in a worker
            fallback = next((d for d in self.linted_dirs if _inside(where, d)), None)
            project = project_for(where, config, {}, fallback)
            if project.root is None:
                return False
            if project.root not in members:
                scripts = files.discover([str(project.root)])[0][:MAX_FILES]
                members[project.root] = {os.path.realpath(p) for p in scripts}
            if os.path.realpath(source.path) not in members[project.root]:
                return False
        return True


def _lint_chunk(run: _Run, chunk: list[str]):
    return run.lint(chunk)


def _chunks(found: list[str], jobs: int) -> list[list[str]]:
    """Contiguous chunks of about equal size in bytes, in file order."""
    sizes = []
    for path in found:
        try:
            sizes.append(max(os.path.getsize(path), 1))
        except OSError:
            sizes.append(1)
    total = sum(sizes)
    target = total / jobs  # one chunk per job: each worker reads a project's scripts once
    chunks: list[list[str]] = [[]]
    filled = 0
    for path, size in zip(found, sizes):
        if filled >= target and chunks[-1]:
            chunks.append([])
            filled = 0
        chunks[-1].append(path)
        filled += size
    return chunks


def _parallel(found: list[str], jobs: int) -> bool:
    if jobs <= 1 or len(found) < 2 or files.STDIN in found:
        return False
    total = 0
    for path in found:
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return total >= PARALLEL_MIN_BYTES


def lint_paths(paths: list[str], format: str | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, config_file: Path | None = None,
               root: Path | None = None, exit_zero: bool = False, stdin_filename: str = "-",
               jobs: int | None = None) -> int:
    """Lint ``paths``, write the report, and return the exit status."""
    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    found, errors = files.discover(paths)
    try:
        fixed = C.load(config_file) if config_file else None
    except C.ConfigError as exc:
        _err(str(exc))
        return 2
    run = _Run(paths, fixed, split_values(select), split_values(ignore), root, stdin_filename,
               keep_sources=format == "text")
    jobs = default_jobs() if jobs is None else jobs
    if _parallel(found, jobs) and run.independent(found):
        from concurrent.futures import ProcessPoolExecutor

        chunks = _chunks(found, jobs)
        diagnostics: list[Diagnostic] = []
        sources: dict[str, str] = {}
        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
            for part, part_errors, part_sources in pool.map(_lint_chunk, [run] * len(chunks), chunks):
                diagnostics.extend(part)
                errors.extend(part_errors)
                sources.update(part_sources)
    else:
        diagnostics, file_errors, sources = run.lint(found)
        errors.extend(file_errors)

    diagnostics.sort(key=Diagnostic.sort_key)
    if format == "json":
        from compiler.report import json as json_report
        sys.stdout.write(json_report.render(diagnostics))
    elif format == "sarif":
        from compiler.report import sarif as sarif_report
        sys.stdout.write(sarif_report.render(diagnostics))
    elif format == "github":
        from compiler.report import github as github_report
        sys.stdout.write(github_report.render(diagnostics))
    elif sources or not errors:
        from compiler.report import text as text_report
        sys.stdout.write(text_report.render(diagnostics, sources, len(sources)))
    sys.stdout.flush()
    for message in errors:
        _err(message)
    if errors:
        return 2
    return 1 if diagnostics and not exit_zero else 0
