"""Variables: what a statement defines, what it reads, and what the node defines itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from compiler.syntax import tree as T

# Set by the node at start-up (params.init) and by `set anylog home` (set_directory_locations).
NODE_VARIABLES = frozenset({
    "ip", "external_ip", "is_vm", "anylog_server_port", "anylog_rest_port", "dns", "external_dns",
    "io_buff_size", "db_user", "db_port", "hostname", "node_name",
    "edgelake_path", "anylog_path", "blockchain_file", "blockchain_dir", "blockchain_new",
    "blockchain_sql", "local_scripts", "prep_dir", "watch_dir", "bkup_dir", "err_dir", "dbms_dir",
    "archive_dir", "distr_dir", "pem_dir", "test_dir", "blobs_dir", "bwatch_dir", "tmp_dir",
    "id_dir", "input_thread",
})

# A !name inside JSON or a ( ... ) group: the node substitutes it after a space, ':', '[', '{'
# or '(' and reads name characters [A-Za-z0-9_.] (json_str_replace_key_with_value).
_EMBEDDED = re.compile(r"(?:(?<=[\s:\[{(,=])|^)!(?!!)([A-Za-z_][A-Za-z0-9_]*)")
_NAME = re.compile(r"^[A-Za-z0-9_.\-]+$")
_TARGET_END = re.compile(r"[\[{]")


@dataclass(frozen=True)
class Read:
    name: str
    word: T.Word  # the word that reads it (its span is where to report)


def target_name(word: T.Word) -> str | None:
    """The variable an assignment target names: x, !x, x[key], x[], x{} -> x ($X is the OS env)."""
    text = word.text
    if word.kind == "ENV" or text.startswith("$"):
        return None
    if text.startswith("!"):
        text = text[1:]
    text = _TARGET_END.split(text, maxsplit=1)[0]
    return text if text and _NAME.match(text) else None


def definitions(node: T.Node | None) -> Iterator[tuple[str, T.Word]]:
    """(name, target word) for every variable a statement may set."""
    if node is None:
        return
    if isinstance(node, (T.Assignment, T.SetAssignment)):
        name = target_name(node.target)
        if name:
            yield name, node.target
        if isinstance(node, T.Assignment):
            yield from definitions(node.value)
    elif isinstance(node, (T.If, T.Else, T.Do)):
        yield from definitions(node.body)
    elif isinstance(node, T.Schedule):
        yield from definitions(node.body)
    elif isinstance(node, T.Command) and node.head:
        first = node.head[0].text
        if first.startswith("variables(") or first == "variables":
            # variables(a, b): the arguments of `process file.al x y`
            for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", " ".join(w.text for w in node.head)[9:]):
                yield name, node.head[0]
        elif first == "incr" and len(node.head) > 1:
            name = target_name(node.head[1])
            if name:
                yield name, node.head[1]


def _word_reads(word: T.Word) -> Iterator[Read]:
    ref = word.reference
    if ref is not None:
        if ref.sigil == "!" and ref.name and not ref.name[0].isdigit():
            yield Read(ref.name, word)
        return
    if word.kind in ("BRACE", "BRACKET", "PAREN", "OPEN"):
        # JSON and groups: unquoted !names are substituted when the value is used.
        for m in _EMBEDDED.finditer(_unquoted(word.text)):
            yield Read(m.group(1), word)
    elif word.kind == "DQ" and word.value.startswith("!") and _NAME.match(word.value[1:] or "-"):
        yield Read(word.value[1:].split(".")[0], word)


def _unquoted(text: str) -> str:
    """The text with double-quoted strings blanked out (the node leaves "!x" in JSON alone)."""
    return re.sub(r'"[^"]*"', lambda m: " " * len(m.group()), text)


def reads(node: T.Node | None, *, skip_labels: bool = True) -> Iterator[Read]:
    """Every variable a statement reads, with the word it is read in."""
    if node is None:
        return
    if isinstance(node, (T.Goto, T.Call)):
        return  # label names are not variables
    if isinstance(node, T.OnError):
        return
    if isinstance(node, (T.Assignment, T.SetAssignment)):
        # The target is written, not read; `x[!k] = v` reads k.
        for m in _EMBEDDED.finditer(node.target.text[1:] if node.target.text.startswith("!") else node.target.text):
            if m.start() > 0:
                yield Read(m.group(1), node.target)
        value = node.value
        if isinstance(value, T.Word):
            yield from _word_reads(value)
        else:
            yield from reads(value)
        return
    if isinstance(node, T.SetPolicy):
        yield from _word_reads(node.target)
        for assign in node.assigns:
            if assign.key is not None:
                yield from _word_reads(assign.key)
            if assign.value.kind != "SQ":  # '!x' is stored as text, resolved later
                yield from _word_reads(assign.value)
        return
    if isinstance(node, T.Atom) and node.group is not None:
        yield from reads(node.group)  # the parsed ( ... ) group, not its text again
        return
    if isinstance(node, T.KeyValue) and node.group is not None:
        for word in node.key_words:
            yield from _word_reads(word)
        for item in node.group:
            yield from reads(item)
        return
    for child in node.children():
        if isinstance(child, T.Word):
            yield from _word_reads(child)
        else:
            yield from reads(child)
