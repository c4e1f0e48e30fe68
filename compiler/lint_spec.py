"""Linting a spec: the spec's own checks, the rules on its `commands`, and the scripts it builds.

A spec is linted by the same rules as a script, each finding placed at the spec key it is
about, one finding per problem:

* the loader's checks (YAML/TOML syntax, the JSON Schema, and the checks across nodes, some of
  them the spec side of a script rule: `port-conflict`, `hardcoded-secret` ...), all in one
  run: when the schema finds errors, the checks across nodes still run on the spec with the
  wrong values left out, and report what does not depend on them (`unknown-cluster`,
  `duplicate-name`, `hardcoded-secret`);
* every entry of a node's `commands` is a statement of its own, checked like the command
  strings of a policy script and reported at its place in the spec (a syntax error the rules
  name, such as a missing `then`, replaces the spec's own `invalid-command`);
* the script `alc build` would write for each node, its `commands` included, is linted too:
  a finding in one of the `commands` that the rules above did not see (a `goto` to no label)
  is reported at that entry, any other at the node (a combination of settings the spec allows
  but the node does not).
"""

from __future__ import annotations

import copy
import dataclasses

from compiler import record
from compiler import config as C
from compiler import rules as R
from compiler.diagnostics import INCOMPLETE_RULE, MISSING_THEN_RULE, Diagnostic
from compiler.ir.model import Network, Node, Origin
from compiler.source import SourceText

# Rules that judge the node's own variables, which a spec's built script may read from the
# node's other scripts: left to the scripts themselves.
NOT_ON_BUILT = {"undefined-variable"}
# The syntax findings the rules give for an entry of `commands`, which the spec's
# `invalid-command` (ALC610) would report a second time.
PARSER_RULES = {MISSING_THEN_RULE, INCOMPLETE_RULE}
INVALID_COMMAND = "ALC610"
SCHEMA = "ALC603"
# Checks across nodes whose findings do not depend on a value the schema refused.
ACROSS = {"ALC604", "ALC605", "ALC502"}
REPAIRS = 8  # rounds of leaving refused values out


def lint_spec(text: str, path: str, config: C.Config, rules: list[type[R.Rule]]) -> list[Diagnostic]:
    from compiler import spec  # specs need yaml and jsonschema: imported only for specs

    loaded = spec.load(text, path)
    found = list(loaded.diagnostics)
    if any(d.code == SCHEMA for d in found):
        found += [d for d in _despite_the_schema(text, path) if _position(d) not in {_position(f) for f in found}]
    network = loaded.network or loaded.ir
    if network is not None:
        src = SourceText(text)
        in_place = _commands(network, text, path, config, rules, src)
        named = {(o.line, o.column) for d, o in in_place if d.rule in PARSER_RULES and o is not None}
        found = [d for d in found if not (d.code == INVALID_COMMAND and (d.line, d.column) in named)]
        found += [d for d, _ in in_place]
        found += _built(network, path, config, rules, src)
    return found


def _position(diag: Diagnostic) -> tuple:
    return (diag.line, diag.column, diag.code, diag.message)


# --------------------------------------------------------------------------- every error at once


def _despite_the_schema(text: str, path: str) -> list[Diagnostic]:
    """The checks across nodes on the spec with what the schema refused left out (or set to its
    default), when that makes a valid spec; only the checks that do not depend on those values."""
    from jsonschema import Draft202012Validator

    from compiler.spec import checks, schema, to_ir, toml_reader, yaml_reader

    reader = toml_reader if path.lower().endswith(".toml") else yaml_reader
    doc, _ = reader.read(text, path)
    if doc is None:
        return []
    data = copy.deepcopy(doc.data)
    validator = Draft202012Validator(schema.schema())
    for _ in range(REPAIRS):
        errors = sorted(validator.iter_errors(data), key=lambda e: -len(e.absolute_path))
        if not errors:
            break
        if not all(_repair(data, error) for error in errors):
            return []
    else:
        return []
    try:
        network = to_ir.build(dataclasses.replace(doc, data=data))
        return [d for d in checks.check(network) if d.code in ACROSS]
    except Exception:  # a spec repaired this far is only a guess: no finding rather than a wrong one
        return []


def _repair(data, error) -> bool:
    """Leave out (or default) the value one schema error is about; False when that cannot be."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = error.schema.get("properties", {})
        for key in [k for k in error.instance if k not in allowed]:
            error.instance.pop(key, None)
        return True
    if not path or error.validator == "required":
        return False
    parent = _at(data, path[:-1])
    if not isinstance(parent, dict) or path[-1] not in parent:
        return isinstance(parent, dict)  # already left out by another error
    if "default" in error.schema:
        parent[path[-1]] = copy.deepcopy(error.schema["default"])
    elif "enum" in error.schema and error.schema["enum"]:
        parent[path[-1]] = error.schema["enum"][0]  # a placeholder: checks on it are not kept
    else:
        del parent[path[-1]]
    return True


def _at(data, path: list):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# --------------------------------------------------------------------------- commands in place


def _commands(network: Network, text: str, path: str, config: C.Config,
              rules: list[type[R.Rule]], src: SourceText) -> list[tuple[Diagnostic, Origin | None]]:
    """Each entry's findings, with the entry's origin."""
    from compiler.lint import run_rules
    from compiler.model import script as M
    from compiler.model.project import Project
    from compiler.syntax.parser import parse

    found = []
    for node in network.nodes:
        for command in node.commands:
            script = parse(command.value, path)
            model = M.build(script, embedded=False)
            for diag in run_rules(script, model, path, Project(None), config,
                                  [r for r in rules if r.embedded and r.name != "syntax-error"]):
                found.append((_place(diag, command.origin, src, f" (in `{command.origin.key}`)"), command.origin))
    return found


def _quoted(src: SourceText, line: int, column: int) -> bool:
    if not 1 <= line <= len(src.lines):
        return False
    at = src.lines[line - 1].start + column - 1
    return src.text[at:at + 1] in ("'", '"')


def _place(diag: Diagnostic, origin: Origin | None, src: SourceText, where: str) -> Diagnostic:
    """Move a finding in a one-line command to the command's place in the spec (without its
    fix: the edits are in the command, which the spec may quote)."""
    line, column = (origin.line, origin.column) if origin else (1, 1)
    if origin is not None and origin.line == origin.end_line:
        quoted = _quoted(src, origin.line, origin.column)
        start = column + (1 if quoted else 0) + diag.column - 1
        end = column + (1 if quoted else 0) + diag.end_column - 1
        return record.replace(diag, line=line, column=start, end_line=line, end_column=end,
                                   message=diag.message + where, fix=None)
    return record.replace(diag, line=line, column=column, end_line=line, end_column=column,
                               message=diag.message + where, fix=None)


# --------------------------------------------------------------------------- the built scripts


def _built(network: Network, path: str, config: C.Config, rules: list[type[R.Rule]],
           src: SourceText) -> list[Diagnostic]:
    from compiler import emit
    from compiler.lint import lint_script

    try:
        scripts = emit.build(network, path)
    except Exception:  # a spec with errors may not build; its errors are reported already
        return []
    embedded = {r.name for r in rules if r.embedded}
    selected = C.Config(select=[r.name for r in rules if r.name not in NOT_ON_BUILT], platform=network.platform.value)
    found = []
    for node in network.nodes:
        name = f"{node.name.value}.al"
        if name not in scripts:
            continue
        text = scripts[name]
        entries = _command_lines(text, len(node.commands))
        for diag in lint_script(text, name, config=selected):
            index = entries.get(diag.line)
            if index is not None:
                if diag.rule in embedded or diag.rule == "syntax-error":
                    continue  # checked in place above (or the spec's invalid-command)
                command = node.commands[index]
                found.append(_whole(diag, command.origin, f" (in `{command.origin.key}`)"))
                continue
            found.append(_at_node(diag, node, path))
    return found


def _command_lines(text: str, count: int) -> dict[int, int]:
    """Line of the built script -> the `commands` entry written there: the commands are the
    script's last statements and labels, one entry each."""
    from compiler.syntax import tree as T
    from compiler.syntax.parser import parse

    if not count:
        return {}
    items = [i for i in parse(text, "built.al").items
             if isinstance(i, T.Statement) or i.kind == "label"]
    out = {}
    for index, item in enumerate(items[-count:]):
        for line in range(item.span.line, item.span.end_line + 1):
            out[line] = index
    return out


def _whole(diag: Diagnostic, origin: Origin | None, where: str) -> Diagnostic:
    """A finding about a whole `commands` entry, at the entry."""
    if origin is None:
        return record.replace(diag, line=1, column=1, end_line=1, end_column=1, message=diag.message + where,
                                   fix=None)
    return record.replace(diag, line=origin.line, column=origin.column, end_line=origin.end_line,
                               end_column=origin.end_column, message=diag.message + where, fix=None)


def _at_node(diag: Diagnostic, node: Node, path: str) -> Diagnostic:
    origin = node.origin
    line, column = (origin.line, origin.column) if origin else (1, 1)
    return Diagnostic(path, line, column, line, column, diag.code, diag.rule, diag.severity,
                      f"the script built for `{node.name.value}` has, on its line {diag.line}: {diag.message}",
                      diag.help)
