"""The lint stage: what ``alc lint`` finds in one input.

Today a script's findings are its syntax errors; the rule engine adds its own here.
"""

from __future__ import annotations

from compiler.diagnostics import Diagnostic
from compiler.syntax.parser import parse


def lint_script(text: str, path: str) -> list[Diagnostic]:
    script = parse(text, path)
    return sorted(script.diagnostics, key=Diagnostic.sort_key)
