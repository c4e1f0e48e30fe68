"""How a generated command is put together: its text, and the words the node will run.

Every piece of a statement is a :class:`Piece`: the text alc writes and the words the node's
command function receives for it.  Values from the IR become pieces only through
:func:`value` (which goes through :mod:`compiler.emit.quoting`); alc's own fixed text
(command names, ``!variables`` it sets itself) through :func:`lit`.  A statement's ``words``
are its plan: `alc build` reads its own output back and checks that the node would run
exactly these words (``compiler.emit.verify``).

A command too long for one line becomes a ``< ... >`` block with one group of
``key = value`` pairs per line, as the operator guide writes it: the inner lines are indented
four spaces, joined with ``and`` at the end of each line, and the ``>`` closes the last one.
No inner line ends in ``>`` and none holds a ``#`` (the node would end the block early, or
drop the rest of it).  `alc build` then passes every script through the formatter, which has
the last word on the layout; writing the same spacing here keeps the two close.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.emit import quoting
from compiler.syntax.words import node_values

WIDTH = 100
INDENT = "    "


@dataclass(frozen=True, slots=True)
class Piece:
    text: str  # as written
    words: tuple[str, ...]  # what the node reads from it


def lit(text: str) -> Piece:
    """alc's own text (command words, its own ``!variables``): written as it is."""
    words = node_values(text)
    assert words is not None and not any(c in text for c in "\"'`#&\n"), text
    return Piece(text, tuple(words))


def value(item: object) -> Piece:
    """A value from the IR: one word, quoted where the node needs it, or refused."""
    text = quoting.word(item)
    return Piece(text, (_shown(item),))


def _shown(item: object) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    return str(item)


def words(text: str) -> Piece:
    """A value that is several words by design (``30 seconds``): each word must be one."""
    parts = text.split(" ")
    for part in parts:
        quoting.word(part)
    return Piece(text, tuple(parts))


def join(*pieces: Piece | str, sep: str = " ") -> Piece:
    """Pieces one after the other (a ``str`` is alc's own text, as with :func:`lit`)."""
    parts = [lit(p) if isinstance(p, str) else p for p in pieces]
    return Piece(sep.join(p.text for p in parts), tuple(w for p in parts for w in p.words))


def pair(key: str, item: object | Piece) -> Piece:
    """``key = value``, with the spacing of `alc fmt`."""
    return join(key, "=", item if isinstance(item, Piece) else value(item))


def command(head: Piece | str, groups: list[list[Piece]], *, block: bool | None = None) -> Piece:
    """``head where k = v and ...``: one line when it fits (or ``block=False``), else a block."""
    head = lit(head) if isinstance(head, str) else head
    items = [item for group in groups for item in group]
    if not items:
        return head
    line = join(head, "where", *_and(items))
    if block is False or (block is None and len(line.text) <= WIDTH):
        return line
    inner = [join(*_and(group)) for group in groups if group]
    text = f"<{head.text} where\n" + " and\n".join(INDENT + piece.text for piece in inner) + ">"
    return Piece(text, line.words)


def _and(items: list[Piece]) -> list[Piece | str]:
    out: list[Piece | str] = []
    for index, item in enumerate(items):
        if index:
            out.append("and")
        out.append(item)
    return out


def comment(text: str) -> str:
    """A ``#`` comment line; a value in it went through :func:`quoting.comment`."""
    return "# " + quoting.comment(text)
