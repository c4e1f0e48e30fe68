"""Block YAML for the deployment files (docker-compose.yaml, Helm values), written by hand so
that the bytes are alc's own and stable (a golden test pins them), and read back by the caller
to prove they say what was meant (:func:`dump` checks it itself).

A document is a ``dict`` of ``str`` keys whose values are ``dict``, ``list``, ``str``, ``int``,
``bool`` or ``None``; ``# comment`` lines come from :class:`Comment` keys. A string is written
plain when YAML reads it back as the same string, else double-quoted (JSON escapes, which YAML
reads the same way); an int or a bool is written plain.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

# libyaml's reader when PyYAML has it (the same answers, several times faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN = re.compile(r"[A-Za-z0-9_/.][A-Za-z0-9_ ./:@-]*")
_KEY = re.compile(r"[A-Za-z0-9_.-]+")


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``# text`` line in place of a key (its value is ignored)."""

    text: str


def scalar(value: Any) -> str:
    if isinstance(value, str):
        return _text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    raise AssertionError(f"not a YAML scalar alc writes: {value!r}")


@lru_cache(maxsize=4096)
def _text(value: str) -> str:
    """A string as YAML reads it back unchanged: plain when it can be, else double-quoted."""
    if _PLAIN.fullmatch(value) and not value.endswith((" ", ":")) and ": " not in value and " #" not in value:
        try:
            if yaml.load(value, Loader=_LOADER) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def key(name: str) -> str:
    return name if _KEY.fullmatch(name) and scalar(name) == name else json.dumps(name, ensure_ascii=False)


def _lines(value: Any, indent: str) -> list[str]:
    out: list[str] = []
    if isinstance(value, dict):
        for name, item in value.items():
            if isinstance(name, Comment):
                out.append(f"{indent}# {name.text}".rstrip())
            elif isinstance(item, (dict, list)) and item:
                out.append(f"{indent}{key(name)}:")
                out += _lines(item, indent + "  ")
            elif isinstance(item, dict):
                out.append(f"{indent}{key(name)}: {{}}")
            elif isinstance(item, list):
                out.append(f"{indent}{key(name)}: []")
            else:
                text = scalar(item)
                out.append(f"{indent}{key(name)}:{' ' + text if text else ''}")
        return out
    assert isinstance(value, list), value
    for item in value:
        assert not isinstance(item, (dict, list)), "lists of scalars only"
        out.append(f"{indent}- {scalar(item)}")
    return out


def plain(value: Any) -> Any:
    """``value`` without its comments: what reading the text back must give."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not isinstance(k, Comment)}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def dump(document: dict, header: list[str] = ()) -> str:
    """The document as block YAML, after ``# header`` lines; read back, it must be ``document``."""
    text = "".join(f"# {line}".rstrip() + "\n" for line in header) + "\n".join(_lines(document, "")) + "\n"
    if yaml.load(text, Loader=_LOADER) != plain(document):
        raise AssertionError("the YAML written does not read back as what was meant")
    return text
