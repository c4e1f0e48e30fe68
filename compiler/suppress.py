"""Suppression comments: ``# alc: ignore[rule, ...] reason`` and ``# alc: ignore-file[...]``.

A comment on a statement's line covers that statement; a comment on its own line covers the
statement that starts on the next line (all its lines, for a multi-line block).  Names may
be rule names or codes.  A suppression that covers nothing is itself a finding
(``unused-suppression``, with a fix that removes it), so stale ones do not pile up; a name
alc does not know is a usage error (``unknown_names``), and an `alc:` comment that is not a
well-formed suppression (a bare ``# alc: ignore``) is a finding (``invalid-suppression``).
"""

from __future__ import annotations

import re

from compiler.diagnostics import SAFE, Edit, Fix
from compiler.record import field, record
from compiler.source import SourceText, Span
from compiler.syntax import tree as T

_COMMENT = re.compile(r"(?:^|\s)#\s*alc:\s*(ignore|ignore-file)\[([^\]]*)\]\s*(.*)$")
# Any `# alc:` directive, well-formed or not (invalid-suppression looks at the others).
_DIRECTIVE = re.compile(r"(?:^|\s)(#\s*alc:\s*([A-Za-z][\w-]*)?)")


@record
class Suppression:
    names: list[str]
    spans: list[Span]  # one per name, for reporting the unused ones
    first_line: int
    last_line: int
    file_wide: bool
    used: set[str] = field(default_factory=set)
    # The edits that take one name out of the comment, and the one that removes the comment
    # (its whole line when it stands alone): the fixes of unused-suppression.
    name_removals: list[Edit] = field(default_factory=list)
    removal: Edit | None = None

    def covers(self, line: int) -> bool:
        return self.file_wide or self.first_line <= line <= self.last_line

    def fix_for(self, name: str, unused: list[str]) -> Fix | None:
        """The fix of one unused name: out of the list, or the whole comment when every name
        in it is unused."""
        if set(unused) >= set(self.names):
            if self.removal is None:
                return None
            return Fix(SAFE, "remove the suppression comment", (self.removal,))
        edit = self.name_removals[self.names.index(name)]
        return Fix(SAFE, f"remove `{name}` from the suppression", (edit,))


def collect(script: T.Script | None, src: SourceText | None = None) -> list[Suppression]:
    """The suppressions of a script, or (``script`` None) of a spec: there a comment covers its
    own line, or the next line when it stands alone."""
    if "alc:" not in (script.text if script is not None else src.text):
        return []  # every suppression comment holds it
    src = src or SourceText(script.text)
    statements = script.statements if script is not None else []
    found: list[Suppression] = []
    for index in range(len(src.starts)):
        text = src.line_text(index)
        if "alc:" not in text:
            continue
        m = _COMMENT.search(text)
        if not m:
            continue
        line = index + 1
        line_start = src.starts[index]
        base = line_start + m.start(2)
        names, spans, bounds, offset = [], [], [], 0
        for part in m.group(2).split(","):
            name = part.strip()
            start = base + offset + (len(part) - len(part.lstrip()))
            offset += len(part) + 1
            if name:
                names.append(name)
                spans.append(src.span(start, start + len(name)))
                bounds.append((start, start + len(name)))
        if not names:
            continue  # `# alc: ignore[]`: invalid-suppression reports it
        file_wide = m.group(1) == "ignore-file"
        first = last = line
        own_line = text[:m.start()].strip() == ""
        if not file_wide:
            target = _statement_at(statements, line + 1 if own_line else line)
            if target is not None:
                first, last = target.span.line, target.span.end_line
            elif own_line:
                first = last = line + 1
        sup = Suppression(names, spans, first, last, file_wide)
        sup.name_removals = _name_removals(src, bounds)
        sup.removal = _comment_removal(src, index, line_start + text.index("#", m.start()), own_line)
        found.append(sup)
    return found


def _name_removals(src: SourceText, bounds: list[tuple[int, int]]) -> list[Edit]:
    """For each name, the edit that removes it and one separator: the comma after it, or for
    the last name the comma before it."""
    edits = []
    for i, (start, end) in enumerate(bounds):
        if i + 1 < len(bounds):
            edits.append(_edit(src, start, bounds[i + 1][0]))
        elif i > 0:
            edits.append(_edit(src, bounds[i - 1][1], end))
        else:
            edits.append(_edit(src, start, end))
    return edits


def _comment_removal(src: SourceText, index: int, hash_at: int, own_line: bool) -> Edit:
    """The edit that removes a suppression comment: its whole line when it stands alone, else
    the comment and the spaces before it."""
    if own_line:  # the line and its break (the last line may have none)
        return _edit(src, src.starts[index], src.ends[index])
    start = hash_at
    while start > src.starts[index] and src.text[start - 1] in " \t":
        start -= 1
    return _edit(src, start, src.content_ends[index])


def _edit(src: SourceText, start: int, end: int) -> Edit:
    span = src.span(start, end)
    return Edit(start, end, "", span.line, span.column, span.end_line, span.end_column)


def invalid(src: SourceText) -> list[tuple[Span, str, str]]:
    """`# alc:` comments that are not well-formed suppressions: (span, message, help)."""
    if "alc:" not in src.text:
        return []
    found = []
    for index in range(len(src.starts)):
        text = src.line_text(index)
        if "alc:" not in text:
            continue
        for m in _DIRECTIVE.finditer(text):
            directive = m.group(2) or ""
            rest = text[m.end():]
            start = src.starts[index] + m.start(1)
            if directive not in ("ignore", "ignore-file"):
                shown = f"alc: {directive}" if directive else "alc:"
                found.append((src.span(start, start + len(m.group(1))),
                              f"`# {shown}` is not a directive alc knows, so it does nothing",
                              "write `# alc: ignore[rule-name] reason` or `# alc: ignore-file[rule-name] reason`"))
                continue
            if rest.startswith("["):
                close = rest.find("]")
                if close > 0 and rest[1:close].replace(",", "").strip():
                    continue  # a well-formed suppression (its names are checked elsewhere)
                if close < 0:
                    found.append((src.span(start, start + len(m.group(1)) + len(rest)),
                                  f"`# alc: {directive}[` is never closed with `]`, so it suppresses nothing",
                                  f"write `# alc: {directive}[rule-name] reason`"))
                    continue
                end = start + len(m.group(1)) + close + 1
            else:
                end = start + len(m.group(1))
            found.append((src.span(start, end),
                          f"`# alc: {directive}` names no rule, so it suppresses nothing: alc has no "
                          "blanket suppression",
                          f"name the rules it is for: `# alc: {directive}[rule-name] reason`"))
    return found


def unknown_names(text: str, known) -> list[tuple[Span, str]]:
    """The names in the suppressions of ``text`` that ``known(name)`` rejects, with their place."""
    if "alc:" not in text:
        return []
    src = SourceText(text)
    found = []
    for sup in collect(None, src):
        for name, span in zip(sup.names, sup.spans):
            if not known(name):
                found.append((span, name))
    return found


def _statement_at(statements: list[T.Statement], line: int) -> T.Statement | None:
    for stmt in statements:
        if stmt.span.line <= line <= stmt.span.end_line:
            return stmt
        if stmt.span.line > line:
            return None
    return None
