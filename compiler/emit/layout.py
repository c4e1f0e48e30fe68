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


def value(item: object, top_level: bool = False) -> Piece:
    """A value from the IR: one word, quoted where the node needs it, or refused
    (``top_level``: for a command no ``do`` runs, see ``quoting.problem``)."""
    text = quoting.word(item, top_level)
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


def group(items: list[Piece]) -> Piece:
    """``(k = v and k = v ...)``: a nested where value (a message client's ``topic``), one word.

    The node reads the group's inside again with its word splitter, and a column group's
    inside by cutting it at `` and ``: the inside must split back into exactly the planned
    words, and no value in it may hold `` and `` (quoted or not), or the group is refused.
    """
    inner = join(*_and(items))
    for item in items:
        for word in item.words:
            nested = word.startswith("(") and word.endswith(")")  # checked when it was made
            if not nested and " and " in f" {word.lower()} ":
                raise quoting.Unwritable(f"{word!r}: a value inside a group cannot hold the word `and`")
    if node_values(inner.text) != list(inner.words):
        raise quoting.Unwritable(f"{inner.text!r}: does not split back into its planned words")
    text = f"({inner.text})"
    if node_values(text) != [text]:
        raise quoting.Unwritable(f"{text!r}: the node would not read it as one group")
    return Piece(text, (text,))


def dotted(prefix: str, item: object, suffix: str | None = None) -> Piece:
    """``prefix.<value>[.suffix]`` as one word (``column.<name>.timestamp``): the value must be
    a bare name, since quotes would split the key."""
    name = quoting.word(item)
    if name != str(item) or not name.replace("_", "").isalnum():
        raise quoting.Unwritable(f"{item!r}: a name inside a key must be letters, digits and '_'")
    text = ".".join(part for part in (prefix, name, suffix) if part)
    if node_values(text) != [text]:
        raise quoting.Unwritable(f"{text!r}: the node would not read it as one word")
    return Piece(text, (text,))


def schedule(pairs: list[Piece], task: Piece) -> Piece:
    """``schedule k = v and ... task <command>``: the node keeps the words after ``task``,
    joins them again and runs them later (``verify`` checks they split back the same)."""
    return join("schedule", *_and(pairs), "task", task)


def join(*pieces: Piece | str, sep: str = " ") -> Piece:
    """Pieces one after the other (a ``str`` is alc's own text, as with :func:`lit`)."""
    parts = [lit(p) if isinstance(p, str) else p for p in pieces]
    return Piece(sep.join(p.text for p in parts), tuple(w for p in parts for w in p.words))


def pair(key: str | Piece, item: object | Piece) -> Piece:
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
