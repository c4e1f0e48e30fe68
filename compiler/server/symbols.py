"""Document symbols: the outline of a script: its labels, the policies it declares (with their
fields) and the servers it starts."""

from __future__ import annotations

from lsprotocol import types as L

from compiler.model import policies as P
from compiler.server.documents import SCRIPT, Document

SERVERS = ("run tcp server", "run rest server", "run message broker")
PORT_KEYS = ("external_port", "internal_port")


def symbols(doc: Document) -> list[L.DocumentSymbol]:
    if doc.kind != SCRIPT:
        return []
    script, model = doc.parsed()
    positions = doc.positions

    def rng(span) -> L.Range:
        return positions.range(span.line, span.column, span.end_line, span.end_column)

    found: list[tuple[int, L.DocumentSymbol]] = []
    src = positions.src
    for name, lines in model.labels.items():
        for line in lines:
            start = src.starts[line - 1]
            whole = src.span(start, src.content_ends[line - 1])
            label = src.span(start + 1, start + 1 + len(name))
            found.append((whole.start, L.DocumentSymbol(name, L.SymbolKind.Function, rng(whole), rng(label),
                                                        detail="label")))
    for policy in P.declared(model):
        fields = [L.DocumentSymbol(f.name, L.SymbolKind.Field, rng(f.span), rng(f.span), detail=f.value)
                  for f in policy.fields.values()]
        name = f"{policy.type} policy"
        found.append((policy.span.start, L.DocumentSymbol(
            name, L.SymbolKind.Object, rng(policy.stmt.span), rng(policy.span),
            detail=f"!{policy.variable}" if policy.variable else None, children=fields or None)))
    for inv in model.commands(*SERVERS):
        port = next((inv.get(k).value for k in PORT_KEYS if inv.get(k) is not None), None)
        head = inv.node.head
        selection = head[0].span._replace(end=head[-1].span.end, end_line=head[-1].span.end_line,
                                          end_column=head[-1].span.end_column)
        found.append((inv.stmt.span.start, L.DocumentSymbol(
            inv.key, L.SymbolKind.Interface, rng(inv.stmt.span), rng(selection),
            detail=f"port {port}" if port else None)))
    found.sort(key=lambda pair: pair[0])
    return [symbol for _start, symbol in found]
