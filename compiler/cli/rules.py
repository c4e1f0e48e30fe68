"""``alc rules`` and ``alc explain CODE``: the catalogue of every code alc can print (lint
rules, spec checks, conversion findings) and each one's documentation."""

from __future__ import annotations

import json
import sys
from enum import Enum

import typer

from compiler import codes


class Format(str, Enum):
    text = "text"
    json = "json"


def _fix(code: codes.Code) -> str:
    return "/".join(code.fixes)


def rules(format: Format = typer.Option(Format.text, "--format", help="Output format.")) -> None:
    """List every code alc can print, by where it comes from: code, name, default severity,
    the fixes it may offer and what it finds."""
    groups = codes.by_group()
    if format is Format.json:
        rows = [{"code": c.code, "name": c.name, "severity": c.severity, "summary": c.summary,
                 "group": group, "fix": list(c.fixes)}
                for group, _title, found in groups for c in found]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
        return
    every = [c for _group, _title, found in groups for c in found]
    width = max(len(c.name) for c in every)
    fix_width = max(len(_fix(c)) for c in every)
    out = []
    for _group, title, found in groups:
        out.append(f"{title}\n")
        for c in found:
            also = " (also a script rule)" if c.shared else ""
            out.append(f"  {c.code}  {c.name:<{width}}  {c.severity:<7}  {_fix(c):<{fix_width}}  "
                       f"{c.summary}{also}\n")
        out.append("\n")
    sys.stdout.write("".join(out[:-1]))
    sys.stdout.write("\nThe fix column: safe fixes `alc lint --fix` applies, unsafe ones only with "
                     "--unsafe-fixes.\n")


def explain(code: str = typer.Argument(
        ..., metavar="CODE", help="A rule or check: its name (undefined-label) or code (ALC101, ALC603).")) -> None:
    """Print what a code means: what it finds, why it matters, an example, what to write instead,
    and how safe its fix is."""
    found = codes.lookup(code)
    if found is None:
        from compiler.rules.helpers import did_you_mean

        guess = did_you_mean(code, codes.names_and_codes(), cutoff=0.6)
        hint = f"did you mean `{guess}`? " if guess else ""
        typer.echo(f"alc: error: no rule or code named `{code}`; {hint}`alc rules` lists them", err=True)
        raise typer.Exit(2)
    typer.echo(explanation(found))


def explanation(found: codes.Code) -> str:
    """What `alc explain` prints of a code (and the editor shows, `alc server`)."""
    kind = {"lint": "", "spec": "spec check, ", "convert": "alc convert, "}[found.group]
    return f"{found.code} {found.name} ({kind}default severity: {found.severity})\n\n{found.documentation()}"
