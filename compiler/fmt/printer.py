"""The whole file: statements, comments and labels in order, blank lines, line endings.

Blank lines: runs of blank lines become one, none at the start or the end of the file.  A
label gets one blank line before it (before the comments written directly above it, which
belong to it) and none after it: the label names the line that follows, where `goto` lands.
Labels in a row stay together.  Line endings: a file whose first line ends with ``\\r\\n``
keeps ``\\r\\n`` on every line, any other file gets ``\\n``; a non-empty file ends with one.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.fmt.layout import LINE_BREAK, Layout, split_lines
from compiler.source import SourceText
from compiler.syntax import scanner as S
from compiler.syntax import tree as T

LABEL_KINDS = (S.LABEL, S.INDENTED_LABEL, S.MALFORMED_LABEL)


@dataclass(slots=True)
class Entry:
    kind: str  # label, comment or statement
    lines: list[str]
    blank_before: bool  # the input had a blank line just before it


def entries(script: T.Script) -> list[Entry]:
    layout = Layout(SourceText(script.text))
    out: list[Entry] = []
    blank = False
    for item in script.items:
        if isinstance(item, T.Statement):
            out.append(Entry("statement", layout.lines(item), blank))
        elif item.kind == S.BLANK:
            blank = True
            continue
        elif item.kind in LABEL_KINDS:
            # Labels keep their column: indenting `:x:` or dedenting `  :x:` would change
            # which lines the node registers as jump targets.
            out.append(Entry("label", [split_lines(item.source)[0].rstrip()], blank))
        else:
            out.append(Entry("comment", [item.source.strip()], blank))
        blank = False
    return out


def label_heads(items: list[Entry]) -> set[int]:
    """Indexes where a label's group starts: the label, or the comments directly above it."""
    heads = set()
    for i, entry in enumerate(items):
        if entry.kind != "label":
            continue
        head = i
        while head > 0 and not items[head].blank_before and items[head - 1].kind == "comment":
            head -= 1
        heads.add(head)
    return heads


def render(script: T.Script) -> str:
    items = entries(script)
    heads = label_heads(items)
    lines: list[str] = []
    for i, entry in enumerate(items):
        # A label sticks to what follows it; a label group gets a blank line before it.
        if i and items[i - 1].kind != "label" and (i in heads or entry.blank_before):
            lines.append("")
        lines.extend(entry.lines)
    if not lines:
        return ""
    first_break = LINE_BREAK.search(script.text)
    eol = "\r\n" if first_break and first_break.group() == "\r\n" else "\n"
    return eol.join(lines) + eol
