"""The work of `alc lint`, without typer: `alc lint` of a small file never imports it.

``lint_paths`` returns the exit status; ``compiler.cli.lint`` (typer) and the fast path of
``compiler.cli.app.run`` both call it.  With ``jobs`` > 1 and enough input, files are linted
in worker processes (``compiler.cli.parallel``), so the output is the same as with one job.
`--fix` and `--diff` go on in ``compiler.cli.lint_fix``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

from compiler import config as C
from compiler import files
from compiler.cli import parallel
from compiler.cli.errors import internal_error
from compiler.diagnostics import SORT_KEY, Diagnostic

FORMATS = ("text", "concise", "json", "sarif", "github")
COLORS = ("auto", "always", "never")


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


class Linted(NamedTuple):
    """One file of a run: its findings (``lint.Pending`` until the project's facts are in),
    one-line errors, (path shown, text read or "") when it was read, its project's root (with
    the files named, for a project of those: ``Project.named``) and its summary."""

    found: object
    errors: list[str]
    source: tuple[str, str] | None
    root: Path | None
    summary: object
    key: tuple | None = None  # (real path, text digest, configuration key, stat) of its cache record


class Run:
    """What every file of one run shares (and what a worker process needs)."""

    def __init__(self, paths, fixed, select, ignore, root, stdin_filename, keep_sources,
                 exclude=None, extend_exclude=(), cache=None) -> None:
        # (the folder as given, resolved once): the project fallback of the files below it
        self.linted_dirs = [(Path(p), Path(p).resolve()) for p in paths
                            if p != files.STDIN and Path(p).is_dir()]
        # The files named (real paths), outside the folders named: their project, when no
        # marker gives one, is these files (``lint.project_for``).
        self.named = tuple(dict.fromkeys(
            os.path.realpath(p) for p in paths if p != files.STDIN and not files.is_spec(p) and not Path(p).is_dir()
            and not any(_inside(Path(p).resolve(), resolved) for _d, resolved in self.linted_dirs)))
        self.configs: dict[Path, C.Config | C.ConfigError] = {}  # folder -> its configuration
        self.merged: dict[tuple, tuple] = {}  # (id of a folder's config, ignores) -> (merged, it)
        self.config_keys: dict[int, tuple] = {}  # id of a config -> (it, cache.config_key)
        self.fixed = fixed
        self.select = select
        self.ignore = ignore
        self.root = root.resolve() if root is not None else None
        self.stdin_filename = stdin_filename
        self.keep_sources = keep_sources
        self.exclude = exclude  # --exclude (None: the configuration's)
        self.extend_exclude = list(extend_exclude)
        # Texts that replace what is on disk: `--fix` lints its fixed texts again.  Worker
        # processes are forked, so they see what is here when they start.
        self.texts: dict[str, str] = {}
        self.real_folders: dict[str, str] = {}  # folder as named -> its real path
        self.cache = cache  # compiler.cache.Store, or None (--no-cache)
        self.pending_only = False  # --fix: a cached script's findings as lint.Pending

    def where(self, path: str) -> Path:
        """The place a file stands for configuration and projects: standard input stands
        where --stdin-filename says (in the working folder without it)."""
        if path == files.STDIN:
            return Path(self.stdin_filename if self.stdin_filename != files.STDIN else ".").resolve()
        if os.path.islink(path):
            return Path(path).resolve()
        # Path.resolve of the file, with each folder's real path worked out once per run.
        folder, name = os.path.split(path)
        real = self.real_folders.get(folder)
        if real is None:
            real = self.real_folders[folder] = os.path.realpath(folder)
        return Path(real, name)

    def config_of(self, where: Path) -> C.Config:
        if self.fixed is not None:
            return self.fixed
        folder = where if where.is_dir() else where.parent
        return self.folder_config(folder)

    def settings(self, path: str):
        """(input, where, config) of one file; raises InputError / ConfigError."""
        if path in self.texts:
            shown = self.stdin_filename if path == files.STDIN else path
            source = files.Input(shown, self.texts[path])
        else:
            source = files.read(path, self.stdin_filename)
        where = self.where(path)
        return source, where, self.file_config(path, where)

    def file_config(self, path: str, where: Path) -> C.Config:
        """The effective configuration of one file; raises ConfigError."""
        config = self.config_of(where) if path == files.STDIN or self.fixed is not None \
            else self.folder_config(where.parent)
        ignored = config.ignored_in(where) if config.per_file_ignores else []
        memo = (id(config), tuple(ignored))  # the files of a folder share one merged config
        found = self.merged.get(memo)
        if found is None or found[1] is not config:
            merged = config.merged(self.select, self.ignore + ignored)
            if self.root is not None:
                merged.root = self.root
            found = self.merged[memo] = (merged, config)  # config kept: its id stays its own
        return found[0]

    def config_key(self, config: C.Config) -> str:
        """``cache.config_key``, once per configuration object in a run (``file_config``
        gives the files of a folder the same one)."""
        from compiler import cache as K

        found = self.config_keys.get(id(config))
        if found is None or found[0] is not config:
            found = self.config_keys[id(config)] = (config, K.config_key(config))
        return found[1]

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

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        """Is ``path`` left out by the `exclude` patterns of its configuration (and of the
        command line)?  An invalid configuration excludes nothing: linting says what is wrong."""
        where = Path(os.path.abspath(path))
        try:  # the parent is a folder of the walk: no is_dir as config_of makes for any path
            config = self.fixed if self.fixed is not None else self.folder_config(where.parent)
        except C.ConfigError:
            return False
        patterns = config.excludes(self.exclude, self.extend_exclude)
        base = config.base
        return any(C.matches(pattern, where, base) for pattern in patterns)

    def excluded_named(self, path: str) -> bool:
        """--force-exclude: is a path named on the command line, or a folder above it below its
        configuration's folder, left out by the patterns?"""
        where = Path(os.path.abspath(path))
        try:
            config = self.config_of(where if where.is_dir() else where.parent)
        except C.ConfigError:
            return False
        patterns = config.excludes(self.exclude, self.extend_exclude)
        base = config.base
        candidate = where
        while True:
            if any(C.matches(pattern, candidate, base) for pattern in patterns):
                return True
            parent = candidate.parent
            if parent == candidate or parent == base or not _inside(parent, base):
                return False
            candidate = parent

    def lint(self, chunk: list[str], cached_only: bool = False) -> list[Linted | None]:
        """Lint ``chunk`` in order, in one pass.  Findings that need the project's facts
        wait in the pending ones (``finish_all``).  ``cached_only``: the files the cache
        answers, None for the others."""
        from compiler.lint import begin_file, project_for, suppression_errors

        results: list[Linted] = []
        projects: dict = {}
        roots: dict = {}  # folder -> project root, found once per folder in this run
        for path in chunk:
            info = None
            if self.cache is not None and path != files.STDIN and path not in self.texts:
                try:
                    info = os.stat(path)  # before the file is read: what the record stands for
                except OSError:
                    pass  # reported as the file is read
            # A script the cache answers is not read, but with --fix (which needs every text): the
            # text report reads the lines of its findings afterwards (``read_shown``; a second
            # run over 1,000,000 lines with the text report: 1.61 -> 1.49 s, median of 5
            # interleaved at a load of 1.2).
            if info is not None and not self.pending_only and not files.is_spec(path):
                entry = self._unread(path, info, projects, roots)
                if entry is not None:
                    results.append(entry)
                    continue
            try:
                source, where, config = self.settings(path)
            except (files.InputError, C.ConfigError) as exc:
                results.append(Linted([], [str(exc)], None, None, None))
                continue
            fallback = next((d for d, resolved in self.linted_dirs if _inside(where, resolved)), None)
            try:
                project = project_for(where, config, projects, fallback, roots, self.named)
                key = hit = None
                if info is not None and not files.is_spec(source.path):
                    key, hit = self._cached(str(where), source, config, info)
                if hit is not None:
                    found, summary = hit
                elif cached_only:
                    results.append(None)
                    continue
                else:
                    found, summary = begin_file(source.text, source.path, project, config)
                errors = suppression_errors(source.text, source.path)
            except Exception as exc:  # a bug in alc: one line, not a traceback
                results.append(Linted([], [internal_error(path, exc)], None, None, None))
                continue
            results.append(Linted(found, errors, (source.path, source.text if self.keep_sources else ""),
                                  project.root if project.named is None else (project.root, project.named),
                                  summary, key))
        return results

    def _unread(self, path: str, info: os.stat_result, projects: dict, roots: dict) -> Linted | None:
        """A script the cache answers without reading the file (``cache.lint.unread``), when
        its text is not needed (the text report and --fix show it), else None."""
        from compiler import cache as K
        from compiler.cache import lint as cached
        from compiler.lint import project_for

        try:
            where = self.where(path)
            config = self.file_config(path, where)
            found = cached.unread(self.cache, str(where), info, self.config_key(config), path, config)
            if found is None:
                return None
            fallback = next((d for d, resolved in self.linted_dirs if _inside(where, resolved)), None)
            project = project_for(where, config, projects, fallback, roots, self.named)
        except Exception:  # read as usual: that reports what is wrong
            return None
        hit, summary, key, errors = found
        return Linted(hit, errors, (path, ""),
                      project.root if project.named is None else (project.root, project.named), summary, key)

    def _cached(self, real: str, source, config, info: os.stat_result) -> tuple:
        """(the key of the script's record, (its findings, its summary) from the cache or
        None).  With `--fix` the findings are pending ones: fixing finishes them again."""
        from compiler import cache as K
        from compiler.cache import lint as cached

        key = (real, K.digest(source.text), self.config_key(config), K.stat_key(info))
        hit = cached.lookup(self.cache, *key[:3], source.path, config)
        if hit is not None and self.pending_only:
            hit = (cached.pending(hit[0]), hit[1])
        return key, hit


def read_shown(diagnostics: list[Diagnostic], sources: dict[str, str]) -> None:
    """The texts of the scripts the cache answered unread (kept as ""), read now for the
    lines the text report shows, only where a finding is.  A file that cannot be read now is
    shown without its lines (its findings are the cache's, for the text it had)."""
    for path in {d.path for d in diagnostics}:
        if sources.get(path) == "":
            try:
                sources[path] = files.read(path).text
            except files.InputError:
                pass


def finish_all(results: list[Linted], cache=None, keep: bool = True) -> list[Linted]:
    """Give each project the summaries of its linted scripts, then finish every pending
    file's findings with its project's facts (the project's scripts that were not linted are
    read now, one at a time).  ``results`` keep their pending findings: `--fix` finishes
    them again after each round.  ``cache``: where the summaries of the scripts not linted
    are read (and kept), and, with ``keep``, the linted scripts' records are written."""
    from compiler.lint import Pending, finish
    from compiler.model.project import Project

    projects: dict = {}
    for entry in results:
        if entry.summary is not None:
            project = projects.get(entry.root)
            if project is None:
                root, named = entry.root if isinstance(entry.root, tuple) else (entry.root, None)
                project = projects[entry.root] = Project(root, cache=cache, named=named)
            real = entry.key[0] if entry.key is not None else os.path.realpath(entry.source[0])
            project.add_summary(real, entry.summary)
    # Project root -> the key of its facts (compiler.cache.lint); None in a run of a few
    # files, which finishes them without it (``FEW_FILES``).
    facts_keys: dict | None = {}
    if sum(1 for entry in results if entry.key is not None) <= FEW_FILES:
        facts_keys = None
    done = []
    for entry in results:
        found, errors = entry.found, entry.errors
        try:
            if entry.key is not None and cache is not None and keep:
                found = _finish_cached(entry, projects[entry.root], facts_keys, cache)
            elif isinstance(found, Pending):
                found = finish(found, projects[entry.root].facts)
        except Exception as exc:  # a bug in alc: one line, not a traceback
            found, errors = [], errors + [internal_error(entry.source[0], exc)]
        done.append(entry._replace(found=found, errors=errors))
    return done


# A run of at most this many files to lint (pre-commit: `alc lint FILE`) finishes them
# without the key of their project's facts, and keeps their records without one: working it
# out sorts and hashes every name of the project (12 ms of `alc lint FILE` in a project of
# 1,000 files), more than finishing a few files' pending findings again (under a
# millisecond each) here or in a later run.
FEW_FILES = 8


def _finish_cached(entry: Linted, project, facts_keys: dict | None, cache) -> list:
    """The findings of a script the cache knows, or that it will keep: finished as the
    record has them when the project's facts are the same, else finished now (and kept).
    Without ``facts_keys`` (a run of a few files): finished now, kept only when linted now."""
    from compiler.cache import lint as cached
    from compiler.lint import Pending, finish

    facts = project.facts
    facts_key = None
    if facts_keys is not None:
        facts_key = facts_keys.get(entry.root)
        if facts_key is None:
            facts_key = facts_keys[entry.root] = cached.facts_key(facts)
    found = entry.found
    if isinstance(found, cached.Hit):
        if facts_key is None:
            return finish(cached.pending(found), facts)  # its record stays as it is
        if found.facts == facts_key and found.finished is not None:
            return cached.finished(found)
        payload = found.payload
        found = cached.pending(found)
    elif isinstance(found, Pending):
        payload = cached.payload(found)
    else:
        return found
    done = finish(found, facts)
    cached.write(cache, entry.key, entry.summary, payload, facts_key, done, entry.source[0], entry.errors)
    return done


def _store(fixed):
    from compiler import cache

    return cache.store(fixed)


def lint_paths(paths: list[str], format: str | None = None, select: list[str] | None = None,
               ignore: list[str] | None = None, config_file: Path | None = None,
               root: Path | None = None, exit_zero: bool = False, stdin_filename: str = "-",
               jobs: int | None = None, *, fix: bool = False, unsafe_fixes: bool = False,
               diff: bool = False, fix_only: bool = False, exit_non_zero_on_fix: bool = False,
               statistics: bool = False, color: str = "auto", exclude: list[str] | None = None,
               extend_exclude: list[str] | None = None, force_exclude: bool = False,
               show_fixes: bool = False, no_cache: bool = False) -> int:
    """Lint ``paths``, write the report (or, with ``fix``/``diff``, fix), and return the
    exit status."""
    from compiler import codes

    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    select, ignore = split_values(select), split_values(ignore)
    for option, values in (("--select", select), ("--ignore", ignore)):
        message = codes.check_selectors(values)
        if message is not None:
            _err(f"{option}: {message}")
            return 2
    if root is not None and not root.is_dir():
        _err(f"--root {root}: {'not a folder' if root.exists() else 'no such folder'}")
        return 2
    try:
        fixed = C.load(config_file) if config_file else None
    except C.ConfigError as exc:
        _err(str(exc))
        return 2
    fixing = fix or fix_only or diff
    run = Run(paths, fixed, select, ignore, root, stdin_filename,
               keep_sources=format == "text" or fixing,
               exclude=split_values(exclude) if exclude is not None else None,
               extend_exclude=split_values(extend_exclude),
               cache=None if no_cache else _store(fixed))
    run.pending_only = fixing
    if force_exclude:  # the patterns apply to the paths named too (pre-commit names every file)
        paths = [p for p in paths if p == files.STDIN or not run.excluded_named(p)]
    found, errors = files.discover(paths, files.SCRIPT_SUFFIXES + files.SPEC_SUFFIXES, run.excluded,
                                   named_non_specs=force_exclude)
    notes: list[str] = []
    if fixing:
        found = list(dict.fromkeys(found))  # a file named twice is fixed (and written) once
        # A link met in a folder walk is never written through (`alc fmt` does the same).
        found, outside = files.skip_walked_links(paths, found)
        notes = [f"{link}: not fixed: a link to {target}, outside {folder}" for link, target, folder in outside]
    jobs = parallel.default_jobs() if jobs is None else jobs
    # Files of one project may go to different workers: each returns, with its findings,
    # the summaries of its files, and the project's facts are put together here.
    if run.cache is not None and jobs > 1 and len(found) > 1 and files.STDIN not in found \
            and run.cache.folder.is_dir():
        # What the cache answers is read here: only the other files go to worker processes
        # (shipping cached results back from workers costs more than reading them).  An
        # empty cache (no folder for this code yet) answers nothing: a cold run does not read
        # and hash every file here first, while the workers wait (+9-18% wall time of a cold
        # run over 1,000,000 lines on 2 cores, with the same CPU time).
        results = run.lint(found, cached_only=True)
        rest = iter(parallel.run_chunks(run.lint, [p for p, r in zip(found, results) if r is None], jobs))
        results = [next(rest) if r is None else r for r in results]
    else:
        results = parallel.run_chunks(run.lint, found, jobs)
    outcome = None
    if fixing:
        from compiler.cli import lint_fix

        outcome = lint_fix.fix_run(run, found, results, unsafe_fixes, jobs)
        results = outcome.results
    done = finish_all(results, run.cache)

    diagnostics: list[Diagnostic] = []
    sources: dict[str, str] = {}
    linted = 0
    for entry in done:  # in file order, as one job gives them
        diagnostics.extend(entry.found)
        errors.extend(entry.errors)
        if entry.source is not None:
            linted += 1
            sources[entry.source[0]] = entry.source[1]
    diagnostics.sort(key=SORT_KEY)
    if format == "text" and not fixing:
        read_shown(diagnostics, sources)

    if outcome is not None:
        from compiler.cli import lint_fix

        errors.extend(outcome.errors)
        errors.extend(lint_fix.write(outcome, diff, found, stdin_filename))
        if diff or fix_only:
            if show_fixes:
                sys.stderr.write(outcome.show())
            for message in notes:
                sys.stderr.write(f"alc: {message}\n")
            return lint_fix.finish_quietly(outcome, errors, diff, exit_non_zero_on_fix, _err)

    # The report goes to stderr when stdout holds the fixed standard input.
    out = sys.stderr if outcome is not None and files.STDIN in outcome.changed else sys.stdout
    if show_fixes and outcome is not None and format in ("text", "concise"):
        out.write(outcome.show())
    _report(out, format, diagnostics, sources, linted, errors, statistics, color, unsafe_fixes, outcome)
    for message in notes:
        sys.stderr.write(f"alc: {message}\n")
    for message in errors:
        _err(message)
    if errors:
        return 2
    if outcome is not None and exit_non_zero_on_fix and outcome.fixed_count:
        return 1
    return 1 if diagnostics and not exit_zero else 0


def _report(out, format: str, diagnostics: list[Diagnostic], sources: dict[str, str], linted: int,
            errors: list[str], statistics: bool, color: str, unsafe: bool, outcome) -> None:
    from compiler.report.style import Style, wanted
    from compiler.report.text import Totals

    totals = Totals(linted, unsafe, outcome is not None,
                    outcome.fixed_count if outcome else 0, outcome.fixed_files if outcome else 0)
    style = Style(format in ("text", "concise") and wanted(color, out))
    if statistics:
        from compiler.report import statistics as stats

        if format == "json":
            out.write(stats.render_json(diagnostics, unsafe))
        else:
            out.write(stats.render_text(diagnostics, totals, Style(wanted(color, out))))
    elif format == "json":
        from compiler.report import json as json_report
        out.write(json_report.render(diagnostics))
    elif format == "sarif":
        from compiler.report import sarif as sarif_report
        out.write(sarif_report.render(diagnostics))
    elif format == "github":
        from compiler.report import github as github_report
        out.write(github_report.render(diagnostics))
    elif format == "concise":
        from compiler.report import concise
        if linted or not errors:
            out.write(concise.render(diagnostics, totals, style))
    elif linted or not errors:
        from compiler.report import text as text_report
        out.write(text_report.render(diagnostics, sources, totals, style))
    out.flush()
