"""Code actions on a finding: its fix, a suppression comment, and the rule's explanation.

- **Fix**: a finding of `alc lint --fix` carries ``Diagnostic.fix``,
  ``{"applicability": "safe"|"unsafe", "message", "edits": [{"content", "line", "column",
  "end_line", "end_column"}]}`` (1-based, end exclusive); it becomes a quick fix whose edit is
  tied to the document's version, preferred when the fix is safe.
- **Suppress**: `# alc: ignore[rule] reason` on its own line above the finding's statement,
  with the statement's indentation (a suppression comment already there gets the rule
  added), so it covers that statement and no other (``compiler.suppress``).
- **Explain**: runs the command ``alc.explainRule``, which shows `alc explain RULE`.
"""

from __future__ import annotations

from lsprotocol import types as L

from compiler import codes
from compiler import suppress
from compiler.diagnostics import Diagnostic
from compiler.server import locate
from compiler.server.diagnostics import fix_of, to_lsp
from compiler.server.documents import SCRIPT, Document

EXPLAIN_COMMAND = "alc.explainRule"
EXPLAIN_KIND = "quickfix.alc.explain"
REASON = "reason"  # the placeholder the user replaces with why the finding does not apply
NOT_SUPPRESSED = {"unused-suppression", ""}  # a suppression of these would say nothing


def findings_for(doc: Document, params: L.CodeActionParams) -> list[tuple[Diagnostic, L.Diagnostic]]:
    """The findings the request is about: those the editor names, else those on the lines
    of the range (a cursor: its line)."""
    positions = doc.positions
    pairs = [(d, to_lsp(d, positions)) for d in doc.findings[1]]
    named = params.context.diagnostics
    if named:
        wanted = {(_code(d), _key(d.range)) for d in named if d.source in (None, "alc")}
        return [(d, lsp) for d, lsp in pairs if (_code(lsp), _key(lsp.range)) in wanted]
    first, last = params.range.start.line, params.range.end.line  # the lines it touches
    return [(d, lsp) for d, lsp in pairs if lsp.range.start.line <= last and first <= lsp.range.end.line]


def _code(diag: L.Diagnostic) -> str:
    return str(diag.code) if diag.code is not None else ""


def _key(rng: L.Range) -> tuple[int, int, int, int]:
    return rng.start.line, rng.start.character, rng.end.line, rng.end.character


def actions(doc: Document, params: L.CodeActionParams) -> list[L.CodeAction]:
    out: list[L.CodeAction] = []
    fixes, suppressions, explanations = [], {}, {}
    for diag, lsp in findings_for(doc, params):
        if diag.fix is not None:
            fixes.append(fix_action(doc, diag, lsp))
        if diag.rule not in NOT_SUPPRESSED:
            key = (diag.rule, _statement_line(doc, diag.line))
            if key not in suppressions:
                suppressions[key] = suppress_action(doc, diag, lsp)
            else:
                suppressions[key].diagnostics.append(lsp)
        rule = codes.lookup(diag.rule) if diag.rule else None
        if rule is not None and rule.name not in explanations:
            explanations[rule.name] = L.CodeAction(
                title=f"Explain {rule.code} ({rule.name})", kind=EXPLAIN_KIND, diagnostics=[lsp],
                command=L.Command(title=f"Explain {rule.code}", command=EXPLAIN_COMMAND, arguments=[rule.name]))
    wanted = params.context.only
    out = [a for a in fixes + list(suppressions.values()) + list(explanations.values())
           if not wanted or any(a.kind == k or a.kind.startswith(k + ".") for k in wanted)]
    return out


def _edit(doc: Document, edits: list[L.TextEdit]) -> L.WorkspaceEdit:
    """Edits of the document as it is now: the editor refuses them once it has changed."""
    ident = L.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version)
    return L.WorkspaceEdit(document_changes=[L.TextDocumentEdit(ident, edits)])


def fix_edits(doc: Document, fix: dict) -> list[L.TextEdit]:
    """The fix of a finding (`alc lint --fix`'s shape) as LSP text edits."""
    positions = doc.positions
    return [L.TextEdit(positions.range(e["line"], e["column"], e["end_line"], e["end_column"]), e["content"])
            for e in fix.get("edits", [])]


def fix_action(doc: Document, diag: Diagnostic, lsp: L.Diagnostic) -> L.CodeAction:
    fix = fix_of(diag)
    return L.CodeAction(
        title=fix.get("message") or f"Fix {diag.rule}", kind=L.CodeActionKind.QuickFix,
        diagnostics=[lsp], is_preferred=fix.get("applicability") == "safe",
        edit=_edit(doc, fix_edits(doc, fix)))


def _statement_line(doc: Document, line: int) -> int:
    """The first line of the statement that holds ``line`` (a suppression above it covers
    the whole statement); the line itself outside statements (labels) and in specs."""
    if doc.kind != SCRIPT:
        return line
    script, _model = doc.parsed()
    stmt = locate.statement_at(script, line)
    return stmt.span.line if stmt is not None else line


def suppress_action(doc: Document, diag: Diagnostic, lsp: L.Diagnostic) -> L.CodeAction:
    return L.CodeAction(
        title=f"Suppress {diag.rule} here with a comment", kind=L.CodeActionKind.QuickFix,
        diagnostics=[lsp], edit=_edit(doc, [suppression_edit(doc, diag.rule, _statement_line(doc, diag.line))]))


def suppression_edit(doc: Document, rule: str, line: int) -> L.TextEdit:
    """The edit that suppresses ``rule`` for the statement on 1-based ``line``."""
    positions = doc.positions
    script = doc.parsed()[0] if doc.kind == SCRIPT else None
    for found in suppress.collect(script, positions.src):
        # A comment on its own line just above, that covers this statement: add the rule.
        above = bool(found.spans) and found.spans[0].line == line - 1 and found.first_line == line
        if above and not found.file_wide and rule not in found.names:
            end = found.spans[-1]
            at = positions.to_lsp(end.end_line, end.end_column)
            return L.TextEdit(L.Range(at, at), f", {rule}")
    text = positions.line_text(line - 1)
    indent = text[:len(text) - len(text.lstrip())]
    at = L.Position(line - 1, 0)
    return L.TextEdit(L.Range(at, at), f"{indent}# alc: ignore[{rule}] {REASON}{_line_break(doc)}")


def _line_break(doc: Document) -> str:
    src = doc.positions.src
    if src.ends and src.ends[0] > src.content_ends[0]:
        return src.text[src.content_ends[0]:src.ends[0]]  # the file's own (\r\n, \r or \n)
    return "\n"
