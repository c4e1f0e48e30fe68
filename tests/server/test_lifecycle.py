"""Start, capabilities, shutdown: `alc server` as a client meets it."""

from __future__ import annotations

import pytest
import pytest_lsp
from lsprotocol import types as L
from pytest_lsp import ClientServerConfig, LanguageClient

from tests.server.conftest import SERVER, make_client

pytestmark = pytest.mark.asyncio(loop_scope="function")


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client))
async def fresh(lsp_client: LanguageClient):
    yield


async def test_initialize_announces_every_feature_and_shutdown_ends_cleanly(fresh: LanguageClient):
    result = await fresh.initialize_session(L.InitializeParams(capabilities=L.ClientCapabilities()))
    caps = result.capabilities
    assert result.server_info.name == "alc"
    assert caps.position_encoding == L.PositionEncodingKind.Utf16
    assert caps.text_document_sync.change == L.TextDocumentSyncKind.Incremental
    assert caps.text_document_sync.save.include_text is False
    assert (caps.hover_provider, caps.definition_provider, caps.references_provider,
            caps.document_symbol_provider, caps.document_formatting_provider,
            caps.document_range_formatting_provider) == (True,) * 6
    assert list(caps.completion_provider.trigger_characters) == ["!", " ", "="]
    assert list(caps.code_action_provider.code_action_kinds) == ["quickfix", "quickfix.alc.explain"]
    assert list(caps.execute_command_provider.commands) == ["alc.explainRule"]
    await fresh.shutdown_session()


async def test_a_client_that_counts_in_characters_gets_characters(fresh: LanguageClient):
    result = await fresh.initialize_session(L.InitializeParams(capabilities=L.ClientCapabilities(
        general=L.GeneralClientCapabilities(position_encodings=[L.PositionEncodingKind.Utf32]))))
    assert result.capabilities.position_encoding == L.PositionEncodingKind.Utf32
    doc = "untitled:Untitled-1"
    fresh.text_document_did_open(L.DidOpenTextDocumentParams(L.TextDocumentItem(
        doc, "anylog", 1, 'print "🚀" !nowhere_var\n')))
    from tests.server.conftest import published

    [found] = await published(fresh, doc, version=1)
    assert (found.range.start.character, found.range.end.character) == (10, 22)
    await fresh.shutdown_session()

