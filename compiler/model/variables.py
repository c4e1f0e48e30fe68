"""Variables: what a statement defines, what it reads, and what the node defines itself."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, NamedTuple

from compiler.syntax import tree as T
from compiler.syntax.cache import TextCache

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
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_QUOTED = re.compile(r'"[^"]*"')
# The word kinds that can read a variable; every other word is skipped without a call.
_READ_KINDS = frozenset({"VAR", "ENV", "BRACE", "BRACKET", "PAREN", "OPEN", "DQ"})
_GROUP_KINDS = frozenset({"BRACE", "BRACKET", "PAREN", "OPEN"})


class Read(NamedTuple):
    """A named tuple: a large script has hundreds of thousands of reads (a frozen
    dataclass costs ten times as much to create)."""

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


def definitions(node: T.Node | None) -> list[tuple[str, T.Word]]:
    """(name, target word) for every variable a statement may set."""
    found: list[tuple[str, T.Word]] = []
    # Bodies nest only through if/else/do/schedule and `x = <command>`: a loop, not recursion.
    while node is not None:
        if isinstance(node, (T.Assignment, T.SetAssignment)):
            name = target_name(node.target)
            if name:
                found.append((name, node.target))
            node = node.value if isinstance(node, T.Assignment) else None
        elif isinstance(node, (T.If, T.Else, T.Do, T.Schedule)):
            node = node.body
        else:
            if isinstance(node, T.Command) and node.head:
                found.extend(command_definitions(node))
            break
    return found


def command_definitions(node: T.Command) -> list[tuple[str, T.Word]]:
    """The variables a command sets itself: `variables(a, b)` and `incr x`."""
    first = node.head[0].text
    if first.startswith("variables(") or first == "variables":
        # variables(a, b): the arguments of `process file.al x y`
        return [(name, node.head[0]) for name in _IDENT.findall(" ".join(w.text for w in node.head)[9:])]
    if first == "incr" and len(node.head) > 1:
        name = target_name(node.head[1])
        if name:
            return [(name, node.head[1])]
    return []


@lru_cache(maxsize=16384)
def _var_name(text: str) -> str | None:
    """The variable a VAR word of this text reads (`!x`, not `!!x` nor `!1`), per distinct text."""
    ref = T._reference(text)
    if ref is not None and ref.sigil == "!" and ref.name and not ref.name[0].isdigit():
        return ref.name
    return None


def _word_reads(word: T.Word, out: list[Read]) -> None:
    kind = word.kind
    if kind == "VAR":
        name = _var_name(word.text)
        if name is not None:
            out.append(Read(name, word))
        return
    if kind == "ENV":
        return  # $NAME: the OS environment, not a variable of the node
    if kind in _GROUP_KINDS:
        # JSON and groups: unquoted !names are substituted when the value is used.
        if "!" in word.text:
            for m in _EMBEDDED.finditer(_unquoted(word.text)):
                out.append(Read(m.group(1), word))
    elif kind == "DQ":
        value = word.text[1:-1]
        if value.startswith("!") and _NAME.match(value[1:] or "-"):
            out.append(Read(value[1:].split(".")[0], word))


def _unquoted(text: str) -> str:
    """The text with double-quoted strings blanked out (the node leaves "!x" in JSON alone)."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text) if '"' in text else text


def reads(node: T.Node | None, *, skip_labels: bool = True) -> list[Read]:
    """Every variable a statement reads, with the word it is read in (in tree order)."""
    out: list[Read] = []
    if node is not None:
        _node_reads(node, out)
    return out


# The names a statement reads follow from its text alone (the same text parses to the same
# node), and most texts recur: the names are worked out once per text.  Bounded like the
# parser's caches.
_NAMES_READ = TextCache(20_000)
_NO_NAMES: frozenset[str] = frozenset()


def names_read(stmt: T.Statement) -> frozenset[str]:
    """The names of the variables a statement reads (those of ``reads(stmt.node)``)."""
    node = stmt.node
    text = stmt.text
    if node is None or "!" not in text:
        return _NO_NAMES  # every read is of a word with a `!` (words are parts of the text)
    names = _NAMES_READ[text]
    if names is None:
        names = frozenset([read.name for read in reads(node)])
        _NAMES_READ.put(text, names)
    return names


def clear_caches() -> None:
    """Forget the names read per text (benchmarks time the first reading)."""
    _NAMES_READ.clear()


def _node_reads(node: T.Node, out: list[Read]) -> None:
    handler = _HANDLERS.get(type(node))
    if handler is None:
        handler = _handler_for(type(node))
    handler(node, out)


def _children_reads(node: T.Node, out: list[Read]) -> None:
    """The reads of every child in field order: what ``node.children()`` lists, without the list."""
    for name in T.child_fields(type(node)):
        value = getattr(node, name)
        if value is None:
            continue
        for item in value if type(value) is list else (value,):
            if type(item) is T.Word:
                if item.kind in _READ_KINDS:
                    _word_reads(item, out)
            else:
                handler = _HANDLERS.get(type(item))
                if handler is not None or isinstance(item, T.Node):
                    (handler or _handler_for(type(item)))(item, out)


def _no_reads(node: T.Node, out: list[Read]) -> None:
    return  # label names and on-error modes are not variables


def _assignment_reads(node: T.Assignment | T.SetAssignment, out: list[Read]) -> None:
    # The target is written, not read; `x[!k] = v` reads k.
    text = node.target.text
    if "!" in text:
        for m in _EMBEDDED.finditer(text[1:] if text.startswith("!") else text):
            if m.start() > 0:
                out.append(Read(m.group(1), node.target))
    value = node.value
    if isinstance(value, T.Word):
        _word_reads(value, out)
    elif value is not None:
        _node_reads(value, out)


def _set_policy_reads(node: T.SetPolicy, out: list[Read]) -> None:
    _word_reads(node.target, out)
    for assign in node.assigns:
        if assign.key is not None:
            _word_reads(assign.key, out)
        if assign.value.kind != "SQ":  # '!x' is stored as text, resolved later
            _word_reads(assign.value, out)


def _atom_reads(node: T.Atom, out: list[Read]) -> None:
    if node.group is not None:
        _node_reads(node.group, out)  # the parsed ( ... ) group, not its text again
    else:
        _child_reads(node.left, out)
        _child_reads(node.op, out)
        _child_reads(node.right, out)


def _key_value_reads(node: T.KeyValue, out: list[Read]) -> None:
    if node.group is not None:
        for word in node.key_words:
            _word_reads(word, out)
        for item in node.group:
            _node_reads(item, out)
    else:
        _word_list_reads(node.key_words, out)
        _child_reads(node.eq, out)
        _word_list_reads(node.value_words, out)


# The most common node classes, read field by field in field order: the same reads as
# _children_reads, without looking the fields up by name.

def _word_list_reads(words: list, out: list[Read]) -> None:
    for word in words:
        if type(word) is T.Word:
            kind = word.kind
            if kind == "VAR":  # most reads: one cached lookup, no call of _word_reads
                name = _var_name(word.text)
                if name is not None:
                    out.append(Read(name, word))
            elif kind in _READ_KINDS:
                _word_reads(word, out)
        elif word is not None:
            _node_reads(word, out)


def _child_reads(value, out: list[Read]) -> None:
    """The reads of one field's value: a word, a node, a list of them, or None."""
    _word_list_reads(value if type(value) is list else (value,), out)


def _command_reads(node: T.Command, out: list[Read]) -> None:
    _word_list_reads(node.head, out)
    if node.where is not None:
        _child_reads(node.where, out)
    if node.bring is not None:
        _child_reads(node.bring, out)


def _where_reads(node: T.Where, out: list[Read]) -> None:
    _child_reads(node.keyword, out)
    for item in node.items:
        if type(item) is T.KeyValue:
            _key_value_reads(item, out)
        else:
            _child_reads(item, out)


def _if_reads(node: T.If, out: list[Read]) -> None:
    _child_reads(node.keyword, out)
    _child_reads(node.condition, out)
    _child_reads(node.then, out)
    _child_reads(node.body, out)


def _body_reads(node: T.Else | T.Do, out: list[Read]) -> None:
    _child_reads(node.keyword, out)
    _child_reads(node.body, out)


def _condition_reads(node: T.Condition, out: list[Read]) -> None:
    for atom in node.atoms:
        if type(atom) is T.Atom:
            _atom_reads(atom, out)
        else:
            _child_reads(atom, out)
    _word_list_reads(node.connectors, out)


def _items_reads(node: T.Print | T.Python | T.Bring, out: list[Read]) -> None:
    _child_reads(node.keyword, out)
    _word_list_reads(node.items, out)


def _process_reads(node: T.Process, out: list[Read]) -> None:
    _child_reads(node.keyword, out)
    _word_list_reads(node.file, out)
    _word_list_reads(node.args, out)


def _schedule_reads(node: T.Schedule, out: list[Read]) -> None:
    _child_reads(node.keyword, out)
    _word_list_reads(node.items, out)
    _child_reads(node.task, out)
    _child_reads(node.body, out)


def _concat_reads(node: T.Concat, out: list[Read]) -> None:
    _word_list_reads(node.parts, out)
    _word_list_reads(node.plus, out)


# Node classes read differently from "every child in order", or read faster by hand.
_HANDLERS: dict[type, Callable[..., None]] = {
    T.Goto: _no_reads, T.Call: _no_reads, T.OnError: _no_reads,
    T.Assignment: _assignment_reads, T.SetAssignment: _assignment_reads,
    T.SetPolicy: _set_policy_reads, T.Atom: _atom_reads, T.KeyValue: _key_value_reads,
    T.Command: _command_reads, T.Where: _where_reads, T.If: _if_reads, T.Else: _body_reads,
    T.Do: _body_reads, T.Condition: _condition_reads, T.Print: _items_reads,
    T.Python: _items_reads, T.Bring: _items_reads, T.Process: _process_reads,
    T.Schedule: _schedule_reads, T.Concat: _concat_reads,
}


def _handler_for(cls: type) -> Callable[..., None]:
    """How to read a node class: its own handler (found by isinstance for a subclass), else
    every child in order.  Remembered per class."""
    for base, handler in list(_HANDLERS.items()):
        if issubclass(cls, base):
            break
    else:
        handler = _children_reads
    _HANDLERS[cls] = handler
    return handler


# The variables that hold an address of the node itself (set by the node, or by the official
# scripts from OVERLAY_IP): `!ip + ":32048"` is the official ledger of a 127.0.0.1 LEDGER_CONN.
NODE_ADDRESSES = frozenset({"ip", "external_ip", "overlay_ip", "external_dns", "dns"})


def own_address(value: object) -> tuple[str, str] | None:
    """(variable, port) of a value that is the node's own address and a port (``!ip:32048``),
    the one form of a spec value that names a node variable inside a word: the spec checks let it
    through for the ledger, and alc's build writes it ``!ip + ":32048"``."""
    found = re.fullmatch(r"!([a-z_]+):([0-9]{1,5})", value) if isinstance(value, str) else None
    return (found.group(1), found.group(2)) if found is not None and found.group(1) in NODE_ADDRESSES else None
