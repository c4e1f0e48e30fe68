"""A bounded cache by text that keeps the texts still in use.

The parser and the model remember what they worked out per distinct statement text (its
split, its layout, the names it reads).  Emptying such a cache whenever it was full made a
run over many files recompute the texts that recur everywhere after every turn: 14% of the
CPU time of linting 1,000,000 lines, against unbounded caches.  Here a full generation
becomes the old one (the one before it is dropped) and a text found in the old generation
moves back to the young one, so a text in use survives every turn, and at most two
generations are held.
"""

from __future__ import annotations


class TextCache(dict):
    """``cache[text]`` is the value or None (a miss is not stored); ``put`` remembers one.

    A dict itself, so that a hit is one C-level lookup; only a miss of the young
    generation runs Python (``__missing__``)."""

    __slots__ = ("old", "limit")

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.old: dict = {}
        self.limit = limit

    def __missing__(self, text):
        value = self.old.pop(text, None)
        if value is not None:
            self.put(text, value)
        return value

    def put(self, text, value) -> None:
        if len(self) >= self.limit:
            self.old = dict(self)
            super().clear()
        self[text] = value

    def clear(self) -> None:
        super().clear()
        self.old = {}
