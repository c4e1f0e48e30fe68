"""The spec's JSON Schema (draft 2020-12), and its violations as diagnostics a person can act on.

Every violation is reported, not only the first, at the key or value it is about, with its
key path and what would be valid: the allowed values, the type and range, a close match for
a misspelt key.  The schema's ``title``s are written as that "what would be valid" phrase.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError

from compiler.diagnostics import Diagnostic
from compiler.spec import codes
from compiler.spec.document import Document, KeyPath, Mark, format_entry, key_path

SCHEMA_FILE = "alc-spec.schema.json"
_FIRST = Mark(1, 1, 1, 1)


def schema_text() -> str:
    """The schema as shipped: from the installed package or, in a checkout, from schemas/."""
    return shipped(SCHEMA_FILE)


def shipped(name: str) -> str:
    """A file of schemas/ (the spec schema, the Compose Specification's), as shipped."""
    try:
        return (resources.files("compiler") / "schemas" / name).read_text("utf-8")
    except (FileNotFoundError, NotADirectoryError, ModuleNotFoundError):
        return (Path(__file__).resolve().parents[2] / "schemas" / name).read_text("utf-8")


@lru_cache(maxsize=1)
def schema() -> dict:
    return json.loads(schema_text())


def _ecma_anchors(pattern: str) -> str:
    """A schema pattern as JSON Schema means it (ECMA-262): ``$`` is the end of the text, which
    in Python is ``\\Z`` (Python's ``$`` also matches before a final line break, so
    ``"op1\\n"`` passed ``^[A-Za-z0-9]+$``)."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append("\\Z")
            continue
        out.append(char)
    return "".join(out)


@lru_cache(maxsize=256)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(_ecma_anchors(pattern))


def _pattern(validator, pattern: str, instance, schema_part):
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=1)
def _validator() -> Draft202012Validator:
    anchored = validators.extend(Draft202012Validator, {"pattern": _pattern})
    return anchored(schema())


def validate(doc: Document) -> list[Diagnostic]:
    """Every violation, except those about values an earlier stage reported (``doc.reported``)."""
    out: dict[tuple, Diagnostic] = {}
    for error in _errors(_validator().iter_errors(doc.data)):
        if doc.reported and tuple(error.absolute_path) in doc.reported:
            continue
        for diag in _diagnostics(doc, error):
            out.setdefault((diag.line, diag.column, diag.message), diag)
    return sorted(out.values(), key=Diagnostic.sort_key)


def _errors(errors):
    """The errors to report: for a value given where it or one keyword may stand (`buffer:
    false` turns a section off, `location: auto` looks it up), the value's own errors rather
    than "must be a table or false"."""
    for error in errors:
        keyword = next((b["const"] for b in error.validator_value if "const" in b), None) \
            if error.validator == "anyOf" else None
        if (keyword is False and isinstance(error.instance, dict)) or keyword == "auto":
            yield from _errors(e for e in error.context if e.validator != "const")
        else:
            yield error


def _diagnostics(doc: Document, error: ValidationError) -> list[Diagnostic]:
    path: KeyPath = tuple(error.absolute_path)
    where = f"`{key_path(path)}`" if path else "the spec"
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [k for k in error.instance if k not in error.schema.get("properties", {})]
        return [codes.SCHEMA.at(doc.path, doc.key_mark(path + (k,)),
                                f"unknown key `{k}` in {where}", _unknown_key_help(k, allowed))
                for k in extras]
    if kind == "required":
        missing = error.message.split("'")[1]
        prop = error.schema.get("properties", {}).get(missing, {})
        help = _first_sentence(prop.get("description", ""))
        if prop.get("examples"):
            help += f" For example: {doc.example(missing, prop['examples'][0])}"
        mark = doc.key_mark(path) if path else _FIRST
        return [codes.SCHEMA.at(doc.path, mark, f"{where} needs the key `{missing}`", help or None)]
    if not path and kind == "type":
        required = ", ".join(f"`{k}`" for k in schema()["required"])
        return [codes.SCHEMA.at(doc.path, doc.value_mark(()) if doc.data is not None else _FIRST,
                                "the spec is empty" if doc.data is None else
                                f"the spec must be a table of keys, not {_shown(doc.data)}",
                                f"a spec needs at least {required}; `alc schema` describes every key")]
    if kind == "minItems":
        return [codes.SCHEMA.at(doc.path, doc.value_mark(path),
                                f"{where} needs at least {error.validator_value} "
                                f"entr{'y' if error.validator_value == 1 else 'ies'}")]
    message = f"{where} must be {_expected(error.schema, kind)}, not {_shown(error.instance)}"
    return [codes.SCHEMA.at(doc.path, doc.value_mark(path), message, _value_help(doc, error, path))]


def _expected(schema: dict, kind: str) -> str:
    if "title" in schema:
        return schema["title"]
    if kind == "enum" or "enum" in schema:
        return "one of " + ", ".join(json.dumps(v) for v in schema["enum"])
    if "const" in schema:
        return json.dumps(schema["const"])
    kind_name = {"boolean": "true or false", "integer": "a whole number", "string": "text",
                 "object": "a table of keys", "array": "a list", "number": "a number"}
    text = kind_name.get(schema.get("type", ""), "a valid value")
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        text += f" from {low} to {high}"
    elif low is not None:
        text += f" of at least {low}"
    elif high is not None:
        text += f" of at most {high}"
    if schema.get("type") == "string" and schema.get("minLength"):
        text = "text that is not empty"
    return text


def _shown(value: Any) -> str:
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table of keys"
    if isinstance(value, list):
        return "a list"
    return json.dumps(value, ensure_ascii=False)


def _value_help(doc: Document, error: ValidationError, path: KeyPath) -> str | None:
    if error.validator == "enum" and isinstance(error.instance, str):
        close = difflib.get_close_matches(error.instance, [str(v) for v in error.validator_value], n=1)
        if close:
            return f"did you mean `{close[0]}`?"
    if error.instance is None and error.schema.get("type") == "object" and path:
        return f"write `{doc.example(str(path[-1]), {})}` for the defaults, or leave the key out"
    examples = error.schema.get("examples")
    if examples and path and isinstance(path[-1], str):
        return f"for example: {format_entry(doc.format, path[-1], examples[0])}"
    return None


def _unknown_key_help(key: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(key, allowed, n=1)
    valid = "valid keys: " + ", ".join(allowed)
    return f"did you mean `{close[0]}`? {valid}" if close else valid


def _first_sentence(text: str) -> str:
    end = text.find(". ")
    return text if end < 0 else text[:end + 1]
