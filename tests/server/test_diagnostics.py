"""Diagnostics end to end: open, change, save and close, the same findings as `alc lint`,
the configuration and the project's other scripts honoured, and no input that stops the
server or leaves stale findings."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from lsprotocol import types as L

from tests.conftest import ROOT
from tests.server.conftest import change_document, open_document, published, simple, uri

pytestmark = pytest.mark.asyncio(loop_scope="module")


async def test_findings_are_those_of_alc_lint(client, project):
    text = (ROOT / "samples/scripts/mistakes.al").read_text()
    path = project / "mistakes.al"
    path.write_text(text)
    expected = json.loads(subprocess.run(
        [sys.executable, "-m", "compiler", "lint", "--format", "json", str(path)],
        capture_output=True, text=True, cwd=project).stdout)
    assert len(expected) == 3
    doc = open_document(client, path, text)
    found = await published(client, doc, version=1)
    assert simple(found) == [(d["line"] - 1, d["column"] - 1, d["end_line"] - 1, d["end_column"] - 1,
                              d["code"], d["severity"], d["message"]) for d in expected]
    assert {d.source for d in found} == {"alc"}
    assert [d.data["rule"] for d in found] == [d["rule"] for d in expected]


async def test_a_change_is_linted_and_replaces_the_findings(client, project):
    doc = open_document(client, project / "change.al", "goto nowhere\n")
    assert simple(await published(client, doc, version=1)) == [
        (0, 5, 0, 12, "ALC101", "error", "`goto nowhere`: no label `:nowhere:` is declared in this script")]
    # An edit of one range: the label appears.
    change_document(client, doc, 2, ":nowhere:\n", L.Range(L.Position(1, 0), L.Position(1, 0)))
    assert await published(client, doc, version=2) == []


async def test_half_typed_documents_never_stop_the_server(client, project):
    doc = open_document(client, project / "typing.al", "")
    assert await published(client, doc, version=1) == []
    text = ""
    typed = '<run tcp server where external_port = 32148 and bind = "tr'
    for version, ch in enumerate(typed, start=2):
        change_document(client, doc, version, ch, L.Range(L.Position(0, len(text)), L.Position(0, len(text))))
        text += ch
    found = await published(client, doc, version=len(typed) + 1)
    assert simple(found) == [
        (0, 0, 0, 1, "ALC001", "error",
         "this `<` block is never closed: no later line ends with `>`, so the node never runs it")]
    # Brackets, quotes and conditions left open at once; then everything deleted.
    change_document(client, doc, 100, 'if (!a == "x and {"k": [\n')
    assert [d.code for d in await published(client, doc, version=100)] == ["ALC001"]
    change_document(client, doc, 101, "")
    assert await published(client, doc, version=101) == []


async def test_the_configuration_is_honoured(client, project):
    # The project's .alc.toml names `site_id`; a folder with its own ignores a rule.
    doc = open_document(client, project / "config.al", "print !site_id !other_id\n")
    assert simple(await published(client, doc, version=1)) == [
        (0, 15, 0, 24, "ALC201", "warning",
         "`!other_id` is not defined by any script of the project nor by the node; it reads as an empty value")]
    quiet = project / "quiet"
    quiet.mkdir()
    (quiet / ".alc.toml").write_text('ignore = ["undefined-variable"]\n[severity]\nundefined-label = "warning"\n')
    doc = open_document(client, quiet / "a.al", "print !other_id\ngoto x\n")
    assert simple(await published(client, doc, version=1)) == [
        (1, 5, 1, 6, "ALC101", "warning", "`goto x`: no label `:x:` is declared in this script")]


async def test_an_invalid_configuration_is_reported_on_the_document(client, project):
    broken = project / "broken"
    broken.mkdir()
    (broken / ".alc.toml").write_text("colour = 1\n")
    doc = open_document(client, broken / "a.al", "print hi\n")
    [found] = await published(client, doc, version=1)
    assert (found.range.start.line, found.range.start.character, found.severity) == (0, 0, L.DiagnosticSeverity.Error)
    assert found.message == (f"{(broken / '.alc.toml')}: unknown key `colour` in the alc configuration; "
                             "known keys: cache-dir, exclude, extend-exclude, extend-safe-fixes, extend-unsafe-fixes, fixable, ignore, "
                             "known-variables, per-file-ignores, platform, root, select, severity, unfixable")


async def test_another_script_of_the_project_refreshes_the_findings(client, project):
    cross = project / "cross"
    cross.mkdir()
    (cross / ".alc.toml").write_text("")
    reader = open_document(client, cross / "reader.al", "print !shared_flag\n")
    missing = [(0, 6, 0, 18, "ALC201", "warning",
                "`!shared_flag` is not defined by any script of the project nor by the node; it reads as an empty value")]
    assert simple(await published(client, reader, version=1)) == missing
    # Another script, open and not saved, assigns it: the reader's findings follow at once.
    writer = open_document(client, cross / "writer.al", "shared_flag = true\n")
    assert await published(client, writer, version=1) == []
    assert await published(client, reader, version=1, where=lambda d: not d) == []
    # The writer stops assigning it: the finding comes back.
    change_document(client, writer, 2, "other_flag = true\n")
    assert simple(await published(client, reader, version=1, where=bool)) == missing
    # Closed, the writer counts as it is on disk (not there: still missing); a script on
    # disk that assigns it is read when a file event says it came.
    client.text_document_did_close(L.DidCloseTextDocumentParams(L.TextDocumentIdentifier(writer)))
    (cross / "disk.al").write_text("shared_flag = false\n")
    client.workspace_did_change_watched_files(L.DidChangeWatchedFilesParams(
        [L.FileEvent(uri(cross / "disk.al"), L.FileChangeType.Created)]))
    assert await published(client, reader, version=1, where=lambda d: not d) == []


async def test_a_processed_file_that_appears_on_disk(client, project):
    folder = project / "proc"
    folder.mkdir()
    (folder / ".alc.toml").write_text("")
    doc = open_document(client, folder / "main.al", "process !local_scripts/policies/node.al\n")
    assert simple(await published(client, doc, version=1)) == [
        (0, 8, 0, 39, "ALC501", "error",
         "`process` runs `policies/node.al`, but no file of the project ends with that path")]
    (folder / "policies").mkdir()
    (folder / "policies" / "node.al").write_text("print node\n")
    client.workspace_did_change_watched_files(L.DidChangeWatchedFilesParams(
        [L.FileEvent(uri(folder / "policies" / "node.al"), L.FileChangeType.Created)]))
    assert await published(client, doc, version=1, where=lambda d: not d) == []


async def test_columns_are_in_utf16_units(client, project):
    # 🚀 is one character for alc and two UTF-16 units for the editor.
    doc = open_document(client, project / "wide.al", 'print "🚀 ready" !nowhere_var\n')
    [found] = await published(client, doc, version=1)
    assert (found.range.start.character, found.range.end.character) == (17, 29)


async def test_saving_lints_again(client, project):
    path = project / "saved.al"
    path.write_text("goto end\n")
    doc = open_document(client, path, "goto end\n")
    assert [d.code for d in await published(client, doc, version=1)] == ["ALC101"]
    client.published.clear()
    client.text_document_did_save(L.DidSaveTextDocumentParams(L.TextDocumentIdentifier(doc)))
    assert [d.code for d in await published(client, doc, version=1)] == ["ALC101"]


async def test_what_alc_lint_refuses_is_one_finding(client, project):
    doc = open_document(client, project / "binary.al", "print a\0b\n")
    [found] = await published(client, doc, version=1)
    assert found.message == (f"{project / 'binary.al'}:1:8: NUL byte at byte offset 7: this is a binary "
                             "(or UTF-16) file; alc reads scripts as UTF-8 text")


async def test_specs_are_checked_at_their_keys(client, project):
    text = "alc: 1\ncompany: acme\nledger: 10.0.0.1:32048\nnodes:\n  - name: op1\n    type: querry\n"
    path = project / "net.yaml"
    doc = open_document(client, path, text, language="yaml")
    found = await published(client, doc, version=1)
    assert simple(found) == [(5, 10, 5, 16, "ALC603", "error",
                              '`nodes[0].type` must be one of "operator", "master", "query", "publisher", '
                              '"generic", not "querry"')]
    # A YAML file that is not an alc spec (a compose file) gets no findings.
    other = open_document(client, project / "compose.yaml", "services:\n  alc: {image: x}\n", language="yaml")
    assert await published(client, other, version=1) == []


async def test_closing_a_document_clears_its_findings(client, project):
    doc = open_document(client, project / "closed.al", "goto nowhere\n")
    assert await published(client, doc, version=1, where=bool)
    client.text_document_did_close(L.DidCloseTextDocumentParams(L.TextDocumentIdentifier(doc)))
    assert client.published[-1].uri == doc or await published(client, doc, where=lambda d: not d) == []
    assert await published(client, doc, where=lambda d: not d) == []
