"""Suppression comments: ``# alc: ignore[rule, ...] reason`` and ``# alc: ignore-file[...]``.

A comment on a statement's line covers that statement; a comment on its own line covers the
statement that starts on the next line (all its lines, for a multi-line block).  Names may
be rule names or codes.  A suppression that covers nothing is itself a finding
(``unused-suppression``), so stale ones do not pile up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from compiler.source import SourceText, Span
from compiler.syntax import tree as T

_COMMENT = re.compile(r"(?:^|\s)#\s*alc:\s*(ignore|ignore-file)\[([^\]]*)\]\s*(.*)$")


@dataclass
class Suppression:
    names: list[str]
    spans: list[Span]  # one per name, for reporting the unused ones
    first_line: int
    last_line: int
    file_wide: bool
    used: set[str] = field(default_factory=set)

    def covers(self, line: int) -> bool:
        return self.file_wide or self.first_line <= line <= self.last_line


def collect(script: T.Script | None, src: SourceText | None = None) -> list[Suppression]:
    """The suppressions of a script, or (``script`` None) of a spec: there a comment covers its
    own line, or the next line when it stands alone."""
    if "alc:" not in (script.text if script is not None else src.text):
        return []  # every suppression comment holds it
    src = src or SourceText(script.text)
    statements = script.statements if script is not None else []
    found: list[Suppression] = []
    for index in range(len(src.lines)):
        text = src.line_text(index)
        if "alc:" not in text:
            continue
        m = _COMMENT.search(text)
        if not m:
            continue
        line = index + 1
        base = src.lines[index].start + m.start(2)
        names, spans, offset = [], [], 0
        for part in m.group(2).split(","):
            name = part.strip()
            start = base + offset + (len(part) - len(part.lstrip()))
            offset += len(part) + 1
            if name:
                names.append(name)
                spans.append(src.span(start, start + len(name)))
        file_wide = m.group(1) == "ignore-file"
        first = last = line
        own_line = text[:m.start()].strip() == ""
        if not file_wide:
            target = _statement_at(statements, line + 1 if own_line else line)
            if target is not None:
                first, last = target.span.line, target.span.end_line
            elif own_line:
                first = last = line + 1
        found.append(Suppression(names, spans, first, last, file_wide))
    return found


def _statement_at(statements: list[T.Statement], line: int) -> T.Statement | None:
    for stmt in statements:
        if stmt.span.line <= line <= stmt.span.end_line:
            return stmt
        if stmt.span.line > line:
            return None
    return None
