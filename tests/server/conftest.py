"""`alc server` under test: pytest-lsp starts the real server process (`python -m compiler
server`) and drives it as an editor does, over standard input and output.

One server per test module (a start costs about half a second); each test opens its own
documents.  ``published`` waits for the diagnostics the test expects: the server lints a
change after a short pause, so a test waits for the result rather than for a time.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Callable, Union

import pytest
import pytest_lsp
from lsprotocol import types as L
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

SERVER = [sys.executable, "-m", "compiler", "server"]
TIMEOUT = 20.0  # seconds: a generous bound on a shared 2-core machine, never a speed test


def make_client() -> LanguageClient:
    """pytest-lsp's client, which also records every publishDiagnostics in order."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []

    def record(client: LanguageClient, params: L.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)

    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, L.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record})
    # lsprotocol reads any code action that has a `command` as a bare Command, even when the
    # command is an object (a CodeAction that runs a command): read it by the spec instead.
    converter = client.protocol._converter

    def command_or_action(obj, _type):
        if isinstance(obj.get("command"), str):
            return converter.structure(obj, L.Command)
        return converter.structure(obj, L.CodeAction)

    converter.register_structure_hook(Union[L.Command, L.CodeAction], command_or_action)
    return client


def uri(path: Path) -> str:
    return path.resolve().as_uri()


async def published(client: LanguageClient, doc_uri: str, *, version: int | None = None,
                    where: Callable[[list], bool] | None = None) -> list[L.Diagnostic]:
    """The latest diagnostics of ``doc_uri`` once they are for ``version`` (and ``where``
    holds of them); fails after TIMEOUT with what was published."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + TIMEOUT
    while True:
        mine = [p for p in client.published if p.uri == doc_uri]
        if mine:
            last = mine[-1]
            if (version is None or last.version == version) and (where is None or where(list(last.diagnostics))):
                return list(last.diagnostics)
        if loop.time() > deadline:
            raise AssertionError(f"no diagnostics as expected for {doc_uri}: {mine[-1:] if mine else 'none'}")
        await asyncio.sleep(0.01)


def open_document(client: LanguageClient, path: Path, text: str, version: int = 1,
                  language: str = "anylog") -> str:
    doc_uri = uri(path)
    client.text_document_did_open(L.DidOpenTextDocumentParams(L.TextDocumentItem(doc_uri, language, version, text)))
    return doc_uri


def change_document(client: LanguageClient, doc_uri: str, version: int, text: str,
                    rng: L.Range | None = None) -> None:
    change = L.TextDocumentContentChangePartial(range=rng, text=text) if rng is not None \
        else L.TextDocumentContentChangeWholeDocument(text=text)
    client.text_document_did_change(L.DidChangeTextDocumentParams(
        L.VersionedTextDocumentIdentifier(version=version, uri=doc_uri), [change]))


def simple(diagnostics) -> list[tuple]:
    """(line, character, end line, end character, code, severity, message): 0-based, as LSP."""
    return [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character,
             d.code, d.severity.name.lower() if d.severity else None, d.message) for d in diagnostics]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project folder (its `.alc.toml` makes it the root), one per test module."""
    root = tmp_path_factory.mktemp("project")
    (root / ".alc.toml").write_text("known-variables = [\"site_id\"]\n")
    return root


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client),
                    scope="module")
async def client(lsp_client: LanguageClient, project: Path):
    await lsp_client.initialize_session(L.InitializeParams(
        capabilities=L.ClientCapabilities(),
        workspace_folders=[L.WorkspaceFolder(uri(project), "project")]))
    yield
    await lsp_client.shutdown_session()
