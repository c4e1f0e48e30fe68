"""What stands at a place of a script: a command, a where key, a label, a variable, a file.

Hover, go to definition, find references and completion all start from here.  Places are
character offsets into the file, the same as the spans of alc's tree.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from compiler.model import variables as V
from compiler.model.script import Invocation, ScriptModel
from compiler.source import SourceText, Span
from compiler.syntax import tree as T

# A variable read anywhere in a word (JSON, groups, quoted text): `!name`, `!!name`, `!name.int`.
VARIABLE = re.compile(r"!{1,2}([A-Za-z0-9_\-]+)")
LABEL_LINE = re.compile(r":([^:]*):")


@dataclass
class Found:
    kind: str  # command | key | value | label | label-declaration | variable | process
    name: str  # the command key, the where key, the label or the variable
    span: Span  # what to highlight
    invocation: Invocation | None = None
    extra: Any = None  # the KeyValue of a key or value; the Process node of a process


def statement_at(script: T.Script, line: int) -> T.Statement | None:
    """The statement whose lines hold 1-based ``line``, if any."""
    items = script.items
    firsts = [item.span.line for item in items]  # items tile the file, in line order
    index = bisect_right(firsts, line) - 1
    for item in items[max(index - 1, 0):index + 2]:
        if isinstance(item, T.Statement) and item.span.line <= line <= item.span.end_line:
            return item
    return None


def word_at(stmt: T.Statement, offset: int) -> T.Word | None:
    """The word of a statement at a file offset (its end included: the cursor after a word)."""
    for word in stmt.words:
        if word.span.start <= offset <= word.span.end:
            return word
    return None


def label_declaration(script: T.Script, src: SourceText, line: int) -> tuple[str, Span] | None:
    """(name, span of the name) when 1-based ``line`` declares a label the node registers."""
    name = script.registered_labels.get(line - 1)
    if name is None:
        return None
    start = src.starts[line - 1] + 1
    return name, src.span(start, start + len(name))


def variables_in(stmt: T.Statement, word: T.Word) -> list[tuple[str, Span]]:
    """The `!name`s a word reads, each with its span in the file (inside JSON too)."""
    found = []
    for m in VARIABLE.finditer(word.text):
        start = stmt.file_offset(word.offset + m.start()) if word.offset >= 0 else word.span.start + m.start()
        end = stmt.file_offset(word.offset + m.end() - 1) + 1 if word.offset >= 0 else word.span.start + m.end()
        found.append((m.group(1), Span(start, end, 0, 0, 0, 0)))  # a cast (.int) is not part of it
    return found


def _positioned(src: SourceText, span: Span) -> Span:
    return src.span(span.start, span.end)


def assignment_target(model: ScriptModel, stmt: T.Statement, word: T.Word) -> str | None:
    """The variable ``word`` assigns when it is the target of `x = ...` / `set x = ...`."""
    for name, words in model.assignments.items():
        for at, node in words:
            if at is stmt and node is not None and node.target is word:
                return name
    for name, target in V.definitions(stmt.node):  # incr x, variables(a, b)
        if target is word:
            return name
    return None


def at(script: T.Script, model: ScriptModel, src: SourceText, offset: int) -> Found | None:
    """What stands at ``offset``."""
    line, _column = src.position(offset)
    declared = label_declaration(script, src, line)
    if declared is not None:
        return Found("label-declaration", declared[0], declared[1])
    stmt = statement_at(script, line)
    if stmt is None:
        return None
    word = word_at(stmt, offset)
    if word is None:
        return None
    for jump in model.jumps:
        if jump.stmt is stmt and jump.label is word:
            return Found("label", word.text, word.span)
    for process_stmt, node in model.processes:
        if process_stmt is stmt and any(part is word for part in node.file):
            return Found("process", "".join(w.value for w in node.file), word.span, extra=node)
    for name, span in variables_in(stmt, word):
        if span.start <= offset <= span.end:
            return Found("variable", name, _positioned(src, span))
    target = assignment_target(model, stmt, word)
    if target is not None:
        return Found("variable", target, word.span)
    for inv in model.invocations:
        if inv.stmt is not stmt:
            continue
        if any(w is word for w in inv.node.head):
            return Found("command", inv.key or inv.node.name, word.span, inv)
        for pair in inv.pairs():
            if any(w is word for w in pair.key_words):
                return Found("key", pair.key, word.span, inv, pair)
            if any(w is word for w in pair.value_words):
                return Found("value", pair.key, word.span, inv, pair)
    return None
