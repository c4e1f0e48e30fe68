"""Completion: commands where a command starts, where keys and their allowed values in a
catalogued command, labels after `goto`/`call`, and known variables after `!`.

What is typed before the cursor decides, read from the words of the statement the cursor is
in (so a `<...>` block's later lines know their command):

    run tc|                      -> commands starting with `run tc`
    run tcp server where |       -> the keys of `run tcp server` not given yet
    ... and bind = |             -> `true`, `false`
    if !x then goto |            -> the script's labels
    print !no|                   -> variables of the script, the project and the node
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lsprotocol import types as L

from compiler.model import catalogue as K
from compiler.model import variables as V
from compiler.server import locate
from compiler.server.documents import SCRIPT, Document
from compiler.server.hover import command_markdown, key_line
from compiler.server.workspace import Workspace

PARTIAL = re.compile(r"[A-Za-z0-9_.\-]*$")
VARIABLE = re.compile(r"!{1,2}([A-Za-z0-9_\-]*)$")
TRIGGERS = ["!", " ", "="]
BOOL_VALUES = ("true", "false")


def _item(label: str, kind, rng: L.Range, detail: str | None = None, doc: str | None = None,
          sort: str | None = None) -> L.CompletionItem:
    return L.CompletionItem(
        label=label, kind=kind, detail=detail,
        documentation=L.MarkupContent(L.MarkupKind.Markdown, doc) if doc else None,
        text_edit=L.TextEdit(rng, label), sort_text=sort)


class Token(NamedTuple):
    text: str
    start: int  # file offsets
    end: int


# A statement the node rejects (a block or a quote not closed yet, as while typing) has no
# words: its text is split roughly, enough to know the command and the last key.
ROUGH_WORD = re.compile(r'==|!=|<=|>=|=|"[^"]*"?|[^\s="]+')


def tokens(stmt, text: str, end: int) -> list[Token]:
    """The words of ``stmt`` that end before file offset ``end``."""
    if stmt.words:
        return [Token(w.value, w.span.start, w.span.end) for w in stmt.words if w.span.end <= end]
    start = stmt.span.start + (1 if text[stmt.span.start:stmt.span.start + 1] == "<" else 0)
    return [Token(m.group(), start + m.start(), start + m.end())
            for m in ROUGH_WORD.finditer(text[start:end]) if start + m.end() <= end]


def _strip_prefix(words: list) -> list | None:
    """The words of the command being written: without `if ... then`, `do`, `else`, `x =`
    (None in the condition of an `if`)."""
    while words:
        first = words[0].text
        if first in ("do", "else"):
            words = words[1:]
        elif first == "if":
            then = next((i for i, w in enumerate(words) if w.text == "then"), None)
            if then is None:
                return None
            words = words[then + 1:]
        elif len(words) >= 2 and words[1].text == "=" and words[0].text != "set":
            words = words[2:]
        else:
            break
    return words


def complete(doc: Document, workspace: Workspace, position: L.Position) -> L.CompletionList:
    items: list[L.CompletionItem] = []
    if doc.kind == SCRIPT:
        items = _items(doc, workspace, position)
    return L.CompletionList(is_incomplete=False, items=items)


def _items(doc: Document, workspace: Workspace, position: L.Position) -> list[L.CompletionItem]:
    positions = doc.positions
    offset = positions.offset(position)
    line, column = positions.to_alc(position)
    before = positions.line_text(line - 1)[:column - 1]
    try:
        config = workspace.config(doc.path)
    except Exception:
        config = None
    variable = VARIABLE.search(before)
    if variable:
        start = positions.position_of(offset - len(variable.group(1)))
        return _variables(doc, workspace, config, L.Range(start, position))
    partial = PARTIAL.search(before).group()
    script, model = doc.parsed()
    stmt = locate.statement_at(script, line)
    words = tokens(stmt, positions.src.text, offset - len(partial)) if stmt else []
    command = _strip_prefix(words)
    if command is None:
        return []  # in a condition
    texts = [w.text for w in command]
    if texts[:1] in (["goto"], ["call"]) and len(texts) == 1 or texts[:3] in (
            ["on", "error", "goto"], ["on", "error", "call"]) and len(texts) == 3:
        rng = L.Range(positions.position_of(offset - len(partial)), position)
        return [_item(name, L.CompletionItemKind.Reference, rng, f"label, line {lines[0]}")
                for name, lines in sorted(model.labels.items())]
    if "where" not in texts:
        return _commands(command, partial, positions, offset, position, config)
    head = command[:texts.index("where")]
    entry = K.entry([w.text for w in head])
    if entry is None:
        return []
    after = texts[texts.index("where") + 1:]
    rng = L.Range(positions.position_of(offset - len(partial)), position)
    if not after or after[-1] == "and":
        given = {after[i - 1] for i, t in enumerate(after) if t == "=" and i > 0}
        return [_item(name, L.CompletionItemKind.Field, rng, key_line(name, key), sort=f"{0 if key.required else 1}{name}")
                for name, key in entry.keys.items() if name not in given or key.multi]
    if after[-1] == "=" and len(after) >= 2:
        key = entry.keys.get(after[-2])
        if key is None:
            return []
        values = key.allowed or (BOOL_VALUES if key.type == "bool" else ())
        return [_item(v, L.CompletionItemKind.Value, rng, f"{after[-2]} of {entry.name}") for v in values]
    return []


def _commands(command, partial, positions, offset, position, config) -> list[L.CompletionItem]:
    """Commands that start with the words typed so far (the item replaces them all)."""
    typed = " ".join([w.text for w in command] + ([partial] if partial else []))
    start = command[0].start if command else offset - len(partial)
    rng = L.Range(positions.position_of(start), position)
    names = sorted(K.ALL_COMMANDS)
    if config is not None and config.platform == "edgelake":
        names = [n for n in names if n not in K.ANYLOG_ONLY_COMMANDS]
    out = []
    for name in names:
        if command and not name.startswith(typed):
            continue
        entry = K.CATALOGUE.get(name)
        out.append(_item(name, L.CompletionItemKind.Function, rng, entry.doc if entry else None,
                         command_markdown(name, entry)))
    return out


def _variables(doc, workspace, config, rng) -> list[L.CompletionItem]:
    script, model = doc.parsed()
    found: dict[str, str] = {}
    for name in model.assignments:
        found.setdefault(name, "assigned in this script")
    try:
        facts = workspace.state(doc.path, config).facts() if config is not None else None
    except Exception:
        facts = None
    for name in sorted(facts.defined if facts else ()):
        found.setdefault(name, "assigned by a script of the project")
    for name in sorted(config.known_variables if config else ()):
        found.setdefault(name, "in known-variables")
    for name in sorted(V.NODE_VARIABLES):
        found.setdefault(name, "set by the node")
    return [_item(name, L.CompletionItemKind.Variable, rng, detail) for name, detail in found.items()]
