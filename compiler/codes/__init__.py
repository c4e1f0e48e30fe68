"""The one catalogue of every code alc can print: `alc rules` lists it, `alc explain` reads it,
and --select, --ignore, the configuration and suppressions are checked against it.

Codes are collected from the modules that define them, never listed twice: the lint rules
from their registry (``compiler.rules``), the spec checks and the conversion findings from
every ``Check`` the modules of ``compiler.spec`` and ``compiler.convert`` define.  A code
added there appears here at once; its explanation is in ``spec.py`` or ``convert.py`` of
this package (a test fails until it is written).

Lint rules are known without importing the spec and convert stages (which need yaml and
jsonschema): a plain `alc lint` checks its names against them first.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from compiler.record import record

# (group, the packages whose modules define its codes, its heading in `alc rules`)
GROUPS = (
    ("lint", (), "Script rules (alc lint)"),
    ("spec", ("compiler.spec",), "Spec checks (alc build, alc lint of a spec)"),
    ("convert", ("compiler.convert",), "Conversion findings (alc convert)"),
)


@record(frozen=True)
class Code:
    code: str
    name: str
    severity: str
    summary: str
    group: str  # lint | spec | convert
    fixes: tuple[str, ...] = ()  # the applicabilities of the fixes it may offer
    shared: bool = False  # a spec check that reports under a lint rule's code and name

    def documentation(self) -> str:
        """What it finds, why it matters, an example and what to write instead."""
        if self.group == "lint" or self.shared:
            from compiler import rules as R

            doc = R.lookup(self.code).documentation()
            side = _docs("spec", "SPEC_SIDE").get(self.name)
            return doc + "\n\n## In a spec\n" + side.strip() if side else doc
        return _docs(self.group, "DOCS").get(self.name, "").strip()


def _docs(group: str, table: str) -> dict[str, str]:
    return getattr(importlib.import_module(f"compiler.codes.{group}"), table)


@lru_cache(maxsize=1)
def lint_codes() -> tuple[Code, ...]:
    from compiler import rules as R

    return tuple(Code(r.code, r.name, r.severity, r.summary, "lint", tuple(r.fixes))
                 for r in R.registry())


@lru_cache(maxsize=1)
def all_codes() -> tuple[Code, ...]:
    """Every code, lint rules first, then each group's own codes in code order."""
    lint = lint_codes()
    by_code = {c.code: c for c in lint}
    found = list(lint)
    for group, packages, _title in GROUPS[1:]:
        checks = {}
        for check in _checks(packages):
            checks.setdefault((check.code, check.rule), check)
        for (code, name), check in sorted(checks.items()):
            shared = code in by_code and by_code[code].name == name
            found.append(Code(code, name, check.severity, check.summary, group,
                              by_code[code].fixes if shared else (), shared))
    return tuple(found)


def _checks(packages: tuple[str, ...]) -> list:
    """Every ``Check`` defined at the top level of the modules of ``packages``."""
    from compiler.spec.codes import Check

    found = []
    for name in packages:
        package = importlib.import_module(name)
        modules = [package] + [importlib.import_module(f"{name}.{info.name}")
                               for info in pkgutil.iter_modules(package.__path__)]
        for module in modules:
            found.extend(value for value in vars(module).values() if isinstance(value, Check))
    return found


def by_group() -> list[tuple[str, str, list[Code]]]:
    """(group, title, codes) for `alc rules`: a spec check under a lint code is listed in
    both groups."""
    codes = all_codes()
    return [(group, title, [c for c in codes if c.group == group]) for group, _packages, title in GROUPS]


def lookup(name_or_code: str) -> Code | None:
    """A code by its name or code (any case); lint rules first, so a plain `alc lint` never
    imports the spec stages for a name it knows."""
    for codes in (lint_codes, all_codes):
        table = _table(codes)
        found = table.get(name_or_code) or table.get(name_or_code.upper())
        if found is not None:
            return found
    return None


@lru_cache(maxsize=2)
def _table(codes) -> dict[str, Code]:
    table: dict[str, Code] = {}
    for code in codes():
        if code.shared:
            continue  # the lint rule is the entry of a shared code
        table.setdefault(code.name, code)
        table.setdefault(code.code, code)
    return table


def names_and_codes() -> list[str]:
    return sorted(_table(all_codes))


def unknown_selector(pattern: str) -> str | None:
    """None when ``pattern`` selects something (ALL, a name, a code or a code prefix), else
    the message saying it does not, with a did-you-mean."""
    if pattern in ("ALL", "all"):
        return None
    if lookup(pattern) is not None:
        return None
    upper = pattern.upper()
    for codes in (lint_codes, all_codes):
        if upper and any(c.code.startswith(upper) for c in codes()):
            return None
    from compiler.rules.helpers import did_you_mean

    guess = did_you_mean(pattern, names_and_codes(), cutoff=0.6)
    hint = f"did you mean `{guess}`?" if guess else "`alc rules` lists them"
    return f"`{pattern}` is not a rule name, code or code prefix alc knows; {hint}"


def check_selectors(patterns: list[str]) -> str | None:
    """The first message of ``unknown_selector`` over ``patterns``, else None."""
    for pattern in patterns:
        message = unknown_selector(pattern)
        if message is not None:
            return message
    return None
