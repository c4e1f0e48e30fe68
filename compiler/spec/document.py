"""A spec file read into plain data, with the position of every key and value.

The YAML and TOML readers both produce a :class:`Document`: ``data`` is what JSON Schema
validates, ``keys`` and ``values`` map a key path (``("nodes", 0, "tcp", "port")``) to the
span of the key and of its value.  Positions are 1-based, ends exclusive, as in diagnostics.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Union

import yaml

KeyPath = tuple[Union[str, int], ...]


@dataclass(frozen=True, slots=True)
class Mark:
    line: int
    column: int
    end_line: int
    end_column: int


START = Mark(1, 1, 1, 1)
# Deeper than any spec needs; it keeps every recursive step (readers, schema) far from Python's limit.
MAX_DEPTH = 32


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


@dataclass(slots=True)
class Document:
    path: str
    text: str
    format: str  # "yaml" | "toml"
    data: Any
    keys: dict[KeyPath, Mark] = field(default_factory=dict)
    values: dict[KeyPath, Mark] = field(default_factory=dict)
    # Values a stage has reported already: later stages say nothing more about them.
    reported: set[KeyPath] = field(default_factory=set)

    def key_mark(self, path: KeyPath) -> Mark:
        """Where the key of ``path`` is written, or the nearest enclosing key that is."""
        return _nearest(self.keys, path)

    def value_mark(self, path: KeyPath) -> Mark:
        """Where the value of ``path`` is written, or else its key's nearest written ancestor."""
        if path in self.values:
            return self.values[path]
        return _nearest(self.keys, path)

    def example(self, key: str, value: Any) -> str:
        """``key: value`` as this format writes it, for help texts."""
        return format_entry(self.format, key, value)


def _nearest(marks: dict[KeyPath, Mark], path: KeyPath) -> Mark:
    while path:
        if path in marks:
            return marks[path]
        path = path[:-1]
    return marks.get((), START)


def key_path(path: KeyPath) -> str:
    """``("nodes", 0, "tcp", "port")`` -> ``nodes[0].tcp.port``; the root is ``(top level)``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def format_value(fmt: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        if fmt == "yaml" and _plain_yaml(value):
            return value
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        inner = ", ".join(format_entry(fmt, k, v) for k, v in value.items())
        return "{" + (f" {inner} " if inner and fmt == "toml" else inner) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(format_value(fmt, v) for v in value) + "]"
    return str(value)


def format_entry(fmt: str, key: str, value: Any) -> str:
    return f"{key}{': ' if fmt == 'yaml' else ' = '}{format_value(fmt, value)}"


def _plain_yaml(text: str) -> bool:
    """Can ``text`` be written unquoted in YAML and still read back as this string?"""
    if not text or text != text.strip():
        return False
    try:
        return yaml.safe_load(f"k: {text}") == {"k": text}
    except yaml.YAMLError:
        return False
