"""Policies a script declares: `create policy TYPE where k = v ...` and JSON literals.

Each field keeps the word (or JSON text) it came from, so rules can report on it.
"""

from __future__ import annotations

import re

from compiler.model.script import Invocation, ScriptModel
from compiler.record import record
from compiler.source import Span
from compiler.syntax import tree as T


@record
class Field:
    name: str
    value: str  # as written: !var, !var.int, a literal (quotes removed)
    span: Span
    word: T.Word | None = None  # the value word, for create policy fields
    quoted: bool = False  # a JSON string ("!x" stays text: the node does not substitute it)


@record
class Policy:
    type: str
    fields: dict[str, Field]
    span: Span  # the whole declaration
    stmt: T.Statement
    variable: str | None = None  # the variable the policy is stored in
    invocation: Invocation | None = None

    def get(self, name: str) -> Field | None:
        return self.fields.get(name)


def _from_create(model: ScriptModel, inv: Invocation) -> Policy | None:
    words = inv.node.head
    if len(words) < 3:
        return None
    ptype = words[2].value.lower()
    fields: dict[str, Field] = {}
    for pair in inv.pairs():
        if pair.eq is None or not pair.value_words:
            continue
        first, last = pair.value_words[0], pair.value_words[-1]
        span = Span(first.span.start, last.span.end, first.span.line, first.span.column,
                    last.span.end_line, last.span.end_column)
        value = " ".join(w.value for w in pair.value_words)
        fields.setdefault(pair.key, Field(pair.key, value, span, first if len(pair.value_words) == 1 else None))
    variable = inv.capture.text.lstrip("!") if inv.capture is not None else None
    return Policy(ptype, fields, inv.node.span, inv.stmt, variable, inv)


_PAIR = re.compile(r'"([^"]+)"\s*:\s*("(?:[^"]*)"|[^,}\]\s]+)')


def _from_json(stmt: T.Statement, target: T.Word, word: T.Word) -> Policy | None:
    """A JSON policy literal `{"operator": {...}}` assigned to a variable."""
    text = word.text
    m = re.match(r'\{\s*"([A-Za-z_]+)"\s*:\s*\{', text)
    if not m:
        return None
    fields: dict[str, Field] = {}
    inner_start = m.end()
    for pm in _PAIR.finditer(text, inner_start):
        raw = pm.group(2)
        quoted = raw.startswith('"')
        value = raw[1:-1] if quoted else raw
        # Word text maps 1:1 onto the file within a line; clamp for JSON joined from lines.
        start = min(word.span.start + pm.start(2), word.span.end)
        span = Span(start, min(start + len(raw), word.span.end), word.span.line, word.span.column,
                    word.span.end_line, word.span.end_column) if word.span.line != word.span.end_line \
            else Span(start, start + len(raw), word.span.line, word.span.column + pm.start(2),
                      word.span.line, word.span.column + pm.start(2) + len(raw))
        fields.setdefault(pm.group(1), Field(pm.group(1), value, span, None, quoted))
    return Policy(m.group(1).lower(), fields, word.span, stmt, target.text.lstrip("!"))


def declared(model: ScriptModel) -> list[Policy]:
    """The policies the script declares, in file order (worked out once per model)."""
    return list(model.remember("policies", _declared))


def _declared(model: ScriptModel) -> list[Policy]:
    policies: list[Policy] = []
    for inv in model.commands("create policy"):
        policy = _from_create(model, inv)
        if policy is not None:
            policies.append(policy)
    for stmt, node in model.assignment_statements:  # also after if/then, do or else
        if isinstance(node, T.Assignment) and isinstance(node.value, T.Command):
            head = node.value.head
            if len(head) == 1 and head[0].kind == "BRACE":
                policy = _from_json(stmt, node.target, head[0])
                if policy is not None:
                    policies.append(policy)
    policies.sort(key=lambda p: p.span.start)
    return policies
