"""The model's fast paths change nothing: reads and definitions equal the plain recursive walk,
the memoized lookups equal plain scans, and the parser invariant the skips rely on holds
(a word's text is part of its statement's logical text)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from compiler.model import catalogue
from compiler.model import embedded as E
from compiler.model import policies as PO
from compiler.model import script as M
from compiler.model import variables as V
from compiler.rules.deployment import blobs_storage as BS
from compiler.rules.deployment import dbms_not_connected as DC
from compiler.syntax import parser as P
from compiler.syntax import scanner as S
from compiler.syntax import tree as T
from tests.conftest import FIXTURES, ROOT
from tests.syntax.test_properties import PIECES

from benchmarks.generate import generate

MORE = PIECES + ["\n:a:", "\n:b", '"script": [', "[config][script]", "set policy p", "password", "= {", '"ip":',
                 "!x.int", "!!y", '"!z"', "(!a)", "x[!k]", "incr", "variables(a, b)", "create policy",
                 "run operator", "blockchain insert", "'", "{\"operator\": {\"port\": !p}}"]
texts = st.one_of(
    st.lists(st.sampled_from(MORE), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(MORE), st.text(max_size=5)), max_size=60).map(" ".join),
)


# ------------------------------------------------------------------ the plain walks

def plain_reads(node):
    """reads() as a recursive walk over Node.children (what it was before the handlers)."""
    if node is None or isinstance(node, (T.Goto, T.Call, T.OnError)):
        return
    if isinstance(node, (T.Assignment, T.SetAssignment)):
        target = node.target.text
        for m in V._EMBEDDED.finditer(target[1:] if target.startswith("!") else target):
            if m.start() > 0:
                yield m.group(1), node.target
        if isinstance(node.value, T.Word):
            yield from plain_word_reads(node.value)
        else:
            yield from plain_reads(node.value)
        return
    if isinstance(node, T.SetPolicy):
        yield from plain_word_reads(node.target)
        for assign in node.assigns:
            if assign.key is not None:
                yield from plain_word_reads(assign.key)
            if assign.value.kind != "SQ":
                yield from plain_word_reads(assign.value)
        return
    if isinstance(node, T.Atom) and node.group is not None:
        yield from plain_reads(node.group)
        return
    if isinstance(node, T.KeyValue) and node.group is not None:
        for word in node.key_words:
            yield from plain_word_reads(word)
        for item in node.group:
            yield from plain_reads(item)
        return
    for child in node.children():
        if isinstance(child, T.Word):
            yield from plain_word_reads(child)
        else:
            yield from plain_reads(child)


def plain_word_reads(word):
    ref = word.reference
    if ref is not None:
        if ref.sigil == "!" and ref.name and not ref.name[0].isdigit():
            yield ref.name, word
        return
    if word.kind in ("BRACE", "BRACKET", "PAREN", "OPEN"):
        for m in V._EMBEDDED.finditer(V._QUOTED.sub(lambda m: " " * len(m.group()), word.text)):
            yield m.group(1), word
    elif word.kind == "DQ" and word.value.startswith("!") and V._NAME.match(word.value[1:] or "-"):
        yield word.value[1:].split(".")[0], word


def same_reads(node):
    fast = [(r.name, id(r.word)) for r in V.reads(node)]
    assert fast == [(name, id(word)) for name, word in plain_reads(node)]


def check_script(text: str) -> None:
    script = P.parse(text, "x.al")
    model = M.build(script)
    for stmt in model.statements:
        same_reads(stmt.node)
        # Names read, cached per text: the names of the walk (cache cleared and filled).
        V.clear_caches()
        assert V.names_read(stmt) == {name for name, _ in plain_reads(stmt.node)}
        if stmt.node is not None:
            for word in stmt.node.words():
                assert word.text in stmt.text  # the skips in embedded.find rely on it
    # Facts found on the build walk against the walks the rules made themselves.
    conditions, assigned = [], []
    for stmt in model.statements:
        node = stmt.node
        while node is not None:
            if isinstance(node, T.If):
                conditions.append((id(stmt), id(node.condition)))
            node = getattr(node, "body", None) if not isinstance(node, T.Assignment) else node.value
        node = stmt.node
        while isinstance(node, (T.If, T.Else, T.Do)):
            node = node.body
        if isinstance(node, (T.Assignment, T.SetAssignment)):
            assigned.append((id(stmt), id(node)))
    assert [(id(s), id(c)) for s, c in model.conditions] == conditions
    assert [(id(s), id(n)) for s, n in model.assignment_statements] == assigned
    labels: dict[str, list[int]] = {}
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):  # the node's lines
        if (name := S.label_name(line)) is not None:
            labels.setdefault(name, []).append(number)
    assert model.labels == labels
    # Memoized lookups against plain scans.
    assert [(id(i), e) for i, e in model.catalogued()] == \
        [(id(i), e) for i in model.invocations if (e := catalogue.entry(i.words) if i.key else None)]
    for keys in (("run operator",), ("run operator", "blockchain insert"), ("connect dbms", "x"), ("x",)):
        assert [id(i) for i in model.commands(*keys)] == [id(i) for i in model.invocations if i.key in keys]
    for inv in model.invocations:
        assert [(p.key, id(p)) for p in inv.pairs()] == [(k, id(p)) for k, p in inv.keyed]
        for key in [p.key for p in inv.pairs()] + ["nope"]:
            assert inv.get(key) is (inv.node.where.get(key) if inv.node.where else None)
    first = PO.declared(model)
    assert [p.span for p in first] == [p.span for p in PO._declared(model)]
    # Facts the rules and the project's summary share, remembered per model.
    assert DC.connected_in(model) == DC._connected_in(model) == DC.connected_in(model)
    assert BS.mongo_in(model) == BS._mongo_in(model) == BS.mongo_in(model)
    assert [(i.stmt.text, id(e)) for i, e in model.catalogued()] == \
        [(i.stmt.text, id(i.entry)) for i in model.invocations if i.entry is not None]
    # Filled once per text, the cache answers every statement of that text the same.
    V.clear_caches()
    for stmt in model.statements:
        V.names_read(stmt)
    for stmt in model.statements:
        assert V.names_read(stmt) == {name for name, _ in plain_reads(stmt.node)}
    found = E.find(script)
    assert [(e.text, e.start) for e in found] == [(e.text, e.start) for e in E.find(script, model.statements)]


def test_on_fixtures_samples_and_a_generated_script():
    paths = sorted(FIXTURES.rglob("*.al")) + sorted((ROOT / "samples").rglob("*.al"))
    assert paths
    for path in paths:
        check_script(path.read_text(encoding="utf-8"))
    check_script(generate(3000, seed=5))


@given(texts)
def test_on_arbitrary_text(text):
    check_script(text)


def test_catalogue_entry_shortcut_is_exact():
    """entry() answers None at once when the first token cannot start a key; a quoted first
    word holding spaces still joins into a key, as the node joins words."""
    assert catalogue.entry(["run tcp", "server"]) is catalogue.CATALOGUE["run tcp server"]
    assert catalogue.entry(["run", "tcp", "server"]) is catalogue.CATALOGUE["run tcp server"]
    assert catalogue.entry(["print", "run", "tcp", "server"]) is None
    assert catalogue.entry([]) is None
