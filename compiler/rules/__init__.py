"""The rule registry: every rule is one small module below this package.

A rule is a class with a stable ``code`` (ALCnnn), a kebab-case ``name``, a default
``severity`` and its user documentation in the module docstring (What it does / Why it
matters / Example / Use instead, and Fix safety for a rule that offers fixes).  ``check(ctx)``
yields findings, each with a ``fix`` where one edit is right; rules never print.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from compiler.diagnostics import Fix
from compiler.record import record
from compiler.source import Span

if TYPE_CHECKING:
    from compiler.rules.context import Context


@record(frozen=True)
class Finding:
    span: Span
    message: str
    help: str | None = None
    fix: Fix | None = None


class Rule:
    code: str = ""
    name: str = ""
    severity: str = "error"
    summary: str = ""  # one line for `alc rules`
    embedded: bool = False  # also checks the command strings of `[config][script]` lists
    # The applicabilities of the fixes its findings may carry ("safe", "unsafe"): documented
    # in its docstring's "Fix safety" section.
    fixes: tuple[str, ...] = ()

    def check(self, ctx: "Context") -> Iterator[Finding]:  # pragma: no cover - interface
        raise NotImplementedError

    @classmethod
    def documentation(cls) -> str:
        module = importlib.import_module(cls.__module__)
        return (module.__doc__ or "").strip()


GROUPS = ("syntax", "flow", "variables", "commands", "deployment", "files", "meta")


@lru_cache(maxsize=1)
def registry() -> tuple[type[Rule], ...]:
    """All rules, ordered by code (found once: lint asks for every file)."""
    found: list[type[Rule]] = []
    for group in GROUPS:
        package = importlib.import_module(f"compiler.rules.{group}")
        for name in _modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{name}")
            for value in vars(module).values():
                if isinstance(value, type) and issubclass(value, Rule) and value is not Rule \
                        and value.__module__ == module.__name__:
                    found.append(value)
    found.sort(key=lambda r: r.code)
    return tuple(found)


def _modules(folders) -> list[str]:
    """The modules of a rule group: its ``.py`` files (a group holds nothing else).  Not
    ``pkgutil.iter_modules``, which imports ``inspect`` (about 4 ms of `alc lint FILE`)."""
    return sorted({name[:-3] for folder in folders for name in os.listdir(folder)
                   if name.endswith(".py") and name != "__init__.py"})


@lru_cache(maxsize=None)
def by_name() -> dict[str, type[Rule]]:
    """Rules by name and by code (callers only read it)."""
    table: dict[str, type[Rule]] = {}
    for rule in registry():
        table[rule.name] = rule
        table[rule.code] = rule
    return table


def lookup(name_or_code: str) -> type[Rule] | None:
    return by_name().get(name_or_code) or by_name().get(name_or_code.upper())


def code_of(name: str) -> str:
    rule = by_name().get(name)
    return rule.code if rule else name
