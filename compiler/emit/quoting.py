"""The one way a value becomes a word of a generated script, or is refused.

The node has no escapes: a ``"`` ends a quoted word wherever it stands, a ``[`` or ``{`` left
open reads the next lines into the command, ``&`` and ``#`` end it, and after ``do``,
``else`` and ``then`` the node joins the words back into a line and splits that line again
(``words.rebuild``), which undoes the quotes of a word without a space.  Instead of
escaping, alc writes a value only in a form that alc's port of the node's splitter reads
back as exactly that value, in every place alc writes values:

- ``key = value`` in a command, on one line or in a ``< ... >`` block;
- the same after ``do`` (split, rebuilt, split again);
- a ``blockchain get ... where`` value, which the node puts between JSON quotes as it is
  (no ``"`` or ``\\`` may survive there);
- a comment line (no line break of any kind).

A value that starts with ``!`` or ``$`` is a reference the node resolves, and must be exactly
``!name`` or ``$NAME``.  A value that no form survives is refused: the spec checks ask
:func:`problem` about every value a spec holds, so the user sees the reason at the key, and
the emitter's :func:`word` raises :class:`Unwritable` should anything get past them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from compiler.syntax.words import node_values, rebuild

# A reference to a script variable or an environment variable, and nothing more.
REFERENCE = re.compile(r"[!$][A-Za-z_][A-Za-z0-9_]*")
# Written without quotes: words the splitter cannot cut (brackets are checked by reading back).
_BARE = re.compile(r"[A-Za-z0-9_.:/@\[\]*-]+")
# Words the commands alc writes read as structure wherever they stand, quoted or not (the
# splitter removes the quotes before any command looks): a value cannot be one of them.
RESERVED = frozenset({"and", "or", "where", "bring", "then", "else", "do", "if", "not", "with", "task"})
# Line breaks for the node (Python's readlines) and for alc's reader and editors (str.splitlines).
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
# Characters the splitter acts on inside a word (after `do`, a word without a space is split again).
_SPLITTING = "=+<>&#()[]{}'`"
# Bidirectional overrides and isolates: they make a line read differently than it runs.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


_CONTROL_NAMES = {"\0": "NUL", "\t": "TAB", "\n": "LINE FEED", "\x0b": "VERTICAL TAB",
                  "\x0c": "FORM FEED", "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE",
                  "\x85": "NEXT LINE", "\x1c": "FILE SEPARATOR", "\x1d": "GROUP SEPARATOR",
                  "\x1e": "RECORD SEPARATOR"}


class Unwritable(ValueError):
    """A value that no form of a word carries into a script unchanged; the message says why."""


def control_character(text: str, allow_tab: bool = False) -> str | None:
    """A description of the first control character in ``text`` (line breaks, NUL, bidi
    overrides, lone surrogates ...), or None."""
    for index, char in enumerate(text):
        if char == "\t" and allow_tab:
            continue
        category = unicodedata.category(char)
        if char in _LINE_BREAKS or char in _BIDI or category in ("Cc", "Cs", "Zl", "Zp"):
            name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char) or \
                {"Cc": "a control character", "Cs": "a lone surrogate"}.get(category, "")
            return f"U+{ord(char):04X} {name}".rstrip() + f" at character {index + 1}"
    return None


def problem(value: object, top_level: bool = False) -> str | None:
    """Why ``value`` cannot be written into a script as one word, or None when it can
    (``top_level``: a value alc writes only in commands that no ``do`` runs, such as a PLC's
    node ids, ``ns=2;s=Temp``: there a quoted word keeps its ``=``)."""
    if isinstance(value, (bool, int)):
        return None
    return _problem(str(value), top_level)


@lru_cache(maxsize=4096)
def _problem(text: str, top_level: bool = False) -> str | None:
    if not text:
        return "an empty value: the node reads no word at all"
    control = control_character(text)
    if control:
        return f"it holds {control}; a script holds printable text only"
    if text[0] in "!$":
        if REFERENCE.fullmatch(text):
            return None
        return (f"a value that starts with `{text[0]}` is a reference the node resolves, so it must "
                "be a name only (`!name`, `$NAME`: letters, digits and `_`)")
    if text.lower() in RESERVED:
        return f"`{text}` is a keyword to the commands alc writes (quotes do not change that)"
    if '"' in text:
        return "it holds a double quote: the node has no way to write one inside a word"
    if "\\" in text:
        return "it holds a backslash: the node writes lookup values into JSON without escaping it"
    if _form(text, top_level) is None:
        special = "".join(dict.fromkeys(c for c in text if c in _SPLITTING))
        what = f"`{special}`" if special else "its brackets"
        if top_level:
            return f"the node's word splitter would cut it at {what}, quoted or not"
        return (f"the node's word splitter would cut it at {what}: alc writes values inside commands "
                "that run after `do`, where the node splits a word without a space again")
    return None


def _form(text: str, top_level: bool = False) -> str | None:
    """The first way of writing ``text`` that reads back as ``text`` everywhere (``top_level``:
    in commands that no ``do`` runs), or None."""
    candidates = [text] if _BARE.fullmatch(text) else []
    candidates.append(f'"{text}"')
    for written in candidates:
        # At the end of a command and in its middle (a `(` or `"` is a group only with
        # something after it).
        if node_values(f"k = {written}") != ["k", "=", text] or \
                node_values(f"k = {written} z") != ["k", "=", text, "z"]:
            continue
        # After `do`: joined again (a space puts the quotes back) and split once more.
        if top_level:
            return written
        if node_values(rebuild(["k", "=", text])) != ["k", "=", text] or \
                node_values(rebuild(["k", "=", text, "z"])) != ["k", "=", text, "z"]:
            continue
        return written
    return None


def word(value: object, top_level: bool = False) -> str:
    """``value`` as one word of a command line (``top_level``: see :func:`problem`); raises
    :class:`Unwritable`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    reason = _problem(text, top_level)
    if reason is not None:
        raise Unwritable(f"{text!r}: {reason}")
    if REFERENCE.fullmatch(text):
        return text
    written = _form(text, top_level)
    assert written is not None  # _problem checked it
    return written


def comment(text: str) -> str:
    """``text`` as the body of a ``#`` comment line; raises :class:`Unwritable` on a line break."""
    control = control_character(text, allow_tab=True)
    if control:
        raise Unwritable(f"{text!r}: a comment cannot hold {control}")
    return text
