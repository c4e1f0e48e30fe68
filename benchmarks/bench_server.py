"""How soon `alc server` publishes diagnostics after a change (run on demand).

Starts the real server process, opens a generated script of LINES lines in a project of
OTHERS other scripts of 500 lines, then measures, from the moment a change is sent to the
moment its diagnostics arrive (the client's clock, over the pipes):

- single edits: one character changed in the middle of the script, the next one after the
  diagnostics came back (the server's pause for more keystrokes included);
- bursts: 10 keystrokes 30 ms apart, timed from the last one.

    python benchmarks/bench_server.py [LINES] [EDITS] [OTHERS]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lsprotocol import types as L  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from benchmarks.generate import generate  # noqa: E402


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("bench", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.count: dict[tuple[str, int | None], int] = {}


def make_client() -> Client:
    client = Client()

    @client.feature(L.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(ls: Client, params: L.PublishDiagnosticsParams) -> None:
        ls.arrived[(params.uri, params.version)] = time.perf_counter()
        ls.count[(params.uri, params.version)] = len(params.diagnostics)

    return client


async def wait_for(client: Client, uri: str, version: int) -> float:
    while (uri, version) not in client.arrived:
        await asyncio.sleep(0.0005)
    return client.arrived[(uri, version)]


def change(client: Client, uri: str, version: int, line: int, column: int, text: str) -> float:
    at = L.Position(line, column)
    client.text_document_did_change(L.DidChangeTextDocumentParams(
        L.VersionedTextDocumentIdentifier(version=version, uri=uri),
        [L.TextDocumentContentChangePartial(range=L.Range(at, L.Position(line, column + 1)), text=text)]))
    return time.perf_counter()


def summary(name: str, times: list[float]) -> None:
    ms = sorted(t * 1000 for t in times)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    print(f"{name}: median {statistics.median(ms):.1f} ms, p90 {p90:.1f} ms, max {ms[-1]:.1f} ms "
          f"({len(ms)} runs)")


async def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    edits = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    others = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / ".alc.toml").write_text("")
        for i in range(others):
            (root / f"other{i:02}.al").write_text(generate(500, seed=100 + i))
        text = generate(lines)
        path = root / "main.al"
        path.write_text(text)
        rows = text.splitlines()
        # A line with a digit to change, in the middle of the script.
        target = next(i for i in range(len(rows) // 2, len(rows)) if any(c.isdigit() for c in rows[i]))
        column = next(i for i, c in enumerate(rows[target]) if c.isdigit())

        client = make_client()
        await client.start_io(sys.executable, "-m", "compiler", "server")
        await client.initialize_async(L.InitializeParams(
            capabilities=L.ClientCapabilities(), workspace_folders=[L.WorkspaceFolder(root.as_uri(), "bench")]))
        client.initialized(L.InitializedParams())
        uri = path.as_uri()
        start = time.perf_counter()
        client.text_document_did_open(L.DidOpenTextDocumentParams(L.TextDocumentItem(uri, "anylog", 1, text)))
        first = await wait_for(client, uri, 1) - start
        print(f"{len(rows)} lines, {others} other scripts of 500 lines in the project")
        print(f"open (the project's summaries read once): {first * 1000:.0f} ms, "
              f"{client.count[(uri, 1)]} findings")

        version, single = 1, []
        for i in range(edits):
            version += 1
            sent = change(client, uri, version, target, column, str(i % 10))
            single.append(await wait_for(client, uri, version) - sent)
            await asyncio.sleep(0.05)
        summary("one edit -> diagnostics", single)

        bursts = []
        for _burst in range(max(edits // 4, 3)):
            for i in range(10):
                version += 1
                sent = change(client, uri, version, target, column, str(i))
                await asyncio.sleep(0.03)
            bursts.append(await wait_for(client, uri, version) - sent)
            await asyncio.sleep(0.05)
        summary("10 keystrokes 30 ms apart, last one -> diagnostics", bursts)
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()


if __name__ == "__main__":
    asyncio.run(main())
