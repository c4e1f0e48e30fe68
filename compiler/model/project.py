"""The project a script belongs to: the other scripts it may read variables from or process.

Deployment scripts are split over many files (one sets variables, others read them, a main
script `process`es the rest), so some checks look at the whole project: every `.al` file
below the project root.  The root is the folder given with `--root` or in the config, else
the nearest folder above the file holding `.alc.toml`, `pyproject.toml` or `.git`, else the
folder that was linted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from compiler import files as F
from compiler.model import script as M
from compiler.syntax.parser import parse

MARKERS = (".alc.toml", "pyproject.toml", ".git")
MAX_FILES = 5000  # a project larger than this is not scanned for cross-file facts


def find_root(path: Path) -> Path | None:
    folder = path if path.is_dir() else path.parent
    for candidate in [folder, *folder.parents]:
        if any((candidate / marker).exists() for marker in MARKERS):
            return candidate
    return None


@dataclass
class Project:
    root: Path | None
    _models: dict[str, M.ScriptModel] = field(default_factory=dict)

    def add(self, path: str, model: M.ScriptModel) -> None:
        self._models[os.path.realpath(path)] = model

    @cached_property
    def files(self) -> list[Path]:
        """Every file below the root (any extension), hidden folders skipped."""
        if self.root is None:
            return []
        found: list[Path] = []
        for folder, dirs, names in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(folder) / n for n in sorted(names))
            if len(found) > MAX_FILES * 4:
                break
        return found

    @cached_property
    def scripts(self) -> list[M.ScriptModel]:
        models = []
        # The same walk as `alc lint DIR`: no hidden folders, pipes, devices or looping links.
        scripts = F.discover([str(self.root)])[0][:MAX_FILES] if self.root is not None else []
        for path in scripts:
            key = os.path.realpath(path)
            model = self._models.get(key)
            if model is None:
                try:
                    text = F.read(path).text
                except F.InputError:
                    continue  # unreadable files are reported when they are linted themselves
                model = M.build(parse(text, str(path)))
                self._models[key] = model
            models.append(model)
        # Files linted from outside the root.  Models of different files never compare equal
        # (their scripts' paths differ), so identity is the test, without a quadratic scan.
        present = {id(model) for model in models}
        for key, model in self._models.items():
            if id(model) not in present:
                present.add(id(model))
                models.append(model)
        return models

    @cached_property
    def defined(self) -> set[str]:
        """Every variable some script of the project assigns."""
        names: set[str] = set()
        for model in self.scripts:
            names.update(model.assignments)
        return names

    @cached_property
    def included_names(self) -> set[str]:
        """File names that some script of the project runs with `process`."""
        names = set()
        for model in self.scripts:
            for _stmt, node in model.processes:
                last = node.file[-1].value if node.file else ""
                if "!" not in last.rsplit("/", 1)[-1] and "$" not in last.rsplit("/", 1)[-1]:
                    names.add(last.rsplit("/", 1)[-1])
        return names

    def is_included(self, path: str) -> bool:
        return Path(path).name in self.included_names

    def invocations(self, *keys: str) -> list[M.Invocation]:
        return [inv for model in self.scripts for inv in model.commands(*keys)]

    @cached_property
    def relative_files(self) -> set[str]:
        """Project files as posix paths relative to the root (for `process` resolution)."""
        if self.root is None:
            return set()
        return {p.relative_to(self.root).as_posix() for p in self.files}

    def has_file_ending(self, tail: str) -> bool:
        tail = tail.lstrip("/")
        return any(rel == tail or rel.endswith("/" + tail) for rel in self.relative_files)

    def file_ending_ignoring_case(self, tail: str) -> str | None:
        tail = tail.lstrip("/").lower()
        for rel in sorted(self.relative_files):
            if rel.lower() == tail or rel.lower().endswith("/" + tail):
                return rel
        return None
