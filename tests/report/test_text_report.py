"""The text report's source excerpt: a window on long lines, control characters shown."""

from compiler.diagnostics import Diagnostic
from compiler.report.text import WINDOW, render_one


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
