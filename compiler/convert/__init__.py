"""Existing deployments -> the deployment IR: scripts (``script.al`` or a folder of them),
docker-compose ``.env`` files, and specs (read as they are, so ``alc diff`` takes all three).

The stages: evaluate what is statically known (``evaluate.py``), recognise the deployment
steps (``recognise.py``) or map ``.env`` keys (``dotenv.py``), then the ordinary spec stages
(schema, defaults, checks) on the spec data that came out, and last, for scripts, convert's
own check (``faithful.py``): the spec's build must run what the input runs.  ``to_spec.py``
writes that IR back as a YAML or TOML spec.
"""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass, field
from typing import Any

from compiler import parse, spec
from compiler.convert import codes, dotenv, faithful
from compiler.convert.evaluate import ENV_COMPLETE, ENV_CONTAINER, ENV_PLATFORM, evaluate
from compiler.convert.recognise import GENERATED, NodeSpec, Recogniser
from compiler.convert.trace import Entry, entries
from compiler.diagnostics import ERROR, WARNING, Diagnostic
from compiler.ir.model import Network
from compiler.spec import stages as spec_stages
from compiler.spec.document import Document, KeyPath, Mark

# The spec stages know one file; a folder's values come from many.  Each file's marks are
# moved down by its index times this (more lines than any script alc reads) and moved back
# in the findings.
FILE_STRIDE = 10_000_000


@dataclass(frozen=True, slots=True)
class Unit:
    """One node's script and what it runs (``trace.py``): what `alc diff` compares."""

    node: str
    path: str  # the script, or `spec[node]` for a script a spec builds
    trace: list[Entry]


@dataclass(slots=True)
class Converted:
    network: Network | None  # None when the result is not a valid spec
    diagnostics: list[Diagnostic] = field(default_factory=list)
    comments: dict[KeyPath, str] = field(default_factory=dict)  # spec key path -> comment
    steps: dict[str, list[str]] = field(default_factory=dict)  # node name -> its steps, in order
    units: list[Unit] = field(default_factory=list)  # each script, and what it runs
    sources: dict[str, str] = field(default_factory=dict)  # every file read, by path
    values: dict[str, str] = field(default_factory=dict)  # the values known before the scripts run

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]


def script_node(text: str, path: str, values: dict[str, str], root: str | None, strict: bool = False) -> NodeSpec:
    """One script -> the spec data of its node (what no key holds is in ``extras``); ``strict``
    for a spec that must build what the script runs (see ``Recogniser``)."""
    script = parse(text, path)
    evaluation = evaluate(script, values, root)
    node = Recogniser(evaluation, path, text.startswith("# " + GENERATED), strict).run()
    node.evaluation, node.path = evaluation, path
    node.diagnostics = script.diagnostics + node.diagnostics
    node.data.setdefault("name", os.path.splitext(os.path.basename(path))[0])
    node.data.setdefault("type", "generic")
    return node


def scripts(inputs: list[tuple[str, str]], values: dict[str, str] | None = None,
            root: str | None = None, check: bool = False, commands: bool = True,
            canonical: bool = False) -> Converted:
    """Scripts, one node each, into one network (in the order given).

    With ``check``, the result is kept only when the spec builds what the input runs (convert
    writes nothing else); ``alc diff`` reads settings without it.  With ``canonical`` too, it
    is kept anyway when a node was recognised, and every difference is a warning (the user
    accepts alc's canonical build).  ``commands=False`` leaves the verbatim statements out of
    the spec (the settings alone, much faster on long scripts)."""
    # With --env, scripts are a deployment flow read on its environment (the official start
    # scripts): their steps, plumbing and ruled-out branches are not statements a build writes
    # back one by one, so the check is that nothing else is left (faithful.flow_check).
    flow = check and ENV_COMPLETE in (values or {})
    nodes = [script_node(text, path, values or {}, root, strict=check and not canonical and not flow)
             for path, text in inputs]
    refused = [d for node, (path, _) in zip(nodes, inputs) for d in faithful.before_building(node, path, flow)] \
        if check else []
    accepted: list[Diagnostic] = []
    if canonical:
        refused, accepted = _accept_differences(refused)
    # A spec refused already is not checked as a spec (the schema over every kept statement).
    out = assemble(nodes, inputs[0][0] if inputs else "<none>", commands, stages=not refused)
    out.values = dict(values or {})
    for node in nodes:
        out.sources.update(node.evaluation.sources)
        out.units.append(Unit(node.data["name"], node.path, entries(node.evaluation)))
    if check:
        if not refused and out.network is not None and not flow:
            from compiler import emit  # building is needed only for this check

            built = emit.build(out.network, "convert")
            traces = {unit.node: unit.trace for unit in out.units}
            refused = faithful.after_building(out.network, built, traces, out.values)
            if canonical:
                refused, more = _accept_differences(refused)
                accepted += more
        if refused:  # nothing is converted, so nothing is carried (or read as plumbing) either
            out.network = None
            kept = [d for d in out.diagnostics if d.code not in (codes.CARRIED.code, codes.PLUMBING.code)]
            out.diagnostics = sorted(kept + refused, key=Diagnostic.sort_key)
        elif accepted:
            out.diagnostics = sorted(out.diagnostics + accepted, key=Diagnostic.sort_key)
    return out


def _accept_differences(found: list[Diagnostic]) -> tuple[list[Diagnostic], list[Diagnostic]]:
    """(what still refuses the conversion, the differences turned into warnings): a script
    with no node in it is never converted."""
    refused = [d for d in found if d.code == codes.NO_NODE.code]
    accepted = [dataclasses.replace(d, severity=WARNING,
                                    help="accepted with --canonical: the spec builds alc's canonical "
                                         "script, which differs here")
                for d in found if d.code != codes.NO_NODE.code]
    return refused, accepted


def assemble(nodes: list[NodeSpec], path: str, commands: bool = True, stages: bool = True) -> Converted:
    data: dict[str, Any] = {"alc": 1}
    marks: dict[KeyPath, Mark] = {}
    files = _Files(path)
    clusters: dict[str, dict] = {}
    found: list[Diagnostic] = []
    out = Converted(None)
    for node in _declarers_first(nodes):
        own = node.path or path
        for key, value in node.network.items():
            data.setdefault(key, value)
        marks.update({k: files.mark(node.mark_paths.get(k, own), v)
                      for k, v in node.network_marks.items() if k not in marks})
        if node.cluster is not None:
            known = clusters.setdefault(node.cluster["name"], dict(node.cluster))
            known["declare"] = known["declare"] or node.cluster["declare"]
            known.setdefault("company", node.cluster.get("company"))
        index = len(data.setdefault("nodes", []))
        at: KeyPath = ("nodes", index)
        entry = dict(node.data)
        if node.extras:
            found.append(_carried(node.extras, node.data["name"]))
        if node.extras and commands:
            entry["commands"] = [extra.text for extra in node.extras]
            for i, extra in enumerate(node.extras):
                span = extra.ran.stmt.span
                marks[at + ("commands", i)] = files.mark(extra.ran.path, Mark(span.line, span.column,
                                                                              span.end_line, span.end_column))
                comments = ([_place(extra)] if i == 0 else []) + extra.ran.comments
                if comments:
                    out.comments[at + ("commands", i)] = "\n".join(comments)
        data["nodes"].append(entry)
        out.steps[node.data["name"]] = node.steps
        marks.update({at + k: files.mark(node.mark_paths.get(k, own), v) for k, v in node.marks.items()})
        out.comments.update({at + k: v for k, v in node.comments.items()})
        found += node.diagnostics
    first = data.get("nodes", [{}])[0]
    data.setdefault("company", first.get("company", "!company_name"))
    data.setdefault("ledger", "!ledger_conn")
    if clusters:
        data["clusters"] = [{k: v for k, v in c.items() if v is not None} for c in clusters.values()]
    doc = Document(path, "", "yaml", data, keys=dict(marks), values=marks)
    out.diagnostics = found + ([files.place(d) for d in from_document(doc, out)] if stages else [])
    out.diagnostics.sort(key=Diagnostic.sort_key)
    return out


class _Files:
    """Marks of many files in the one document the spec stages read (see FILE_STRIDE)."""

    def __init__(self, first: str) -> None:
        self.paths = [first]

    def mark(self, path: str, mark: Mark) -> Mark:
        if path not in self.paths:
            self.paths.append(path)
        shift = self.paths.index(path) * FILE_STRIDE
        return Mark(mark.line + shift, mark.column, mark.end_line + shift, mark.end_column)

    def place(self, diag: Diagnostic) -> Diagnostic:
        index = diag.line // FILE_STRIDE
        if diag.path != self.paths[0] or not 0 < index < len(self.paths):
            return diag
        shift = index * FILE_STRIDE
        return dataclasses.replace(diag, path=self.paths[index], line=diag.line - shift,
                                   end_line=max(diag.end_line - shift, diag.line - shift))


def from_document(doc: Document, out: Converted) -> list[Diagnostic]:
    """The spec stages on converted data, the same as on a spec file (``spec.stages``)."""
    loaded = spec_stages(doc)
    out.network = loaded.network
    return loaded.diagnostics


def _declarers_first(nodes: list[NodeSpec]) -> list[NodeSpec]:
    """A cluster is declared by its first member: within each cluster's places in the list, the
    script that declares it goes first; every other node keeps its place."""
    out = list(nodes)
    for name in {n.cluster["name"] for n in nodes if n.cluster}:
        places = [i for i, n in enumerate(out) if n.cluster and n.cluster["name"] == name]
        members = sorted((out[i] for i in places), key=lambda n: not n.cluster["declare"])
        for place, member in zip(places, members):
            out[place] = member
    return out


def _place(extra) -> str:
    after = f"after `{extra.after}`" if extra.after else "with no deployment step before them"
    return f"from line {extra.ran.stmt.span.line} on, {after}, as written:"


def _carried(extras, node: str) -> Diagnostic:
    """One note per node: which statements went into `commands` as they are."""
    first = extras[0]
    span = first.ran.stmt.span
    where = Mark(span.line, span.column, span.end_line, span.end_column)
    count = len(extras)
    what = f"{count} statement{'s' if count != 1 else ''} (labels included)" if any(
        e.ran.stmt.kind == "label" for e in extras) else f"{count} statement{'s' if count != 1 else ''}"
    after = f"after `{first.after}`" if first.after else "with no deployment step before them"
    return codes.CARRIED.at(first.ran.path, where,
                            f"{what} from here on, {after}, kept verbatim in `commands` of {node}")


def env_file(text: str, path: str) -> Converted:
    """A docker-compose ``.env`` file: one node, every key mapped or reported."""
    return env_files([(path, text)])


def env_files(inputs: list[tuple[str, str]]) -> Converted:
    """Official ``.env`` files of one node, a later one overriding (``dotenv.mapped_files``)."""
    result = dotenv.mapped_files(inputs)
    first = inputs[0][0]
    files = _Files(first)
    for path, _ in inputs:
        files.mark(path, Mark(1, 1, 1, 1))  # each file keeps its place, read or not
    marks = {k: files.mark(path, mark) for k, (path, mark) in result.marks.items()}
    out = Converted(None, sources=dict(inputs))
    doc = Document(first, inputs[0][1], "yaml", result.data, keys=dict(marks), values=marks)
    found = [files.place(d) for d in from_document(doc, out)]
    out.diagnostics = sorted(result.diagnostics + found, key=Diagnostic.sort_key)
    return out


def load_spec(text: str, path: str) -> Converted:
    loaded = spec.load(text, path)
    return Converted(loaded.network, loaded.diagnostics, sources={path: text})


def kind_of(path: str) -> str:
    """``env``, ``spec``, ``folder``, ``script`` or ``other``: what an input is, from its name."""
    name = os.path.basename(path.rstrip("/" + os.sep)).lower()
    if os.path.isdir(path):
        return "folder"
    if name == ".env" or name.endswith(".env"):
        return "env"
    if name.endswith(spec.SPEC_SUFFIXES):
        return "spec"
    if name.endswith(".al") or path == "-":
        return "script"
    return "other"


def variables(defines: list[str], env_text: str | None, env_path: str | list[str] | None = None) -> dict[str, str]:
    """``--env`` keys (as ``$KEY`` and as the lower-case variable real scripts set from them),
    then ``--define NAME=VALUE`` on top.  Raises ValueError for a define without ``=``.
    The platform the keys' official files belong to (the file's name, or keys only one
    platform's files have) is kept for the spec: the start scripts do not say it."""
    values: dict[str, str] = {} if env_text is None else {ENV_COMPLETE: "1"}
    entries = dotenv.read(env_text or "")
    for key, entry in entries.items():
        values[f"${key}"] = entry.value
        values[key.lower()] = entry.value
    paths = [env_path] if isinstance(env_path, str) else list(env_path or [])
    platform = dotenv.platform_of(paths, entries) if env_text is not None else None
    if platform is not None:
        values[ENV_PLATFORM] = platform
    if env_text is not None:  # the container's business: the keys no start script reads
        container = dotenv.Mapper(entries, paths).run().data["nodes"][0].get("container")
        if container:
            values[ENV_CONTAINER] = json.dumps(container)
    for define in defines:
        name, eq, value = define.partition("=")
        if not eq or not name.strip():
            raise ValueError(f"--define {define!r}: write NAME=VALUE")
        values[name.strip().lstrip("!")] = value
    return values


def from_inputs(kind: str, inputs: list[tuple[str, str]], values: dict[str, str], root: str | None,
                check: bool = False, commands: bool = True, canonical: bool = False) -> Converted:
    """Read inputs already loaded as text: a spec, an ``.env`` file, or scripts."""
    if kind == "env":
        out = env_files(inputs)
        out.values = dict(values)
        return out
    if kind == "spec":
        out = load_spec(inputs[0][1], inputs[0][0])
        out.values = dict(values)
        return out
    return scripts(inputs, values, root, check, commands, canonical)
