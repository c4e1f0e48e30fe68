"""The projects of the open documents, as `alc lint` sees them, kept between changes.

A change to one script parses that script again and nothing else: the other scripts of its
project are known by their summaries (``compiler.model.summary``), read from disk once and
again only when the file changes there (its modification time), and an open script's
summary comes from its last lint.  The project's facts are put together from the
summaries in the order `alc lint ROOT` reads them, so the findings are the same.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from compiler import config as C
from compiler import files as F
from compiler.lint import project_for
from compiler.model.project import MAX_FILES, Project
from compiler.model.summary import Facts, Summary


def summary_of_file(path: str) -> Summary | None:
    """The summary of a script on disk (None if it cannot be read)."""
    from compiler.model import script as M
    from compiler.model.summary import summarize
    from compiler.source import no_gc
    from compiler.syntax.parser import parse

    try:
        text = F.read(path).text
    except F.InputError:
        return None
    with no_gc():
        return summarize(M.build(parse(text, path)), path)


def file_stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@dataclass
class ProjectState:
    """One project: its scripts (found once), their summaries as on disk, and those of the
    open documents."""

    root: Path | None
    project: Project  # what the rules see (the root, its files)
    scripts: list[str] | None = None  # as `alc lint ROOT` finds them, in its order
    disk: dict[str, tuple[tuple[int, int] | None, Summary | None]] = field(default_factory=dict)
    open: dict[str, Summary] = field(default_factory=dict)  # real path -> an open script's summary

    def discovered(self) -> list[str]:
        if self.scripts is None:
            self.scripts = F.discover([str(self.root)])[0][:MAX_FILES] if self.root is not None else []
        return self.scripts

    def on_disk(self, path: str, key: str) -> Summary | None:
        """The summary of a script as on disk, read again only when the file changed."""
        stamp = file_stamp(path)
        known = self.disk.get(key)
        if known is not None and known[0] == stamp:
            return known[1]
        summary = summary_of_file(path)
        self.disk[key] = (stamp, summary)
        return summary

    def facts(self) -> Facts:
        """The project's facts, from the open scripts' summaries and the others' on disk."""
        return self.project.facts_of(self.summaries())

    def summaries(self) -> list[tuple[str, Summary]]:
        """(real path, summary) of every script of the project, in `alc lint ROOT`'s order,
        then the open scripts from outside it (as ``Project.summaries``)."""
        found = []
        present = set()
        for path in self.discovered():
            key = os.path.realpath(path)
            summary = self.open.get(key)
            if summary is None:
                summary = self.on_disk(path, key)
                if summary is None:
                    continue
            elif summary.path != path:
                summary = summary._replace(path=path)  # named as the walk names it
            if key not in present:
                present.add(key)
                found.append((key, summary))
        found.extend((key, s) for key, s in self.open.items() if key not in present)
        return found


class Workspace:
    """The projects of the documents, by root, and the configuration of each folder."""

    def __init__(self) -> None:
        self.folders: list[Path] = []  # the editor's workspace folders
        self.documents: dict = {}  # URI -> the open Document
        self.states: dict[Path | None, ProjectState] = {}
        self._projects: dict[Path, Project] = {}

    def config(self, path: str | None) -> C.Config:
        """The configuration of a document (raises ConfigError for an invalid file)."""
        if path is None:
            return C.Config()
        return C.for_folder(Path(path).resolve().parent)

    def state(self, path: str | None, config: C.Config) -> ProjectState:
        """The project of a document: the root alc lint would give it, with the workspace
        folder that holds it as the linted folder."""
        if path is None:
            key = None
            project = Project(None)
        else:
            where = Path(path).resolve()
            fallback = next((f for f in self.folders if where.is_relative_to(f)), None)
            project = project_for(where, config, self._projects, fallback)
            key = project.root
        state = self.states.get(key)
        if state is None or state.project is not project:
            state = self.states[key] = ProjectState(key, project, disk=state.disk if state else {},
                                                    open=state.open if state else {})
        return state

    def project_of(self, path: str | None) -> ProjectState | None:
        """The project of a document, None while its configuration is invalid (that is
        reported on the document by its lint)."""
        try:
            return self.state(path, self.config(path))
        except C.ConfigError:
            return None

    def open_document(self, path: str):
        """The open document of a file, if the editor has it open."""
        from compiler.server.documents import uri_to_path

        real = os.path.realpath(path)
        for doc in self.documents.values():
            mine = uri_to_path(doc.uri)
            if mine is not None and os.path.realpath(mine) == real:
                return doc
        return None

    def files_changed(self) -> None:
        """Scripts were created or deleted: every project finds its files again."""
        self._projects.clear()
        for state in self.states.values():
            state.scripts = None

    def config_changed(self) -> None:
        C.for_folder.cache_clear()
        self.files_changed()
