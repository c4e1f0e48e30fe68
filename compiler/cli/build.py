"""``alc build SPEC``: the canonical script of every node a spec describes.

To standard output (one node), to a file, or one ``<node-name>.al`` per node into a folder;
``--diff EXISTING`` shows how existing scripts differ, ``--check`` only says whether they do.
``--target compose`` / ``--target helm`` write, into the folder ``-o DIR``, what Docker Compose
or Helm runs (compiler/emit/compose.py, compiler/emit/helm.py): every file is made and checked
before the first is written, and every path stays inside DIR.
"""

from __future__ import annotations

import difflib
import os
import sys
from pathlib import Path
from typing import Optional

import typer

from compiler import emit, files
from compiler.emit import compose, helm
from compiler.emit.deploy import DeployError
from compiler.spec import SPEC_SUFFIXES, load
from compiler.report import text as text_report
from compiler.safe_io import WriteError, write_atomic


def build(
    spec: str = typer.Argument(..., metavar="SPEC", help="The spec: a .yaml, .yml or .toml file."),
    output: Optional[str] = typer.Option(
        None, "-o", "--output", metavar="FILE|DIR",
        help="Write the script to FILE, or one <node-name>.al per node into DIR (created if missing)."),
    diff: Optional[str] = typer.Option(
        None, "--diff", metavar="EXISTING",
        help="Print a unified diff against the existing script (or folder of scripts); "
             "exit 1 if they differ."),
    check: bool = typer.Option(
        False, "--check",
        help="Exit 1 if the scripts at --diff EXISTING (or -o) differ from what the spec builds; "
             "print nothing."),
    target: str = typer.Option(
        "scripts", "--target", metavar="scripts|compose|helm",
        help="What to build: the nodes' scripts (the default); per host a docker-compose.yaml and "
             "each node's .env files; per node the values of the anylog-node Helm chart."),
    own_scripts: bool = typer.Option(
        False, "--scripts",
        help="With --target compose: each node runs its built .al script (mounted over the script the "
             "image starts) instead of the official scripts configured by .env files."),
) -> None:
    """Build the canonical AnyLog script of each node in SPEC, or (--target) its deployment.

    Exit 0 on success (or no difference), 1 when --diff/--check find a difference, 2 when the
    spec has errors or a file cannot be read or written.
    """
    if target not in TARGETS:
        _fail(f"--target {target}: choose one of {', '.join(TARGETS)}")
    if own_scripts and target != "compose":
        _fail("--scripts goes with --target compose")
    if diff is not None and output is not None:
        _fail("use either --diff EXISTING or -o, not both")
    if check and diff is None and output is None:
        _fail("--check compares with existing scripts: give --diff EXISTING or -o PATH")
    if target != "scripts" and diff is None and output is None:
        _fail(f"--target {target} writes several files: give the folder with -o DIR")
    if not spec.lower().endswith(SPEC_SUFFIXES):
        _fail(f"{spec}: a spec is a .yaml, .yml or .toml file")
    try:
        source = files.read(spec)
    except files.InputError as exc:
        _fail(str(exc))
    loaded = load(source.text, source.path)
    if loaded.diagnostics:
        sys.stderr.write(text_report.render(loaded.diagnostics, {source.path: source.text}, 1))
    if loaded.network is None:
        raise typer.Exit(2)

    try:
        scripts = emit.build(loaded.network, spec_name(spec))
    except (emit.BuildError, emit.Unwritable) as exc:
        # The spec checks let through what the build's own check refused: a bug in alc.
        _fail(f"internal error: {exc}; nothing was written (please report this)")
    existing = diff if diff is not None else output
    if target != "scripts":
        _deployment(loaded.network, spec, target, scripts if own_scripts else None, existing, check,
                    show=diff is not None)
        return
    if check or diff is not None:
        changed = _compare(scripts, _targets(existing, scripts, creating=False), spec, show=not check)
        raise typer.Exit(1 if changed else 0)
    if output is None:
        _print(scripts)
        return
    for name, path in _targets(output, scripts, creating=True).items():
        try:
            write_atomic(path, scripts[name])
        except WriteError as exc:
            _fail(str(exc))
        typer.echo(f"alc: wrote {path}", err=True)


TARGETS = ("scripts", "compose", "helm")


def _deployment(network, spec: str, target: str, scripts: dict[str, str] | None, place: str, check: bool,
                show: bool) -> None:
    """Build every file of a compose or helm deployment, then compare or write them all."""
    warnings: list[str] = []
    try:
        if target == "compose":
            made = compose.build(network, spec_name(spec), scripts, warnings=warnings)
        else:
            made = helm.build(network, spec_name(spec), warnings=warnings)
    except DeployError as exc:
        where = exc.where.origin if exc.where is not None else None
        place = f"{where.path}:{where.line}:{where.column}" if where is not None else spec
        _fail(f"{place}: {exc}; nothing was written")
    for warning in warnings:
        typer.echo(f"alc: warning: {spec}: {warning}", err=True)
    root = Path(place)
    if root.exists() and not root.is_dir():
        _fail(f"{place}: is a file; --target {target} writes a folder")
    targets = {name: _inside(root, name) for name in made}
    if check or show:
        changed = _compare(made, targets, spec, show=show)
        raise typer.Exit(1 if changed else 0)
    for name, path in targets.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _inside(root, name)  # again: a folder made meanwhile may not be a link out of DIR
            write_atomic(path, made[name])
        except OSError as exc:
            _fail(f"{path.parent}: cannot create the folder: {exc.strerror or exc}")
        except WriteError as exc:
            _fail(str(exc))
        typer.echo(f"alc: wrote {path}", err=True)


def _inside(root: Path, name: str) -> Path:
    """``root/name``, refused when a part of it would lead out of ``root`` (`..`, an absolute
    path, a link planted in the folder)."""
    parts = Path(name).parts
    if Path(name).is_absolute() or any(part in ("..", ".", "") for part in parts):
        _fail(f"internal error: {name} is not a path inside the output folder (please report this)")
    here = root
    for part in parts:
        here = here / part
        if here.is_symlink():
            _fail(f"{here}: is a link; alc writes only inside {root}, never through a link")
    return here


def spec_name(path: str) -> str:
    """The spec as the header names it, however its path was typed: its path below its project
    (the nearest folder above it holding `.alc.toml`, `pyproject.toml` or `.git`), else its
    file name, without the suffix, so that `alc build --check` agrees from any folder and the
    YAML and the TOML form of one spec build the same bytes."""
    from compiler.model.project import find_root

    full = Path(os.path.abspath(path))
    root = find_root(full.parent)
    relative = full.relative_to(root) if root is not None else Path(full.name)
    return relative.with_suffix("").as_posix()


def _fail(message: str) -> None:
    typer.echo(f"alc: error: {message}", err=True)
    raise typer.Exit(2)


def _targets(place: str, scripts: dict[str, str], creating: bool) -> dict[str, Path]:
    """Where each script goes: ``place`` itself for one node, else ``place/<node-name>.al``."""
    target = Path(place)
    if len(scripts) == 1 and not target.is_dir() and not place.endswith(("/", os.sep)):
        return {name: target for name in scripts}
    if target.exists() and not target.is_dir():
        _fail(f"{place}: is a file; a spec with {len(scripts)} nodes builds one script per node "
              "into a folder")
    if not target.is_dir() and place.lower().endswith(files.SCRIPT_SUFFIXES):
        _fail(f"{place}: names one script, but the spec has {len(scripts)} nodes and builds one script "
              f"per node: give a folder (-o {os.path.splitext(place)[0]}/)")
    if creating:
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            _fail(f"{place}: cannot create the folder: {exc.strerror or exc}")
    return {name: target / name for name in scripts}


def _compare(scripts: dict[str, str], targets: dict[str, Path], spec_path: str, show: bool) -> bool:
    changed = False
    for name, path in targets.items():
        try:
            old = files.read(str(path)).text if path.exists() else ""
        except files.InputError as exc:
            _fail(str(exc))
        new = scripts[name]
        if old == new:
            continue
        changed = True
        if show:
            before = str(path) if path.exists() else "/dev/null"
            sys.stdout.writelines(_unified(old, new, before, f"{path} (built from {spec_path})"))
    return changed


def _unified(old: str, new: str, before: str, after: str) -> list[str]:
    lines = []
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    for line in difflib.unified_diff(old_lines, new_lines, before, after):
        lines.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return lines


def _print(scripts: dict[str, str]) -> None:
    if len(scripts) == 1:
        sys.stdout.write(next(iter(scripts.values())))
        return
    # Several nodes on one stream: each script under a comment naming its file.
    sys.stdout.write("\n".join(f"# ==> {name} <==\n{text}" for name, text in scripts.items()))
