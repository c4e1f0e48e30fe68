"""Formatting through `alc fmt`: the whole document, or the changes that touch a range.

The text is formatted by ``compiler.fmt.format_text`` (with its safety check), then the
difference is sent as edits of whole lines, so the editor keeps the cursor and the undo
history of the lines that did not change.  A range gets the changed lines that touch it.
"""

from __future__ import annotations

import difflib

from lsprotocol import types as L

from compiler.fmt import FormatError, format_text
from compiler.fmt.layout import LINE_BREAK
from compiler.server.documents import SCRIPT, Document


def lines_with_breaks(text: str) -> list[str]:
    out, at = [], 0
    for m in LINE_BREAK.finditer(text):
        out.append(text[at:m.end()])
        at = m.end()
    if at < len(text):
        out.append(text[at:])
    return out


def edits(doc: Document, within: L.Range | None = None) -> list[L.TextEdit]:
    """The edits that format the document (or the part of it that touches ``within``);
    raises FormatError when alc would not format it (a bug in alc: the text is left alone)."""
    if doc.kind != SCRIPT:
        return []
    formatted = format_text(doc.text, doc.name)
    if formatted == doc.text:
        return []
    before, after = lines_with_breaks(doc.text), lines_with_breaks(formatted)
    starts = [0]
    for line in before:
        starts.append(starts[-1] + len(line))
    positions = doc.positions
    out = []
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal" or (within is not None and not _touches(i1, i2, within)):
            continue
        rng = L.Range(positions.position_of(starts[i1]), positions.position_of(starts[i2]))
        out.append(L.TextEdit(rng, "".join(after[j1:j2])))
    return out


def _touches(first: int, end: int, within: L.Range) -> bool:
    """Do lines first..end-1 (0-based; an insertion before ``first`` when they are equal)
    touch the range?"""
    last_line = within.end.line
    if within.end.character == 0 and within.end.line > within.start.line:
        last_line -= 1  # a range that ends at a line's start does not hold that line
    return first <= last_line and max(end - 1, first) >= within.start.line


__all__ = ["FormatError", "edits"]
