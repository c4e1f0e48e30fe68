"""Properties of the parser over arbitrary text: it never raises and it loses nothing."""

from hypothesis import given
from hypothesis import strategies as st

from compiler import parse

# Pieces that exercise every special case of the node's reader.
PIECES = [
    "if", "then", "else", "do", "goto", "call", "return", "on", "error", "end", "script",
    "exit", "scripts", "set", "policy", "where", "and", "or", "not", "bring", "bring.first",
    "schedule", "task", "process", "print", "python", "run", "tcp", "server", "connect", "dbms",
    "!ip", "!port.int", "$HOME", "[*][id]", "x[0]", "=", "==", "!=", "+", "<", ">", "<=", ">=",
    "->", "&", "#", ":", ":label:", '"', "'", "`", "\\\"", "(", ")", "{", "}", "[", "]", ",",
    " ", "  ", "\t", "\n", "\r", "\r\n", "°", "é", "\x00", "\x0c", "\u2028", "a", "1", "-30d",
]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PIECES), max_size=80).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=60).map(" ".join),
)


@given(texts)
def test_parse_never_raises_and_round_trips(text):
    script = parse(text)
    assert script.to_source() == text
    # Items tile the text: each starts where the previous one ended.
    offset = 0
    for item in script.items:
        assert item.extent[0] == offset
        offset = item.extent[1]
    assert offset == len(text)


@given(texts)
def test_positions_are_inside_the_text(text):
    script = parse(text)
    lines = max(text.count("\n") + text.count("\r") + 1, 1)
    for diag in script.diagnostics:
        assert 1 <= diag.line <= diag.end_line <= lines
        assert diag.column >= 1 and diag.end_column >= 1
    for stmt in script.statements:
        for word in stmt.words:
            assert 0 <= word.span.start <= word.span.end <= len(text)


def test_deep_nesting_does_not_exhaust_the_stack():
    for opening, closing in ("()", "[]", "{}"):
        text = "if " + opening * 10_000 + "!a" + closing * 10_000 + " then print x\n"
        assert parse(text).to_source() == text
    text = "run x where a = " + "(b = " * 3000 + "c" + ")" * 3000 + "\n"
    assert parse(text).to_source() == text


def test_an_operator_that_the_name_rule_extends_is_a_word():
    """`>{}` first on a line: the node's `name{} = value` rule glues `{}` to the `>` word,
    so it is no longer an operator (this once raised KeyError)."""
    for text in (">{}\n", "<{} = 1\n", "x\n>=[] y\n", "+{} a\n"):
        script = parse(text)
        assert script.to_source() == text
    word = parse(">{}\n").statements[0].words[0]
    assert (word.text, word.kind) == (">{}", "WORD")
