"""Code actions end to end: suppress a finding, explain its rule, apply its fix."""

from __future__ import annotations

import pytest
from lsprotocol import types as L

from tests.server.conftest import open_document, published

pytestmark = pytest.mark.asyncio(loop_scope="module")


def request(doc: str, line: int, diagnostics=(), end: int | None = None) -> L.CodeActionParams:
    return L.CodeActionParams(L.TextDocumentIdentifier(doc),
                              L.Range(L.Position(line, 0), L.Position(line if end is None else end, 0)),
                              L.CodeActionContext(diagnostics=list(diagnostics)))


def edits_of(action: L.CodeAction) -> list[tuple]:
    [change] = action.edit.document_changes
    return [(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character, e.new_text)
            for e in change.edits]


async def test_suppress_and_explain_a_finding(client, project):
    text = "if !site_id == true then\n    <run tcp server where\n        bind = maybe and external_port = 32148>\n"
    doc = open_document(client, project / "suppress.al", text)
    [finding] = await published(client, doc, version=1)
    assert (finding.code, finding.range.start.line) == ("ALC305", 2)
    actions = await client.text_document_code_action_async(request(doc, 2, [finding]))
    assert [(a.title, a.kind) for a in actions] == [
        ("Suppress invalid-value here with a comment", "quickfix"),
        ("Explain ALC305 (invalid-value)", "quickfix.alc.explain"),
    ]
    suppress, explain = actions
    # Above the statement's first line (a `<...>` block), with its indentation.
    assert edits_of(suppress) == [(1, 0, 1, 0, "    # alc: ignore[invalid-value] reason\n")]
    assert suppress.edit.document_changes[0].text_document.version == 1
    assert list(suppress.diagnostics) == [finding]
    assert explain.command.command == "alc.explainRule" and list(explain.command.arguments) == ["invalid-value"]
    text = await client.workspace_execute_command_async(L.ExecuteCommandParams(
        "alc.explainRule", ["invalid-value", False]))
    assert text.startswith("ALC305 invalid-value (default severity: error)\n\ninvalid-value (ALC305)\n")
    shown = len(client.messages)
    await client.workspace_execute_command_async(L.ExecuteCommandParams("alc.explainRule", ["ALC305"]))
    assert client.messages[shown:][0].message == text  # shown, for editors that take no document


async def test_suppressing_adds_to_a_suppression_already_there(client, project):
    text = "# alc: ignore[undefined-variable] set by the container\nif !x_y then goto nowhere\n"
    doc = open_document(client, project / "more.al", text)
    found = await published(client, doc, version=1)
    assert [d.code for d in found] == ["ALC101"]
    [suppress, _explain] = await client.text_document_code_action_async(request(doc, 1))
    assert edits_of(suppress) == [(0, 32, 0, 32, ", undefined-label")]


async def test_a_suppression_applied_clears_the_finding(client, project):
    from tests.server.conftest import change_document

    doc = open_document(client, project / "applied.al", "goto nowhere\n")
    [finding] = await published(client, doc, version=1)
    [suppress, _explain] = await client.text_document_code_action_async(request(doc, 0, [finding]))
    [(line, character, _l, _c, new_text)] = edits_of(suppress)
    change_document(client, doc, 2, new_text, L.Range(L.Position(line, character), L.Position(line, character)))
    assert await published(client, doc, version=2) == []


async def test_a_finding_with_a_fix_gets_a_quick_fix(client, project):
    """Every finding that carries a fix (alc lint --fix) gets a quick fix with exactly its
    edits, preferred when safe."""
    text = ("if !x == 1 goto end\n"
            "# alc: ignore[hardcoded-secret] nothing here\n"
            "print done\n"
            "if !node_type == operator then deploy\n"
            ":end:\n:deploy:\n")
    doc = open_document(client, project / "fixable.al", text)
    found = await published(client, doc, version=1)
    fixable = {d.data["rule"]: d for d in found if "fix" in (d.data or {})}
    expected = {
        "missing-then": ("insert `then` before `goto`", [(0, 11, 0, 11, "then ")]),
        "unused-suppression": ("remove the suppression comment", [(1, 0, 2, 0, "")]),
        "label-as-command": ("write `goto deploy`", [(3, 31, 3, 31, "goto ")]),
    }
    assert sorted(fixable) == sorted(expected)
    for rule, (title, edits) in expected.items():
        diag = fixable[rule]
        actions = await client.text_document_code_action_async(request(doc, diag.range.start.line, [diag]))
        [quick] = [a for a in actions if a.title == title]
        assert quick.is_preferred is True  # all three are safe fixes
        assert edits_of(quick) == edits