"""`--statistics`: how many findings of each rule, and how many of them `--fix` would fix,
most frequent first (ruff's `--statistics`)."""

from __future__ import annotations

import json
from collections import Counter

from compiler import fixes
from compiler.diagnostics import Diagnostic
from compiler.report.style import PLAIN, Style
from compiler.report.text import Totals, summary


def table(diagnostics: list[Diagnostic], unsafe: bool) -> list[dict]:
    counts = Counter((d.code, d.rule) for d in diagnostics)
    fixable = Counter((d.code, d.rule) for d in diagnostics if fixes.applicable(d, unsafe))
    rows = [{"code": code, "rule": rule, "count": count, "fixable": fixable[(code, rule)]}
            for (code, rule), count in counts.items()]
    rows.sort(key=lambda row: (-row["count"], row["code"], row["rule"]))
    return rows


def render_json(diagnostics: list[Diagnostic], unsafe: bool) -> str:
    return json.dumps(table(diagnostics, unsafe), indent=2) + "\n"


def render_text(diagnostics: list[Diagnostic], totals: Totals, style: Style = PLAIN) -> str:
    rows = table(diagnostics, totals.unsafe)
    lines = []
    if rows:
        count_width = max(len(str(row["count"])) for row in rows)
        code_width = max(len(row["code"]) for row in rows)
        rule_width = max(len(row["rule"]) for row in rows)
        for row in rows:
            fixable = f"  [*] {row['fixable']} fixable" if row["fixable"] else ""
            lines.append(f"{row['count']:>{count_width}}  {row['code']:<{code_width}}  "
                         f"{row['rule']:<{rule_width}}{style(fixable, 'cyan')}".rstrip())
    lines.append(summary(diagnostics, totals, style))
    return "\n".join(lines) + "\n"
