"""What a parsed script means: its commands, variables, labels and jumps.

The rules read this model rather than the raw tree.  It is built once per file.
"""

from __future__ import annotations

from functools import cached_property

from compiler.model import catalogue
from compiler.model import embedded as E
from compiler.model import variables as V
from compiler.record import field, record
from compiler.syntax import scanner as S
from compiler.syntax import tree as T

_UNSET = object()
TRUE_WORDS = {"true"}
FALSE_WORDS = {"false"}


@record
class Invocation:
    """One command as the node runs it, wherever it stands (top level, after then/do/else ...)."""

    stmt: T.Statement
    index: int  # index of the statement in ScriptModel.statements
    node: T.Command
    key: str | None  # the command key the node dispatches to
    conditional: bool  # under if/then, do or else
    capture: T.Word | None = None  # x in `x = <command>`
    # Worked out on first use, for all the rules that ask (plain fields: a cached_property
    # takes a lock on every read).
    _entry: object = field(default=_UNSET, init=False, repr=False, compare=False)
    _keyed: tuple | None = field(default=None, init=False, repr=False, compare=False)
    _first: dict | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def words(self) -> list[str]:
        return [w.value for w in self.node.head]

    @property
    def entry(self) -> catalogue.Command | None:
        if self._entry is _UNSET:
            self._entry = catalogue.entry(self.words) if self.key else None
        return self._entry  # type: ignore[return-value]

    def pairs(self) -> list[T.KeyValue]:
        return self.node.where.items if self.node.where else []

    @property
    def keyed(self) -> tuple[tuple[str, T.KeyValue], ...]:
        """(key, pair) for each where pair: each key joined once for all the rules that read it."""
        if self._keyed is None:
            self._keyed = tuple([(pair.key, pair) for pair in self.pairs()])
        return self._keyed

    def get(self, key: str) -> T.KeyValue | None:
        """The first pair with this key (as Where.get)."""
        if self.node.where is None:
            return None
        if self._first is None:
            self._first = {}
            for name, pair in self.keyed:
                self._first.setdefault(name, pair)
        return self._first.get(key)


@record
class Jump:
    kind: str  # goto | call | on-error-goto | on-error-call
    label: T.Word
    stmt: T.Statement
    index: int
    conditional: bool


@record
class ScriptModel:
    script: T.Script
    statements: list[T.Statement] = field(default_factory=list)
    invocations: list[Invocation] = field(default_factory=list)
    jumps: list[Jump] = field(default_factory=list)
    assignments: dict[str, list[tuple[T.Statement, T.Node | None]]] = field(default_factory=dict)
    processes: list[tuple[T.Statement, T.Process]] = field(default_factory=list)
    # Found on the same walk, for rules that would otherwise walk every statement again:
    # the conditions of `if` (also after do/else and in if bodies), in statement order ...
    conditions: list[tuple[T.Statement, T.Condition]] = field(default_factory=list, repr=False,
                                                              compare=False)
    # ... and the statements that are an assignment, possibly after if/then, do or else.
    assignment_statements: list[tuple[T.Statement, T.Assignment | T.SetAssignment]] = field(
        default_factory=list, repr=False, compare=False)
    # Facts several rules derive from the finished model (declared policies ...), kept here
    # so each is worked out once per script.
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ labels
    @cached_property
    def labels(self) -> dict[str, list[int]]:
        """Registered labels (name -> 1-based lines), as the scanner found them by the node's
        rule on raw lines."""
        found: dict[str, list[int]] = {}
        for index, name in self.script.registered_labels.items():  # in line order
            found.setdefault(name, []).append(index + 1)
        return found

    @cached_property
    def malformed_labels(self) -> list[T.LineItem]:
        return [item for item in self.script.items
                if isinstance(item, T.LineItem) and item.kind in (S.INDENTED_LABEL, S.MALFORMED_LABEL)]

    # ------------------------------------------------------------------ values
    def literal(self, word: T.Word | None) -> str | None:
        """The value of a word when it is known without running the node, else None.

        A `!var` is known when the script assigns it exactly once, to a single literal word,
        outside any condition; casts (`.int`) keep the text.
        """
        if word is None:
            return None
        if word.kind in ("VAR",):
            ref = word.reference
            if ref is None or ref.rest or ref.sigil != "!":
                return None
            found = self.assignments.get(ref.name, [])
            if len(found) != 1:
                return None
            stmt, node = found[0]
            if not isinstance(stmt.node, (T.Assignment, T.SetAssignment)) or stmt.node is not node:
                return None  # set inside an if/do/else: not known
            value = node.value
            if isinstance(value, T.Command) and len(value.head) == 1 and not value.where:
                value = value.head[0]
            if isinstance(value, T.Word) and value.kind in ("WORD", "DQ"):
                return value.value
            return None
        if word.kind in ("WORD", "DQ", "SQ"):
            return word.value if word.kind != "SQ" else word.text
        return None

    def value_of(self, pair: T.KeyValue | None) -> str | None:
        """The static value of a where pair (a multi-word value joined as the node joins it)."""
        if pair is None or not pair.value_words:
            return None
        if len(pair.value_words) == 1:
            return self.literal(pair.value_words[0])
        parts = [self.literal(w) for w in pair.value_words]
        return None if any(p is None for p in parts) else " ".join(parts)  # type: ignore[arg-type]

    def flag(self, pair: T.KeyValue | None) -> bool | None:
        value = self.value_of(pair)
        if value is None:
            return None
        if value.lower() in TRUE_WORDS:
            return True
        if value.lower() in FALSE_WORDS:
            return False
        return None

    # ------------------------------------------------------------------ lookups
    def remember(self, key: str, compute):
        """``compute(self)``, worked out once per model: a fact several rules (and the
        project's summary of the script) ask for.  Callers copy what they may change."""
        memo = self.memo
        if key not in memo:
            memo[key] = compute(self)
        return memo[key]

    def catalogued(self) -> list[tuple[Invocation, catalogue.Command]]:
        """The commands whose where keys alc knows, with their catalogue entries."""
        return list(self.remember("catalogued", lambda model: [
            (inv, entry) for inv in model.invocations if (entry := inv.entry) is not None]))

    def commands(self, *keys: str) -> list[Invocation]:
        """The invocations of these command keys, in script order."""
        index = self.memo.get("by_key")
        if index is None:
            # One pass over the invocations for every key: a dozen rules ask for a few keys each.
            index = self.memo["by_key"] = {}
            for inv in self.invocations:
                index.setdefault(inv.key, []).append(inv)
        if len(keys) == 1:
            return list(index.get(keys[0], ()))
        wanted = set(keys)
        if sum(1 for key in wanted if key in index) <= 1:
            return [inv for key in wanted for inv in index.get(key, ())]
        return [inv for inv in self.invocations if inv.key in wanted]

    def defined(self) -> set[str]:
        return set(self.assignments)

    def assigned_command(self, name: str) -> list[tuple[T.Statement, T.Command]]:
        """The commands whose output is stored in ``name`` (`name = blockchain get ...`)."""
        found = []
        for stmt, node in self.assignments.get(name, []):
            if isinstance(node, T.Assignment) and isinstance(node.value, T.Command):
                found.append((stmt, node.value))
        return found


_BODIES = (T.If, T.Else, T.Do, T.Schedule)


def _walk(model: ScriptModel, stmt: T.Statement, index: int, node: T.Node | None) -> None:
    """Record what a statement defines and the command, jump or process it runs, looking
    through if/do/else bodies and `x = <command>`: the nesting is a chain, so one loop does
    what variables.definitions and a recursive walk did."""
    conditional = False
    capture: T.Word | None = None
    assignments = model.assignments
    wrapped = True  # only if/else/do so far
    while node is not None:
        if isinstance(node, T.Command):
            # Only `variables(...)` and `incr x` define (tested here: most commands do not).
            if node.head and node.head[0].text.startswith(("variables", "incr")):
                for name, word in V.command_definitions(node):
                    assignments.setdefault(name, []).append((stmt, None))  # not an assignment
            words = [w.value for w in node.head]
            key = catalogue.match(words)
            if capture is not None and key is None:
                return  # `x = some words`: a plain value, not a command
            inv = Invocation(stmt, index, node, key, conditional, capture)
            inv._entry = catalogue.entry(words) if key else None  # while the words are at hand
            model.invocations.append(inv)
        elif isinstance(node, (T.Assignment, T.SetAssignment)):
            if wrapped:
                model.assignment_statements.append((stmt, node))
                wrapped = False
            name = V.target_name(node.target)
            if name:
                found = assignments.get(name)
                if found is None:
                    found = assignments[name] = []
                found.append((stmt, node))
            if isinstance(node, T.SetAssignment):
                return
            capture, node = node.target, node.value
            continue
        elif isinstance(node, _BODIES):
            if isinstance(node, T.If):
                model.conditions.append((stmt, node.condition))
            elif isinstance(node, T.Schedule):
                wrapped = False
            conditional, capture, node = True, None, node.body
            continue
        elif isinstance(node, (T.Goto, T.Call)):
            model.jumps.append(Jump(node.keyword.text, node.label, stmt, index, conditional))
        elif isinstance(node, T.Process):
            model.processes.append((stmt, node))
        elif isinstance(node, T.OnError) and node.label is not None:
            model.jumps.append(Jump(f"on-error-{node.mode}", node.label, stmt, index, conditional))
        return


def build(script: T.Script, *, embedded: bool = True) -> ScriptModel:
    model = ScriptModel(script)
    model.statements = statements = script.statements
    for index, stmt in enumerate(statements):
        if stmt.node is not None:
            _walk(model, stmt, index, stmt.node)
    if embedded:
        # Variables set by the command strings of policy scripts are set on the node too.
        # Kept for lint, which checks the commands themselves (finding them parses each one).
        model.memo["embedded"] = commands = E.find(script, statements)
        for command in commands:
            for stmt in command.script.statements:
                for name, _word in V.definitions(stmt.node):
                    model.assignments.setdefault(name, []).append((command.stmt, None))
    return model
