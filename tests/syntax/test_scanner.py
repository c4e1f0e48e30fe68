"""Statement boundaries and word splitting, as the node reads a script."""

import pytest

from compiler import parse
from compiler.syntax import words as W


def kinds(text: str) -> list[tuple[str, int]]:
    """(kind, first line) of every item of a parsed text."""
    return [(item.kind, item.span.line) for item in parse(text).items]


def split(text: str) -> list[str]:
    result = W.split(text)
    return [text[w.start:w.end] for w in result.words]


def test_line_kinds():
    text = "# c\n\n:top:\n  :indented:\n:bad\n:bad;\nprint x\n"
    assert kinds(text) == [("comment", 1), ("blank", 2), ("label", 3), ("indented-label", 4),
                           ("malformed-label", 5), ("malformed-label", 6), ("statement", 7)]
    labels = {item.label for item in parse(text).labels}
    assert labels == {"top", "indented", "bad"}


def test_label_name_runs_to_the_second_colon():
    [label] = parse(":a-b: print ignored\n").labels
    assert label.label == "a-b"


def test_block_skips_blank_comment_and_label_lines_inside():
    text = "<print a\n\n# c\n:l:\nb>\nprint c\n"
    stmts = parse(text).statements
    assert [s.text for s in stmts] == ["print a b", "print c"]
    assert (stmts[0].span.line, stmts[0].span.end_line) == (1, 5)


def test_block_first_line_is_not_checked_for_its_closing_bracket():
    stmts = parse("<print a>\nprint b>\nprint c\n").statements
    assert [s.text for s in stmts] == ["print a> print b", "print c"]


def test_inner_line_ending_in_gt_closes_the_block():
    script = parse("<print a\nb ->\nprint c>\n")
    assert [s.text for s in script.statements] == ["print a b -", "print c>"]
    [diag] = script.diagnostics
    assert (diag.line, diag.column) == (2, 4) and "closes the `<` block" in diag.message


def test_json_lines_join_without_separator():
    [stmt] = parse('x = {"a":\n   1,\n "b": 2}\n').statements
    assert stmt.text == 'x = {"a":1,"b": 2}'


def test_json_line_counts_brackets_inside_strings():
    # The node counts a '}' inside a JSON string too: this object "closes" on line 1.
    stmts = parse('x = {"a": "}" \nprint b\n').statements
    assert len(stmts) == 2


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_endings(ending):
    text = ending.join(["print a", "<run x where", "  a = 1>", "print b"]) + ending
    script = parse(text)
    assert script.to_source() == text
    assert [s.text for s in script.statements] == ["print a", "run x where a = 1", "print b"]
    assert [s.span.line for s in script.statements] == [1, 2, 4]


def test_no_final_newline_and_empty_text():
    assert parse("print a").to_source() == "print a"
    assert parse("").items == []
    assert parse("\n\n").to_source() == "\n\n"


def test_columns_count_characters_and_tabs():
    [stmt] = parse("\tprint °F  \n").statements
    assert (stmt.span.column, stmt.span.end_column) == (2, 10)


@pytest.mark.parametrize("text,expected", [
    ("a=b", ["a", "=", "b"]),
    ("a == b != c", ["a", "==", "b", "!=", "c"]),
    ("x<=y>=z", ["x", "<=", "y", ">=", "z"]),
    ("- > x", ["-", ">", "x"]),
    ("-> where", ["->", "where"]),
    ('say "two words" \'kept\'', ["say", '"two words"', "'kept'"]),
    ("don't x\"y\"", ["don't", 'x"y"']),
    ("[*][id] [a]:[b]", ["[*][id]", "[a]:[b]"]),
    ("!p[config][ip]", ["!p[config][ip]"]),
    ("abc{1} name", ["abc", "{1}", "name"]),
    ("f(a, b) (x y)", ["f(a, b)", "(x y)"]),
    ("topic=data/#", ["topic", "=", "data/#"]),
    ("a #b", ["a"]),
    ("a & b", ["a"]),
    ('\\"q r\\"', ['\\"q r\\"']),
    ('"', ['"']),
])
def test_word_splitting(text, expected):
    assert split(text) == expected


def test_name_with_empty_braces_stays_one_word():
    assert split("names{} = x") == ["names{}", "=", "x"]


@pytest.mark.parametrize("text,error", [
    ('print "open', W.ERR_DQ),
    ("print 'open", W.ERR_SQ),
    ("print `open", W.ERR_BQ),
    ("print (open", W.ERR_PAREN),
    ('print \\"open', W.ERR_ESCQ),
])
def test_split_errors(text, error):
    assert W.split(text).error == error


def test_unbalanced_group_continues():
    result = W.split('x = {"a": [1,')
    assert result.continues and result.words[-1].kind == W.OPEN
