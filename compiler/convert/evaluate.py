"""Static evaluation of a script: what the node would run, as far as it is known without a node.

The walk follows the script top to bottom, as the node does, keeping the variables whose values
are known (assignments, ``set``, ``--define``, ``--env``).  An ``if`` on known values keeps
the branch the node takes; on unknown values both branches are kept and their statements
carry the condition.  ``process`` of a file under the root is read in place.  What comes out
is one :class:`Ran` per statement, in order, with the comments written directly above it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from compiler import parse
from compiler.diagnostics import Diagnostic
from compiler.syntax import tree as T

MAX_DEPTH = 8  # process nesting; a deeper chain is a loop or a mistake


@dataclass(slots=True)
class Ran:
    """A statement the node runs (or may run): ``node`` is the innermost command or assignment."""

    stmt: T.Statement
    node: T.Node | None
    path: str
    condition: str | None = None  # the unknown condition it stands under
    group: int | None = None  # the `if ... then` header that its do/else line belongs to
    comments: list[str] = field(default_factory=list)
    skipped: bool = False  # on a branch that known values rule out


@dataclass(slots=True)
class Evaluation:
    ran: list[Ran] = field(default_factory=list)
    leading: list[str] = field(default_factory=list)  # the comments above the first statement
    values: dict[str, str] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)  # set on a branch of an unknown condition
    diagnostics: list[Diagnostic] = field(default_factory=list)


class Evaluator:
    def __init__(self, values: dict[str, str], root: str | None) -> None:
        self.out = Evaluation(values=dict(values))
        self.root = root
        self.stack: list[str] = []

    # ------------------------------------------------------------------ values
    def word(self, word: T.Word) -> str:
        """A word as the node would read it: known ``!var`` substituted, quotes removed."""
        ref = word.reference
        if ref is not None and ref.sigil == "$" and f"${ref.name}" in self.out.values and not ref.rest:
            return self.out.values[f"${ref.name}"]  # given with --env
        if ref is not None and ref.sigil == "!" and ref.name in self.out.values \
                and ref.name not in self.out.unknown:
            value = self.out.values[ref.name]
            if ref.rest.startswith("[") or ref.cast not in (None, "int", "str", "float"):
                return word.text  # a slice or a cast the node computes
            return value + ref.rest
        return word.value

    def known(self, word: T.Word) -> str | None:
        ref = word.reference
        if ref is None:
            return word.value if word.kind in ("WORD", "DQ", "SQ") else None
        if ref.sigil == "$":
            return self.out.values.get(f"${ref.name}") if not ref.rest else None
        if ref.sigil != "!" or ref.name not in self.out.values or ref.name in self.out.unknown:
            return None
        return self.word(word)

    def condition(self, cond: T.Condition) -> bool | None:
        result = self.atom(cond.atoms[0])
        for connector, atom in zip(cond.connectors, cond.atoms[1:]):
            other = self.atom(atom)
            if connector.text.lower() == "and":
                result = False if False in (result, other) else (None if None in (result, other) else True)
            else:
                result = True if True in (result, other) else (None if None in (result, other) else False)
        return result

    def atom(self, atom: T.Atom) -> bool | None:
        if atom.group is not None:
            value = self.condition(atom.group)
        elif atom.op is None:
            left = self.known(atom.left)
            value = None if left is None else bool(left) and left.lower() != "false"
        else:
            left, right = self.known(atom.left), self.known(atom.right) if atom.right else None
            if left is None or right is None:
                return None
            value = _compare(left, atom.op.text, right)
        if value is None:
            return None
        return not value if atom.negated else value

    # ------------------------------------------------------------------ the walk
    def script(self, script: T.Script) -> None:
        comments: list[str] = []
        last_if: bool | None = True  # what do/else lines read: the last if's result
        header: int | None = None
        header_text: str | None = None
        for item in script.items:
            if isinstance(item, T.LineItem):
                if item.kind == "comment":
                    comments.append(item.source.strip().lstrip("#").strip())
                    if not self.out.ran and not self.stack[1:]:
                        self.out.leading.append(comments[-1])
                elif item.kind != "blank":
                    comments = []
                    self.out.ran.append(Ran(_label_statement(item), None, script.path))
                else:
                    comments = []  # a blank line ends the comment block above a step
                continue
            stmt: T.Statement = item  # type: ignore[assignment]
            node = stmt.node
            ran = Ran(stmt, node, script.path, comments=comments)
            comments = []
            if isinstance(node, T.If):
                taken = self.condition(node.condition)
                last_if, header_text = taken, _text(node.condition)
                if node.body is None:
                    header = len(self.out.ran)
                    self.out.ran.append(ran)
                    continue
                header = None
                self.branch(ran, node.body, taken, header_text)
            elif isinstance(node, T.Do):
                self.branch(ran, node.body, last_if, header_text, header)
            elif isinstance(node, T.Else):
                self.branch(ran, node.body, None if last_if is None else not last_if,
                            f"not ({header_text})", header)
            else:
                self.run(ran, node)

    def branch(self, ran: Ran, body: T.Node | None, taken: bool | None, condition: str | None,
               group: int | None = None) -> None:
        ran.node, ran.group = body, group
        if taken is False:
            ran.skipped = True
            self.out.ran.append(ran)
            return
        ran.condition = condition if taken is None else None
        self.run(ran, body, unknown=taken is None)

    def run(self, ran: Ran, node: T.Node | None, unknown: bool = False) -> None:
        self.out.ran.append(ran)
        if isinstance(node, (T.Assignment, T.SetAssignment)):
            self.assign(node, unknown)
        elif isinstance(node, T.Process) and not unknown:
            self.process(ran, node)

    def assign(self, node: T.Assignment | T.SetAssignment, unknown: bool) -> None:
        name = node.target.text.lstrip("!")
        value = node.value
        if isinstance(value, T.Command) and len(value.head) == 1 and value.where is None \
                and value.bring is None:
            value = value.head[0]
        if isinstance(value, T.Word) and value.reference is None:
            text: str | None = value.value
        elif isinstance(value, T.Word):
            text = self.word(value)
        elif isinstance(value, T.Concat):
            parts = [self.known(w) for w in value.parts]
            text = None if None in parts else "".join(parts)  # type: ignore[arg-type]
        else:
            text = None  # the output of a command: only the node knows it
        if unknown or text is None:
            # Keep the first known value, but no longer treat it as certain.
            if text is not None:
                self.out.values.setdefault(name, text)
            self.out.unknown.add(name)
            return
        self.out.values[name] = text
        self.out.unknown.discard(name)

    def process(self, ran: Ran, node: T.Process) -> None:
        """Read an included script in place when it is under the root (and not already open)."""
        if self.root is None or len(node.file) != 1 or len(self.stack) >= MAX_DEPTH:
            return
        name = self.word(node.file[0])
        if "!" in name or "$" in name:
            return
        path = os.path.normpath(os.path.join(self.root, name.lstrip("/")))
        if not os.path.isfile(path) or path in self.stack:
            return
        with open(path, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
        ran.node = None  # the statement is replaced by what it runs
        self.out.ran.remove(ran)
        self.stack.append(path)
        self.script(parse(text, path))
        self.stack.pop()


def _compare(left: str, op: str, right: str) -> bool | None:
    if op in ("==", "!="):
        return (left == right) == (op == "==")
    try:
        a, b = float(left), float(right)
    except ValueError:
        return None
    return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}.get(op)


def _text(node: T.Node) -> str:
    return " ".join(w.text for w in node.words())


def _label_statement(item: T.LineItem) -> T.Statement:
    """A label line, as a statement with no node: it is carried (or reported) like one."""
    return T.Statement("label", item.span, item.extent, item.source, text=item.source.strip())


def evaluate(script: T.Script, values: dict[str, str], root: str | None) -> Evaluation:
    evaluator = Evaluator(values, root)
    if root is not None:
        evaluator.stack.append(os.path.normpath(script.path))
    evaluator.script(script)
    return evaluator.out
