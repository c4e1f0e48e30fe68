"""The server's pieces without a process: positions, documents and their changes, fixes."""

from __future__ import annotations

import subprocess
import sys

from lsprotocol import types as L

from compiler.diagnostics import Diagnostic
from compiler.server import actions
from compiler.server.diagnostics import to_lsp
from compiler.server.documents import Document
from compiler.server.positions import UTF8, UTF16, UTF32, Positions


def test_positions_count_the_units_of_the_encoding():
    text = "a🚀b\r\né = 1\rlast"
    for encoding, column in ((UTF16, 3), (UTF32, 2), (UTF8, 5)):
        positions = Positions(text, encoding)
        # alc's column 3 (the `b`, after the rocket) on line 1
        assert positions.to_lsp(1, 3) == L.Position(0, column)
        assert positions.to_alc(L.Position(0, column)) == (1, 3)
    positions = Positions(text, UTF16)
    assert positions.to_lsp(2, 2) == L.Position(1, 1)  # `\r\n` and `\r` end lines, as for alc
    assert positions.to_lsp(3, 5) == L.Position(2, 4)
    assert positions.end() == L.Position(2, 4)
    assert positions.offset(L.Position(0, 2)) == 2  # inside the rocket: after it
    assert positions.offset(L.Position(9, 0)) == len(text)
    assert Positions("x\n").end() == L.Position(1, 0)
    assert Positions("").end() == L.Position(0, 0)


def test_incremental_changes_keep_a_form_feed_on_its_line():
    # str.splitlines would end a line at the form feed; the editor and alc do not.
    doc = Document("file:///p/a.al", "print a\x0cb\nprint c\n", 1)
    doc.update([L.TextDocumentContentChangePartial(range=L.Range(L.Position(1, 6), L.Position(1, 7)), text="d")], 2)
    assert doc.text == "print a\x0cb\nprint d\n" and doc.version == 2
    doc.update([L.TextDocumentContentChangeWholeDocument(text="x = 1\n"),
                L.TextDocumentContentChangePartial(range=L.Range(L.Position(0, 4), L.Position(0, 5)), text="22")], 3)
    assert doc.text == "x = 22\n"


def test_a_fix_becomes_a_quick_fix_with_exact_edits():
    doc = Document("file:///p/a.al", "if !x == 1 goto end\n:end:\n", 7)
    fix = {"applicability": "safe", "message": "write `then goto`",
           "edits": [{"content": "then ", "line": 1, "column": 12, "end_line": 1, "end_column": 12}]}
    diag = Diagnostic("/p/a.al", 1, 12, 1, 16, "ALC002", "missing-then", "error", "missing `then`", fix=fix)
    lsp = to_lsp(diag, doc.positions)
    assert lsp.data == {"rule": "missing-then", "fix": fix}
    action = actions.fix_action(doc, diag, lsp)
    assert (action.title, action.kind, action.is_preferred) == ("write `then goto`", "quickfix", True)
    [change] = action.edit.document_changes
    assert (change.text_document.uri, change.text_document.version) == ("file:///p/a.al", 7)
    assert change.edits == [L.TextEdit(L.Range(L.Position(0, 11), L.Position(0, 11)), "then ")]
    unsafe = actions.fix_action(doc, Diagnostic("/p/a.al", 1, 1, 1, 2, "ALC002", "missing-then", "error", "m",
                                                fix={**fix, "applicability": "unsafe"}), lsp)
    assert unsafe.is_preferred is False


def test_the_suppression_comment_keeps_the_file_line_ends_and_indentation():
    doc = Document("file:///p/a.al", "if !a then\r\n\t  goto nowhere\r\n", 1)
    assert actions.suppression_edit(doc, "undefined-label", 2) == L.TextEdit(
        L.Range(L.Position(1, 0), L.Position(1, 0)), "\t  # alc: ignore[undefined-label] reason\r\n")
    spec = Document("file:///p/net.yaml", "alc: 1\nnodes:\n  - name: x\n", 1)
    assert actions.suppression_edit(spec, "spec-schema", 3) == L.TextEdit(
        L.Range(L.Position(2, 0), L.Position(2, 0)), "  # alc: ignore[spec-schema] reason\n")


def test_the_command_line_starts_the_server():
    # `alc server --help` through typer: registered, documented.
    out = subprocess.run([sys.executable, "-m", "compiler", "server", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "Start the language server" in out.stdout
