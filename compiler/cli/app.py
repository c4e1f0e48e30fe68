"""``alc``: the entry point and the commands' registration.

``alc --version`` and a plain ``alc lint ...`` or ``alc fmt ...`` skip typer (and everything
else the other commands import): importing it costs more than linting or formatting a small
script.  Any other command line, including every one the fast paths do not understand
exactly, goes through typer.
"""

from __future__ import annotations

import os
import sys
from typing import Optional

from compiler import __version__


def _typer_app():
    import typer

    from compiler.cli import build as build_cmd
    from compiler.cli import convert as convert_cmd
    from compiler.cli import diff as diff_cmd
    from compiler.cli import fmt as fmt_cmd
    from compiler.cli import lint as lint_cmd
    from compiler.cli import rules as rules_cmd
    from compiler.cli import schema as schema_cmd
    from compiler.cli import server as server_cmd

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
    app.command("server")(server_cmd.server)
    return app


_APP = None


def __getattr__(name: str):
    global _APP
    if name == "app":
        if _APP is None:
            _APP = _typer_app()
        return _APP
    raise AttributeError(name)


# The options each fast path understands: flags, options with one value, repeatable ones.
_LINT_OPTIONS = ({"--exit-zero": "exit_zero"},
                 {"--format": "format", "--config": "config_file", "--root": "root",
                  "--stdin-filename": "stdin_filename", "--jobs": "jobs", "-j": "jobs"},
                 {"--select": "select", "--ignore": "ignore"})
_FMT_OPTIONS = ({"--check": "check", "--diff": "diff"},
                {"--stdin-filename": "stdin_filename", "--jobs": "jobs", "-j": "jobs"},
                {})


def _plain_args(args: list[str], flags: dict, valued: dict, multiple: dict) -> dict | None:
    """The paths and options of a command line when every one is plain (known, given once,
    a valid --jobs), else None: typer decides, with its messages."""
    options: dict = {"paths": [], **{key: [] for key in multiple.values()}}
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "-" or not arg.startswith("-"):
            options["paths"].append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in flags and not eq:
            if flags[name] in options:
                return None
            options[flags[name]] = True
            continue
        key = valued.get(name) or multiple.get(name)
        if key is None or (name == "-j" and eq):
            return None  # --help, an unknown option, `--`: typer's messages
        if not eq:
            if index >= len(args):
                return None
            value = args[index]
            index += 1
        if name in multiple:
            options[key].append(value)
            continue
        if key in options:
            return None  # given twice
        if key == "jobs":
            if not value.isascii() or not value.isdigit() or int(value) < 1:
                return None
            options[key] = int(value)
            continue
        options[key] = value
    return options if options["paths"] else None


def fast_lint_args(args: list[str]) -> dict | None:
    """The options of `alc lint ARGS` when they are plain, else None (typer decides)."""
    from pathlib import Path

    from compiler.cli.lint_run import FORMATS

    options = _plain_args(args, *_LINT_OPTIONS)
    if options is None or options.get("format", FORMATS[0]) not in FORMATS:
        return None
    for key in ("config_file", "root"):
        if key in options:
            if not options[key]:
                return None
            options[key] = Path(options[key])
    options["select"] = options["select"] or None
    options["ignore"] = options["ignore"] or None
    return options


def fast_fmt_args(args: list[str]) -> dict | None:
    """The options of `alc fmt ARGS` when they are plain, else None (typer decides)."""
    return _plain_args(args, *_FMT_OPTIONS)


def run() -> None:
    args = sys.argv[1:]
    if args == ["--version"]:
        sys.stdout.write(f"alc {__version__}\n")
        return
    if args[:1] == ["lint"]:
        options = fast_lint_args(args[1:])
        if options is not None:
            from compiler import lint
            from compiler.cli.lint_run import lint_paths

            lint.KEEP_LAST = True
            hard_exit(lint_paths(**options))
    elif args[:1] == ["fmt"]:
        options = fast_fmt_args(args[1:])
        if options is not None:
            from compiler.cli.fmt_run import format_paths
            from compiler.safe_io import exit_on_sigterm

            exit_on_sigterm()  # a write in progress removes its temporary file
            hard_exit(format_paths(**options))  # every file is written (and fsynced) by now
    from compiler.safe_io import exit_on_sigterm

    exit_on_sigterm()
    __getattr__("app")()


def hard_exit(code: int) -> None:
    """Flush the output and end the process at once, as mypy does: tearing down what the run
    built (the last script's tree) would only cost time.  Nothing else is left to do: files
    are written and closed, and a --jobs pool is shut down, before this."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            pass  # the reader went away (`alc lint . | head`), or the stream is closed
    os._exit(code)
