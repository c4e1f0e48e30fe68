"""The one quoting function: a value is written so that the node reads it back unchanged in
every place alc writes values, or it is refused with the reason."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compiler.emit.quoting import Unwritable, comment, problem, word
from compiler.syntax.words import node_values, rebuild


def test_words_are_quoted_only_where_the_node_needs_it():
    assert word(True) == "true" and word(32148) == "32148"
    assert word("!external_ip") == "!external_ip"
    assert word("$DB_PASSWORD") == "$DB_PASSWORD"
    assert word("10.0.0.10:32048") == "10.0.0.10:32048"
    assert word("file_name[0]") == "file_name[0]"
    assert word("-30d") == "-30d"
    assert word("My Company") == '"My Company"'
    assert word("AT & T") == '"AT & T"' and word("a #b") == '"a #b"' and word("a = b") == '"a = b"'
    assert word("Société Générale") == '"Société Générale"'
    assert word("Acme (Europe)") == '"Acme (Europe)"'


@pytest.mark.parametrize("text, reason", [
    ("", "an empty value"),
    ("Acme Sensors\n", "U+000A"),
    ("op1\x00", "U+0000"),
    ("a\u2028b", "U+2028 LINE SEPARATOR"),
    ("a\u202eb", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ('$DB_PASSWORD">', "a reference the node resolves"),
    ("!not a reference", "a reference the node resolves"),
    ("$P\" and user = \"root", "a reference the node resolves"),
    ('P" and user = "root', "double quote"),
    ("a\\b", "backslash"),
    ("and", "keyword"), ("Where", "keyword"), ("bring", "keyword"),
    ("[", "cut it at `[`"),
    ("AT&T", "cut it at `&`"),
    ("a=b", "cut it at `=`"),
    ("(EU)Acme", "cut it at `()`"),
    ("'x", "cut it at `'`"),
])
def test_values_no_form_carries_are_refused_with_the_reason(text, reason):
    assert reason in problem(text)
    with pytest.raises(Unwritable) as raised:
        word(text)
    assert str(raised.value) == f"{text!r}: {problem(text)}"


def test_comments_refuse_line_breaks():
    assert comment("op1: an operator node") == "op1: an operator node"
    with pytest.raises(Unwritable, match=re.escape("U+000D CARRIAGE RETURN")):
        comment("a\rb")


@given(st.text())
def test_a_written_value_reads_back_unchanged_everywhere(text):
    """Any text at all: either refused, or read back as exactly itself as a where value, after
    `do` (rebuilt and split again), and as a JSON lookup value (no quote or backslash)."""
    if problem(text) is not None:
        with pytest.raises(Unwritable):
            word(text)
        return
    written = word(text)
    assert node_values(f"k = {written}") == ["k", "=", text]
    assert node_values(f"x where k = {written} and y = 1") == ["x", "where", "k", "=", text, "and", "y", "=", "1"]
    assert node_values(rebuild(["k", "=", text])) == ["k", "=", text]
    assert node_values(rebuild(["k", "=", text, "and", "y"])) == ["k", "=", text, "and", "y"]
    assert '"' not in text and "\\" not in text and "\n" not in written


@pytest.mark.parametrize("text, written", [("ns=2;s=Temperature", '"ns=2;s=Temperature"'),
                                           ("ns=2;i=1001", '"ns=2;i=1001"'), ("AT&T", '"AT&T"'),
                                           ("Temperature", "Temperature")])
def test_a_top_level_value_keeps_what_only_do_would_cut(text, written):
    """In a command no `do` runs (a PLC's node ids), a quoted word keeps its `=`: the top-level
    form is allowed there, and still refused everywhere else."""
    assert word(text, top_level=True) == written
    assert node_values(f"run plc client where node = {written} and node = x") == [
        "run", "plc", "client", "where", "node", "=", text, "and", "node", "=", "x"]
    assert (problem(text) is None) == (text == written)


@pytest.mark.parametrize("text, reason", [('ns=2;s="T"', "double quote"), ("a\\b", "backslash"),
                                          ("and", "keyword"), ("a\nb", "U+000A"), ("!x y", "reference")])
def test_the_top_level_form_refuses_the_rest_as_everywhere(text, reason):
    assert reason in problem(text, top_level=True)


@given(st.text())
def test_a_top_level_value_reads_back_unchanged_in_a_command(text):
    if problem(text, top_level=True) is not None:
        with pytest.raises(Unwritable):
            word(text, top_level=True)
        return
    written = word(text, top_level=True)
    assert node_values(f"k = {written}") == ["k", "=", text]
    assert node_values(f"x where k = {written} and y = 1") == ["x", "where", "k", "=", text, "and", "y", "=", "1"]
