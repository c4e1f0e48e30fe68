"""Every construct fixture under tests/fixtures/syntax parses losslessly and reports exactly
the diagnostics in its .expected file (``LINE:COL-END_LINE:END_COL: CODE [rule] message``).

Regenerate after a deliberate change with ALC_UPDATE_GOLDEN=1, then review the diff.
"""

import os

import pytest

from compiler import parse
from tests.conftest import FIXTURES

CASES = sorted((FIXTURES / "syntax").glob("*.al"))


def render(path) -> str:
    text = path.read_bytes().decode("utf-8")
    script = parse(text, path.name)
    assert script.to_source() == text
    return "".join(f"{d.line}:{d.column}-{d.end_line}:{d.end_column}: {d.code} [{d.rule}] {d.message}\n"
                   for d in script.diagnostics)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_diagnostics(path):
    expected_file = path.with_suffix(".expected")
    actual = render(path)
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_fixture_has_expectations():
    missing = [p.name for p in CASES if not p.with_suffix(".expected").exists()]
    assert not missing
