"""Control flow: which facts hold on every path to a statement.

The node runs a script top to bottom, jumps on ``goto``/``call``, stops at ``end script``,
``exit scripts`` and ``return``, and runs ``do``/``else`` lines by the result of the most
recent ``if``.  The analysis follows exactly that: a state is a statement and the "last if"
flag (True, False or unknown), and a fact (a database connected, a table created) holds at a
state when every path to it established the fact.  A `process`, `call` into the unknown or
`config from policy` may establish anything, so after one the analysis knows nothing
(``UNKNOWN``) and rules stay silent rather than guess.
"""

from __future__ import annotations

from typing import Callable, Iterable

from compiler.record import field, record
from compiler.syntax import tree as T

UNKNOWN = "*"  # a fact that stands for "anything may hold here"
Flag = bool | None
State = tuple[int, Flag]


@record
class Flow:
    facts: dict[State, frozenset[str]]  # facts that hold *before* a statement runs
    _by_index: dict[int, list[tuple[Flag, frozenset[str]]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def before(self, index: int, flags: Iterable[Flag] = (True, False, None)) -> list[frozenset[str]]:
        """The fact sets of every reachable state of statement ``index`` with one of ``flags``."""
        if self._by_index is None:
            # Grouped once (in the order of ``facts``), rather than a scan of all states per call.
            self._by_index = {}
            for (i, flag), facts in self.facts.items():
                self._by_index.setdefault(i, []).append((flag, facts))
        return [facts for flag, facts in self._by_index.get(index, ()) if flag in flags]


def label_targets(script: T.Script) -> dict[str, int]:
    """Label name -> index of the first statement after it (len(statements) at the end)."""
    targets: dict[str, int] = {}
    pending: list[str] = []
    index = 0
    for item in script.items:
        if isinstance(item, T.Statement):  # the common case first
            if pending:
                for name in pending:
                    targets.setdefault(name, index)
                pending = []
            index += 1
        elif isinstance(item, T.LineItem) and item.kind == "label" and item.label is not None:
            pending.append(item.label)
    for name in pending:
        targets.setdefault(name, index)
    return targets


def analyse(script: T.Script, effects: Callable[[T.Node], set[str]],
            entry: frozenset[str] = frozenset(),
            statements: list[T.Statement] | None = None) -> Flow:
    """Must-facts before each statement; ``effects(node)`` says what a command establishes.
    ``statements``: the script's statements, when the caller has them (a model does)."""
    if statements is None:
        statements = script.statements
    targets = label_targets(script)
    end = len(statements)
    facts: dict[State, frozenset[str]] = {}
    work: list[tuple[State, frozenset[str]]] = [((0, None), entry)]

    def flow_to(state: State, incoming: frozenset[str]) -> None:
        if state[0] >= end:
            return
        work.append((state, incoming))

    def run_body(body: T.Node | None, i: int, flag: Flag, incoming: frozenset[str]) -> None:
        """Execute a statement body (after then/do/else, or the statement itself)."""
        if isinstance(body, T.Goto):
            if body.label.text in targets:
                flow_to((targets[body.label.text], flag), incoming)
            return
        if isinstance(body, (T.EndScript, T.ExitScripts, T.Return)):
            return
        if isinstance(body, T.If):
            # A new `if` (also as `else if ...`): records its result and maybe runs its body.
            if body.body is not None:
                run_body(body.body, i, True, incoming)
            else:
                flow_to((i + 1, True), incoming)
            flow_to((i + 1, False), incoming)
            return
        if isinstance(body, T.Call):
            after = incoming | effects(body)
            if body.label.text in targets:
                flow_to((targets[body.label.text], flag), incoming)
            flow_to((i + 1, flag), after)
            return
        flow_to((i + 1, flag), incoming | (effects(body) if body is not None else set()))

    while work:
        state, incoming = work.pop()
        known = facts.get(state)
        merged = incoming if known is None else known & incoming
        if known is not None and merged == known:
            continue
        facts[state] = merged
        i, flag = state
        node = statements[i].node
        if isinstance(node, T.Else):
            if flag is not False:  # the last if was true (or unknown): skipped
                flow_to((i + 1, flag), merged)
            if flag is not True:
                run_body(node.body, i, flag, merged)
        elif isinstance(node, T.Do):
            if flag is not True:
                flow_to((i + 1, flag), merged)
            if flag is not False:
                run_body(node.body, i, flag, merged)
        else:
            run_body(node, i, flag, merged)
    # run_body refers to itself through its closure: a cycle that would keep the script's
    # tree alive until a collection; break it so that reference counting frees the tree.
    run_body = None  # noqa: F841
    return Flow(facts)


def holds(sets: list[frozenset[str]], fact: str) -> bool:
    """True when ``fact`` holds in every given state (or nothing is known there)."""
    return all(UNKNOWN in s or fact in s for s in sets)
