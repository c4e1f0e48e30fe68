"""What a rule sees: the file, its tree and model, the project and the configuration."""

from __future__ import annotations

from typing import Any, Iterable

from compiler.config import Config
from compiler.model.project import Project
from compiler.model.script import ScriptModel
from compiler.record import field, record
from compiler.source import SourceText, Span
from compiler.syntax.tree import Script


@record
class Context:
    path: str
    script: Script
    model: ScriptModel
    project: Project
    config: Config = field(default_factory=Config)
    # While `alc lint` reads a project in one pass, the project's facts are not complete:
    # the parts of findings that need them are kept here, as (rule, data), and finished
    # (``Rule.finish(data, facts)``) once every script of the project is summarized.
    deferred: list[tuple[Any, Any]] | None = None
    _source: SourceText | None = field(default=None, repr=False)

    @property
    def source(self) -> SourceText:
        """The file's lines (made on first use: only rules that build fixes ask)."""
        if self._source is None:
            self._source = SourceText(self.script.text)
        return self._source

    def text_at(self, span: Span) -> str:
        return self.script.text[span.start:span.end]

    def later(self, rule, data) -> Iterable:
        """The findings ``rule.finish(data, facts)`` gives with the project's facts: now
        when they are known, else after the whole project is read (nothing now).  ``data``
        must be plain, small, picklable (no tree)."""
        if self.deferred is not None:
            self.deferred.append((rule, data))
            return ()
        return rule.finish(data, self.project.facts)
