"""What a rule sees: the file, its tree and model, the project and the configuration."""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.config import Config
from compiler.model.project import Project
from compiler.model.script import ScriptModel
from compiler.source import Span
from compiler.syntax.tree import Script


@dataclass
class Context:
    path: str
    script: Script
    model: ScriptModel
    project: Project
    config: Config = field(default_factory=Config)

    def line_of(self, span: Span) -> int:
        return span.line
