"""``alc rules`` and ``alc explain RULE``: the rule catalogue and each rule's documentation."""

from __future__ import annotations

import json
import sys
from enum import Enum

import typer

from compiler import rules as R


class Format(str, Enum):
    text = "text"
    json = "json"


def rules(format: Format = typer.Option(Format.text, "--format", help="Output format.")) -> None:
    """List every rule: code, name, default severity and what it finds."""
    table = R.registry()
    if format is Format.json:
        sys.stdout.write(json.dumps([{"code": r.code, "name": r.name, "severity": r.severity,
                                      "summary": r.summary} for r in table], indent=2) + "\n")
        return
    width = max(len(r.name) for r in table)
    for r in table:
        typer.echo(f"{r.code}  {r.name:<{width}}  {r.severity:<7}  {r.summary}")


def explain(rule: str = typer.Argument(..., help="A rule name (undefined-label) or code (ALC101).")) -> None:
    """Print a rule's documentation: what it finds, why it matters, an example and a fix."""
    found = R.lookup(rule)
    if found is None:
        typer.echo(f"alc: error: no rule named `{rule}`; `alc rules` lists them", err=True)
        raise typer.Exit(2)
    typer.echo(explanation(found))


def explanation(rule: type[R.Rule]) -> str:
    """What `alc explain` prints of a rule (and the editor shows, `alc server`)."""
    return f"{rule.code} {rule.name} (default severity: {rule.severity})\n\n{rule.documentation()}"
