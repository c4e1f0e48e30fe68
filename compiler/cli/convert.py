"""``alc convert INPUT``: an existing deployment (scripts, a docker ``.env`` file, a spec) as a spec.

What the input holds that no spec field does is reported on stderr like lint findings; the
spec goes to standard output, or atomically to ``-o FILE`` (never over a file without --force).
"""

from __future__ import annotations

import os
import sys
from typing import Optional

import typer

from compiler import convert, files
from compiler.convert import codes, to_spec
from compiler.files import SPEC_SUFFIXES
from compiler.cli.errors import internal_error
from compiler.report import text as text_report
from compiler.safe_io import WriteError, write_atomic


def convert_cmd(
    input: str = typer.Argument(..., metavar="INPUT",
                                help="A script, a folder of scripts (one node each), a docker .env file or a spec."),
    to: Optional[str] = typer.Option(None, "--to", metavar="yaml|toml",
                                     help="The spec format (default: from -o's suffix, else yaml)."),
    output: Optional[str] = typer.Option(None, "-o", "--output", metavar="FILE", help="Write the spec to FILE."),
    force: bool = typer.Option(False, "--force", help="Overwrite FILE if it exists."),
    root: Optional[str] = typer.Option(None, "--root", metavar="DIR",
                                       help="Read `process` includes from below DIR."),
    define: list[str] = typer.Option([], "--define", metavar="NAME=VALUE",
                                     help="A variable's value, as the node would have it (repeatable)."),
    env: list[str] = typer.Option([], "--env", metavar="FILE|DIR",
                                  help="A .env file whose keys the scripts read ($KEY, or !key); a folder: its "
                                       "official files (base_configs.env, then advance_configs.env). Repeatable: "
                                       "a later file overrides an earlier one."),
    canonical: bool = typer.Option(
        False, "--canonical",
        help="Write the spec even where its build differs from the script (alc's order, steps the "
             "script lacks): each difference becomes a warning. A script with no node is still refused."),
) -> None:
    """Convert INPUT into a spec: the settings it holds, and its other statements as `commands`.

    A script is converted only when the spec builds a script that runs the same statements in
    the same order; otherwise each differing statement is named (--canonical writes the spec
    anyway, with the differences as warnings).  Start scripts read with --env are a flow on
    their environment: converted when no statement kept verbatim stands before a step.  Exit 0
    converted, 1 when no
    spec can build what the input runs, 2 when the input cannot be read or does not make a
    valid spec.
    """
    fmt = to or ("toml" if output and output.lower().endswith(".toml") else "yaml")
    if fmt not in ("yaml", "toml"):
        fail(f"--to {fmt}: choose yaml or toml")
    if output is not None:
        check_output(output, fmt, to is not None, force)
    converted, sources = read(input, root, define, env, check=True, canonical=canonical)
    report(converted, sources)
    if converted.network is None:
        refused = any(d.code in (codes.NOT_FAITHFUL.code, codes.NO_NODE.code) for d in converted.errors)
        raise typer.Exit(1 if refused else 2)
    data = to_spec.data(converted.network)
    text = to_spec.yaml_text(data, converted.comments) if fmt == "yaml" else to_spec.toml_text(data)
    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomic(output, text)
    except WriteError as exc:
        fail(str(exc))
    typer.echo(f"alc: wrote {output}", err=True)


def check_output(output: str, fmt: str, chosen: bool, force: bool) -> None:
    """The target must be a spec file alc can load again, in the format asked for."""
    suffix = os.path.splitext(output)[1].lower()
    if suffix not in SPEC_SUFFIXES:
        fail(f"{output}: a spec is written to a .yaml, .yml or .toml file (its suffix says how "
             "alc reads it back)")
    if chosen and (suffix == ".toml") != (fmt == "toml"):
        fail(f"{output}: --to {fmt} does not match the file's suffix {suffix}")
    if os.path.isdir(output):
        fail(f"{output}: is a directory")
    if os.path.lexists(output) and not force:
        fail(f"{output}: exists; add --force to overwrite it")


def read(path: str, root: str | None, defines: list[str], env: list[str] | str | None, check: bool = False,
         commands: bool = True, canonical: bool = False) -> tuple[convert.Converted, dict]:
    """Any input alc converts, or a one-line error (exit 2): shared with `alc diff`."""
    try:
        env_paths = env_inputs([env] if isinstance(env, str) else env or [])
        env_text = "\n".join(files.read(name).text for name in env_paths) if env_paths else None
        values = convert.variables(defines, env_text, env_paths)
        kind = convert.kind_of(path)
        if kind == "other":
            if not os.path.lexists(path):
                raise files.InputError(f"{path}: no such file or directory")
            fail(f"{path}: not a script (.al), a folder of scripts, a spec (.yaml, .yml, .toml) or a "
                 "docker .env file; alc converts only these")
        names = [path]
        if kind == "folder":
            names, errors = files.discover([path])
            configs = env_folder(path)
            if configs and not names:  # official configuration files: one node
                kind, names, errors = "env", configs, []
            if errors or not names:
                fail(errors[0] if errors else f"{path}: holds no .al script and no .env file")
        inputs = [(name, files.read(name).text) for name in names]
    except (files.InputError, ValueError) as exc:
        fail(str(exc))
    try:
        converted = convert.from_inputs(kind, inputs, values, root, check, commands, canonical)
    except Exception as exc:  # a bug in alc: one line, never a traceback
        fail(internal_error(path, exc))
    return converted, {**dict(inputs), **converted.sources}


def env_inputs(paths: list[str]) -> list[str]:
    """The ``--env`` files in the order they are loaded: a folder stands for its official files."""
    names = []
    for path in paths:
        if os.path.isdir(path):
            found = env_folder(path)
            if not found:
                raise files.InputError(f"{path}: --env names a folder with no .env file")
            names.extend(found)
        else:
            names.append(path)
    return names


def env_folder(path: str) -> list[str]:
    """A folder's ``.env`` files, in the order the official deployment loads them (EdgeLake's
    base_configs.env, then advance_configs.env overriding it)."""
    from compiler.convert import dotenv

    names = [os.path.join(path, name) for name in os.listdir(path)
             if (name == ".env" or name.endswith(".env")) and os.path.isfile(os.path.join(path, name))]
    return dotenv.ordered(names)


def report(converted: convert.Converted, sources: dict[str, str]) -> None:
    if converted.diagnostics:
        read = set(sources) | {d.path for d in converted.diagnostics}
        sys.stderr.write(text_report.render(converted.diagnostics, sources, len(read)))


def fail(message: str) -> None:
    typer.echo(f"alc: error: {message}", err=True)
    raise typer.Exit(2)
