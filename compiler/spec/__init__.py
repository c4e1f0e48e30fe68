"""Spec files (YAML or TOML) -> checked deployment IR, or diagnostics that say what to fix.

The stages: read (syntax, with the position of every key and value) -> what no value may
hold (control characters, huge numbers) and JSON Schema (every violation) -> IR (defaults applied) -> checks across nodes.  A stage with errors ends the
run, since the next one would only report their consequences.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compiler.diagnostics import ERROR, Diagnostic
from compiler.files import SPEC_SUFFIXES  # noqa: F401 - re-exported: one list of spec suffixes
from compiler.ir.model import Network
from compiler.spec.document import Document
from compiler.spec import checks, hygiene, schema, to_ir, toml_reader, yaml_reader


@dataclass(slots=True)
class Loaded:
    network: Network | None  # None when there are errors: nothing to build
    diagnostics: list[Diagnostic] = field(default_factory=list)
    # The IR even when the checks across nodes found errors (None only for syntax and schema
    # errors): `alc lint` goes on checking what it can.
    ir: Network | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]


def load(text: str, path: str) -> Loaded:
    """Read a spec; its format comes from the suffix of ``path`` (YAML unless ``.toml``)."""
    reader = toml_reader if path.lower().endswith(".toml") else yaml_reader
    doc, found = reader.read(text, path)
    if doc is None:
        return Loaded(None, found)
    loaded = stages(doc)
    loaded.diagnostics = sorted(found + loaded.diagnostics, key=Diagnostic.sort_key)
    if loaded.errors:
        loaded.network = None
    return loaded


def stages(doc: Document) -> Loaded:
    """The stages after reading, for every document, read from a file or made by `alc convert`:
    what no value may hold, the schema, defaults (the IR), the checks across nodes."""
    found = hygiene.check(doc) + schema.validate(doc)
    if any(d.severity == ERROR for d in found):
        return Loaded(None, sorted(found, key=Diagnostic.sort_key))
    network = to_ir.build(doc)
    found += checks.check(network)
    found.sort(key=Diagnostic.sort_key)
    return Loaded(None if any(d.severity == ERROR for d in found) else network, found, network)
