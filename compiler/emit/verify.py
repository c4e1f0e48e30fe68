"""`alc build` checks its own output, as Black checks its own.

The emitter plans each statement as the words the node will run (``layout.Piece.words``).
The finished script (formatted) is read back with alc's parser, which follows the node's
reader: it must hold no syntax error, no label but those of the spec's `commands`, and exactly
the planned statements, each
running exactly the planned words.  So a value that slipped past every check with a quote, a
line break or a bracket in it, and would have added, cut or changed a command, stops the
build instead (:class:`BuildError`), before anything is written.
"""

from __future__ import annotations

from compiler.syntax.parser import parse
from compiler.syntax.words import node_values, rebuild

REJECTED = "<rejected by the node's splitter>"
LABEL = "<label>"  # the plan of a `:label:` line of the spec's `commands`: (LABEL, name), no statement


class BuildError(Exception):
    """A built script does not read back as planned: a bug in alc, never to be written."""


def executed(statement: str) -> tuple[str, ...]:
    """The words the node runs for one statement as written (a ``< ... >`` block is joined
    the way the node joins it)."""
    script = parse(statement if statement.endswith("\n") else statement + "\n", "<statement>")
    found = script.statements
    return run_words(found[0].text) if len(found) == 1 else (REJECTED,)


def run_words(logical: str) -> tuple[str, ...]:
    """The words the node runs for a statement's logical text (``Statement.text``)."""
    values = node_values(logical)
    if values is None:
        return (REJECTED,)
    return tuple(_inner(values))


def _inner(values: list[str]) -> list[str]:
    """After ``do``, ``else`` and ``then`` the node joins the words again and splits once more;
    so does the scheduler with the words after a ``schedule``'s ``task`` when it runs them."""
    if len(values) > 1 and values[0] in ("do", "else"):
        return [values[0], *_again(values[1:])]
    if values and values[0] == "if" and "then" in values:
        at = values.index("then") + 1
        return values[:at] + (_again(values[at:]) if values[at:] else [])
    if values and values[0] == "schedule" and "task" in values:
        at = values.index("task") + 1
        return values[:at] + (_again(values[at:]) if values[at:] else [])
    return values


def _again(values: list[str]) -> list[str]:
    resplit = node_values(rebuild(values))
    return _inner(resplit) if resplit is not None else [REJECTED]


def check(text: str, plan: list[tuple[str, ...]], name: str) -> None:
    """Raise :class:`BuildError` unless ``text`` runs exactly the statements of ``plan``."""
    script = parse(text, name)
    if script.diagnostics:
        first = script.diagnostics[0]
        raise BuildError(f"{name}:{first.line}:{first.column}: the built script does not read back: "
                         f"{first.message}")
    labels = [entry[1] for entry in plan if entry[:1] == (LABEL,)]  # only `commands` declare any
    plan = [entry for entry in plan if entry[:1] != (LABEL,)]
    if list(script.registered_labels.values()) != labels:
        line = min(script.registered_labels, default=0) + 1
        raise BuildError(f"{name}:{line}: the built script declares a label nobody planned (it declares "
                         f"{list(script.registered_labels.values())}, the spec's commands {labels})")
    statements = script.statements
    for index, statement in enumerate(statements):
        got = run_words(statement.text)
        wanted = plan[index] if index < len(plan) else None
        if got != wanted:
            what = "one statement more than planned" if wanted is None else f"not the planned {list(wanted)}"
            raise BuildError(f"{name}:{statement.span.line}: the built script runs {list(got)}: {what}")
    if len(statements) < len(plan):
        raise BuildError(f"{name}: the built script holds {len(statements)} statements, "
                         f"{len(plan)} were planned; the next one was {list(plan[len(statements)])}")
