"""Convert checks its own output, as build and fmt do: the script the spec builds must run what
the input runs.

Each node's input trace (``trace.py``: every statement and label, in order, as the node reads
it) is compared with the trace of the script ``alc build`` writes for the node, read with the
same known values.  Any difference is an error at the input statement it is about, and the
spec is not written.  Before building, two cheaper checks give a more telling message: a script
in which no deployment step was recognised configures no node, and a statement kept in
`commands` that stands before a step cannot stay there (a spec writes its `commands` last).

Start scripts read on their environment (``--env``, the official node-deployment flow) are not
compared statement by statement: their `if`/`goto` flow on the environment's keys, their
plumbing (``plumbing.py``) and the lines the keys rule out are no statements a spec's build
writes back.  Every statement they run is accounted for instead (a step, plumbing, ruled out,
or kept verbatim), and the spec is kept only when its steps come in the order the build writes
them and no statement kept verbatim stands before a step: what it would run in another place is
named (ALC707), and --canonical accepts it.
"""

from __future__ import annotations

from compiler.convert import codes
from compiler.convert.evaluate import reads
from compiler.convert.recognise import NodeSpec
from compiler.convert.trace import Difference, Entry, compare, of_text
from compiler.diagnostics import Diagnostic
from compiler.ir.model import Network
from compiler.spec.document import Mark
from compiler.syntax import tree as T

SHOWN = 10  # differences named per node; the rest are counted


def before_building(node: NodeSpec, path: str, flow: bool = False) -> list[Diagnostic]:
    """What a spec of this node cannot do, found without building it.  ``flow``: start scripts
    read on their environment (``--env``), whose only check this is (see the module's doc)."""
    ran = node.evaluation.ran if node.evaluation is not None else []
    if not node.configures:
        first = next((r for r in ran if r.stmt.kind != "label"), ran[0] if ran else None)
        where = _mark(first.stmt.span) if first is not None else Mark(1, 1, 1, 1)
        return [codes.NO_NODE.at(first.path if first is not None else path, where,
                                 "configures no node: alc recognises no deployment step in this script "
                                 "(no node name, server, database, policy or service), and a spec would "
                                 "add services it never runs",
                                 "keep the script as it is; `alc lint` and `alc fmt` check it")]
    if flow and node.reordered is not None:
        step, later = (ran[i] for i in node.reordered)
        return [codes.NOT_FAITHFUL.at(
            step.path, _mark(step.stmt.span),
            f"`{_short(step.stmt.text)}` is a step the spec writes before `{_short(later.stmt.text)}` "
            f"({_where(later.path, later.stmt.span.line, step.path)}), which the scripts run first: the spec's "
            "build would run them in another order",
            "accepted with --canonical (the spec builds alc's order of the steps)")]
    last = max(node.steps_at)
    for extra in node.extras:
        if extra.index < last:
            step = ran[min(i for i in node.steps_at if i > extra.index)]
            before = (f"`{_short(step.stmt.text)}` "
                      f"({_where(step.path, step.stmt.span.line, extra.ran.path)}), a step the spec writes first")
            reader = _reader(node, extra)
            why = "" if reader is None else \
                (f" (it sets what `{_short(reader.text, 120)}` "
                 f"({_where(reader.ran.path, reader.ran.stmt.span.line, extra.ran.path)}) reads, which is kept too)")
            message, help = (
                (f"`{_short(extra.text)}` is kept verbatim: no setting of the spec says it{why}, and it runs "
                 f"before {before}, and a spec writes its `commands` after its steps",
                 "accepted with --canonical (the statement is kept in `commands`, after the steps)") if flow else
                (f"`{_short(extra.text)}` stands before {before}: a spec writes its `commands` after its steps, "
                 "so it cannot keep this order", "keep the script, or move the statement after the last deployment step"))
            return [codes.NOT_FAITHFUL.at(extra.ran.path, _mark(extra.ran.stmt.span), message, help)]
    return []


def _reader(node: NodeSpec, extra):
    """For an assignment kept verbatim, the statement kept for itself that reads what it sets
    (following assignments that read it in turn), which is why it is kept; else None."""
    seen = set()
    while isinstance(extra.ran.node, (T.Assignment, T.SetAssignment)) and extra.index not in seen:
        seen.add(extra.index)
        target = extra.ran.node.target.text.lstrip("!")
        extra = next((other for other in node.extras if other.index > extra.index
                      and target in reads(other.ran)), None)
        if extra is None:
            return None
    return extra if seen else None


def after_building(network: Network, built: dict[str, str], traces: dict[str, list[Entry]],
                   values: dict[str, str]) -> list[Diagnostic]:
    """Every statement the built scripts run differently from the input, node by node."""
    found: list[Diagnostic] = []
    for node in network.nodes:
        name = node.name.value
        script = f"{name}.al"
        mine = traces.get(name, [])
        differences = compare(mine, of_text(built[script], script, values), "", script)
        for difference in differences[:SHOWN]:
            found.append(_refusal(difference, mine, name))
        if len(differences) > SHOWN:
            last = found[-1]
            found.append(codes.NOT_FAITHFUL.at(last.path, Mark(last.line, last.column, last.end_line,
                                                                  last.end_column),
                                               f"and {len(differences) - SHOWN} more statements the spec "
                                               f"of {name} would run differently"))
    return found


def _refusal(difference: Difference, mine: list[Entry], node: str) -> Diagnostic:
    help = "`alc diff` of the input and the spec shows every difference; keep the script as it is"
    if difference.kind == "removed":
        entry = difference.old
        return codes.NOT_FAITHFUL.at(entry.path, Mark(entry.line, 1, entry.line, 1),
                                     f"the spec of {node} would not run `{_short(entry.shown())}` here", help)
    if difference.kind == "changed":
        entry = difference.old
        return codes.NOT_FAITHFUL.at(entry.path, Mark(entry.line, 1, entry.line, 1),
                                     f"the spec of {node} would run `{_short(_shown_new(difference))}` "
                                     f"instead of `{_short(entry.shown())}`", help)
    place = difference.a
    path = place.path or (mine[0].path if mine else node)
    return codes.NOT_FAITHFUL.at(path, Mark(place.line, 1, place.line, 1),
                                 f"the spec of {node} would run `{_short(difference.new.shown())}` here, "
                                 "which the script does not", help)


def _shown_new(difference: Difference) -> str:
    old, new = difference.old, difference.new
    if old.shown() == new.shown():  # the same text with other values: show what the node reads
        return " ".join(new.said)
    return new.shown()


def _short(text: str, width: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 3] + "..."


def _where(path: str, line: int, own: str) -> str:
    return f"line {line}" if path == own else f"{path}:{line}"


def _mark(span) -> Mark:
    return Mark(span.line, span.column, span.end_line, span.end_column)
