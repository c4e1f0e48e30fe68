"""The speed mechanisms change nothing: the fast word splitter, the LALR driver over the stored
table, the caches of splits and word layouts by text, and the cache of parses (and compiled
node templates) by statement shape give exactly what the plain paths give."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from compiler import record
from compiler.syntax import lalr
from compiler.syntax import parser as P
from compiler.syntax import tree as T
from compiler.syntax import words as W
from tests.conftest import FIXTURES, ROOT
from tests.syntax.test_properties import PIECES, texts

from benchmarks.generate import generate


def setup_module():
    # Templates from the second statement of a shape: short texts exercise them too.
    P.TEMPLATE_AFTER = 2


def teardown_module():
    P.TEMPLATE_AFTER = _TEMPLATE_AFTER


_TEMPLATE_AFTER = P.TEMPLATE_AFTER


def plain(value):
    """A comparable form of a tree: records (compiler.record) as dicts, the offset map by its
    values."""
    if isinstance(value, list):
        return [plain(item) for item in value]
    if hasattr(type(value), "__record_fields__"):
        out = {"": type(value).__name__}
        for name in record.fields(type(value)):
            item = getattr(value, name)
            if name == "to_file":  # the offset map, whichever way it is kept
                item = [value.file_offset(k) for k in range(len(value.text) + 1)]
            out[name] = plain(item)
        return out
    return value


def parse_both(text: str):
    P.clear_caches()
    cached = P.parse(text, "x.al")
    P._PARSED.clear()
    again = P.parse(text, "y.al")  # every shape now comes from the cache
    renamed = P.parse(text, "x.al")  # the whole script comes from the cache, renamed
    P.CACHE_SHAPES = P.CACHE_SCRIPTS = W.CACHE_SPLITS = False
    try:
        uncached = P.parse(text, "x.al")
        uncached_y = P.parse(text, "y.al")
    finally:
        P.CACHE_SHAPES = P.CACHE_SCRIPTS = W.CACHE_SPLITS = True
    assert plain(again) == plain(uncached_y)
    assert plain(renamed) == plain(uncached)
    return plain(cached), plain(renamed), plain(uncached)


def test_shape_cache_on_fixtures_and_samples():
    paths = sorted(FIXTURES.rglob("*.al")) + sorted((ROOT / "samples").rglob("*.al"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        cached, again, uncached = parse_both(text)
        assert cached == uncached, path
        assert again == uncached, path


def test_shape_cache_on_a_generated_script():
    cached, again, uncached = parse_both(generate(1500, seed=11))
    assert cached == uncached
    assert again == uncached


def test_templates_build_most_statements_of_a_generated_script():
    """The comparisons above are only worth something if templates were used."""
    P.clear_caches()
    P.parse(generate(1500, seed=11))
    entries = list(P._SHAPES.values())
    templated = [e for e in entries if e[3] is not None]
    assert len(templated) >= len(entries) // 2


def test_templates_and_groups():
    """A ( ... ) condition or where value is parsed again by its text: its shape keeps the
    builder.  A group that is only a word of a command (`run client (!ops) ...`) does not."""
    def entry(line: str):
        P.clear_caches()
        P.parse((line + "\n") * 3)
        (value,) = [v for k, v in P._SHAPES.items() if k[0] == "start"]
        return value

    assert entry("if (!a == b) then print x")[3] is None
    assert entry("run x where a = (b = c)")[3] is None
    assert entry("run x where a = (b)")[3] is None
    assert entry("schedule name = s and time = 30 seconds and task run client (!ops) get status")[3] is not None
    # and the groups are parsed all the same
    script = P.parse("if (!a == b) then print x\n" * 3)
    assert all(stmt.node.condition.atoms[0].group is not None for stmt in script.statements)


@given(texts)
def test_shape_cache_on_arbitrary_text(text):
    cached, again, uncached = parse_both(text)
    assert cached == uncached
    assert again == uncached


line_texts = st.one_of(
    st.text(alphabet=' \t\n=+<>!"\'`-ab1é\x0c', max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join),
)


@given(line_texts)
def test_fast_splitter_equals_the_character_loop(text):
    assert W.split(text) == W.split_exact(text)


def test_stored_table_is_current():
    """After a grammar change, run `python -m compiler.syntax.lalr` to regenerate the table."""
    from compiler.syntax import _lalr_table as stored

    assert stored.GRAMMAR_SHA256 == lalr.grammar_hash(P.grammar_text())


def _lark_tree(types: list[str], start: str):
    """lark's own tree for a sequence of token types, as (name, children) with word indexes."""
    from lark import Token, Tree

    interactive = P.lark_parser().parse_interactive(start=start)
    for index, ttype in enumerate(types):
        interactive.feed_token(Token(ttype, "x", start_pos=index))
    tree = interactive.feed_token(Token("$END", "", start_pos=len(types)))

    def convert(node):
        if isinstance(node, Tree):
            return (str(node.data), [convert(child) for child in node.children])
        return node.start_pos

    return convert(tree)


def test_driver_builds_larks_trees():
    """Every statement shape of the fixtures and a generated script: the same tree as lark's
    (without the pass-through nodes the cache drops)."""
    P.clear_caches()
    for path in sorted(FIXTURES.rglob("*.al")):
        P.parse(path.read_text(encoding="utf-8"))
    P.parse(generate(3000, seed=5))
    checked = 0
    for key, (tree, types, error, *_) in list(P._SHAPES.items()):
        if error is None:
            assert tree == P._collapse(_lark_tree(types, key[0])), key
            checked += 1
    assert checked > 100


def _nodes(node):
    yield node
    for child in node.children():
        if not isinstance(child, T.Word):
            yield from _nodes(child)


@given(texts)
def test_node_edges_are_the_ends_of_the_flat_word_list(text):
    script = P.parse(text)
    for stmt in script.statements:
        if stmt.node is None or isinstance(stmt.node, T.Word):
            continue
        for node in _nodes(stmt.node):
            for items in ([node], [node, []], [[], [node]]):
                flat = P._flat(items)
                first, last = P._edge(items, False), P._edge(items, True)
                assert (first, last) == ((flat[0], flat[-1]) if flat else (None, None))


def test_node_edges_on_fixtures():
    for path in sorted(FIXTURES.rglob("*.al")):
        test_node_edges_are_the_ends_of_the_flat_word_list.hypothesis.inner_test(
            path.read_text(encoding="utf-8"))


@given(texts)
def test_word_spans_agree_with_the_offset_map_and_the_line_index(text):
    """Words are placed by the layout of their statement's text, shifted per piece, or by
    walking the pieces in order: the same places the offset map and a search give."""
    from compiler.source import SourceText

    script = P.parse(text)
    src = SourceText(text)
    for stmt in script.statements:
        for word in stmt.words:
            span = word.span
            assert span == src.span(span.start, span.end)
            assert span.start == stmt.file_offset(word.offset)
            if word.text:
                assert span.end == stmt.file_offset(word.offset + len(word.text) - 1) + 1


def test_word_spans_in_blocks_and_json_lines():
    text = ("<run tcp server where\n  external_ip = !ip and\n\n  # inside\n  threads = 3>\n"
            "policy = {\"a\": {\n   \"b\": [1,\n 2]}}\n")
    test_word_spans_agree_with_the_offset_map_and_the_line_index.hypothesis.inner_test(text)


def test_layout_placement_of_blocks_and_json_lines():
    """Block and JSON-line words come from the layout, shifted per piece; a word across a
    join (a quoted value over two block lines, a JSON value over lines) is placed by the walk."""
    text = ('<run client (!ops) where\n  name = "two\n  lines" and port = 2>\n'
            'p = {"a":\n    "b", "c": [1,\n 2]}\n'
            '<x = 1 and\n\n# a comment inside\n  y = 2>\n') * 2
    cached, again, uncached = parse_both(text)
    assert cached == again == uncached
    script = P.parse(text, "x.al")
    block, json_lines = script.statements[0], script.statements[1]
    quoted = next(w for w in block.words if w.text.startswith('"two'))
    assert (quoted.span.line, quoted.span.column, quoted.span.end_line, quoted.span.end_column) == (2, 10, 3, 9)
    value = json_lines.words[2]
    assert value.text.startswith("{") and (value.span.line, value.span.end_line) == (4, 6)
    port = next(w for w in block.words if w.text == "port")
    assert (port.span.line, port.span.column) == (3, 14)


def test_positional_construction_matches_the_field_order():
    """The parser and the scanner build a Statement and a one-line RawStatement with every
    field given by position: a field added or moved must be added there too."""
    from compiler.syntax import scanner as S

    assert list(record.fields(T.Statement)) == [
        "kind", "span", "extent", "source", "text", "words", "node", "block", "json_lines",
        "dropped", "comment", "diagnostics", "to_file"]
    assert list(record.fields(S.RawStatement)) == [
        "first_line", "last_line", "text", "segments", "block", "json_lines", "skipped_lines",
        "problems", "rejected", "_starts", "split"]
    stmt = P.parse("connect dbms almgm where type = sqlite\n").statements[0]
    assert (stmt.kind, stmt.text, stmt.block, stmt.json_lines, stmt.dropped, stmt.comment,
            stmt.diagnostics, stmt.to_file) == ("statement", "connect dbms almgm where type = sqlite",
                                                False, False, None, None, [], None)


def find_closing_loop(text, start, open_c, close_c, ignore, left, right):
    """The node's find_parentheses_offset, character by character (the reference)."""
    n = len(text)
    skip = False
    for off in range(start, n):
        if skip:
            skip = False
            continue
        c = text[off]
        if c == open_c:
            left += 1
        elif c == close_c:
            right += 1
            if ignore and off < n - 1 and text[off + 1] in ignore:
                if text[off + 1] != open_c:
                    skip = True
                continue
        if left == right:
            return off, left, right
    return -1, left, right


@given(st.text(alphabet="{}[]():ab \"", max_size=30), st.integers(0, 31), st.integers(0, 3),
       st.integers(0, 3), st.sampled_from([("{", "}", None), ("[", "]", "[:"), ("(", ")", None)]))
def test_find_closing_jumps_like_the_character_loop(text, start, left, right, pair):
    open_c, close_c, ignore = pair
    assert W.find_closing(text, start, open_c, close_c, ignore, left, right) == \
        find_closing_loop(text, start, open_c, close_c, ignore, left, right)
