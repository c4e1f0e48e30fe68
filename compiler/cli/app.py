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
    from compiler.cli import clean as clean_cmd
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
        context_settings={"help_option_names": ["-h", "--help"]},
        cls=_help_group(),
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

    command = _help_command()
    app.command("lint", cls=command)(lint_cmd.lint)
    app.command("rules", cls=command)(rules_cmd.rules)
    app.command("explain", cls=command)(rules_cmd.explain)
    app.command("fmt", cls=command)(fmt_cmd.fmt)
    app.command("build", cls=command)(build_cmd.build)
    app.command("schema", cls=command)(schema_cmd.schema)
    app.command("convert", cls=command)(convert_cmd.convert_cmd)
    app.command("diff", cls=command)(diff_cmd.diff)
    app.command("server", cls=command)(server_cmd.server)
    app.command("clean", cls=command)(clean_cmd.clean)
    return app


# Help as people read it (`alc lint [OPTIONS] PATH...`, `--select RULES`): typer's own help
# writes `{paths}...` and `<list[str]>` for the arguments and options of every command.
def _metavar(param) -> str:
    if param.metavar:
        return param.metavar
    kind = getattr(param, "type_descriptor", None) or getattr(param, "type", None)
    choices = getattr(kind, "choices", None)
    if choices:
        return "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]"
    return param.name.upper()


def _usage(param) -> str:
    name = _metavar(param)
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


def _help_records(command, ctx) -> tuple[list, list]:
    arguments, options = [], []
    for param in command.get_params(ctx):
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            arguments.append((_usage(param), param.help or ""))
            continue
        names = ", ".join(sorted(param.opts, key=lambda o: o.startswith("--")))  # -h, --help
        if not param.is_flag:
            names += " " + _metavar(param)
        extra = []
        default = param.default
        if not param.is_flag and default not in (None, (), [], "-") and not param.required \
                and param.show_default is not False:
            extra.append(f"default: {getattr(default, 'value', default)}")
        if getattr(param, "min", None) is not None and getattr(param, "max", None) is None:
            extra.append(f"at least {param.min}")
        if param.required:
            extra.append("required")
        help = (param.help or "") + (f"  [{'; '.join(extra)}]" if extra else "")
        options.append((names, help))
    return arguments, options


def _help_command():
    from typer.core import TyperCommand

    class Command(TyperCommand):
        def collect_usage_pieces(self, ctx):
            pieces = [self.options_metavar] if self.options_metavar else []
            return pieces + [_usage(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]

        def format_options(self, ctx, formatter):
            arguments, options = _help_records(self, ctx)
            for title, rows in (("Arguments", arguments), ("Options", options)):
                if rows:
                    with formatter.section(title):
                        formatter.write_dl(rows)

    return Command


def _help_group():
    from typer.core import TyperGroup

    class Group(TyperGroup):
        def format_options(self, ctx, formatter):
            _arguments, options = _help_records(self, ctx)
            if options:
                with formatter.section("Options"):
                    formatter.write_dl(options)
            self.format_commands(ctx, formatter)

    return Group


_APP = None


def __getattr__(name: str):
    global _APP
    if name == "app":
        if _APP is None:
            _APP = _typer_app()
        return _APP
    raise AttributeError(name)


# The options each fast path understands: flags, options with one value, repeatable ones.
_LINT_OPTIONS = ({"--exit-zero": "exit_zero", "--fix": "fix", "--unsafe-fixes": "unsafe_fixes",
                  "--diff": "diff", "--fix-only": "fix_only", "--exit-non-zero-on-fix": "exit_non_zero_on_fix",
                  "--statistics": "statistics", "--force-exclude": "force_exclude",
                  "--show-fixes": "show_fixes", "--no-cache": "no_cache"},
                 {"--format": "format", "--output-format": "format", "--config": "config_file",
                  "--root": "root", "--stdin-filename": "stdin_filename", "--jobs": "jobs", "-j": "jobs",
                  "--color": "color"},
                 {"--select": "select", "--ignore": "ignore", "--exclude": "exclude",
                  "--extend-exclude": "extend_exclude"})
_FMT_OPTIONS = ({"--check": "check", "--diff": "diff", "--no-cache": "no_cache"},
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

    from compiler.cli.lint_run import COLORS, FORMATS

    options = _plain_args(args, *_LINT_OPTIONS)
    if options is None or options.get("format", FORMATS[0]) not in FORMATS \
            or options.get("color", COLORS[0]) not in COLORS:
        return None  # typer's message names the choices
    for key in ("config_file", "root"):
        if key in options:
            if not options[key]:
                return None
            options[key] = Path(options[key])
    for key in ("select", "ignore", "exclude", "extend_exclude"):
        options[key] = options[key] or None
    return options


def fast_fmt_args(args: list[str]) -> dict | None:
    """The options of `alc fmt ARGS` when they are plain, else None (typer decides)."""
    return _plain_args(args, *_FMT_OPTIONS)


def run() -> None:
    try:
        _run(sys.argv[1:])
    except BrokenPipeError:
        closed_pipe()


def closed_pipe() -> None:
    """The reader went away (`alc fmt --check . | head -1`): end quietly, with click's status
    for the same case (1), and no traceback.  Files are written before anything is printed
    (a --jobs pool is done by then too), so nothing is left half-done."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # what is still buffered has nowhere to go
    except (OSError, ValueError):
        pass
    os._exit(1)


def _run(args: list[str]) -> None:
    if args == ["--version"]:
        sys.stdout.write(f"alc {__version__}\n")
        sys.stdout.flush()
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
