"""Properties of alc fmt: never raises, keeps what the node sees, is stable, changes only layout."""

import re

from hypothesis import given
from hypothesis import strategies as st

from compiler import parse
from compiler.fmt import format_text
from compiler.fmt.layout import Layout
from compiler.fmt.verify import skeleton
from compiler.source import SourceText
from tests.fmt.scripts import scripts
from tests.syntax.test_properties import texts


def without_layout(text: str) -> str:
    """The text with whitespace and block brackets removed: all fmt may change."""
    return re.sub(r"[\s<>]", "", text)


@given(scripts())
def test_generated_scripts_keep_their_meaning_and_are_stable(text):
    out = format_text(text)
    assert [part[:-1] for part in skeleton(parse(out))] == [part[:-1] for part in skeleton(parse(text))]
    assert format_text(out) == out
    assert without_layout(out) == without_layout(text)


@given(scripts())
def test_output_layout_rules(text):
    out = format_text(text)
    layout = Layout(SourceText(text))
    kept = {line for stmt in parse(text).statements if layout.keeps(stmt)
            for line in re.split(r"\r\n|\r|\n", stmt.source)}
    lines = re.split(r"\r\n|\n", out)
    assert out == "" or (out.endswith("\n") and lines[-1] == "")
    assert "\r" not in out.replace("\r\n", "")
    first_break = re.search(r"\r\n|\r|\n", text)
    if out:
        assert ("\r\n" in out) == (first_break is not None and first_break.group() == "\r\n")
    for line in lines[:-1]:
        assert line == line.rstrip() or line in kept
    if out:
        assert lines[0] != ""
        assert "\n\n\n" not in out.replace("\r\n", "\n") or kept


@given(st.one_of(texts, scripts()))
def test_any_text_formats_without_raising(text):
    out = format_text(text)
    assert format_text(out) == out
