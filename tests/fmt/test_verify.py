"""The safety net itself: a layout that changes meaning, or is not stable, never gets out."""

import pytest

from compiler.fmt import FormatError, format_text
from compiler.fmt import verify
from compiler.fmt.layout import Layout
from compiler.fmt.printer import render


def test_a_layout_that_changes_a_word_is_refused(monkeypatch):
    real = Layout.lines

    def sloppy(self, stmt):
        return [line.replace("print a", "print c") for line in real(self, stmt)]

    monkeypatch.setattr(Layout, "lines", sloppy)
    with pytest.raises(FormatError, match=r"^node.al:2: internal error: formatting would change "
                                          r"what this line means; the file was left unchanged"):
        format_text("print ok\nprint  a\n", "node.al")


def test_a_layout_that_drops_a_comment_is_refused(monkeypatch):
    monkeypatch.setattr(verify, "render", lambda script: render(script).replace("# note\n", ""))
    with pytest.raises(FormatError, match="node.al:2: internal error"):
        format_text("x = 1\n# note\nprint  x\n", "node.al")


def test_an_unstable_layout_is_refused(monkeypatch):
    monkeypatch.setattr(verify, "render", lambda script: script.text + "\n")
    with pytest.raises(FormatError, match="node.al: internal error: formatting is not stable"):
        format_text("x = 1\n", "node.al")


def test_a_new_variables_line_is_refused(monkeypatch):
    monkeypatch.setattr(verify, "render", lambda script: script.text.replace("x=v", "x= v"))
    with pytest.raises(FormatError, match="node.al:1: internal error"):
        format_text("x=variables(a)\n", "node.al")


@pytest.mark.parametrize("line, declares", [
    ("variables (a, b)", True),
    ("variables(a)", True),
    ("   variables (a)", True),
    ("print variables (a)", True),
    ("\tvariables (a)", False),  # the node wants a space (or nothing) before it
    ("x=variables(a)", False),
    ("# variables (a)", False),
    ("variables a", False),
    ("variables (a", False),
])
def test_declares_variables_follows_the_node(line, declares):
    assert verify.declares_variables(line) is declares


def test_formatting_leaves_no_cycles():
    """format_text runs with the collector paused and relies on reference counting to free
    its two trees: nothing it builds may refer back to itself."""
    from benchmarks.generate import generate
    from tests.conftest import cyclic_garbage

    text = generate(600, seed=4)
    format_text(text, "cycles.al")  # templates and caches made outside the check

    def run():
        format_text(text, "cycles.al")
        format_text(generate(300, seed=9), "other.al")

    assert cyclic_garbage(run) == []


def test_the_input_tree_is_freed_before_the_output_is_parsed(monkeypatch):
    """Only one tree is alive at a time (a 100,000-line file's tree is 300 MB)."""
    import weakref

    real = verify.parse
    trees = []

    def parse(text, path):
        if trees:
            assert trees[0]() is None, "the input's tree is still alive"
        script = real(text, path)
        trees.append(weakref.ref(script))
        return script

    monkeypatch.setattr(verify, "parse", parse)
    assert format_text("x=1\nprint  ok\n", "one.al") == "x = 1\nprint ok\n"
    assert len(trees) == 2
