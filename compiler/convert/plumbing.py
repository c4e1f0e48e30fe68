"""What the official start scripts run that changes no node state once their steps are read.

A mixin of :class:`~compiler.convert.recognise.Recogniser`, used only with a complete
environment (``--env``) outside strict checks, after the steps are read and the kept
statements are known.  The official node-deployment scripts wrap their steps in plumbing; once
the steps are the spec's, that plumbing does nothing a spec's build would need.  Each kept
statement is tested against the classes below, again and again until nothing more goes (a
variable is dead only when nothing still kept reads it), and each class that took statements
is reported once (ALC709, information):

* **error handling**: ``on error ignore|goto X|call X|end`` and ``reset error log``.  The
  labels only they jumped to go with them (``Recogniser._drop_unused_labels``).  A jump to a
  handler is what the official scripts do when a step fails; ``alc build`` writes its steps
  without handlers.
* **display**: ``print``, ``echo``, a ``get ...`` command whose result nothing keeps
  (``get processes``), ``set echo queue on|off`` (where ``echo`` text goes).
* **container bootstrap**: ``set anylog home ...``, and what is decided on a ``file test`` of
  the scripts' folder (the ``print``/``goto`` of ``if !is_dir == false then``): the paths are
  the spec's ``container`` section, and the folder is the image's.
* **runtime checks of a step the spec writes**: the existence test of the table a database
  step creates (``if !is_table == false then create table tsd_info where dbms=almgm`` under
  ``is_table = info table almgm tsd_info exists``, when the spec has that database), and the
  node policy's lookups (a ``goto`` decided only by ``blockchain get`` results and known values,
  when the spec declares a policy: its build looks its policies up itself).
* **dead computations**: an assignment whose right-hand side has no side effect (a value, a
  variable, ``python``, ``get ...``, ``info table ... exists``, ``blockchain get``,
  ``file test``, ``json``, ``from !x bring ...``) and whose variable nothing reads: no kept
  statement, no field of the spec (``!x``), and no step that reads it while its value is
  unknown (a value the spec cannot state).  An ``if ... then`` line none of whose do/else
  lines is left goes too.

Left alone on purpose (read by their own steps): the location lookup (``loc_info``, ``loc``,
``country``, ``state``, ``city``), the policy's ``hostname`` and the runtime ``main`` decision
(``is_main``, ``is_primary``).  Anything else (a command with a side effect that no step
expresses) stays verbatim and reported (ALC701).
"""

from __future__ import annotations

import re

from compiler.convert import codes
from compiler.convert.evaluate import reads
from compiler.convert.publishing import POLICY_ID
from compiler.model import catalogue
from compiler.model.variables import names_read
from compiler.syntax import tree as T

ERRORS, DISPLAY, CONTAINER, CHECKS, DEAD = (
    "error handling", "display", "container bootstrap", "runtime checks of a step the spec writes",
    "dead computations")
CLASSES = (ERRORS, DISPLAY, CONTAINER, CHECKS, DEAD)
# Variables read by steps of their own (the policy's location, hostname and `main`).
OTHER_STEPS = frozenset({"loc_info", "loc", "country", "state", "city", "hostname", "is_main", "is_primary"})
# The first words of a right-hand side that only reads.
_PURE = (("get",), ("info", "table"), ("blockchain", "get"), ("file", "test"), ("file", "check"),
         ("json",), ("from",), ("python",))
# The table each database step creates (`create table T where dbms=D`), by the database's role.
TABLES = {("almgm", "tsd_info"): "almgm", ("blockchain", "ledger"): "blockchain"}
_SPEC_VAR = re.compile(r"!([A-Za-z_][A-Za-z0-9_]*)")


def _head(node: T.Command) -> list[str]:
    return [w.text.lower() for w in node.head]


def pure(value: T.Node | T.Word | None) -> bool:
    """A right-hand side that changes nothing on the node: a value (words that start no command
    the node knows, which it assigns as they are), or a command that only reads (``_PURE``)."""
    if isinstance(value, (T.Word, T.Concat, T.Python)):
        return True
    if isinstance(value, T.Command) and value.head:
        head = _head(value)
        if any(tuple(head[:len(p)]) == p for p in _PURE):
            return True
        return value.head[0].kind in ("VAR", "ENV", "DQ", "SQ") or catalogue.match(head) is None
    return False


def inert(ran) -> bool:
    """A statement the node always runs that only handles errors or shows something (`on error
    ...`, `print`, `echo`, `get ...`, `set echo queue`): what the statements of one step
    (`exit workers`, `wait 1`, `set query pool`) may have between them in start scripts read
    with --env."""
    return not ran.skipped and not ran.nested and _inert_kind(ran.node) is not None


def _inert_kind(node) -> str | None:
    """ERRORS or DISPLAY for a statement of those classes, else None."""
    if isinstance(node, T.OnError):
        return ERRORS
    if isinstance(node, T.Print):
        return DISPLAY
    if isinstance(node, T.Command) and node.head:
        head = _head(node)
        if head[:3] == ["reset", "error", "log"]:
            return ERRORS
        if head[:1] == ["get"] or head[:3] == ["set", "echo", "queue"]:
            return DISPLAY
    return None


def _spec_variables(value) -> set[str]:
    """Every `!name` a spec value names."""
    if isinstance(value, dict):
        return set().union(*(_spec_variables(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(_spec_variables(v) for v in value)) if value else set()
    return set(_SPEC_VAR.findall(value)) if isinstance(value, str) else set()


class Plumbing:
    """Absorbs the official plumbing (see the module's doc) into the steps around it."""

    def absorb_plumbing(self) -> None:
        if not self.drop_dead:
            return
        assigned = self._assigned_by()
        lookups = {name for name, hows in assigned.items()
                   if any(how[:2] == ("blockchain", "get") or how[:1] == ("from",) for how in hows)}
        lookups |= self.captures
        tests = {name for name, hows in assigned.items() if {how[:2] for how in hows} == {("file", "test")}}
        self._assignments: dict[str, list[tuple[int, bool]]] = {}  # variable -> (place, always run)
        for index, ran in enumerate(self.ev.ran):
            if not ran.skipped and isinstance(ran.node, (T.Assignment, T.SetAssignment)):
                always = not ran.nested or ran.condition is None
                self._assignments.setdefault(ran.node.target.text.lstrip("!"), []).append((index, always))
        absorbed: dict[str, list] = {}  # class -> the statements it took
        while True:
            needed, reached = self._needed()
            still = {e.index for e in self.spec.extras}
            left = still | set(self.spec.steps_at)
            kept = []
            for extra in self.spec.extras:
                what = self._plumbing(extra, needed, reached, still, left, lookups, tests, assigned)
                if what is None:
                    kept.append(extra)
                else:
                    absorbed.setdefault(what, []).append((extra.index, extra.ran))
            if len(kept) == len(self.spec.extras):
                break
            self.spec.extras = kept
        self._unwrap_orphans()
        self.spec.dropped += sum(len(taken) for taken in absorbed.values())
        self.spec.absorbed = {what: len(taken) for what, taken in absorbed.items()}
        for what in CLASSES:  # one note per class, at its first statement
            taken = sorted(absorbed.get(what, []), key=lambda found: found[0])
            if taken:
                count = len(taken)
                self.spec.diagnostics.append(self._at(
                    codes.PLUMBING, taken[0][1], f"{count} statement{'s' if count != 1 else ''} of the start "
                    f"scripts' {what} (the first here) {'are' if count != 1 else 'is'} read with the steps "
                    "they serve, not kept in `commands`",
                    "`alc explain ALC709` says what counts as plumbing"))

    def _unwrap_orphans(self) -> None:
        """A kept `do x` / `else x` line whose `if` is not kept, on a branch the values take,
        is kept as `x`: written after another `if`, it would read that one's result."""
        kept = {e.index for e in self.spec.extras}
        for extra in self.spec.extras:
            ran, stmt = extra.ran, extra.ran.stmt
            if not isinstance(stmt.node, (T.Do, T.Else)) or isinstance(stmt.node.body, T.If) \
                    or stmt.node.body is None or stmt.block or ran.condition is not None or ran.group in kept:
                continue
            extra.text = stmt.text.split(None, 1)[1]

    def _assigned_by(self) -> dict[str, set[tuple[str, ...]]]:
        """Each variable the scripts assign, with the first words of each command assigned to it
        (`("=",)` for a value)."""
        out: dict[str, set[tuple[str, ...]]] = {}
        for ran in self.ev.ran:
            node = ran.node
            if ran.skipped or not isinstance(node, T.Assignment):
                continue
            value = node.value
            name = node.target.text.lstrip("!")
            out.setdefault(name, set()).add(tuple(_head(value)[:3]) if isinstance(value, T.Command) else ("=",))
        return out

    def _needed(self) -> tuple[set[str], set[int]]:
        """What something kept reads: (variables read by a spec field, or by a step where their
        value is unknown, a lookup's id the spec's build finds itself aside; the assignments a
        kept statement reads, each reader reaching back to the last assignment the node always
        runs before it)."""
        needed = set(OTHER_STEPS)
        needed |= _spec_variables(self.spec.data) | _spec_variables(self.spec.network)
        declares = self._declares()
        steps = set(self.spec.steps_at)
        for index in self.spec.steps_at:
            ran = self.ev.ran[index]
            needed |= {name for name in reads(ran) if self._unknown(ran, name)
                       and not (declares and POLICY_ID.match(name)) and not self._set_by_step(name, index, steps)}
        reached: set[int] = set()
        for extra in self.spec.extras:
            for name in reads(extra.ran) | _condition(extra.ran):
                for at, always in reversed(self._assignments.get(name, [])):
                    if at >= extra.index:
                        continue
                    reached.add(at)
                    if always:
                        break
                else:
                    needed.add(name)  # (none before it: an assignment later in a loop may be read)
        return needed, reached

    def _set_by_step(self, name: str, index: int, steps: set[int]) -> bool:
        """Whether the last assignment of ``name`` before ``index`` is one the node always runs
        and is itself part of a step (a whole official file read as one step, such as the
        monitoring's own `is_policy` lookups): the step reads that one, no earlier one."""
        last = next(((at, always) for at, always in reversed(self._assignments.get(name, [])) if at < index), None)
        return last is not None and last[1] and last[0] in steps

    def _declares(self) -> bool:
        """The spec declares a policy (its build looks it up and publishes it itself)."""
        return "create policy" in self.seen or bool(self.spec.cluster and self.spec.cluster.get("declare"))

    def _passes_kept(self, index: int, ran, label: str, kept: set[int]) -> bool:
        """Whether a forward jump from ``index`` to ``label`` (in the same reading of its file)
        passes over a statement still kept: then it decides what runs, and stays."""
        end = next((i for i in range(index + 1, len(self.ev.ran)) if self.ev.ran[i].stmt.kind == "label"
                    and self.ev.ran[i].reading == ran.reading and self.ev.ran[i].path == ran.path
                    and self.ev.ran[i].stmt.text.strip(":") == label), None)
        return end is None or any(index < i < end and self.ev.ran[i].stmt.kind != "label" for i in kept)

    def _unknown(self, ran, name: str) -> bool:
        """Whether the node alone knows the variable's value where the statement reads it."""
        return name not in (ran.known or {}) and (name in self.ev.unknown or name not in self.ev.values)

    def _plumbing(self, extra, needed: set[str], reached: set[int], kept: set[int], left: set[int], lookups: set[str], tests: set[str],
                  assigned: dict) -> str | None:
        """The class of plumbing a kept statement belongs to, or None (it stays)."""
        ran = extra.ran
        node = ran.node
        if ran.stmt.kind == "label" or ran.stmt.node is None:
            return None
        names = reads(ran) | _condition(ran)
        if names & OTHER_STEPS:
            return None
        if any(i in kept for i in self.members_at.get(extra.index, [])):
            return None  # an `if` whose result a kept do/else line reads (`if c then print x` too)
        kind = _inert_kind(node)
        if kind is not None:
            return kind
        if isinstance(node, T.Command):
            if _head(node)[:3] == ["set", "anylog", "home"]:
                return CONTAINER
            if self._table_check(ran, node, assigned):
                return CHECKS
        if isinstance(node, T.If) and node.body is None:
            # an `if ... then` line with none of its do/else lines kept (those read as steps are
            # the build's), and either no line left at all or a condition the values decide
            members = self.members_at.get(extra.index, [])
            decided = not any(self._unknown(ran, name) for name in names_read(ran.stmt))
            if not any(i in kept for i in members) and (decided or not any(i in left for i in members)):
                return CONTAINER if names_read(ran.stmt) & tests else DEAD
            return None
        if isinstance(node, (T.Goto, T.EndScript, T.ExitScripts)) and ran.nested:
            if names and names <= tests:
                return CONTAINER  # the scripts' folder is missing: the image's business
            unknown = {name for name in names if self._unknown(ran, name)}
            if self._declares() and unknown and unknown <= lookups and isinstance(node, T.Goto) \
                    and not self._passes_kept(extra.index, ran, node.label.text, kept):
                return CHECKS  # the policy is there already, or its cluster is not: the build checks
            return None
        if isinstance(node, (T.Assignment, T.SetAssignment)):
            target = node.target.text.lstrip("!")
            value = node.value
            if target not in needed and extra.index not in reached and target not in OTHER_STEPS and pure(value):
                return DEAD
        return None

    def _table_check(self, ran, node: T.Command, assigned: dict) -> bool:
        """`if !is_table == false then create table tsd_info where dbms=almgm`, where `is_table`
        is the table's `info table ... exists` test and the spec has the database that creates it."""
        head, pairs = _head(node), self.pairs(node)
        if len(head) != 3 or head[:2] != ["create", "table"] or set(pairs) != {"dbms"} or not ran.nested:
            return False
        table, dbms = head[2], pairs["dbms"][0]
        role = TABLES.get((dbms, table))
        if role is None or role not in self.spec.data.get("databases", {}):
            return False
        tests = reads(ran)
        expected = ("info", "table", dbms)
        return bool(tests) and all(expected in assigned.get(name, ()) for name in tests)


def _condition(ran) -> set[str]:
    """The variables of the unknown condition a do/else line stands under (its header's)."""
    return set(_SPEC_VAR.findall(ran.condition)) if ran.condition else set()
