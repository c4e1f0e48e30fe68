"""Colours for the human formats (text, concise, statistics), as ruff and compilers use them.

`--color auto` (the default) colours a terminal only: not when ``NO_COLOR`` is set to
anything but an empty string (https://no-color.org), always when ``FORCE_COLOR`` is, else
when the stream is a terminal and ``TERM`` is not ``dumb``.  `--color always` and
`--color never` decide alone.
"""

from __future__ import annotations

import os
from typing import TextIO

CHOICES = ("auto", "always", "never")

_CODES = {"bold": "1", "red": "1;31", "yellow": "1;33", "blue": "1;34", "cyan": "36", "dim": "2"}
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "blue"}


def wanted(choice: str, stream: TextIO) -> bool:
    if choice == "always":
        return True
    if choice == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


class Style:
    """Wraps text in ANSI colours, or leaves it as it is."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled

    def __call__(self, text: str, colour: str) -> str:
        if not self.enabled or not text:
            return text
        before, after = self.codes(colour)
        return f"{before}{text}{after}"

    def codes(self, colour: str) -> tuple[str, str]:
        """What ``self(text, colour)`` puts before and after a non-empty text: empty strings
        without colour (a report of many findings formats them once, not per finding)."""
        if not self.enabled:
            return "", ""
        return f"\x1b[{_CODES[colour]}m", "\x1b[0m"

    def severity(self, text: str, severity: str) -> str:
        return self(text, SEVERITY_COLOURS.get(severity, "bold"))


PLAIN = Style(False)
