"""Machine output: a JSON list of diagnostic objects, sorted by path, line and column."""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Iterable

from compiler.diagnostics import Diagnostic


def render(diagnostics: Iterable[Diagnostic]) -> str:
    """What ``json.dumps([d.to_dict() ...], indent=2, ensure_ascii=False)`` writes, faster:
    with an indent, json encodes in Python, and a run may report thousands of findings.
    The flat objects are written here with json's own C string encoder."""
    parts = [_object(d) for d in diagnostics]
    if not parts:
        return "[]\n"
    return "[\n" + ",\n".join(parts) + "\n]\n"


def _object(d: Diagnostic) -> str:
    if d.fix is not None:  # nested values: json itself, indented one level more
        text = json.dumps(d.to_dict(), indent=2, ensure_ascii=False)
        return "\n".join("  " + line for line in text.split("\n"))
    help_line = "" if d.help is None else f',\n    "help": {encode_basestring(d.help)}'
    return (f'  {{\n    "path": {encode_basestring(d.path)},\n    "line": {d.line},\n'
            f'    "column": {d.column},\n    "end_line": {d.end_line},\n'
            f'    "end_column": {d.end_column},\n    "code": {encode_basestring(d.code)},\n'
            f'    "rule": {encode_basestring(d.rule)},\n    "severity": {encode_basestring(d.severity)},\n'
            f'    "message": {encode_basestring(d.message)}{help_line}\n  }}')
