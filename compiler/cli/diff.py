"""``alc diff A B``: the semantic difference of two deployments (scripts, specs or ``.env`` files)."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from compiler import convert, emit
from compiler.cli import convert as convert_cli
from compiler.diff import compare


def diff(
    a: str = typer.Argument(..., metavar="A", help="A script, folder of scripts, spec or .env file."),
    b: str = typer.Argument(..., metavar="B", help="The same kinds as A."),
    format: str = typer.Option("text", "--format", metavar="text|json", help="How to print the differences."),
    root: Optional[str] = typer.Option(None, "--root", metavar="DIR", help="Read `process` includes from below DIR."),
    define: list[str] = typer.Option([], "--define", metavar="NAME=VALUE", help="A variable's value (repeatable)."),
    env: Optional[str] = typer.Option(None, "--env", metavar="FILE", help="A .env file the scripts read."),
) -> None:
    """Compare two deployments node by node and field by field.

    Exit 0 when they are the same deployment, 1 when they differ, 2 on errors.
    """
    if format not in ("text", "json"):
        convert_cli.fail(f"--format {format}: choose text or json")
    sides = []
    for path in (a, b):
        converted, sources = convert_cli.read(path, root, define, env)
        if converted.network is None:
            convert_cli.report(converted, sources)  # what makes it unreadable, and only then
            raise typer.Exit(2)
        sides.append((converted.network, converted.steps or steps_of(converted.network)))
    changes = compare(sides[0][0], sides[1][0], sides[0][1], sides[1][1])
    if format == "json":
        sys.stdout.write(json.dumps({"equal": not changes, "changes": [c.to_dict() for c in changes]},
                                    indent=2) + "\n")
    else:
        sys.stdout.write("".join(change.text() + "\n" for change in changes))
    raise typer.Exit(1 if changes else 0)


def steps_of(network) -> dict[str, list[str]]:
    """The steps of a spec's nodes, in the order `alc build` writes them."""
    built = emit.build(network, "diff")
    return convert.scripts(list(built.items())).steps
