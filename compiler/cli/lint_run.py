"""The work of `alc lint`, without typer: `alc lint` of a small file never imports it.

``lint_paths`` returns the exit status; ``compiler.cli.lint`` (typer) and the fast path of
``compiler.cli.app.run`` both call it.  With ``jobs`` > 1 and enough input, files are linted
in worker processes (``compiler.cli.parallel``), so the output is the same as with one job.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from compiler import config as C
from compiler import files
from compiler.cli import parallel
from compiler.cli.errors import internal_error
from compiler.diagnostics import Diagnostic

FORMATS = ("text", "json", "sarif", "github")


def split_values(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _err(message: str) -> None:
    sys.stderr.write(f"alc: error: {message}\n")
    sys.stderr.flush()


def _inside(path: Path, folder: Path) -> bool:
    """Is ``path`` at or below ``folder`` (both resolved)?"""
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


class _Run:
    """What every file of one run shares (and what a worker process needs)."""

    def __init__(self, paths, fixed, select, ignore, root, stdin_filename, keep_sources) -> None:
        # (the folder as given, resolved once): the project fallback of the files below it
        self.linted_dirs = [(Path(p), Path(p).resolve()) for p in paths
                            if p != files.STDIN and Path(p).is_dir()]
        self.configs: dict[Path, C.Config | C.ConfigError] = {}  # folder -> its configuration
        self.fixed = fixed
        self.select = select
        self.ignore = ignore
        self.root = root.resolve() if root is not None else None
        self.stdin_filename = stdin_filename
        self.keep_sources = keep_sources

    def settings(self, path: str):
        """(input, where, config) of one file; raises InputError / ConfigError."""
        source = files.read(path, self.stdin_filename)
        where = Path(source.path if path != files.STDIN else ".").resolve()
        folder = where if where.is_dir() else where.parent
        config = self.fixed or self.folder_config(folder)
        config = config.merged(self.select, self.ignore)
        if self.root is not None:
            config.root = self.root
        return source, where, config

    def folder_config(self, folder: Path) -> C.Config:
        """``C.for_folder``, looked up (and read) once per folder in a run: the files of a
        folder share it, and an invalid one is reported for each of them as before."""
        found = self.configs.get(folder)
        if found is None:
            try:
                found = C.for_folder(folder)
            except C.ConfigError as exc:
                found = exc
            self.configs[folder] = found
        if isinstance(found, C.ConfigError):
            raise found
        return found

    def lint(self, chunk: list[str]) -> list[tuple]:
        """Lint ``chunk`` in order, in one pass: per file (pending findings or diagnostics,
        error or None, (path, text) or None, project root, summary or None).  Findings that
        need the project's facts wait in the pending ones (``finish_all``)."""
        from compiler.lint import begin_file, project_for

        results: list[tuple] = []
        projects: dict = {}
        roots: dict = {}  # folder -> project root, found once per folder in this run
        for path in chunk:
            try:
                source, where, config = self.settings(path)
            except (files.InputError, C.ConfigError) as exc:
                results.append(([], str(exc), None, None, None))
                continue
            fallback = next((d for d, resolved in self.linted_dirs if _inside(where, resolved)), None)
            try:
                project = project_for(where, config, projects, fallback, roots)
                found, summary = begin_file(source.text, source.path, project, config)
            except Exception as exc:  # a bug in alc: one line, not a traceback
                results.append(([], internal_error(path, exc), None, None, None))
                continue
            results.append((found, None, (source.path, source.text if self.keep_sources else ""),
                            project.root, summary))
        return results


def finish_all(results: list[tuple]) -> list[tuple]:
    """Give each project the summaries of its linted scripts, then finish every pending
    file's findings with its project's facts (the project's scripts that were not linted are
    read now, one at a time)."""
    from compiler.lint import Pending, finish
    from compiler.model.project import Project

    projects: dict = {}
    for found, _error, source, root, summary in results:
        if summary is not None:
            project = projects.setdefault(root, Project(root))
            project.add_summary(os.path.realpath(source[0]), summary)
    done = []
    for found, error, source, root, summary in results:
        if isinstance(found, Pending):
            try:
                found = finish(found, projects[root].facts)
            except Exception as exc:  # a bug in alc: one line, not a traceback
                found, error = [], internal_error(found.path, exc)
        done.append((found, error, source))
    return done


def lint_paths(paths: list[str], format: str | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, config_file: Path | None = None,
               root: Path | None = None, exit_zero: bool = False, stdin_filename: str = "-",
               jobs: int | None = None) -> int:
    """Lint ``paths``, write the report, and return the exit status."""
    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    found, errors = files.discover(paths, files.SCRIPT_SUFFIXES + files.SPEC_SUFFIXES)
    try:
        fixed = C.load(config_file) if config_file else None
    except C.ConfigError as exc:
        _err(str(exc))
        return 2
    run = _Run(paths, fixed, split_values(select), split_values(ignore), root, stdin_filename,
               keep_sources=format == "text")
    jobs = parallel.default_jobs() if jobs is None else jobs
    # Files of one project may go to different workers: each returns, with its findings,
    # the summaries of its files, and the project's facts are put together here.
    results = parallel.run_chunks(run.lint, found, jobs)
    results = finish_all(results)
    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    for found_here, error, source in results:  # in file order, as one job gives them
        diagnostics.extend(found_here)
        if error is not None:
            errors.append(error)
        if source is not None:
            sources[source[0]] = source[1]

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
