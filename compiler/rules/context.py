"""What a rule sees: the file, its tree and model, the project and the configuration."""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.config import Config
from compiler.model.project import Project
from compiler.model.script import ScriptModel
from compiler.syntax.tree import Script


@dataclass
class Context:
    path: str
    script: Script
    model: ScriptModel
    project: Project
    config: Config = field(default_factory=Config)

    def models(self) -> list[ScriptModel]:
        """This script's model and those of the project's other scripts, each once."""
        return list({id(m): m for m in [self.model, *self.project.scripts]}.values())
