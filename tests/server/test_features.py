"""Hover, go to definition, find references, document symbols, completion and formatting,
end to end, with exact results."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_asyncio
from lsprotocol import types as L

from tests.server.conftest import change_document, open_document, published, uri

pytestmark = pytest.mark.asyncio(loop_scope="module")

SCRIPT = """\
# deploy an operator
node_type = operator
tcp_port = 32148
<run tcp server where
    external_ip = !external_ip and external_port = !tcp_port and
    bind = false>
if !node_type == operator then goto operator-setup
goto done

:operator-setup:
new_policy = create policy operator where name = op1 and company = acme and port = !tcp_port.int
process !local_scripts/policies/node.al
print !shared_name

:done:
print !tcp_port
"""


@pytest.fixture(scope="module")
def nav(project) -> Path:
    folder = project / "nav"
    (folder / "policies").mkdir(parents=True)
    (folder / ".alc.toml").write_text("")
    (folder / "policies" / "node.al").write_text("print !shared_name\n")
    (folder / "other.al").write_text("# sets what main.al reads\nshared_name = edge\n")
    (folder / "main.al").write_text(SCRIPT)
    return folder


def at(text: str, needle: str, nth: int = 0, shift: int = 0) -> L.Position:
    """The position of the ``nth`` occurrence of ``needle`` (plus ``shift`` characters)."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    offset += shift
    line = text.count("\n", 0, offset)
    return L.Position(line, offset - (text.rfind("\n", 0, offset) + 1))


def where(location: L.Location) -> tuple:
    r = location.range
    return (location.uri.rsplit("/", 1)[-1], r.start.line, r.start.character, r.end.line, r.end.character)


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def main(client, nav):
    doc = open_document(client, nav / "main.al", SCRIPT)
    assert await published(client, doc, version=1) == []
    return doc


async def hover_text(client, doc, position) -> str | None:
    found = await client.text_document_hover_async(L.HoverParams(L.TextDocumentIdentifier(doc), position))
    return found.contents.value if found else None


async def test_hover_on_a_command_shows_its_keys(client, main):
    assert await hover_text(client, main, at(SCRIPT, "tcp server")) == (
        "**`run tcp server`**\n\n"
        "Starts the TCP server that other nodes reach this node on (`bind = true` listens on the "
        "internal address only; `threads` is accepted but ignored).\n\n"
        "Where keys:\n\n"
        "- `external_ip`: an IP address\n"
        "- `external_port`: a port (1-65535)\n"
        "- `internal_ip`: an IP address\n"
        "- `internal_port`: a port (1-65535)\n"
        "- `bind`: `true` or `false`; default `false`\n"
        "- `threads`: a whole number (no sign)\n\n"
        "At least one of `external_port`, `internal_port`.")


async def test_hover_on_a_where_key_and_its_value(client, main):
    expected = "**`bind`**, a where key of `run tcp server`\n\n`bind`: `true` or `false`; default `false`"
    assert await hover_text(client, main, at(SCRIPT, "bind")) == expected
    assert await hover_text(client, main, at(SCRIPT, "false>")) == expected


async def test_hover_on_variables(client, main):
    assert await hover_text(client, main, at(SCRIPT, "!tcp_port", 0, 3)) == \
        "**`!tcp_port`**\n\nAssigned here on line 3."
    # inside a where value with a cast, and the assignment itself
    assert await hover_text(client, main, at(SCRIPT, "!tcp_port.int", 0, 2)) == \
        "**`!tcp_port`**\n\nAssigned here on line 3."
    assert await hover_text(client, main, at(SCRIPT, "tcp_port =")) == \
        "**`!tcp_port`**\n\nAssigned here on line 3."
    assert await hover_text(client, main, at(SCRIPT, "!external_ip", 0, 1)) == \
        "**`!external_ip`**\n\nSet by the node itself."
    assert await hover_text(client, main, at(SCRIPT, "!shared_name", 0, 1)) == \
        f"**`!shared_name`**\n\nAssigned in `{main_folder(main) / 'other.al'}`."


def main_folder(doc: str) -> Path:
    from compiler.server.documents import uri_to_path

    return Path(uri_to_path(doc)).parent


async def test_hover_on_labels_and_process(client, main):
    assert await hover_text(client, main, at(SCRIPT, "operator-setup", 0, 2)) == \
        "**`:operator-setup:`**\n\nLabel on line 10.\n\nJumped to from line 7."
    assert await hover_text(client, main, at(SCRIPT, ":done:", 0, 2)) == \
        "**`:done:`**\n\nLabel on line 15.\n\nJumped to from line 8."
    assert await hover_text(client, main, at(SCRIPT, "policies/node.al")) == (
        "**`process !local_scripts/policies/node.al`**\n\n"
        f"Runs `{main_folder(main) / 'policies' / 'node.al'}`.")
    assert await hover_text(client, main, at(SCRIPT, "# deploy")) is None


async def test_definitions(client, main):
    async def definition(position):
        return [where(loc) for loc in await client.text_document_definition_async(
            L.DefinitionParams(L.TextDocumentIdentifier(main), position))]

    assert await definition(at(SCRIPT, "goto operator-setup", 0, 6)) == [("main.al", 9, 1, 9, 15)]
    assert await definition(at(SCRIPT, "!tcp_port", 1, 1)) == [("main.al", 2, 0, 2, 8)]
    assert await definition(at(SCRIPT, "!shared_name", 0, 1)) == [("other.al", 1, 0, 1, 11)]
    assert await definition(at(SCRIPT, "policies/node.al")) == [("node.al", 0, 0, 0, 0)]
    assert await definition(at(SCRIPT, "print", 0)) == []


async def test_references(client, main):
    async def references(position, declaration=True):
        found = await client.text_document_references_async(L.ReferenceParams(
            text_document=L.TextDocumentIdentifier(main), position=position,
            context=L.ReferenceContext(include_declaration=declaration)))
        return [where(loc) for loc in found]

    assert await references(at(SCRIPT, "tcp_port =")) == [
        ("main.al", 2, 0, 2, 8), ("main.al", 4, 51, 4, 60), ("main.al", 10, 83, 10, 92),
        ("main.al", 15, 6, 15, 15)]
    assert await references(at(SCRIPT, "done", 1), declaration=False) == [("main.al", 7, 5, 7, 9)]
    # across the project: the script that assigns it and the one main.al processes
    assert sorted(await references(at(SCRIPT, "!shared_name", 0, 1))) == [
        ("main.al", 12, 6, 12, 18), ("node.al", 0, 6, 0, 18), ("other.al", 1, 0, 1, 11)]


async def test_document_symbols(client, main):
    found = await client.text_document_document_symbol_async(
        L.DocumentSymbolParams(L.TextDocumentIdentifier(main)))
    assert [(s.name, s.kind, s.detail, s.range.start.line, s.range.end.line,
             [(c.name, c.detail) for c in s.children or []]) for s in found] == [
        ("run tcp server", L.SymbolKind.Interface, "port !tcp_port", 3, 5, []),
        ("operator-setup", L.SymbolKind.Function, "label", 9, 9, []),
        ("operator policy", L.SymbolKind.Object, "!new_policy", 10, 10,
         [("name", "op1"), ("company", "acme"), ("port", "!tcp_port.int")]),
        ("done", L.SymbolKind.Function, "label", 14, 14, []),
    ]


async def completions(client, doc, position) -> list[str]:
    found = await client.text_document_completion_async(
        L.CompletionParams(L.TextDocumentIdentifier(doc), position))
    return [item.label for item in found.items]


async def test_completion(client, project):
    folder = project / "complete"
    folder.mkdir()
    (folder / ".alc.toml").write_text('platform = "edgelake"\n')
    (folder / "vars.al").write_text("deploy_mode = edge\n")
    text = ("tcp_port = 1\n"
            "run tc\n"
            "<run tcp server where\n    external_port = 32148 and \n    bind = \n    threads = 3>\n"
            "if !tcp_port then goto \n"
            "print !de\n"
            ":start:\n")
    doc = open_document(client, folder / "c.al", text)
    await published(client, doc, version=1)
    assert await completions(client, doc, at(text, "run tc", 0, 6)) == ["run tcp server"]
    assert await completions(client, doc, at(text, "and \n", 0, 4)) == [
        "external_ip", "internal_ip", "internal_port", "bind", "threads"]
    assert await completions(client, doc, at(text, "bind = ", 0, 7)) == ["true", "false"]
    assert await completions(client, doc, at(text, "goto ", 0, 5)) == ["start"]
    names = await completions(client, doc, at(text, "!de", 0, 3))
    assert names[:2] == ["tcp_port", "deploy_mode"] and "dbms_dir" in names
    # A new statement: every command of the platform (EdgeLake has no `run data consumer`).
    commands = await completions(client, doc, L.Position(9, 0))
    assert "connect dbms" in commands and "run data consumer" not in commands
    # A block still being typed (not closed: the node would not run it yet).
    typing = "<run blobs archiver where\n    dbms = true and "
    open_document(client, folder / "typing.al", typing)
    assert await completions(client, uri(folder / "typing.al"), at(typing, "and ", 0, 4)) == [
        "bwatch_dir", "blobs_dir", "folder", "compress", "reuse_blobs"]
    found = await client.text_document_completion_async(
        L.CompletionParams(L.TextDocumentIdentifier(doc), at(text, "run tc", 0, 6)))
    edit = found.items[0].text_edit
    assert (edit.range.start.line, edit.range.start.character, edit.range.end.character, edit.new_text) == \
        (1, 0, 6, "run tcp server")


async def test_formatting(client, project):
    text = "run   tcp server where external_port = 32148\nprint    ready\n\n\nprint   done\n"
    doc = open_document(client, project / "fmt.al", text)
    await published(client, doc, version=1)
    options = L.FormattingOptions(tab_size=4, insert_spaces=True)
    edits = await client.text_document_formatting_async(
        L.DocumentFormattingParams(L.TextDocumentIdentifier(doc), options))
    assert [(e.range.start.line, e.range.end.line, e.new_text) for e in edits] == [
        (0, 2, "run tcp server where external_port = 32148\nprint ready\n"),
        (3, 5, "print done\n")]
    edits = await client.text_document_range_formatting_async(L.DocumentRangeFormattingParams(
        L.TextDocumentIdentifier(doc), L.Range(L.Position(4, 0), L.Position(4, 3)), options))
    assert [(e.range.start.line, e.range.end.line, e.new_text) for e in edits] == [(3, 5, "print done\n")]
    change_document(client, doc, 2, "run tcp server where external_port = 32148\n")
    await published(client, doc, version=2)
    assert list(await client.text_document_formatting_async(
        L.DocumentFormattingParams(L.TextDocumentIdentifier(doc), options))) == []


async def test_a_request_on_a_document_the_server_does_not_have(client, project):
    missing = L.TextDocumentIdentifier(uri(project / "never-opened.al"))
    assert await client.text_document_hover_async(L.HoverParams(missing, L.Position(0, 0))) is None
    assert await client.text_document_formatting_async(L.DocumentFormattingParams(
        missing, L.FormattingOptions(tab_size=4, insert_spaces=True))) is None
