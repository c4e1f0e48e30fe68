"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF readers."""

from __future__ import annotations

import json
from typing import Iterable

from compiler import __version__
from compiler import rules as R
from compiler.diagnostics import Diagnostic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(diagnostics: Iterable[Diagnostic]) -> str:
    diagnostics = list(diagnostics)
    rules = list(R.registry())
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for d in diagnostics:
        region = {"startLine": d.line, "startColumn": d.column,
                  "endLine": d.end_line, "endColumn": max(d.end_column, d.column)}
        result = {
            "ruleId": d.code,
            "level": LEVELS.get(d.severity, "warning"),
            "message": {"text": d.message + (f"\nhelp: {d.help}" if d.help else "")},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": d.path.replace("\\", "/")},
                "region": region}}],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    driver = {
        "name": "alc",
        "version": __version__,
        "rules": [{
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "fullDescription": {"text": rule.documentation()},
            "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        } for rule in rules],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
