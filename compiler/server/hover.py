"""Hover: what the thing under the cursor is, from the catalogue the rules use and the model.

- a command: what it does, its where keys with their types, allowed values and defaults;
- a where key (or its value): the key's type, allowed values, default, whether required;
- a `!variable`: where the script assigns it, which other scripts of the project do, or
  that the node sets it itself;
- a label or a jump: the label's line and the jumps to it;
- a `process`ed file: the project file it runs;
- and, where the cursor is on a finding, the finding's help.
"""

from __future__ import annotations

from lsprotocol import types as L

from compiler.model import catalogue as K
from compiler.model import variables as V
from compiler.server import locate
from compiler.server.documents import SCRIPT, Document
from compiler.server.workspace import Workspace

TYPES = {
    "str": "text", "int": "a whole number (no sign)", "bool": "`true` or `false`",
    "int.time": "a time: a number and a unit (`30 seconds`)", "ip.port": "`ip:port`",
    "dir": "a folder that exists", "nested": "a `( k = v and ... )` group", "date": "a date (`-30d`)",
    "ip": "an IP address", "port": "a port (1-65535)",
}
MAX_LISTED = 5


def key_line(name: str, key: K.Key) -> str:
    facts = [TYPES.get(key.type, key.type)]
    if key.required:
        facts.append("required")
    if key.allowed:
        facts.append("one of " + ", ".join(f"`{v}`" for v in key.allowed))
    if key.default is not None:
        facts.append(f"default `{key.default}`")
    if key.maximum is not None:
        facts.append(f"at most {key.maximum}")
    if key.multi:
        facts.append("may be given more than once")
    return f"`{name}`: " + "; ".join(facts)


def command_markdown(name: str, entry: K.Command | None) -> str:
    out = [f"**`{name}`**"]
    if name in K.ANYLOG_ONLY_COMMANDS:
        out.append("AnyLog only: EdgeLake has no such command.")
    if entry is None:
        out.append("A command of the node; alc does not check its where keys."
                   if name in K.ALL_COMMANDS else "Not a command of the node.")
        return "\n\n".join(out)
    if entry.doc:
        out.append(entry.doc)
    if entry.keys:
        out.append("Where keys:\n\n" + "\n".join(f"- {key_line(k, v)}" for k, v in entry.keys.items()))
    for group in entry.one_of:
        out.append("At least one of " + ", ".join(f"`{k}`" for k in group) + ".")
    if not entry.strict_keys:
        out.append("The node takes other keys too.")
    if entry.note:
        out.append(f"Note: {entry.note}.")
    return "\n\n".join(out)


def _lines(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:MAX_LISTED])
    return shown + (f" and {len(numbers) - MAX_LISTED} more" if len(numbers) > MAX_LISTED else "")


def variable_markdown(name: str, doc: Document, workspace: Workspace) -> str:
    script, model = doc.parsed()
    out = [f"**`!{name}`**"]
    lines = sorted({stmt.span.line for stmt, _node in model.assignments.get(name, [])})
    if lines:
        out.append(f"Assigned here on line{'s' if len(lines) > 1 else ''} {_lines(lines)}.")
    others = other_scripts_assigning(name, doc, workspace)
    if others:
        out.append("Assigned in " + ", ".join(f"`{p}`" for p in others[:MAX_LISTED]) + ".")
    if name in V.NODE_VARIABLES:
        out.append("Set by the node itself.")
    try:
        config = workspace.config(doc.path)
    except Exception:
        config = None
    if config is not None and name in config.known_variables:
        out.append(f"Named in `known-variables` of `{config.source}`.")
    if len(out) == 1:
        out.append("No script of the project assigns it.")
    return "\n\n".join(out)


def other_scripts_assigning(name: str, doc: Document, workspace: Workspace) -> list[str]:
    """The other scripts of the document's project that assign ``name`` (as summarized)."""
    import os

    state = workspace.project_of(doc.path)
    if state is None:
        return []
    mine = os.path.realpath(doc.path) if doc.path else None
    return [s.path for key, s in state.summaries() if key != mine and name in s.assigned]


def hover(doc: Document, workspace: Workspace, position: L.Position) -> L.Hover | None:
    positions = doc.positions
    parts: list[str] = []
    span = None
    if doc.kind == SCRIPT:
        script, model = doc.parsed()
        found = locate.at(script, model, positions.src, positions.offset(position))
        if found is not None:
            span = found.span
            parts.append(_describe(found, doc, workspace, script, model))
    line, column = positions.to_alc(position)
    for diag in doc.findings[1]:
        if diag.help and (diag.line, diag.column) <= (line, column) <= (diag.end_line, diag.end_column):
            parts.append(f"{diag.code} `{diag.rule}`: {diag.help}")
    if not parts:
        return None
    rng = positions.range(span.line, span.column, span.end_line, span.end_column) if span else None
    return L.Hover(L.MarkupContent(L.MarkupKind.Markdown, "\n\n---\n\n".join(parts)), rng)


def _describe(found: locate.Found, doc, workspace, script, model) -> str:
    if found.kind == "command":
        return command_markdown(found.name, found.invocation.entry if found.invocation else None)
    if found.kind in ("key", "value"):
        entry = found.invocation.entry
        command = found.invocation.key
        key = entry.keys.get(found.name) if entry else None
        if key is None:
            known = "alc does not know this key" if entry is None or not entry.strict_keys \
                else "not a key of this command"
            return f"**`{found.name}`** of `{command}`: {known}."
        return f"**`{found.name}`**, a where key of `{command}`\n\n{key_line(found.name, key)}"
    if found.kind == "variable":
        return variable_markdown(found.name, doc, workspace)
    if found.kind in ("label", "label-declaration"):
        declared = model.labels.get(found.name, [])
        jumps = [j.stmt.span.line for j in model.jumps if j.label.text == found.name]
        out = [f"**`:{found.name}:`**"]
        out.append(f"Label on line {_lines(declared)}." if declared else "No such label in this script.")
        if jumps:
            out.append(f"Jumped to from line{'s' if len(jumps) > 1 else ''} {_lines(jumps)}.")
        return "\n\n".join(out)
    if found.kind == "process":
        from compiler.server.navigation import process_targets

        targets = process_targets(found.extra, doc, workspace)
        if targets:
            return f"**`process {found.name}`**\n\nRuns " + ", ".join(f"`{t}`" for t in targets) + "."
        return f"**`process {found.name}`**\n\nNo script of the project ends with this path."
    return ""
