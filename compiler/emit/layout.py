"""How a generated command is written: words quoted where the node needs it, and a command
too long for one line as a ``< ... >`` block with one group of ``key = value`` pairs per line.

`alc build` then passes every script through the formatter, which has the last word on the
layout; writing the same spacing here keeps the two close.

The block form is the operator guide's: the inner lines are indented four spaces, joined with
``and`` at the end of each line, and the ``>`` closes the last one.  No inner line ends in
``>`` and none holds a ``#`` (the node would end the block early, or drop the rest of it).
"""

from __future__ import annotations

import re

WIDTH = 100
INDENT = "    "

# Written as they are: references, and words made only of these characters.
_REFERENCE = re.compile(r"[!$][A-Za-z_][A-Za-z0-9_]*(\.int)?")
_BARE = re.compile(r"[A-Za-z0-9_.:/@\[\]*-]+")


def word(value: object) -> str:
    """One value as a single word of the node's command line."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if _REFERENCE.fullmatch(text) or (_BARE.fullmatch(text) and not text.startswith(("!", "$"))):
        return text
    return '"' + text + '"'  # the schema keeps double quotes and line breaks out of values


def pair(key: str, value: object) -> str:
    return f"{key} = {word(value)}"  # the spacing of `alc fmt`


def command(head: str, groups: list[list[str]], *, block: bool | None = None) -> str:
    """``head where k = v and ...``: one line when it fits (or ``block=False``), else a block."""
    items = [item for group in groups for item in group]
    line = f"{head} where {' and '.join(items)}" if items else head
    if block is False or (block is None and len(line) <= WIDTH) or not items:
        return line
    inner = [" and ".join(group) for group in groups if group]
    return f"<{head} where\n" + " and\n".join(INDENT + text for text in inner) + ">"
