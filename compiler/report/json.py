"""Machine output: a JSON list of diagnostic objects, sorted by path, line and column."""

from __future__ import annotations

import json
from typing import Iterable

from compiler.diagnostics import Diagnostic


def render(diagnostics: Iterable[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"
