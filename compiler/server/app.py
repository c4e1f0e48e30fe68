"""`alc server`: the language server, its documents, and one handler per LSP request.

Each feature lives in its own module (diagnostics, actions, hover, navigation, symbols,
completion, formatting); this module keeps the open documents, decides when to lint them,
and turns every request into a call of its feature.  A handler that fails logs the error on
stderr and answers nothing: a document the server cannot read never ends the session.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sys
import traceback

from lsprotocol import types as L
from pygls.lsp.server import LanguageServer

from compiler import __version__
from compiler.server import actions, completion, diagnostics, formatting, hover, navigation, symbols
from compiler.server.documents import SCRIPT, Document, uri_to_path
from compiler.server.workspace import Workspace

# Diagnostics follow a change after this pause (seconds): the changes an editor sends
# together are linted once.  A longer pause would only add to the wait: a lint of a
# 1,000-line script takes about 20 ms (benchmarks/bench_server.py).
DEBOUNCE = 0.01
CONFIG_NAMES = (".alc.toml", "pyproject.toml")
WATCHED = ["**/*.al", "**/.alc.toml", "**/pyproject.toml"]


class AlcServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("alc", __version__, text_document_sync_kind=L.TextDocumentSyncKind.Incremental)
        self.alc = Workspace()
        self.timers: dict[str, asyncio.TimerHandle] = {}

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding

    # ------------------------------------------------------------------ linting
    def lint(self, doc: Document) -> None:
        """Lint a document now and publish its findings; a script whose summary changed
        (what it defines, processes, connects) refreshes the other open scripts of its project."""
        timer = self.timers.pop(doc.uri, None)
        if timer is not None:
            timer.cancel()
        before = doc.summary
        doc.findings = (doc.version, diagnostics.check(doc, self.alc))
        self.publish(doc)
        if doc.kind == SCRIPT and _changed(before, doc.summary):
            self.refresh_project_of(doc)

    def lint_later(self, doc: Document) -> None:
        timer = self.timers.pop(doc.uri, None)
        if timer is not None:
            timer.cancel()
        loop = asyncio.get_running_loop()
        self.timers[doc.uri] = loop.call_later(DEBOUNCE, self._lint_if_open, doc.uri)

    def _lint_if_open(self, uri: str) -> None:
        doc = self.alc.documents.get(uri)
        if doc is not None:
            self.lint(doc)

    def up_to_date(self, doc: Document) -> Document:
        """The document with findings of its current text (a lint that waits is done now)."""
        if doc.findings[0] != doc.version or doc.uri in self.timers:
            self.lint(doc)
        return doc

    def publish(self, doc: Document) -> None:
        found = [diagnostics.to_lsp(d, doc.positions) for d in doc.findings[1]]
        self.text_document_publish_diagnostics(L.PublishDiagnosticsParams(doc.uri, found, doc.version))

    def refresh_project_of(self, doc: Document) -> None:
        """Finish again, with the project's new facts, the findings of the other open
        scripts of ``doc``'s project (no parse: their pending findings are kept)."""
        try:
            state = self.alc.state(doc.path, self.alc.config(doc.path))
            facts = state.facts()
        except Exception:
            return  # an invalid configuration is reported on the document itself
        for other in list(self.alc.documents.values()):
            if other is doc or other.pending is None or other.uri in self.timers:
                continue
            try:
                if self.alc.state(other.path, self.alc.config(other.path)) is not state:
                    continue
                found = diagnostics.finish_again(other.pending, facts)
            except Exception:
                traceback.print_exc()
                continue
            if found != other.findings[1]:
                other.findings = (other.findings[0], found)
                self.publish(other)

    def lint_all(self) -> None:
        for doc in list(self.alc.documents.values()):
            self.lint(doc)


def _changed(before, after) -> bool:
    """Did a script's summary change what the project knows (its path aside)?"""
    if before is None or after is None:
        return before is not after
    return tuple(before[1:]) != tuple(after[1:])


def guarded(handler):
    """A handler's failure is logged on stderr and answered with nothing, never a crash."""
    @functools.wraps(handler)
    def run(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except Exception:
            traceback.print_exc()
            return None
    return run


def build() -> AlcServer:
    server = AlcServer()
    docs = server.alc.documents

    def document(uri: str) -> Document | None:
        doc = docs.get(uri)
        if doc is not None:
            doc.encoding = server.encoding
        return doc

    @server.feature(L.INITIALIZE)
    @guarded
    def initialize(ls: AlcServer, params: L.InitializeParams) -> None:
        from pathlib import Path

        folders = [f.uri for f in params.workspace_folders or []] or \
            ([params.root_uri] if params.root_uri else [])
        ls.alc.folders = [Path(p).resolve() for p in map(uri_to_path, folders) if p]

    @server.feature(L.INITIALIZED)
    @guarded
    def initialized(ls: AlcServer, params: L.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace and ls.client_capabilities.workspace.did_change_watched_files
        if watched and watched.dynamic_registration:
            options = L.DidChangeWatchedFilesRegistrationOptions(
                watchers=[L.FileSystemWatcher(glob_pattern=g) for g in WATCHED])
            ls.client_register_capability(L.RegistrationParams(registrations=[L.Registration(
                id="alc-watched-files", method=L.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options)]))

    @server.feature(L.TEXT_DOCUMENT_DID_OPEN)
    @guarded
    def did_open(ls: AlcServer, params: L.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        doc = docs[item.uri] = Document(item.uri, item.text, item.version, item.language_id, ls.encoding)
        ls.lint(doc)

    @server.feature(L.TEXT_DOCUMENT_DID_CHANGE)
    @guarded
    def did_change(ls: AlcServer, params: L.DidChangeTextDocumentParams) -> None:
        doc = document(params.text_document.uri)
        if doc is None:
            return
        doc.update(params.content_changes, params.text_document.version)
        ls.lint_later(doc)

    @server.feature(L.TEXT_DOCUMENT_DID_SAVE, L.SaveOptions(include_text=False))
    @guarded
    def did_save(ls: AlcServer, params: L.DidSaveTextDocumentParams) -> None:
        doc = document(params.text_document.uri)
        if doc is not None:
            if doc.path and os.path.basename(doc.path) in CONFIG_NAMES:
                ls.alc.config_changed()
                ls.lint_all()
                return
            ls.lint(doc)

    @server.feature(L.TEXT_DOCUMENT_DID_CLOSE)
    @guarded
    def did_close(ls: AlcServer, params: L.DidCloseTextDocumentParams) -> None:
        doc = docs.pop(params.text_document.uri, None)
        timer = ls.timers.pop(params.text_document.uri, None)
        if timer is not None:
            timer.cancel()
        ls.text_document_publish_diagnostics(L.PublishDiagnosticsParams(params.text_document.uri, []))
        if doc is not None and doc.path and doc.summary is not None:
            try:
                state = ls.alc.state(doc.path, ls.alc.config(doc.path))
            except Exception:
                return
            state.open.pop(os.path.realpath(doc.path), None)  # the file on disk counts again
            ls.refresh_project_of(doc)

    @server.feature(L.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded
    def did_change_watched_files(ls: AlcServer, params: L.DidChangeWatchedFilesParams) -> None:
        names = [os.path.basename(uri_to_path(c.uri) or "") for c in params.changes]
        if any(name in CONFIG_NAMES for name in names):
            ls.alc.config_changed()
        elif any(c.type != L.FileChangeType.Changed for c in params.changes):
            ls.alc.files_changed()  # a script came or went: `process` and the facts change
        ls.lint_all()

    @server.feature(L.TEXT_DOCUMENT_HOVER)
    @guarded
    def on_hover(ls: AlcServer, params: L.HoverParams) -> L.Hover | None:
        doc = document(params.text_document.uri)
        return hover.hover(doc, ls.alc, params.position) if doc else None

    @server.feature(L.TEXT_DOCUMENT_DEFINITION)
    @guarded
    def on_definition(ls: AlcServer, params: L.DefinitionParams) -> list[L.Location] | None:
        doc = document(params.text_document.uri)
        return navigation.definition(doc, ls.alc, params.position) if doc else None

    @server.feature(L.TEXT_DOCUMENT_REFERENCES)
    @guarded
    def on_references(ls: AlcServer, params: L.ReferenceParams) -> list[L.Location] | None:
        doc = document(params.text_document.uri)
        if doc is None:
            return None
        return navigation.references(doc, ls.alc, params.position, params.context.include_declaration)

    @server.feature(L.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded
    def on_symbols(ls: AlcServer, params: L.DocumentSymbolParams) -> list[L.DocumentSymbol] | None:
        doc = document(params.text_document.uri)
        return symbols.symbols(doc) if doc else None

    @server.feature(L.TEXT_DOCUMENT_COMPLETION, L.CompletionOptions(trigger_characters=completion.TRIGGERS))
    @guarded
    def on_completion(ls: AlcServer, params: L.CompletionParams) -> L.CompletionList | None:
        doc = document(params.text_document.uri)
        return completion.complete(doc, ls.alc, params.position) if doc else None

    def format_request(ls: AlcServer, uri: str, within: L.Range | None) -> list[L.TextEdit] | None:
        doc = document(uri)
        if doc is None:
            return None
        try:
            return formatting.edits(doc, within)
        except formatting.FormatError as exc:
            ls.window_show_message(L.ShowMessageParams(L.MessageType.Error, str(exc)))
            return None

    @server.feature(L.TEXT_DOCUMENT_FORMATTING)
    @guarded
    def on_formatting(ls: AlcServer, params: L.DocumentFormattingParams) -> list[L.TextEdit] | None:
        return format_request(ls, params.text_document.uri, None)

    @server.feature(L.TEXT_DOCUMENT_RANGE_FORMATTING)
    @guarded
    def on_range_formatting(ls: AlcServer, params: L.DocumentRangeFormattingParams) -> list[L.TextEdit] | None:
        return format_request(ls, params.text_document.uri, params.range)

    @server.feature(L.TEXT_DOCUMENT_CODE_ACTION, L.CodeActionOptions(
        code_action_kinds=[L.CodeActionKind.QuickFix, actions.EXPLAIN_KIND]))
    @guarded
    def on_code_action(ls: AlcServer, params: L.CodeActionParams) -> list[L.CodeAction] | None:
        doc = document(params.text_document.uri)
        return actions.actions(ls.up_to_date(doc), params) if doc else None

    @server.command(actions.EXPLAIN_COMMAND)
    @guarded
    def explain(ls: AlcServer, *arguments) -> str | None:
        """`alc explain RULE`'s text (arguments: the rule, and whether to show it); shown as a
        message unless the client shows it itself (the VS Code extension opens a document)."""
        from compiler import codes
        from compiler.cli.rules import explanation

        rule = arguments[0] if arguments and isinstance(arguments[0], str) else ""
        show = arguments[1] if len(arguments) > 1 else True
        found = codes.lookup(rule)
        if found is None:
            return None
        text = explanation(found)
        if show:
            ls.window_show_message(L.ShowMessageParams(L.MessageType.Info, text))
        return text

    @server.feature(L.SHUTDOWN)
    @guarded
    def shutdown(ls: AlcServer, params) -> None:
        for timer in ls.timers.values():
            timer.cancel()
        ls.timers.clear()

    return server


def serve() -> None:
    """Serve LSP over standard input and output until the client says exit.  What anything
    prints goes to stderr: standard output carries the protocol only."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr
    build().start_io(sys.stdin.buffer, out)
