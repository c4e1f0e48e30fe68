"""YAML specs: pyyaml's composer gives every node its marks; the values are built here.

Composing (rather than ``safe_load``) keeps the line and column of every key and value, and
lets alc see what the constructor would hide: an unquoted ``!external_ip`` is a YAML *tag*
with an empty value, so it is reported with the advice to quote it; duplicate keys, which
YAML silently collapses, are errors.  Timestamps stay the text they were written as.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from compiler.diagnostics import Diagnostic
from compiler.source import SourceText
from compiler.spec import codes
from compiler.spec.document import MAX_DEPTH, Document, KeyPath, Mark, key_path

_STANDARD = "tag:yaml.org,2002:"
# The tags a spec's plain values resolve to; any other one (`!x`, `!!binary`, `!!python/...`) is refused.
_CORE = {_STANDARD + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}


def _mark(node: Node) -> Mark:
    start, end = node.start_mark, node.end_mark
    return Mark(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


def read(text: str, path: str) -> tuple[Document | None, list[Diagnostic]]:
    try:
        loader = yaml.SafeLoader(text)  # the reader checks every character here
    except yaml.reader.ReaderError as exc:
        line, column = SourceText(text).position(exc.position)
        return None, [codes.SYNTAX.at(path, Mark(line, column, line, column + 1),
                                      f"YAML: character #x{exc.character:04x} is not allowed in YAML",
                                      "remove it; YAML files hold printable text only")]
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, path)]
    except RecursionError:
        return None, [_too_deep(path)]
    finally:
        loader.dispose()
    doc = Document(path, text, "yaml", None)
    diagnostics: list[Diagnostic] = []
    if root is None:  # an empty file
        doc.data = None
        return doc, diagnostics
    doc.keys[()] = doc.values[()] = _mark(root)
    builder = _Builder(loader, doc, diagnostics, _budget(root))
    doc.data = builder.build(root, (), set())
    if builder.exhausted is not None:  # half a spec: its other findings would only mislead
        return None, [builder.exhausted]
    return doc, diagnostics


# An alias repeats a whole subtree: ten nested aliases of ten items each are 10^10 values
# from 400 bytes (a "billion laughs").  A spec needs no more than a few times its own nodes.
ALIAS_FACTOR = 4
ALIAS_SLACK = 1_000


def _budget(root: Node) -> int:
    """How many values the spec may expand to: a small multiple of the nodes written."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            stack.extend(item for pair in node.value for item in pair)
    return ALIAS_FACTOR * len(seen) + ALIAS_SLACK


def _too_deep(path: str, mark: Mark = Mark(1, 1, 1, 1)) -> Diagnostic:
    return codes.SYNTAX.at(path, mark, f"YAML: nested more than {MAX_DEPTH} levels deep; a spec needs a few")


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    message = f"YAML: {problem}"
    if problem == "but found another document":
        return codes.SYNTAX.at(path, Mark(line, column, line, column + 3),
                               "YAML: a spec is one document, and a second one starts here",
                               "put all the nodes of a network into the `nodes` list of one document")
    if exc.context:
        where = exc.context_mark
        message += f" ({exc.context}" + (f" started at line {where.line + 1}" if where else "") + ")"
    help = None
    tag = _bare_tag(text, [m.line for m in (exc.context_mark, exc.problem_mark) if m])
    if tag:  # in a flow mapping, `{ip: !external_ip, ...}` breaks the parse itself
        help = f"`{tag}` is read as a YAML tag, not as a value: quote it: \"{tag}\""
    elif "mapping values are not allowed" in problem:
        help = "a value that contains ': ' must be quoted, and a nested mapping starts on its own line"
    elif "found character '\\t'" in problem:
        help = "YAML indents with spaces, not tabs"
    return codes.SYNTAX.at(path, Mark(line, column, line, column + 1), message, help)


_TAG = re.compile(r"(?:^|[\s\[{,])(![A-Za-z_][A-Za-z0-9_.]*)")


def _bare_tag(text: str, lines: list[int]) -> str | None:
    """The first unquoted ``!name`` on the given (0-based) lines, if any."""
    source = text.splitlines()
    for index in sorted(set(lines)):
        line = source[index] if index < len(source) else ""
        for m in _TAG.finditer(line):
            before = line[:m.start(1)]
            if before.count('"') % 2 == 0 and before.count("'") % 2 == 0 and "#" not in before:
                return m.group(1)
    return None


class _Builder:
    def __init__(self, loader: yaml.SafeLoader, doc: Document, diagnostics: list[Diagnostic],
                 budget: int) -> None:
        self.loader = loader
        self.doc = doc
        self.diagnostics = diagnostics
        self.budget = budget
        self.exhausted: Diagnostic | None = None  # the finding once the aliases ran past the budget
        self._lines: list[str] | None = None

    def build(self, node: Node, path: KeyPath, active: set[int]) -> Any:
        self.budget -= 1
        if self.budget < 0:
            if self.exhausted is None:
                self.exhausted = codes.SYNTAX.at(
                    self.doc.path, _mark(node), f"YAML: aliases (`*name`) expand this spec to more than "
                    f"{ALIAS_FACTOR} times the values it writes; alc reads no further",
                    "write the repeated settings out, or use fewer nested aliases")
            return None
        if len(path) > MAX_DEPTH:
            self.diagnostics.append(_too_deep(self.doc.path, _mark(node)))
            return None
        if id(node) in active:
            self._report(codes.SYNTAX, node, f"YAML: `{key_path(path)}` refers to itself through an alias")
            return None
        if node.tag not in _CORE:
            return self._tagged(node, path)
        if isinstance(node, ScalarNode):
            if node.tag == _STANDARD + "timestamp":
                return node.value
            if node.tag == _STANDARD + "int" and len(node.value) > 30:
                digits = sum(c.isdigit() for c in node.value)
                self._report(codes.SCHEMA, node, f"`{key_path(path)}` must be a whole number of at most "
                             f"19 digits, not one of {digits} digits")
                self.doc.reported.add(path)
                return None
            try:
                return self.loader.construct_object(node)
            except Exception:  # `!!int abc`, `!!bool maybe`: the constructor fails in its own ways
                kind = node.tag.rsplit(":", 1)[1]
                self._report(codes.SYNTAX, node, f"YAML: `{node.value}` is not a valid {kind}")
                return node.value
        active = active | {id(node)}
        if isinstance(node, SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.doc.keys[path + (index,)] = self._first_line(item)
                self.doc.values[path + (index,)] = _mark(item)
                items.append(self.build(item, path + (index,), active))
            return items
        return self._mapping(node, path, active)

    def _mapping(self, node: MappingNode, path: KeyPath, active: set[int]) -> dict:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _STANDARD + "merge":
                self._report(codes.SYNTAX, key_node, "YAML merge keys (`<<`) are not supported in specs",
                             "write the keys out")
                continue
            if not isinstance(key_node, ScalarNode):
                self._report(codes.SYNTAX, key_node,
                             "YAML: a key must be a plain name, not a list or mapping")
                continue
            key = key_node.value  # the text as written: `on:` stays the key "on"
            child = path + (key,)
            if key in out:
                first = self.doc.keys[child]
                self._report(codes.SYNTAX, key_node,
                             f"YAML: duplicate key `{key}` in `{key_path(path)}` "
                             f"(first at line {first.line})",
                             "remove one of them: YAML would silently keep only the last")
                continue
            self.doc.keys[child] = _mark(key_node)
            self.doc.values[child] = _mark(value_node)
            out[key] = self.build(value_node, child, active)
        return out

    def _first_line(self, node: Node) -> Mark:
        """A list item's own mark: where it starts, up to the end of that line at most."""
        mark = _mark(node)
        if mark.end_line == mark.line:
            return mark
        if self._lines is None:
            self._lines = self.doc.text.splitlines()  # once: a spec has many list items
        line = self._lines[mark.line - 1]
        return Mark(mark.line, mark.column, mark.line, len(line.rstrip()) + 1)

    def _tagged(self, node: Node, path: KeyPath) -> Any:
        if node.tag.startswith(_STANDARD):  # `!!binary`, `!!set` ...: real YAML types, not spec values
            tag = "!!" + node.tag[len(_STANDARD):]
            self._report(codes.YAML_TAG, node, f"`{key_path(path)}`: specs do not use YAML's `{tag}` type",
                         "write a plain value: text, a number, true/false, a list or a mapping")
            return None if not isinstance(node, ScalarNode) else node.value
        if isinstance(node, ScalarNode):
            written = node.tag + (f" {node.value}" if node.value else "")
            self._report(codes.YAML_TAG, node,
                         f"`{written}` is read as a YAML tag, not as the value \"{written}\" "
                         f"of `{key_path(path)}`",
                         f"quote it: \"{written}\"")
            return written
        self._report(codes.YAML_TAG, node, f"`{node.tag}` is read as a YAML tag on `{key_path(path)}`",
                     "remove it, or quote the value it belongs to")
        return self.build(_untagged(node), path, set())

    def _report(self, check: codes.Check, node: Node, message: str, help: str | None = None) -> None:
        self.diagnostics.append(check.at(self.doc.path, _mark(node), message, help))


def _untagged(node: Node) -> Node:
    """The same collection with its standard tag, so that its contents are still checked."""
    tag = _STANDARD + ("seq" if isinstance(node, SequenceNode) else "map")
    return type(node)(tag, node.value, node.start_mark, node.end_mark, node.flow_style)
