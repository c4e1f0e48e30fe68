"""``alc diff A B``: two deployments (scripts, folders, specs or ``.env`` files) compared by their
settings and by every statement their nodes run (``compiler.diff``)."""

from __future__ import annotations

import json
import sys
from typing import Optional

import typer

from compiler import convert, emit
from compiler.cli import convert as convert_cli
from compiler.convert import Unit, trace
from compiler.diff import compare


def diff(
    a: str = typer.Argument(..., metavar="A", help="A script, folder of scripts, spec or .env file."),
    b: str = typer.Argument(..., metavar="B", help="The same kinds as A."),
    format: str = typer.Option("text", "--format", metavar="text|json", help="How to print the differences."),
    root: Optional[str] = typer.Option(None, "--root", metavar="DIR", help="Read `process` includes from below DIR."),
    define: list[str] = typer.Option([], "--define", metavar="NAME=VALUE", help="A variable's value (repeatable)."),
    env: list[str] = typer.Option([], "--env", metavar="FILE|DIR",
                                  help="A .env file the scripts read; a folder: its official files (repeatable)."),
) -> None:
    """Compare two deployments: the settings that differ, then every statement one side runs and
    the other does not (or runs differently), with its line on both sides.

    Exit 0 when both run the same statements in the same order, 1 when they differ, 2 on errors.
    """
    if format not in ("text", "json"):
        convert_cli.fail(f"--format {format}: choose text or json")
    sides = [side(path, root, define, env) for path in (a, b)]
    result = compare(sides[0][0], sides[1][0], sides[0][1], sides[1][1])
    if format == "json":
        sys.stdout.write(json.dumps(result.to_dict(), indent=2) + "\n")
    else:
        sys.stdout.write(result.text())
    raise typer.Exit(0 if result.equal else 1)


def side(path: str, root: str | None, define: list[str], env: list[str] | str | None):
    """(IR or None, units) of one side; a spec or `.env` file runs the scripts it builds."""
    converted, sources = convert_cli.read(path, root, define, env, commands=False)
    kind = convert.kind_of(path)
    if kind == "folder" and not converted.units:  # a folder of official .env files: one node
        kind = "env"
    if kind in ("spec", "env"):
        if converted.network is None:
            convert_cli.report(converted, sources)  # what makes it unreadable, and only then
            raise typer.Exit(2)
        return converted.network, built_units(converted.network, path, converted.values)
    return converted.network, converted.units


def built_units(network, path: str, values: dict[str, str]) -> list[Unit]:
    """The scripts `alc build` writes for a spec's nodes, as the node would run them."""
    built = emit.build(network, "diff")
    units = []
    for node in network.nodes:
        label = f"{path}[{node.name.value}]"
        units.append(Unit(node.name.value, label, trace.of_text(built[f"{node.name.value}.al"], label, values)))
    return units
