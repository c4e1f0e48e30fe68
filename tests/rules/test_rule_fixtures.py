"""Every rule has a failing and a passing fixture with exactly the diagnostics expected.

tests/rules/fixtures/<rule-name>/fail/main.al must produce exactly fail/expected.txt (every
rule runs, so a fixture that trips another rule fails too); pass/main.al produces nothing.
Each folder is a project of its own (its .alc.toml, files for `process`).
Regenerate with ALC_UPDATE_GOLDEN=1 after a deliberate change, then review the diff.
"""

import os
import re
from pathlib import Path

import pytest

from compiler import config as C
from compiler import rules as R
from compiler.lint import lint_script
from compiler.model.project import Project

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RULES = list(R.registry())


def lint_fixture(folder: Path) -> str:
    path = folder / "main.al"
    config = C.for_folder(folder)
    project = Project(folder)
    found = lint_script(path.read_text(encoding="utf-8"), "main.al", project=project, config=config)
    return "".join(f"{d.line}:{d.column}-{d.end_line}:{d.end_column}: {d.code} [{d.rule}] {d.severity}: "
                   f"{d.message}" + (f" [help: {d.help}]" if d.help else "") + "\n" for d in found)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_failing_fixture(rule):
    folder = FIXTURES / rule.name / "fail"
    actual = lint_fixture(folder)
    expected = folder / "expected.txt"
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        expected.write_text(actual, encoding="utf-8")
    assert actual == expected.read_text(encoding="utf-8")
    assert f"[{rule.name}]" in actual, "the failing fixture must trip its own rule"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_passing_fixture(rule):
    assert lint_fixture(FIXTURES / rule.name / "pass") == ""


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_rule_is_documented(rule):
    doc = rule.documentation()
    assert doc.startswith(f"{rule.name} ({rule.code})")
    for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert heading in doc, heading
    assert re.fullmatch(r"ALC\d{3}", rule.code) and re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.severity in ("error", "warning", "info") and rule.summary


def test_codes_and_names_are_unique():
    assert len({r.code for r in RULES}) == len(RULES) == len({r.name for r in RULES})


def test_no_fixture_folder_without_a_rule():
    assert {p.name for p in FIXTURES.iterdir()} == {r.name for r in RULES}
