"""Existing deployments -> the deployment IR: scripts (``script.al`` or a folder of them),
docker-compose ``.env`` files, and specs (read as they are, so ``alc diff`` takes all three).

The stages: evaluate what is statically known (``evaluate.py``), recognise the deployment
steps (``recognise.py``) or map ``.env`` keys (``dotenv.py``), then the ordinary spec stages
(schema, defaults, checks) on the spec data that came out.  ``to_spec.py`` writes that IR back
as a YAML or TOML spec.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from compiler import parse, spec
from compiler.convert import codes, dotenv
from compiler.convert.evaluate import evaluate
from compiler.convert.recognise import GENERATED, NodeSpec, Recogniser
from compiler.diagnostics import ERROR, Diagnostic
from compiler.ir.model import Network
from compiler.spec import stages as spec_stages
from compiler.spec.document import Document, KeyPath, Mark


@dataclass(slots=True)
class Converted:
    network: Network | None  # None when the result is not a valid spec
    diagnostics: list[Diagnostic] = field(default_factory=list)
    comments: dict[KeyPath, str] = field(default_factory=dict)  # spec key path -> comment
    conditional: dict[KeyPath, str] = field(default_factory=dict)
    steps: dict[str, list[str]] = field(default_factory=dict)  # node name -> its steps, in order

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]


def script_node(text: str, path: str, values: dict[str, str], root: str | None) -> NodeSpec:
    """One script -> the spec data of its node (what no key holds is in ``extras``)."""
    script = parse(text, path)
    evaluation = evaluate(script, values, root)
    node = Recogniser(evaluation, path, text.startswith("# " + GENERATED)).run()
    node.diagnostics = script.diagnostics + node.diagnostics
    node.data.setdefault("name", os.path.splitext(os.path.basename(path))[0])
    node.data.setdefault("type", "generic")
    return node


def scripts(inputs: list[tuple[str, str]], values: dict[str, str] | None = None,
            root: str | None = None) -> Converted:
    """Scripts, one node each, into one network (in the order given)."""
    nodes = [script_node(text, path, values or {}, root) for path, text in inputs]
    return assemble(nodes, inputs[0][0] if inputs else "<none>")


def assemble(nodes: list[NodeSpec], path: str) -> Converted:
    data: dict[str, Any] = {"alc": 1}
    marks: dict[KeyPath, Mark] = {}
    clusters: dict[str, dict] = {}
    found: list[Diagnostic] = []
    out = Converted(None)
    for node in _declarers_first(nodes):
        for key, value in node.network.items():
            data.setdefault(key, value)
        marks.update({k: v for k, v in node.network_marks.items() if k not in marks})
        if node.cluster is not None:
            known = clusters.setdefault(node.cluster["name"], dict(node.cluster))
            known["declare"] = known["declare"] or node.cluster["declare"]
            known.setdefault("company", node.cluster.get("company"))
        index = len(data.setdefault("nodes", []))
        at: KeyPath = ("nodes", index)
        entry = dict(node.data)
        found += [_carried(extra, node.data["name"]) for extra in node.extras]
        statements = [extra for extra in node.extras if extra.ran.stmt.kind != "label"]
        if statements:
            entry["commands"] = [extra.text for extra in statements]
            for i, extra in enumerate(statements):
                marks[at + ("commands", i)] = Mark(extra.ran.stmt.span.line, extra.ran.stmt.span.column,
                                                   extra.ran.stmt.span.end_line, extra.ran.stmt.span.end_column)
                out.comments[at + ("commands", i)] = _place(extra)
        data["nodes"].append(entry)
        out.steps[node.data["name"]] = node.steps
        marks.update({at + k: v for k, v in node.marks.items()})
        out.comments.update({at + k: v for k, v in node.comments.items()})
        out.conditional.update({at + k: v for k, v in node.conditional.items()})
        found += node.diagnostics
        found += _conditional(node, marks, at, path)
        for key, condition in node.conditional.items():  # said in the YAML too, at the key
            before = out.comments.get(at + key)
            out.comments[at + key] = (before + "\n" if before else "") + f"conditional: set {condition}"
    first = data.get("nodes", [{}])[0]
    data.setdefault("company", first.get("company", "!company_name"))
    data.setdefault("ledger", "!ledger_conn")
    if clusters:
        data["clusters"] = [{k: v for k, v in c.items() if v is not None} for c in clusters.values()]
    doc = Document(path, "", "yaml", data, keys=dict(marks), values=marks)
    out.diagnostics = found + from_document(doc, out)
    out.diagnostics.sort(key=Diagnostic.sort_key)
    return out


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


def _conditional(node: NodeSpec, marks: dict[KeyPath, Mark], at: KeyPath, path: str) -> list[Diagnostic]:
    """One finding per conditional statement, naming every key it set."""
    by_condition: dict[str, list[str]] = {}
    for key, condition in node.conditional.items():
        by_condition.setdefault(condition, []).append(".".join(map(str, key)))
    found = []
    for condition, keys in by_condition.items():
        first = next(k for k, c in node.conditional.items() if c == condition)
        names = ", ".join(f"`{k}`" for k in keys)
        found.append(codes.CONDITIONAL.at(path, marks.get(at + first, Mark(1, 1, 1, 1)),
                                          f"{names} set {condition}: converted as if the condition holds",
                                          "check the spec, or give the values with --define NAME=VALUE"))
    return found


def _place(extra) -> str:
    after = f"after `{extra.after}`" if extra.after else "before the deployment steps"
    return f"line {extra.ran.stmt.span.line}, {after}"


def _carried(extra, node: str) -> Diagnostic:
    span = extra.ran.stmt.span
    where = Mark(span.line, span.column, span.end_line, span.end_column)
    if extra.ran.stmt.kind == "label":
        return codes.NOT_CARRIED.at(extra.ran.path, where, f"label `{extra.text}` of {node} is not carried over: "
                                    "a spec's `commands` hold statements only",
                                    "replace the jump with the spec's own steps, or keep the script")
    after = f"after `{extra.after}`" if extra.after else "before the deployment steps"
    return codes.CARRIED.at(extra.ran.path, where,
                            f"kept verbatim in `commands` of {node} (it stood {after})")


def env_file(text: str, path: str) -> Converted:
    """A docker-compose ``.env`` file: one node, every key mapped or reported."""
    data, marks, found = dotenv.mapped(text, path)
    out = Converted(None)
    doc = Document(path, text, "yaml", data, keys=dict(marks), values=marks)
    out.diagnostics = sorted(found + from_document(doc, out), key=Diagnostic.sort_key)
    return out


def load_spec(text: str, path: str) -> Converted:
    loaded = spec.load(text, path)
    return Converted(loaded.network, loaded.diagnostics)


def kind_of(path: str) -> str:
    """``env``, ``spec``, ``folder`` or ``script``: what an input is, from its name."""
    name = os.path.basename(path.rstrip("/" + os.sep)).lower()
    if os.path.isdir(path):
        return "folder"
    if name == ".env" or name.endswith(".env"):
        return "env"
    if name.endswith(spec.SPEC_SUFFIXES):
        return "spec"
    return "script"


def variables(defines: list[str], env_text: str | None) -> dict[str, str]:
    """``--env`` keys (as ``$KEY`` and as the lower-case variable real scripts set from them),
    then ``--define NAME=VALUE`` on top.  Raises ValueError for a define without ``=``."""
    values: dict[str, str] = {}
    for key, entry in dotenv.read(env_text or "").items():
        values[f"${key}"] = entry.value
        values[key.lower()] = entry.value
    for define in defines:
        name, eq, value = define.partition("=")
        if not eq or not name.strip():
            raise ValueError(f"--define {define!r}: write NAME=VALUE")
        values[name.strip().lstrip("!")] = value
    return values


def from_inputs(kind: str, inputs: list[tuple[str, str]], values: dict[str, str], root: str | None) -> Converted:
    """Read inputs already loaded as text: a spec, an ``.env`` file, or scripts."""
    if kind == "spec":
        return load_spec(inputs[0][1], inputs[0][0])
    if kind == "env":
        return env_file(inputs[0][1], inputs[0][0])
    return scripts(inputs, values, root)
