"""Diagnostics: what `alc lint` finds in a document, as LSP diagnostics.

The findings come from the same code as `alc lint`'s (``compiler.lint.begin_file`` and
``finish`` for scripts, ``lint_file`` for specs), with the configuration of the document's
folder and the facts of its project, so codes, spans, severities and messages are the
same.  A script's findings that depend on the rest of the project (``lint.Pending``) are
kept, so that when another script changes what the project defines, they are finished again
with the new facts without parsing the script again.
"""

from __future__ import annotations

import os
import traceback

from lsprotocol import types as L

from compiler import record
from compiler import config as C
from compiler import files as F
from compiler.diagnostics import ERROR, INFO, WARNING, Diagnostic
from compiler.lint import Pending, begin_file, finish, lint_file
from compiler.server.documents import SCRIPT, SPEC, Document
from compiler.server.positions import Positions
from compiler.server.workspace import Workspace

SOURCE = "alc"
SEVERITY = {ERROR: L.DiagnosticSeverity.Error, WARNING: L.DiagnosticSeverity.Warning,
            INFO: L.DiagnosticSeverity.Information}
UNNECESSARY = {"unused-suppression"}  # shown faded: the editor's sign for dead text


def problem(doc: Document, message: str) -> Diagnostic:
    """A finding about the document as a whole (its configuration, a refusal, an alc bug),
    at its first character."""
    return Diagnostic(doc.name, 1, 1, 1, 1, "", "", ERROR, message)


def check(doc: Document, workspace: Workspace) -> list[Diagnostic]:
    """Lint a document as `alc lint` would lint it as a file; never raises."""
    doc.pending = doc.summary = None
    if doc.kind not in (SCRIPT, SPEC):
        return []
    try:
        config = workspace.config(doc.path)
    except C.ConfigError as exc:
        return [problem(doc, str(exc))]
    try:
        # Refused as `alc lint` refuses the file: too large, a NUL byte ...
        text = F.text_of(doc.text.encode("utf-8", "surrogatepass"), doc.name)
    except F.InputError as exc:
        return [problem(doc, str(exc))]
    try:
        if doc.kind == SPEC:
            return lint_file(text, doc.name, config=config)
        state = workspace.state(doc.path, config)
        pending, summary = begin_file(text, doc.name, state.project, config)
        doc.pending, doc.summary = pending, summary
        if doc.path is not None:
            state.open[os.path.realpath(doc.path)] = summary
        return finish_again(pending, state.facts())
    except Exception as exc:  # a bug in alc: said once, never a crash or stale findings
        traceback.print_exc()
        return [problem(doc, f"internal error: {type(exc).__name__}: {exc} (please report this)")]


def finish_again(pending: Pending, facts) -> list[Diagnostic]:
    """``lint.finish`` of kept pending findings: suppressions are marked used as they apply,
    so each finish starts from fresh ones."""
    fresh = [record.replace(s, used=set()) for s in pending.suppressions]
    return finish(pending._replace(suppressions=fresh), facts)


def to_lsp(diag: Diagnostic, positions: Positions) -> L.Diagnostic:
    data = {"rule": diag.rule}
    if diag.fix is not None:
        data["fix"] = fix_of(diag)
    return L.Diagnostic(
        range=positions.range(diag.line, diag.column, diag.end_line, diag.end_column),
        message=diag.message,
        severity=SEVERITY.get(diag.severity, L.DiagnosticSeverity.Error),
        code=diag.code or None,
        source=SOURCE,
        tags=[L.DiagnosticTag.Unnecessary] if diag.rule in UNNECESSARY else None,
        data=data,
    )


def fix_of(diag) -> dict | None:
    """A finding's fix in its JSON form (``alc lint --format json``): the shape clients see."""
    fix = diag.fix
    return fix.to_dict() if hasattr(fix, "to_dict") else fix
