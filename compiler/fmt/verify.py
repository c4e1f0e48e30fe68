"""The safety net, as Black has it: the output must mean what the input meant, and be stable.

Before any output is used, it is parsed again and compared with the input statement by
statement: the same words (as the node splits them), the same trailing comment or dropped
text, the same comments and labels in the same order, the statements the node rejects (no
words) unchanged, and the same raw lines that the node would take as the script's
`variables (a, b)` argument list.  Formatting the output again must give it back unchanged.
"""

from __future__ import annotations

from compiler.fmt.layout import split_lines, tail
from compiler.fmt.printer import LABEL_KINDS, render
from compiler.source import SourceText, no_gc
from compiler.syntax import scanner as S
from compiler.syntax import tree as T
from compiler.syntax.parser import parse


class FormatError(Exception):
    """The formatter would have changed what a script means (a bug in alc): nothing is written."""


def declares_variables(line: str) -> bool:
    """The node's test for a `variables (a, b)` line (``assign_values_to_vars``), on the raw line."""
    at = line.find("variables")
    if at < 0 or "#" in line[:at] or (at and line[at - 1] != " "):
        return False
    rest = line[at + len("variables"):]
    opening = rest.find("(")
    return opening >= 0 and ")" in rest[opening + 1:]


def skeleton(script: T.Script) -> list[tuple]:
    """What formatting must not change, in file order."""
    src = SourceText(script.text)
    scanner = S.Scanner(src)
    out: list[tuple] = []
    for item in script.items:
        if isinstance(item, T.Statement):
            if not item.words:
                out.append(("rejected", tuple(split_lines(item.source)), item.span.line))
                continue
            out.append(("statement", tuple(w.text for w in item.words), tail(item), item.span.line))
            first = item.span.line - 1
            for index in range(first, first + len(split_lines(item.source))):
                kind = scanner.skip_kind(index)
                if kind == S.COMMENT:
                    out.append(("comment", src.line_text(index).strip(), index + 1))
                elif kind in LABEL_KINDS:
                    out.append(("label", src.line_text(index).rstrip(), index + 1))
        elif item.kind == S.COMMENT:
            out.append(("comment", item.source.strip(), item.span.line))
        elif item.kind in LABEL_KINDS:
            out.append(("label", split_lines(item.source)[0].rstrip(), item.span.line))
    for index in range(len(src.lines)):
        line = src.line_text(index)
        if declares_variables(line):
            out.append(("variables", line.rstrip(), index + 1))
    return out


def _first_difference(before: list[tuple], after: list[tuple]) -> int:
    """The input line of the first part that changed."""
    for old, new in zip(before, after):
        if old[:-1] != new[:-1]:
            return old[-1]
    return before[min(len(before), len(after)) - 1][-1] if before else 1


def format_text(text: str, path: str = "<string>") -> str:
    """The canonical form of ``text``; raises :class:`FormatError` rather than change its meaning."""
    # With the collector paused, each tree is freed by reference counting as soon as it is
    # done with (trees hold no cycles), before any collection has to walk it.
    with no_gc():
        return _format_text(text, path)


def _format_text(text: str, path: str) -> str:
    script = parse(text, path)
    out = render(script)
    if out == text:
        return text
    # The input's tree is done with once its skeleton is taken: freed before the output is
    # parsed, the two trees are never held at once (a 100,000-line file's tree is 300 MB).
    before = skeleton(script)
    del script
    again = parse(out, path)
    after = skeleton(again)
    if [part[:-1] for part in before] != [part[:-1] for part in after]:
        line = _first_difference(before, after)
        raise FormatError(f"{path}:{line}: internal error: formatting would change what this "
                          "line means; the file was left unchanged (please report this)")
    if render(again) != out:
        raise FormatError(f"{path}: internal error: formatting is not stable (a second run "
                          "would change the output again); the file was left unchanged "
                          "(please report this)")
    return out
