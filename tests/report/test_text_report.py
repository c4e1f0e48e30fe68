"""The text report's source excerpt: a window on long lines, control characters shown."""

from hypothesis import given
from hypothesis import strategies as st

from compiler.diagnostics import Diagnostic
from compiler.report.text import WINDOW, _display, render_one, split_lines


def finding(line, column, end_column):
    return Diagnostic("x.al", line, column, line, end_column, "ALC001", "syntax-error", "error", "bad")


def test_a_long_line_is_shown_as_a_window_around_the_span():
    line = "a" * 5000 + " bad " + "b" * 5000
    out = render_one(finding(1, 5002, 5005), [line]).split("\n")
    source, caret = out[2], out[3]
    assert source == "1 | …" + "a" * 39 + " bad " + "b" * 76 + "…"
    assert len(source) - len("1 | ") == WINDOW + 2
    assert caret == "  | " + " " * 41 + "^^^"
    assert source[caret.index("^"):caret.index("^") + 3] == "bad"


def test_a_span_running_past_the_window_is_cut_at_its_end():
    out = render_one(finding(1, 1, 5001), ["9" * 5000]).split("\n")
    assert out[2] == "1 | " + "9" * WINDOW + "…"
    assert out[3] == "  | " + "^" * (WINDOW + 1)


def test_control_characters_in_a_line_do_not_reach_the_terminal():
    out = render_one(finding(1, 7, 8), ["print \x1b[2Jred\rx"]).split("\n")
    assert out[2] == "1 | print \\x1b[2Jred\\x0dx"
    assert out[3] == "  |       ^^^^"


def test_a_tab_before_the_span_moves_the_caret_by_its_width():
    out = render_one(finding(1, 4, 7), ["\tx bad"]).split("\n")
    assert out[2] == "1 |     x bad"
    assert out[3] == "  |       ^^^"


@given(st.text(alphabet="ab \t\x1b\x7f", max_size=30), st.integers(1, 35), st.integers(0, 10))
def test_the_caret_is_under_the_span_as_the_line_is_shown(line, column, length):
    """Each column of the source, shown (tabs as four spaces, control characters as \\xNN):
    the caret starts where the span's first character starts, whatever the line holds."""
    out = render_one(finding(1, column, column + length), [line]).split("\n")
    shown = [_display(ch) for ch in line]
    start = len("".join(shown[:column - 1]))
    end = max(len("".join(shown[:column - 1 + length])), start + 1)
    assert out[3] == "  | " + " " * start + "^" * (end - start)


def test_lines_break_where_the_scanner_breaks_them():
    assert split_lines("a\r\nb\rc\nd\x0ce") == ["a", "b", "c", "d\x0ce"]
    assert split_lines("a\n\nb\n") == ["a", "", "b", ""]
