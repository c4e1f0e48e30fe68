"""``alc``: the entry point and the commands' registration."""

from __future__ import annotations

from typing import Optional

import typer

from compiler import __version__
from compiler.cli import build as build_cmd
from compiler.cli import convert as convert_cmd
from compiler.cli import diff as diff_cmd
from compiler.cli import fmt as fmt_cmd
from compiler.cli import lint as lint_cmd
from compiler.cli import rules as rules_cmd
from compiler.cli import schema as schema_cmd

app = typer.Typer(
    name="alc",
    help="The compiler and linter for AnyLog / EdgeLake deployment scripts.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"alc {__version__}")
        raise typer.Exit(0)


@app.callback()
def main(
    version: Optional[bool] = typer.Option(
        None, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """alc reads AnyLog scripts and deployment specs, checks them, and writes canonical scripts."""


app.command("lint")(lint_cmd.lint)
app.command("rules")(rules_cmd.rules)
app.command("explain")(rules_cmd.explain)
app.command("fmt")(fmt_cmd.fmt)
app.command("build")(build_cmd.build)
app.command("schema")(schema_cmd.schema)
app.command("convert")(convert_cmd.convert_cmd)
app.command("diff")(diff_cmd.diff)


def run() -> None:
    app()
