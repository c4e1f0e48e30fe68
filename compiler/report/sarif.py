"""SARIF 2.1.0 output, for GitHub code scanning and other SARIF readers.

A finding's fix is a SARIF ``fix``: one artifact change whose replacements are its edits
(``deletedRegion`` with the end column exclusive, as alc's; an insertion deletes an empty
region).  Every code of the results is described under ``rules``: the lint rules, and the
spec checks a linted spec reported.
"""

from __future__ import annotations

import json
from typing import Iterable

from compiler import __version__
from compiler import codes
from compiler.diagnostics import Diagnostic, Fix

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(diagnostics: Iterable[Diagnostic]) -> str:
    diagnostics = list(diagnostics)
    rules = list(codes.lint_codes())
    known = {rule.code for rule in rules}
    if any(d.code not in known for d in diagnostics):
        more = {d.code for d in diagnostics} - known
        rules += [c for c in codes.all_codes() if c.code in more and not c.shared]
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
        if isinstance(d.fix, Fix):
            result["fixes"] = [_fix(d)]
        results.append(result)
    driver = {
        "name": "alc",
        "version": __version__,
        "rules": [{
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary or rule.name},
            "fullDescription": {"text": rule.documentation() or rule.summary},
            "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        } for rule in rules],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0",
           "runs": [{"tool": {"driver": driver}, "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _fix(d: Diagnostic) -> dict:
    fix = d.fix
    return {
        "description": {"text": f"{fix.message} ({fix.applicability} fix)"},
        "artifactChanges": [{
            "artifactLocation": {"uri": d.path.replace("\\", "/")},
            "replacements": [{
                "deletedRegion": {"startLine": e.line, "startColumn": e.column,
                                  "endLine": e.end_line, "endColumn": e.end_column},
                "insertedContent": {"text": e.content},
            } for e in fix.edits],
        }],
    }
