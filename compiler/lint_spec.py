"""Linting a spec: the spec's own checks, the rules on its `commands`, and the scripts it builds.

A spec is linted by the same rules as a script, each finding placed at the spec key it is
about:

* the loader's checks (YAML/TOML syntax, the JSON Schema, and the checks across nodes, some of
  them the spec side of a script rule: `port-conflict`, `hardcoded-secret` ...);
* every entry of a node's `commands` is a statement of its own, checked like the command
  strings of a policy script and reported at its place in the spec;
* the script `alc build` would write for each node is linted too; a finding there is a
  combination of settings the spec allows but the node does not, reported at the node.
"""

from __future__ import annotations

import dataclasses

from compiler import config as C
from compiler import rules as R
from compiler.diagnostics import Diagnostic
from compiler.ir.model import Network, Origin
from compiler.source import SourceText

# Rules that judge the node's own variables, which a spec's built script may read from the
# node's other scripts: left to the scripts themselves.
NOT_ON_BUILT = {"undefined-variable"}


def lint_spec(text: str, path: str, config: C.Config, rules: list[type[R.Rule]]) -> list[Diagnostic]:
    from compiler import spec  # specs need yaml and jsonschema: imported only for specs

    loaded = spec.load(text, path)
    found = list(loaded.diagnostics)
    if loaded.ir is not None:
        found += _commands(loaded.ir, text, path, config, rules)
    if loaded.network is not None:  # a spec that builds
        found += _built(loaded.network, path, config, rules)
    return found


def _commands(network: Network, text: str, path: str, config: C.Config,
              rules: list[type[R.Rule]]) -> list[Diagnostic]:
    from compiler.lint import run_rules
    from compiler.model import script as M
    from compiler.model.project import Project
    from compiler.syntax.parser import parse

    src = SourceText(text)
    found = []
    for node in network.nodes:
        for command in node.commands:
            script = parse(command.value, path)
            model = M.build(script, embedded=False)
            for diag in run_rules(script, model, path, Project(None), config,
                                  [r for r in rules if r.embedded and r.name != "syntax-error"]):
                found.append(_place(diag, command.origin, src, f" (in `{command.origin.key}`)"))
    return found


def _place(diag: Diagnostic, origin: Origin | None, src: SourceText, where: str) -> Diagnostic:
    """Move a finding in a one-line command to the command's place in the spec (without its
    fix: the edits are in the command, which the spec may quote)."""
    line, column = (origin.line, origin.column) if origin else (1, 1)
    if origin is not None and origin.line == origin.end_line:
        at = src.lines[origin.line - 1].start + origin.column - 1 if origin.line <= len(src.lines) else 0
        quoted = src.text[at:at + 1] in ("'", '"')
        start = column + (1 if quoted else 0) + diag.column - 1
        end = column + (1 if quoted else 0) + diag.end_column - 1
        return dataclasses.replace(diag, line=line, column=start, end_line=line, end_column=end,
                                   message=diag.message + where, fix=None)
    return dataclasses.replace(diag, line=line, column=column, end_line=line, end_column=column,
                               message=diag.message + where, fix=None)


def _built(network: Network, path: str, config: C.Config, rules: list[type[R.Rule]]) -> list[Diagnostic]:
    from compiler import emit
    from compiler.lint import lint_script

    # The commands were checked in place above; build the rest of each node's script.
    bare = dataclasses.replace(network, nodes=[dataclasses.replace(n, commands=[]) for n in network.nodes])
    scripts = emit.build(bare, path)
    selected = C.Config(select=[r.name for r in rules if r.name not in NOT_ON_BUILT], platform=network.platform.value)
    found = []
    for node in network.nodes:
        name = f"{node.name.value}.al"
        for diag in lint_script(scripts[name], name, config=selected):
            origin = node.origin
            found.append(Diagnostic(path, origin.line if origin else 1, origin.column if origin else 1,
                                    origin.line if origin else 1, origin.column if origin else 1,
                                    diag.code, diag.rule, diag.severity,
                                    f"the script built for `{node.name.value}` has, on its line {diag.line}: "
                                    f"{diag.message}", diag.help))
    return found
