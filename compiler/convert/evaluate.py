"""Static evaluation of a script: what the node would run, as far as it is known without a node.

The walk follows the script top to bottom, as the node does, keeping the variables whose values
are known (assignments, ``set``, ``--define``, ``--env``).  An ``if`` on known values is
decided as the node decides it; on unknown values both branches are kept and their statements
carry the condition.  ``process`` of a file under the root is read in place (the statement is
replaced by what it runs).  What comes out is one :class:`Ran` per statement and label, in
order, with the comments written directly above it and the words the node reads at that
moment (``said``: known values substituted), which is what ``alc diff`` and convert's own
check compare.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache

from compiler import files, parse
from compiler.diagnostics import Diagnostic
from compiler.model.variables import NODE_ADDRESSES, NODE_VARIABLES, names_read
from compiler.syntax import tree as T

MAX_DEPTH = 8  # process nesting; a deeper chain is a loop or a mistake
REJECTED = "\x00rejected"  # the first of `said` for a statement the node cannot split
ENV_COMPLETE = "$\x00env"  # in the values: they hold every key of the node's environment (--env)
# in the values: the platform whose official files the --env keys are (compiler/convert/dotenv.py
# platform_of): the official start scripts of both platforms are alike, their keys are not
ENV_PLATFORM = "$\x00platform"
# The container section the --env keys give (JSON): what the start scripts never read.
ENV_CONTAINER = "$\x00container"
# What `get version` starts with on each platform (EdgeLake's member_cmd.get_version).
VERSION_WORD = {"edgelake": "EdgeLake", "anylog": "AnyLog"}
_NOTHING: dict[str, str] = {}
END = "\x00end"
_GROUP_VARIABLE = re.compile(r"(?<![!A-Za-z0-9_])!([A-Za-z_][A-Za-z0-9_]*)")
_PYTHON_SPLIT = re.compile(r"""^python ([!$][A-Za-z_][A-Za-z0-9_]*)\.split\((["'])(.*?)\2\)\[(-?\d+)\]$""")  # no label: the walk skips the rest of the file


@dataclass(slots=True)
class Ran:
    """A statement the node runs (or may run): ``node`` is the innermost command or assignment."""

    stmt: T.Statement
    node: T.Node | None
    path: str
    condition: str | None = None  # the unknown condition it stands under
    group: int | None = None  # the statement that set the `if` result its do/else line reads
    comments: list[str] = field(default_factory=list)
    skipped: bool = False  # on a branch that known values rule out
    said: tuple[str, ...] = ()  # the words as the node reads them here (labels: the label)
    known: dict[str, str] | None = None  # the known values of the variables it reads, here
    nested: bool = False  # a do/else line, or the command after `then`
    consumed: bool = False  # a `set policy` line of a config policy that `config from policy` runs
    reading: int = 0  # which reading of its file (a file processed twice is read twice)


def reads(ran: Ran) -> frozenset[str]:
    """The variables a statement reads, its condition included (not the one it assigns)."""
    return names_read(ran.stmt) if ran.stmt.node is not None else frozenset()


@dataclass(slots=True)
class Evaluation:
    ran: list[Ran] = field(default_factory=list)
    leading: list[str] = field(default_factory=list)  # the comments above the first statement
    values: dict[str, str] = field(default_factory=dict)
    unknown: set[str] = field(default_factory=set)  # set on a branch of an unknown condition
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # every file read, by path


class Evaluator:
    def __init__(self, values: dict[str, str], root: str | None) -> None:
        self.out = Evaluation(values=dict(values))
        self.root = root
        self.stack: list[str] = []
        self.policies: dict[str, dict] = {}  # `set policy NAME [k][k2] = value`, as far as known
        self.policy_lines: dict[str, list[Ran]] = {}  # the statements that built each policy
        # A `goto` on known values: the label the walk skips to (END: the rest of the file).
        self.jump: str | None = None
        self.labels: dict[str, int] = {}  # the labels of the file being read, by their place
        self.position = -1
        self.pending: set[str] = set()  # labels an unknown `goto` may have jumped to
        self.readings = self.reading = 0  # files read so far, and the one being read
        self.exited = False  # `exit scripts` on known values: nothing more runs

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
            if ref.rest:
                return None
            # With an --env file, a key it does not set is unset: `if $DNS then` is false.
            return self.out.values.get(f"${ref.name}", "" if ENV_COMPLETE in self.out.values else None)
        if ref.sigil == "!" and ref.name not in self.out.values and ref.name not in self.out.unknown \
                and ENV_COMPLETE in self.out.values and ref.name not in NODE_VARIABLES and not ref.rest:
            return ""  # with --env, a variable nothing set (`if !branch then`) is empty
        if ref.sigil == "!" and ref.cast in ("int", "float") and ref.name in self.out.values \
                and ref.name not in self.out.unknown:
            return _number(self.out.values[ref.name], ref.cast)
        if ref.sigil != "!" or ref.name not in self.out.values or ref.name in self.out.unknown:
            return None
        return self.word(word)

    def said(self, stmt: T.Statement) -> tuple[str, ...]:
        """The statement's words as the node reads them now: known values substituted (not in
        the name an assignment sets), double quotes removed; a statement the node cannot split
        is its lines."""
        if not stmt.words:
            return (REJECTED, *(line.strip() for line in stmt.source.splitlines() if line.strip()))
        if "!" not in stmt.text and "$" not in stmt.text:
            return _plain(stmt)  # no variable: the same words whatever is known
        target = _target(stmt.node)
        values, unknown = self.out.values, self.out.unknown
        out = []
        for w in stmt.words:
            kind = w.kind
            if (kind == "VAR" or kind == "ENV") and w is not target:
                sub = _substitution(w.text)
                if sub is not None and sub[0] in values and sub[0] not in unknown:
                    out.append(values[sub[0]] + sub[1])
                else:
                    out.append(w.text)
            else:
                out.append(w.text[1:-1] if kind == "DQ" else w.text)
        return tuple(out)

    def seen(self, stmt: T.Statement) -> dict[str, str]:
        """The values a statement's variables have when the node reaches it (steps are read
        with these, not with the values at the end of the script)."""
        if "!" not in stmt.text and "$" not in stmt.text:
            return _NOTHING
        values, unknown = self.out.values, self.out.unknown
        out = {}
        for word in stmt.words:
            if word.kind == "VAR" or word.kind == "ENV":
                sub = _substitution(word.text)
                if sub is not None and sub[0] in values and sub[0] not in unknown:
                    out[sub[0]] = values[sub[0]]
            elif word.kind == "PAREN" and "!" in word.text:  # a ( ... ) group's values: `topic = (dbms = !x)`
                for name in _GROUP_VARIABLE.findall(word.text):
                    if name in values and name not in unknown:
                        out[name] = values[name]
        return out

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
        frame = (self.jump, self.labels, self.position, self.pending, self.reading)
        self.jump, self.position, self.pending = None, -1, set()
        self.readings += 1
        self.reading = self.readings
        self.labels = {item.label: index for index, item in enumerate(script.items)
                       if isinstance(item, T.LineItem) and item.kind == "label"}
        try:
            self.walk(script)
        finally:
            self.jump, self.labels, self.position, self.pending, self.reading = frame

    def walk(self, script: T.Script) -> None:
        self.out.sources.setdefault(script.path, script.text)
        comments: list[str] = []
        last_if: bool | None = True  # what do/else lines read: the last if's result
        header: int | None = None  # the statement that set it
        header_text: str | None = None
        for self.position, item in enumerate(script.items):
            if self.exited:
                self.jump = END
            if isinstance(item, T.LineItem) and item.kind == "label":
                self.pending.discard(item.label)
                if item.label == self.jump:
                    self.jump = None  # a known `goto` lands here
            if isinstance(item, T.LineItem):
                if item.kind == "comment":
                    comments.append(item.source.strip().lstrip("#").strip())
                    if not self.out.ran and not self.stack[1:]:
                        self.out.leading.append(comments[-1])
                elif item.kind == "label":
                    comments = []
                    label = _label_statement(item)
                    self.out.ran.append(Ran(label, None, script.path, said=(f":{item.label}:",),
                                            reading=self.reading))
                else:
                    # A blank line ends the comment block above a step; an indented or
                    # malformed label is skipped by the node like a comment (never a target).
                    comments = []
                continue
            stmt: T.Statement = item  # type: ignore[assignment]
            node = stmt.node
            ran = Ran(stmt, node, script.path, comments=comments, said=self.said(stmt), known=self.seen(stmt),
                      reading=self.reading)
            comments = []
            if self.jump is not None:  # passed over by a `goto` (or after `end script`) the values take
                ran.skipped = True
                self.out.ran.append(ran)
                continue
            if isinstance(node, T.If):
                taken = self.condition(node.condition)
                last_if, header_text, header = taken, _text(node.condition), len(self.out.ran)
                if node.body is None:
                    self.out.ran.append(ran)
                    continue
                self.branch(ran, node.body, taken, header_text)
            elif isinstance(node, (T.Do, T.Else)):
                is_do = isinstance(node, T.Do)
                taken = last_if if is_do or last_if is None else not last_if
                condition = header_text if is_do else f"not ({header_text})"
                index = len(self.out.ran)
                self.branch(ran, node.body, taken, condition, header)
                if isinstance(node.body, T.If):  # `else if ...`: a new result, when it runs
                    inner = self.condition(node.body.condition)
                    last_if = inner if taken else (last_if if taken is False else None)
                    header, header_text = index, _text(node.body.condition)
            else:
                self.run(ran, node)

    def branch(self, ran: Ran, body: T.Node | None, taken: bool | None, condition: str | None,
               group: int | None = None) -> None:
        ran.node, ran.group, ran.nested = body, group, True
        if isinstance(body, T.If) and body.body is not None:
            ran.node = body.body  # `else if c then x`: the command it runs
            inner = self.condition(body.condition)
            taken = False if False in (taken, inner) else (None if None in (taken, inner) else True)
            condition = f"{condition} and ({_text(body.condition)})" if condition else _text(body.condition)
        if taken is False:
            ran.skipped = True
            self.out.ran.append(ran)
            return
        ran.condition = condition if taken is None else None
        self.run(ran, ran.node, unknown=taken is None)

    def run(self, ran: Ran, node: T.Node | None, unknown: bool = False) -> None:
        self.out.ran.append(ran)
        if isinstance(node, (T.Assignment, T.SetAssignment)):
            self.assign(node, unknown)
        elif isinstance(node, T.Process) and not unknown:
            self.process(ran, node)
        elif isinstance(node, T.Goto):
            label = node.label.text
            if self.labels.get(label, -1) <= self.position:
                pass  # a loop back is not followed
            elif unknown:
                self.pending.add(label)  # the node may jump there: what stands before it is read too
            elif all(self.labels[label] <= self.labels[other] for other in self.pending):
                self.jump = label  # (a jump past a label an unknown goto may reach would lose it)
        elif isinstance(node, (T.EndScript, T.ExitScripts)) and not unknown:
            self.jump = END
            self.exited = self.exited or isinstance(node, T.ExitScripts)
        elif isinstance(node, T.SetPolicy) and not unknown:
            self.set_policy(node)
        elif isinstance(node, T.Command) and not unknown and _head(node)[:3] == ["config", "from", "policy"]:
            self.config_from_policy(ran)

    def set_policy(self, node: T.SetPolicy) -> None:
        """``set policy NAME [config][ip] = value``: the policy a later ``config from policy`` runs."""
        name = node.target.text.lstrip("!")
        self.policy_lines.setdefault(name, []).append(self.out.ran[-1])
        policy = self.policies.setdefault(name, {})
        for assign in node.assigns:
            keys = [self.known(T.Word(key, "VAR", assign.key.span)) or key if key.startswith("!") else key
                    for key in re.findall(r"\[([^\]]*)\]", assign.key.text)] if assign.key is not None else []
            if not keys or assign.op.text != "=":
                continue
            target = policy
            for key in keys[:-1]:
                target = target.setdefault(key, {})
                if not isinstance(target, dict):
                    return
            target[keys[-1]] = self.policy_value(assign.value)

    def policy_value(self, word: T.Word):
        if word.kind == "BRACE" and word.text.replace(" ", "") == "{}":
            return {}
        if word.kind == "BRACKET":
            try:
                items = json.loads(word.text)
            except ValueError:
                return word.text
            return items if isinstance(items, list) else word.text
        if word.kind in ("SQ", "DQ"):
            return word.text[1:-1]  # the node substitutes a `!var` in it when the policy runs
        return self.word(word)

    def resolve(self, text: str) -> str | None:
        """A policy value as the node reads it when the policy runs (None: only the node knows)."""
        found = re.fullmatch(r"!([A-Za-z_][A-Za-z0-9_]*)(?:\.(?:int|bool|str))?", text)
        if found is None:
            return text
        name = found.group(1)
        if name not in self.out.values and ENV_COMPLETE in self.out.values and name not in NODE_VARIABLES:
            return ""  # never set: the node reads no value (a broker port nobody gave)
        return self.out.values[name] if name in self.out.values and name not in self.out.unknown else None

    def config_from_policy(self, ran: Ran) -> None:
        """``config from policy``: the node starts the servers the policy names, then runs its
        `script` lines.  Read as those statements, from the config policy the script builds
        (the official `config_policy.al`); a policy only the ledger holds stays the statement."""
        name = next((n for n, p in reversed(self.policies.items()) if isinstance(p.get("config"), dict)), None)
        if name is None or len(self.stack) >= MAX_DEPTH:
            return
        policy = self.policies[name]["config"]
        for line in self.policy_lines.get(name, []):
            line.consumed = True
        lines = _servers(policy, self.resolve)
        script = policy.get("script")
        lines += [line.strip() for line in script if isinstance(line, str)] if isinstance(script, list) else []
        if not lines:
            return
        self.out.ran.pop()  # the statement is replaced by what it runs
        path = f"{ran.path}:{ran.stmt.span.line}[config policy]"
        self.stack.append(path)
        self.script(parse("\n".join(lines) + "\n", path))
        self.stack.pop()

    def assign(self, node: T.Assignment | T.SetAssignment, unknown: bool) -> None:
        name = node.target.text.lstrip("!")
        self.policies.pop(name, None)  # `new_policy = ""` starts a new policy
        self.policy_lines.pop(name, None)
        value = node.value
        if isinstance(value, T.Command) and len(value.head) == 1 and value.where is None \
                and value.bring is None:
            value = value.head[0]
        elif isinstance(value, T.Command) and value.where is None and value.bring is None \
                and value.head[0].text.isdigit() and all(w.reference is None for w in value.head):
            # `x = 14 days`: no command starts with a number, so the node keeps the words
            value = T.Word(" ".join(w.text for w in value.head), "WORD", value.span)
        python = _PYTHON_SPLIT.match(" ".join(w.text for w in node.value.words())) \
            if isinstance(node.value, T.Node) else None
        if python is not None and self.known(T.Word(python.group(1), "VAR", node.span)) is not None:
            # `python !x.split(":")[0]`: the official scripts' one use of python on a known value
            parts = self.known(T.Word(python.group(1), "VAR", node.span)).split(python.group(3))
            index = int(python.group(4))
            value = T.Word(parts[index] if -len(parts) <= index < len(parts) else "", "WORD", node.span)
        if isinstance(value, T.Word) and value.reference is None:
            text: str | None = value.value
        elif isinstance(value, T.Word):
            text = self.word(value)  # an unknown `!x`/`$X` stays as written: the spec keeps it so
        elif isinstance(value, T.Concat):
            parts = [self.known(w) for w in value.parts]
            if parts[0] is None and None not in parts[1:] and _node_address(value.parts[0]):
                # `!ip + ":32048"` (the official ledger of a 127.0.0.1 LEDGER_CONN): an address
                # only the node knows, kept as `!ip:32048`, which alc's build writes back so
                parts[0] = value.parts[0].text
            text = None if None in parts else "".join(parts)  # type: ignore[arg-type]
        elif isinstance(value, T.Command) and _head(value) == ["get", "version"] and ENV_PLATFORM in self.out.values:
            # the official scripts tell the platforms apart by the version's first word; with
            # --env the platform is the files' (the rest of the version only the node knows)
            text = VERSION_WORD[self.out.values[ENV_PLATFORM]] + " Version:"
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
        if self.root is None or len(node.file) != 1 or node.args or len(self.stack) >= MAX_DEPTH:
            return
        name = self.word(node.file[0])
        if "!" in name or "$" in name:
            return
        path = _under(self.root, name)
        if path is None or path in self.stack:
            return
        try:
            text = files.read(path).text  # the limits of every other input
        except files.InputError:
            return  # kept as a statement: the node would fail on it too
        self.out.ran.pop()  # the statement is replaced by what it runs
        self.stack.append(path)
        self.script(parse(text, path))
        self.stack.pop()


# `config from policy`: the servers a config policy names, as the node's config_servers starts
# them: (command, port key, own ip key, bind key, threads key, the node's default threads).  TCP
# listens on `local_ip` (else `ip`); REST and the broker on their own ip (then bound), else on
# `ip`; no timeout is read (REST keeps its default).
_SERVERS = (("run tcp server", "port", "local_ip", "tcp_bind", "tcp_threads", 6),
            ("run rest server", "rest_port", "rest_ip", "rest_bind", "rest_threads", 8),
            ("run message broker", "broker_port", "broker_ip", "broker_bind", "broker_threads", 6))


def _servers(policy: dict, resolve) -> list[str]:
    out = []
    for command, port, own, bind, threads, default in _SERVERS:
        if not policy.get(port) or resolve(str(policy[port])) == "":
            continue  # the node starts no server without a port
        tcp = command == "run tcp server"
        inner = policy.get(own) or policy.get("ip")
        outer = policy.get("ip") if tcp else (policy.get(own) or policy.get("ip"))
        bound = policy.get(bind, "false" if tcp or not policy.get(own) else "true")
        if not tcp and str(resolve(str(bound))).lower() == "false":
            inner = None  # unbound: it listens on every interface, whatever address it is given
        pairs = [("external_ip", outer), ("external_port", policy.get(port)), ("internal_ip", inner),
                 ("internal_port", policy.get(port)), ("bind", bound), ("threads", policy.get(threads, default))]
        said = [f"{key} = {_cast_free(value)}" for key, value in pairs if value not in (None, "")]
        out.append(f"<{command} where " + " and\n    ".join(said) + ">")
    return out


def _node_address(word: T.Word) -> bool:
    """A bare `!ip`-like variable the node sets itself (its address or DNS name)."""
    ref = word.reference
    return ref is not None and ref.sigil == "!" and not ref.rest and ref.cast is None \
        and ref.name in NODE_ADDRESSES


def _cast_free(value) -> str:
    """A policy value as a statement word: `!port.int` is `!port` (the statement reads a number)."""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return re.sub(r"^(![A-Za-z_][A-Za-z0-9_]*)\.(int|bool|str)$", r"\1", text)


def _head(node: T.Command) -> list[str]:
    return [w.text.lower() for w in node.head[:3]]


def _under(root: str, name: str) -> str | None:
    """The file a `process` path names below the root: the path itself under the root, else its
    longest tail that is there (a container's `/app/deployment-scripts/node-deployment/x.al`
    is `node-deployment/x.al` of the scripts' folder given as the root)."""
    parts = [part for part in name.replace("\\", "/").split("/") if part not in ("", ".")]
    for start in range(len(parts)):
        if ".." in parts[start:]:
            continue
        path = os.path.normpath(os.path.join(root, *parts[start:]))
        if os.path.isfile(path):
            return path
    return None


@lru_cache(maxsize=8192)
def _substitution(text: str) -> tuple[str, str] | None:
    """How ``Evaluator.word`` substitutes a variable word, by its text alone: the key of its
    value (`name`, `$NAME`) and what follows the value, or None when the node computes the
    word (a slice, a cast other than .int/.str/.float, `!!x`, `$X/path`)."""
    ref = T.Word(text, "VAR", None).reference  # type: ignore[arg-type]
    if ref is None:
        return None
    if ref.sigil == "$":
        return (f"${ref.name}", "") if not ref.rest else None
    if ref.sigil != "!" or ref.rest.startswith("[") or ref.cast not in (None, "int", "str", "float"):
        return None
    return ref.name, ref.rest


def _plain(stmt: T.Statement) -> tuple[str, ...]:
    return tuple(w.text[1:-1] if w.kind == "DQ" else w.text for w in stmt.words)


def _target(node: T.Node | None) -> T.Word | None:
    """The name an assignment sets, inside if/do/else: not a value the node substitutes."""
    while isinstance(node, (T.If, T.Do, T.Else)):
        node = node.body
    return node.target if isinstance(node, (T.Assignment, T.SetAssignment)) else None


def _number(value: str, cast: str) -> str:
    """``!x.int`` / ``!x.float`` as the node reads it: the number, or the null string when the
    value is none (`true`, an unset variable's own text: the node's cast fails quietly)."""
    try:
        return str(int(value) if cast == "int" else float(value))
    except ValueError:
        return ""


def _compare(left: str, op: str, right: str) -> bool | None:
    if op in ("==", "!="):
        return (left.lower() == right.lower()) == (op == "==")  # the node compares text case-blind
    try:
        a, b = float(left), float(right)
    except ValueError:
        # a failed cast (or an unset variable, whose own `!name` text the node keeps) against a
        # number or a word: the node orders the text, and the null string comes first
        if "" in (left, right) and (left or right)[:1].isalnum() and op in ("<", ">", "<=", ">="):
            return {"<": left < right, ">": left > right, "<=": left <= right, ">=": left >= right}[op]
        return None
    return {"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}.get(op)


def _text(node: T.Node) -> str:
    return " ".join(w.text for w in node.words())


def _label_statement(item: T.LineItem) -> T.Statement:
    """A label line, as a statement with no node: it is carried like one."""
    return T.Statement("label", item.span, item.extent, item.source, text=f":{item.label}:")


def evaluate(script: T.Script, values: dict[str, str], root: str | None) -> Evaluation:
    evaluator = Evaluator(values, root)
    if root is not None:
        evaluator.stack.append(os.path.normpath(script.path))
    evaluator.script(script)
    return evaluator.out
