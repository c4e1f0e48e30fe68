"""What no spec value may hold, whatever its key: checked on the data as read, before the schema.

Every text of a spec may end up in a script, so every one must be writable there unchanged
(``compiler.emit.quoting`` decides, with the reason):

- no control characters, in values or keys: line breaks (also the Unicode ones editors break
  lines at), NUL, bidirectional overrides, lone surrogates.  A line break in a value would
  start a statement of its own.  A tab is allowed only in `commands`, whose entries are
  AnyLog statements (the node splits words at tabs; those entries are checked as statements);
- no text the node's word splitter would cut or change: a double quote or a backslash, a
  keyword such as `and`, a reference that is more than `!name` / `$NAME`, a bracket left
  open, a `&` or `=` without a space (after `do` the node splits such a word again; a PLC's
  node ids, which alc writes in no command after `do`, may hold them).

The `container` and `kubernetes` sections are the exception to the second rule: their values
go to docker compose and helm, never into a script, so only control characters are refused there.

Whole numbers past 64 bits are refused too: no setting takes one.

The values reported here are added to ``doc.reported``, and the schema says nothing more of
them, so a problem is reported once.
"""

from __future__ import annotations

from typing import Any, Iterator

from compiler.diagnostics import Diagnostic
from compiler.emit.quoting import control_character, problem
from compiler.spec import codes
from compiler.model.variables import own_address
from compiler.spec.document import Document, KeyPath, key_path

LARGEST = 2**63 - 1
_DEPLOYMENT = (("container",), ("kubernetes",))  # sections for compose and helm, never a script
_CONTAINER_HELP = ("a container setting goes into a compose or `.env` file, where a line break starts a new "
                   "entry: remove it")
_CONTROL_HELP = ("a value goes into a script, where a line break starts a new statement and other "
                 "control characters corrupt it: remove it")


def check(doc: Document) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for path, key, value in _walk(doc.data, ()):
        if path in doc.reported:
            continue
        in_commands = "commands" in path[:-1]
        in_container = path[:1] in _DEPLOYMENT or (path[:1] == ("nodes",) and path[2:3] in _DEPLOYMENT)
        if key is not None and control_character(key):
            found.append(codes.UNWRITABLE.at(doc.path, doc.key_mark(path),
                                             f"a key in `{key_path(path[:-1])}` holds {control_character(key)}",
                                             "a key is a plain name: retype it"))
            doc.reported.add(path)
        elif isinstance(value, str):
            control = control_character(value, allow_tab=in_commands)
            reason = f"holds {control}" if control else None
            help = _CONTAINER_HELP if in_container else _CONTROL_HELP
            if reason is None and not in_commands and not in_container and not _own_address(path, value):
                why = problem(value, top_level=_top_level(path))
                if why is not None:
                    reason = f"cannot be written into a script: {why}"
                    help = ("change the value; a secret can be an environment reference such as "
                            "\"$DB_PASSWORD\"")
            if reason is not None:
                found.append(codes.UNWRITABLE.at(doc.path, doc.value_mark(path),
                                                 f"`{key_path(path)}` {reason}", help))
                doc.reported.add(path)
        elif isinstance(value, int) and not isinstance(value, bool) and abs(value) > LARGEST:
            found.append(codes.SCHEMA.at(doc.path, doc.value_mark(path),
                                         f"`{key_path(path)}` must be a whole number of at most 19 digits, "
                                         f"not one of {len(str(abs(value)))} digits"))
            doc.reported.add(path)
    return found


def _top_level(path: KeyPath) -> bool:
    """A PLC's node ids (`ns=2;s=Temp`): alc writes them only in its top-level `run plc client`
    (compiler/emit/script.py), never after `do`, so a quoted `=` stays in them."""
    return len(path) == 6 and path[0] == "nodes" and path[2] == "southbound" and path[4] == "nodes"


def _own_address(path: KeyPath, value: str) -> bool:
    """The ledger as the node's own address and a port (``!ip:32048``): alc's build writes it
    ``!ip + ":32048"`` (compiler/emit/script.py), not as one word."""
    return path == ("ledger",) and own_address(value) is not None


def _walk(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str | None, Any]]:
    """(path, the key if the last step is one, value) for every value below ``value``, in order."""
    stack = [(value, path, None)]
    while stack:
        item, where, key = stack.pop()
        if where:
            yield where, key, item
        if isinstance(item, dict):
            stack.extend((v, where + (k,), k) for k, v in reversed(list(item.items())))
        elif isinstance(item, list):
            stack.extend((v, where + (i,), None) for i, v in reversed(list(enumerate(item))))
