"""Every fixture under tests/fixtures/fmt formats to exactly its .expected file, which is stable.

Regenerate after a deliberate change with ALC_UPDATE_GOLDEN=1, then review the diff.
"""

import os

import pytest

from compiler import parse
from compiler.fmt import format_text
from tests.conftest import FIXTURES

CASES = sorted((FIXTURES / "fmt").glob("*.al"))


def read(path) -> str:
    return path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_formats_to_expected(path):
    expected_file = path.with_suffix(".expected")
    actual = format_text(read(path), path.name)
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        expected_file.write_bytes(actual.encode("utf-8"))
    assert actual == read(expected_file)


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_expected_is_stable_and_keeps_the_diagnostics(path):
    expected = read(path.with_suffix(".expected"))
    assert format_text(expected, path.name) == expected
    before = [(d.code, d.message) for d in parse(read(path)).diagnostics]
    after = [(d.code, d.message) for d in parse(expected).diagnostics]
    assert len(after) == len(before)


def test_every_fixture_has_expectations():
    missing = [p.name for p in CASES if not p.with_suffix(".expected").exists()]
    assert not missing
