"""Every spec under tests/fixtures/spec reports exactly the diagnostics in its .expected file:
``LINE:COL-END_LINE:END_COL: CODE [rule] message`` and, indented below, the help.

One fixture per kind of problem, so each message a user can meet is pinned down here.
Regenerate after a deliberate change with ALC_UPDATE_GOLDEN=1, then review the diff.
"""

import os
import re

import pytest

from compiler import spec
from compiler.diagnostics import WARNING
from compiler.spec import codes
from tests.conftest import FIXTURES, ROOT

CASES = sorted(p for p in (FIXTURES / "spec").iterdir() if p.suffix in (".yaml", ".toml"))


def render(path) -> str:
    loaded = spec.load(path.read_text(encoding="utf-8"), path.name)
    out = []
    for d in loaded.diagnostics:
        out.append(f"{d.line}:{d.column}-{d.end_line}:{d.end_column}: {d.code} [{d.rule}] {d.message}\n")
        if d.help:
            out.append(f"    help: {d.help}\n")
    return "".join(out)


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_fixture_diagnostics(path):
    expected_file = path.with_suffix(path.suffix + ".expected")
    actual = render(path)
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        expected_file.write_text(actual, encoding="utf-8")
    assert actual == expected_file.read_text(encoding="utf-8")


def test_every_fixture_reports_something_and_has_expectations():
    for path in CASES:
        assert path.with_suffix(path.suffix + ".expected").exists(), path.name
        assert render(path), f"{path.name} reports nothing: it tests nothing"


def test_the_readme_lists_every_spec_check():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## `alc build`", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (ALC\d{3}) \| `([a-z-]+)` \| (.+?) \|$", section, re.M)
    warning = " (a warning: the build goes on)"
    expected = [(c.code, c.rule, c.summary + (warning if c.severity == WARNING else "")) for c in codes.ALL]
    assert rows == expected


def test_every_error_check_has_a_fixture():
    reported = {line.split(" [")[0].split(": ")[-1] for path in CASES
                for line in path.with_suffix(path.suffix + ".expected").read_text().splitlines()
                if not line.startswith(" ")}
    assert reported == {c.code for c in codes.ALL}

