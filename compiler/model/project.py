"""The project a script belongs to: the other scripts it may read variables from or process.

Deployment scripts are split over many files (one sets variables, others read them, a main
script `process`es the rest), so some checks look at the whole project: every `.al` file
below the project root.  The root is the folder given with `--root` or in the config, else
the nearest folder above the file holding `.alc.toml`, `pyproject.toml` or `.git`, else the
folder that was linted; files named on the command line with none of these are a project of
their own (``Project.named``), not every script below their folder.
"""

from __future__ import annotations

import itertools

import os
from functools import cached_property
from pathlib import Path

from compiler import files as F
from compiler.model import script as M
from compiler.model import summary as S
from compiler.record import field, record
from compiler.syntax.parser import parse

MARKERS = (".alc.toml", "pyproject.toml", ".git")
MAX_FILES = 5000  # a project larger than this is not scanned for cross-file facts
# The project's pack of summaries is written again when more than this many files of a run
# were not in it (each costs a record read, ~0.06 ms; writing the pack of 1,000, ~15 ms).
PACK_AGAIN = 32


def find_root(path: Path, memo: dict[Path, Path | None] | None = None) -> Path | None:
    """The nearest folder at or above ``path`` that holds a project marker.  ``memo``
    (folder -> root) spares a run over many files the same marker checks for every file."""
    folder = path if path.is_dir() else path.parent
    seen = []
    found = None
    for candidate in itertools.chain((folder,), folder.parents):  # lazily: a memo hit is near
        if memo is not None and candidate in memo:
            found = memo[candidate]
            break
        seen.append(candidate)
        if any((candidate / marker).exists() for marker in MARKERS):
            found = candidate
            break
    if memo is not None:
        for candidate in seen:
            memo[candidate] = found
    return found


@record
class Project:
    """The scripts below ``root``, as summaries: no tree of another file stays alive.

    ``add`` records the summary of a file that is being linted (from the parse the lint
    made); ``facts`` summarizes the project's other scripts, one parse at a time.
    """

    root: Path | None
    _summaries: dict[str, S.Summary] = field(default_factory=dict)
    cache: object = None  # compiler.cache.Store: where the other scripts' summaries are kept
    # The files named on the command line when no marker says where the project is (their
    # real paths): the project is those files, below ``root``, their common folder.
    named: tuple[str, ...] | None = None

    def add(self, path: str, model: M.ScriptModel) -> None:
        self.add_summary(os.path.realpath(path), S.summarize(model, path))

    def add_summary(self, key: str, summary: S.Summary) -> None:
        self._summaries[key] = summary

    @cached_property
    def files(self) -> list[Path]:
        """Every file below the root (any extension), hidden folders skipped."""
        if self.root is None:
            return []
        if self.named is not None:
            return [Path(p) for p in self.named]
        found: list[Path] = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(folder) / n for n in sorted(names))
            if len(found) > MAX_FILES * 4:
                break
        return found

    @cached_property
    def summaries(self) -> list[tuple[str, S.Summary]]:
        """(real path, summary) of every script of the project: those below the root, in
        the order `alc lint ROOT` lints them, then the files added from outside it."""
        found = []
        # The same walk as `alc lint DIR`: no hidden folders, pipes, devices or looping links.
        if self.named is not None:
            scripts = list(self.named)
        else:
            scripts = F.discover([str(self.root)])[0][:MAX_FILES] if self.root is not None else []
        present = set()
        folders: dict[str, str] = {}  # folder -> its real path
        # The summaries packed in one file after an earlier run (``compiler.cache.pack``),
        # and what this run can pack: (stat, summary) of the files it looked up.
        pack_root = None
        packed: dict = {}
        packing: dict = {}
        if self.cache is not None and self.named is None and self.root is not None:
            pack_root = os.path.abspath(self.root)
            packed = self.cache.read_summaries(pack_root)
        for path in scripts:
            key = self._real(str(path), folders)
            summary = self._summaries.get(key)
            if summary is None:
                summary = self._summary(key, str(path), packed, packing)
                if summary is None:
                    continue  # unreadable files are reported when they are linted themselves
            elif summary.path != str(path) and self.named is None:
                summary = summary._replace(path=str(path))  # named as the walk names it
            if key not in present:
                present.add(key)
                found.append((key, summary))
        found.extend((key, s) for key, s in self._summaries.items() if key not in present)
        if pack_root is not None and packing and (not packed or sum(
                packed.get(key) is not entry for key, entry in packing.items()) > PACK_AGAIN):
            self.cache.write_summaries(pack_root, packing)
        return found

    @staticmethod
    def _real(path: str, folders: dict[str, str]) -> str:
        """``os.path.realpath(path)``, with the real path of each folder worked out once."""
        if os.path.islink(path):
            return os.path.realpath(path)
        folder, name = os.path.split(path)
        real = folders.get(folder)
        if real is None:
            real = folders[folder] = os.path.realpath(folder)
        return os.path.join(real, name)

    def _summary(self, key: str, path: str, packed: dict | None = None,
                 packing: dict | None = None) -> S.Summary | None:
        """The summary of a script not linted in this run (None when it cannot be read): from
        the cache when the file is the one cached (its size, inode and times: in the
        project's pack, else in its record; else its text's hash), else parsed (and kept
        there).  ``packing`` gets (stat, summary) of the file."""
        info = None
        if self.cache is not None:
            try:
                info = os.stat(path)  # before the file is read: what the record stands for
            except OSError:
                pass
            if info is not None:
                from compiler import cache as K

                entry = packed.get(key) if packed else None
                if entry is not None and K.same_file(entry[0], info):
                    summary = entry[1]
                    packing[key] = entry
                else:
                    summary = self.cache.summary_hit(key, None, info)
                    if summary is None:
                        summary = self._read_summary(key, path, info)
                    if summary is not None and packing is not None:
                        packing[key] = (K.stat_key(info), summary)
                if summary is not None and summary.path != path:
                    summary = summary._replace(path=path)
                return summary
        return self._read_summary(key, path, info)

    def _read_summary(self, key: str, path: str, info) -> S.Summary | None:
        """The summary of a script read: from the cache by its text's hash, else parsed."""
        try:
            text = F.read(path).text
        except F.InputError:
            return None
        if self.cache is None:
            return S.summarize(M.build(parse(text, path)), path)
        from compiler import cache as K

        text_digest = K.digest(text)
        summary = self.cache.summary_hit(key, text_digest, info)
        if summary is not None:
            return summary._replace(path=path) if summary.path != path else summary
        summary = S.summarize(M.build(parse(text, path)), path)
        self.cache.write(K.LINT, key, K.lint_record(text_digest, None, summary,
                                                    None if info is None else K.stat_key(info)))
        return summary

    @cached_property
    def facts(self) -> S.Facts:
        return self.facts_of(self.summaries)

    def facts_of(self, summaries: list[tuple[str, S.Summary]]) -> S.Facts:
        """The facts of these summaries, with what only the project's files tell (the
        `process !var/...` paths not in the folder the variable names)."""
        facts = S.Facts(summaries)
        facts.missing = self._missing(facts.prefixed)
        facts.layout = self
        return facts

    def _missing(self, prefixed: dict[str, frozenset[str]]) -> dict[tuple[str, str], str]:
        """The `process !var/tail` paths that are not in the project, for the variables whose
        folder the project shows: the folder below the root where most of the variable's
        paths are (at least 3 of them, and most of those found anywhere), as the node would
        resolve them (`!local_scripts` set to one folder, on a case-sensitive host)."""
        if self.root is None or not prefixed:
            return {}
        files = self.relative_files
        by_ending = self._by_ending  # (looked up here: a project has thousands of tails)
        missing: dict[tuple[str, str], str] = {}
        for name, tails in prefixed.items():
            votes: dict[str, int] = {}
            found = 0
            for tail in tails:
                holding = by_ending.get(tail)
                if not holding:
                    continue
                folders = {rel[:len(rel) - len(tail)].rstrip("/") for rel in holding}
                found += 1
                for folder in folders:
                    votes[folder] = votes.get(folder, 0) + 1
            if not votes:
                continue
            folder, count = max(sorted(votes.items()), key=lambda item: item[1])
            if count < 3 or count * 2 <= found:
                continue  # the project does not say where the variable points
            for tail in tails:
                if f"{folder}/{tail}".lstrip("/") not in files:
                    missing[(name, tail)] = folder
        return missing

    @cached_property
    def _by_ending(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for rel in sorted(self.relative_files):
            parts = rel.split("/")
            for i in range(len(parts)):
                out.setdefault("/".join(parts[i:]), []).append(rel)
        return out

    @property
    def defined(self) -> frozenset[str]:
        """Every variable some script of the project assigns."""
        return self.facts.defined

    @property
    def included_names(self) -> frozenset[str]:
        """File names that some script of the project runs with `process`."""
        return self.facts.included_names

    def is_included(self, path: str) -> bool:
        return Path(path).name in self.included_names

    @cached_property
    def relative_files(self) -> set[str]:
        """Project files as posix paths relative to the root (for `process` resolution)."""
        if self.root is None:
            return set()
        if self.named is not None:
            return {p.relative_to(self.root).as_posix() for p in self.files}
        # The walk's paths, as strings (a project may have thousands of files: pathlib's
        # relative_to costs more than the walk).
        root = str(self.root)
        found: set[str] = set()
        for folder, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            rel = os.path.relpath(folder, root).replace(os.sep, "/")
            found.update(names if rel == "." else (f"{rel}/{n}" for n in names))
            if len(found) > MAX_FILES * 4:
                break
        return found

    @cached_property
    def _endings(self) -> tuple[set[str], dict[str, str]]:
        """Every ending of a project file at a `/` (`c.al`, `b/c.al`, `a/b/c.al`), and the
        same in lower case -> the first file (sorted) with it: one lookup per `process`,
        not a scan of the project's files."""
        exact: set[str] = set()
        folded: dict[str, str] = {}
        for rel in sorted(self.relative_files):
            parts = rel.split("/")
            lower = rel.lower().split("/")
            for i in range(len(parts)):
                exact.add("/".join(parts[i:]))
                folded.setdefault("/".join(lower[i:]), rel)
        return exact, folded

    def has_file_ending(self, tail: str) -> bool:
        return tail.lstrip("/") in self._endings[0]

    def file_ending_ignoring_case(self, tail: str) -> str | None:
        return self._endings[1].get(tail.lstrip("/").lower())
