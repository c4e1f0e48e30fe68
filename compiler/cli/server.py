"""``alc server``: the language server for editors (LSP over standard input and output)."""

from __future__ import annotations

import sys

import typer

HINT = ("alc server needs pygls and lsprotocol, which install with alc; reinstall it "
        "(`pip install alc`) or add them (`pip install pygls lsprotocol`)")


def server() -> None:
    """Start the language server: diagnostics, fixes, hover, navigation, completion and
    formatting for AnyLog scripts and alc specs, over LSP on standard input and output."""
    try:
        from compiler.server.app import serve
    except ImportError as exc:
        sys.stderr.write(f"alc: error: {HINT} ({exc})\n")
        raise typer.Exit(2)
    serve()
