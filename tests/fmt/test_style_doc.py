"""docs/style.md is executable: each `al before` block formats to the `al after` block after it."""

import re

import pytest

from compiler.fmt import format_text
from tests.conftest import ROOT

FENCE = re.compile(r"```al (before|after)\n(.*?)```", re.S)
BLOCKS = FENCE.findall((ROOT / "docs" / "style.md").read_text())
PAIRS = [(BLOCKS[i][1], BLOCKS[i + 1][1]) for i in range(0, len(BLOCKS), 2)]


def test_blocks_come_in_before_after_pairs():
    assert [kind for kind, _ in BLOCKS] == ["before", "after"] * (len(BLOCKS) // 2)
    assert len(PAIRS) >= 7


@pytest.mark.parametrize("before, after", PAIRS)
def test_example(before, after):
    assert format_text(before) == after
    assert format_text(after) == after
