"""Scripts inside policies: the strings of a `[config][script]` list.

A config policy carries a list of commands that `config from policy` runs one by one
(process_commands_list): each string is a statement of its own, so alc parses and checks
it like one, and reports at the string's place in the file.
"""

from __future__ import annotations

import re
from typing import Iterator

from compiler.record import record
from compiler.syntax import tree as T
from compiler.syntax.parser import parse

_STRING = re.compile(r'"([^"]*)"')
_SCRIPT_KEY = re.compile(r'"script"\s*:\s*\[')


@record
class Embedded:
    """One command string: its text, where its first character is, and its parse."""

    text: str
    stmt: T.Statement  # the statement that holds it
    start: int  # offset of the command's first character in the statement's logical text
    script: T.Script

    def file_offset(self, column: int) -> int:
        """File offset of a 1-based column of the command."""
        return self.stmt.file_offset(self.start + column - 1)


def _list_strings(word: T.Word, start: int = 0) -> Iterator[tuple[str, int]]:
    """(string, offset in the word) for the strings of the JSON list that starts at ``start``."""
    depth = 0
    i = start
    text = word.text
    while i < len(text):
        ch = text[i]
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
            if depth == 0:
                return
        elif ch == '"':
            m = _STRING.match(text, i)
            if not m:
                return
            if depth == 1:
                yield m.group(1), i + 1
            i = m.end()
            continue
        i += 1


def _commands(stmt: T.Statement, word: T.Word, start: int = 0) -> Iterator[Embedded]:
    for value, offset in _list_strings(word, start):
        body, shift = value, 0
        if len(body) > 1 and body[0] == "'" and body[-1] == "'":
            body, shift = body[1:-1], 1  # the node removes one pair of single quotes
        if not body.strip():
            continue
        yield Embedded(body, stmt, word.offset + offset + shift, parse(body))


def find(script: T.Script, statements: list[T.Statement] | None = None) -> list[Embedded]:
    """The command strings of the script's `[script]` lists (``statements``: the script's, when
    the caller has them already)."""
    found: list[Embedded] = []
    for stmt in script.statements if statements is None else statements:
        # Both forms name `script` in a word, and a word's text is part of the statement's.
        if "script" not in stmt.text:
            continue
        node = stmt.node
        while isinstance(node, (T.If, T.Else, T.Do)):
            node = node.body
        if isinstance(node, T.SetPolicy):
            for assign in node.assigns:
                key = (assign.key.text if assign.key else node.target.text)
                if key.endswith("[script]") and assign.value.kind == "BRACKET" and assign.value.offset >= 0:
                    found.extend(_commands(stmt, assign.value))
        elif isinstance(node, T.Assignment) and isinstance(node.value, T.Command):
            for word in node.value.head:
                if word.kind == "BRACE" and word.offset >= 0:
                    for m in _SCRIPT_KEY.finditer(word.text):
                        found.extend(_commands(stmt, word, m.end() - 1))
    return found
