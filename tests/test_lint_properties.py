"""Lint over arbitrary text never raises (the CLI turns any bug into one line, but there should be none)."""

from hypothesis import given

from compiler.lint import lint_script
from tests.fmt.scripts import scripts
from tests.syntax.test_properties import texts


@given(texts)
def test_lint_never_raises_on_random_text(text):
    for diagnostic in lint_script(text, "x.al"):
        assert diagnostic.line >= 1


@given(scripts())
def test_lint_never_raises_on_generated_scripts(text):
    lint_script(text, "x.al")
