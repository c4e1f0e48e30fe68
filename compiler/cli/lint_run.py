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

    def lint(self, chunk: list[str]) -> list[tuple]:
        """Lint ``chunk`` in order: per file (diagnostics, error or None, (path, text) or None)."""
        from compiler.lint import lint_file, project_for

        from compiler.source import no_gc

        with no_gc():  # the trees of a whole project stay alive: collector passes over them
            return self._lint(chunk, lint_file, project_for)  # cost more than the lint

    def _lint(self, chunk: list[str], lint_file, project_for) -> list[tuple]:
        results: list[tuple] = []
        projects: dict = {}
        for path in chunk:
            try:
                source, where, config = self.settings(path)
            except (files.InputError, C.ConfigError) as exc:
                results.append(([], str(exc), None))
                continue
            fallback = next((d for d in self.linted_dirs if _inside(where, d)), None)
            try:
                project = project_for(where, config, projects, fallback)
                found = lint_file(source.text, source.path, project=project, config=config)
            except Exception as exc:  # a bug in alc: one line, not a traceback
                results.append(([], internal_error(path, exc), None))
                continue
            results.append((found, None, (source.path, source.text if self.keep_sources else "")))
        return results

    def projects_of(self, found: list[str]) -> list | None:
        """The project root of each file, when every file's result is independent of the
        files linted before it; else None.

        A project's scripts are every script below its root, plus the linted files outside
        it that were linted before the project was first looked at: only when every linted
        file is one of the former does the order not matter.
        """
        from compiler.lint import project_for
        from compiler.model.project import MAX_FILES

        members: dict = {}
        roots: list = []
        for path in found:
            if path == files.STDIN:
                return None
            try:
                source, where, config = self.settings(path)
            except (files.InputError, C.ConfigError):
                roots.append(None)  # reported the same way by whichever worker reads it
                continue
            fallback = next((d for d in self.linted_dirs if _inside(where, d)), None)
            project = project_for(where, config, {}, fallback)
            if project.root is None:
                return None
            if project.root not in members:
                scripts = files.discover([str(project.root)])[0][:MAX_FILES]
                members[project.root] = {os.path.realpath(p) for p in scripts}
            if os.path.realpath(source.path) not in members[project.root]:
                return None
            roots.append(project.root)
        return roots


_SHARED: _Run | None = None  # the run, as the forked workers inherit it


def _lint_files(chunk: list[str]) -> list[tuple]:
    return _SHARED.lint(chunk)


def _groups(found: list[str], roots: list, jobs: int) -> list[list[int]]:
    """File indexes in ``jobs`` groups of whole projects, of about equal size in bytes.

    Every file needs its whole project read (the cross-file checks), so a project is linted
    by one worker: work spreads across projects, not within one.
    """
    by_root: dict = {}
    for index, root in enumerate(roots):
        by_root.setdefault(root, []).append(index)
    weights = []
    for indexes in by_root.values():
        size = 0
        for index in indexes:
            try:
                size += os.path.getsize(found[index])
            except OSError:
                size += 1
        weights.append((size, indexes))
    buckets: list[tuple[int, list[int]]] = [(0, []) for _ in range(jobs)]
    for size, indexes in sorted(weights, key=lambda w: -w[0]):
        buckets.sort(key=lambda b: b[0])
        buckets[0] = (buckets[0][0] + size, buckets[0][1] + indexes)
    return [sorted(indexes) for _, indexes in buckets if indexes]


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
    found, errors = files.discover(paths, files.SCRIPT_SUFFIXES + files.SPEC_SUFFIXES)
    try:
        fixed = C.load(config_file) if config_file else None
    except C.ConfigError as exc:
        _err(str(exc))
        return 2
    run = _Run(paths, fixed, split_values(select), split_values(ignore), root, stdin_filename,
               keep_sources=format == "text")
    jobs = default_jobs() if jobs is None else jobs
    roots = run.projects_of(found) if _parallel(found, jobs) else None
    groups = _groups(found, roots, jobs) if roots is not None else []
    if len(groups) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        global _SHARED
        _SHARED = run
        results: list = [None] * len(found)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=len(groups), mp_context=context) as pool:
            chunks = [[found[i] for i in group] for group in groups]
            for group, part in zip(groups, pool.map(_lint_files, chunks)):
                for index, result in zip(group, part):
                    results[index] = result
    else:
        results = run.lint(found)
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
