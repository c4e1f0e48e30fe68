"""Go to definition and find references: labels, variables and `process`ed files.

Labels belong to one script (a jump never leaves its file).  Variables and `process` are
the project's: a script reads what another assigns, and runs another by its path.  The other
scripts are read when asked (an open one as the editor has it), and what they define and
read is kept as a small index per file version, never their trees.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from lsprotocol import types as L

from compiler import files as F
from compiler.model import variables as V
from compiler.rules.files.process_missing_file import fixed_tail
from compiler.server import locate
from compiler.server.documents import SCRIPT, Document, path_to_uri
from compiler.server.positions import Positions
from compiler.server.workspace import Workspace, file_stamp


@dataclass
class Index:
    """Where one script defines and reads each variable, and what its `process`es run."""

    definitions: dict[str, list[L.Range]] = field(default_factory=dict)
    reads: dict[str, list[L.Range]] = field(default_factory=dict)
    processes: list[tuple[str | None, L.Range]] = field(default_factory=list)


def build_index(script, model, positions: Positions) -> Index:
    index = Index()

    def at(span) -> L.Range:
        return positions.range(span.line, span.column, span.end_line, span.end_column)

    for name, entries in model.assignments.items():
        for stmt, node in entries:
            target = node.target if node is not None else next(
                (word for defined, word in V.definitions(stmt.node) if defined == name), None)
            index.definitions.setdefault(name, []).append(at(target.span if target else stmt.span))
    for stmt in model.statements:
        if stmt.node is None:
            continue
        seen = set()
        for read in V.reads(stmt.node):
            if id(read.word) in seen:
                continue
            seen.add(id(read.word))
            for name, span in locate.variables_in(stmt, read.word):
                index.reads.setdefault(name, []).append(at(positions.src.span(span.start, span.end)))
    for _stmt, node in model.processes:
        if node.file:
            first, last = node.file[0].span, node.file[-1].span
            index.processes.append((fixed_tail(node.file), positions.range(
                first.line, first.column, last.end_line, last.end_column)))
    return index


def document_index(doc: Document) -> Index:
    found = doc.memo.get("index")
    if found is None:
        script, model = doc.parsed()
        found = doc.memo["index"] = build_index(script, model, doc.positions)
    return found


_DISK: dict[str, tuple] = {}  # path -> (stamp, encoding, Index) of scripts read from disk


def file_index(path: str, workspace: Workspace, encoding: str) -> Index | None:
    """The index of a project script: the open document's, else the file's (kept per version)."""
    doc = workspace.open_document(path)
    if doc is not None:
        return document_index(doc)
    stamp = file_stamp(path)
    known = _DISK.get(path)
    if known is not None and known[:2] == (stamp, encoding):
        return known[2]
    from compiler.model import script as M
    from compiler.syntax.parser import parse

    try:
        text = F.read(path).text
    except F.InputError:
        return None
    script = parse(text, path)
    index = build_index(script, M.build(script), Positions(text, encoding))
    _DISK[path] = (stamp, encoding, index)
    return index


def project_scripts(doc: Document, workspace: Workspace) -> list[str]:
    """The paths of the other scripts of the document's project."""
    state = workspace.project_of(doc.path)
    if state is None:
        return []
    mine = os.path.realpath(doc.path) if doc.path else None
    return [s.path for key, s in state.summaries() if key != mine and os.path.exists(s.path)]


def process_targets(node, doc: Document, workspace: Workspace) -> list[str]:
    """The project files a `process` statement runs (those its fixed path ends with)."""
    return files_ending(fixed_tail(node.file), doc, workspace)


def files_ending(tail: str | None, doc: Document, workspace: Workspace) -> list[str]:
    if tail is None:
        return []
    state = workspace.project_of(doc.path)
    if state is None:
        return []
    root = state.project.root
    if root is None:
        return []
    tail = tail.lstrip("/")
    return [str(root / rel) for rel in sorted(state.project.relative_files)
            if rel == tail or rel.endswith("/" + tail)]


def _here(doc: Document, ranges: list[L.Range]) -> list[L.Location]:
    return [L.Location(doc.uri, r) for r in ranges]


def found_at(doc: Document, position: L.Position) -> locate.Found | None:
    """What stands at ``position`` of a script (None in other documents)."""
    if doc.kind != SCRIPT:
        return None
    script, model = doc.parsed()
    return locate.at(script, model, doc.positions.src, doc.positions.offset(position))


def definition(doc: Document, workspace: Workspace, position: L.Position) -> list[L.Location]:
    found = found_at(doc, position)
    if found is None:
        return []
    if found.kind in ("label", "label-declaration"):
        return _here(doc, label_declarations(doc, found.name))
    if found.kind == "variable":
        mine = document_index(doc).definitions.get(found.name)
        if mine:
            return _here(doc, mine)
        out = []
        for path in project_scripts(doc, workspace):
            index = file_index(path, workspace, doc.encoding)
            if index is not None:
                out += [L.Location(path_to_uri(path), r) for r in index.definitions.get(found.name, [])]
        return out
    if found.kind == "process":
        start = L.Range(L.Position(0, 0), L.Position(0, 0))
        return [L.Location(path_to_uri(p), start) for p in process_targets(found.extra, doc, workspace)]
    return []


def label_declarations(doc: Document, name: str) -> list[L.Range]:
    script, model = doc.parsed()
    out = []
    for line in model.labels.get(name, []):
        start = doc.positions.src.starts[line - 1] + 1
        span = doc.positions.src.span(start, start + len(name))
        out.append(doc.positions.range(span.line, span.column, span.end_line, span.end_column))
    return out


def references(doc: Document, workspace: Workspace, position: L.Position,
               include_declaration: bool) -> list[L.Location]:
    found = found_at(doc, position)
    if found is None:
        return []
    model = doc.parsed()[1]
    if found.kind in ("label", "label-declaration"):
        ranges = label_declarations(doc, found.name) if include_declaration else []
        for jump in model.jumps:
            if jump.label.text == found.name:
                s = jump.label.span
                ranges.append(doc.positions.range(s.line, s.column, s.end_line, s.end_column))
        return _here(doc, ranges)
    if found.kind == "variable":
        def of(index: Index) -> list[L.Range]:
            ranges = list(index.definitions.get(found.name, [])) if include_declaration else []
            return sorted(ranges + index.reads.get(found.name, []),
                          key=lambda r: (r.start.line, r.start.character))

        out = _here(doc, of(document_index(doc)))
        for path in project_scripts(doc, workspace):
            index = file_index(path, workspace, doc.encoding)
            if index is not None:
                out += [L.Location(path_to_uri(path), r) for r in of(index)]
        return out
    if found.kind == "process":
        targets = set(process_targets(found.extra, doc, workspace))
        out = []
        candidates = [(doc.uri, document_index(doc))] + [
            (path_to_uri(p), file_index(p, workspace, doc.encoding)) for p in project_scripts(doc, workspace)]
        for uri, index in candidates:
            for tail, rng in (index.processes if index else []):
                if targets & set(files_ending(tail, doc, workspace)):
                    out.append(L.Location(uri, rng))
        return out
    return []
