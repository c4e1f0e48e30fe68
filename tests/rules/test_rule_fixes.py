"""Every rule that offers fixes fixes its failing fixture to exactly the expected text.

tests/rules/fixtures/<rule>/fail/fixed.al is what `alc lint --fix` makes of main.al (every
rule's safe fixes applied, in rounds), and fixed-unsafe.al what `--fix --unsafe-fixes` makes
of it, for a rule whose fixes include that applicability.  Fixing the result again changes
nothing, adds no syntax error and leaves no fixable finding of the rule.  Regenerate with
ALC_UPDATE_GOLDEN=1 after a deliberate change, then review the diff.
"""

import os
from pathlib import Path

import pytest

from compiler import config as C
from compiler import fixes as F
from compiler import rules as R
from compiler.lint import lint_script
from compiler.model.project import Project

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXABLE = [r for r in R.registry() if r.fixes]
# A safe case for a rule that offers safe fixes, an unsafe one for a rule that offers unsafe
# fixes (tests/test_fixes.py has the variants a fixture cannot hold together).
CASES = [(rule, unsafe) for rule in FIXABLE for unsafe in (False, True)
         if ("unsafe" if unsafe else "safe") in rule.fixes]


def fixer(folder: Path):
    config = C.for_folder(folder)
    return lambda text: lint_script(text, "main.al", project=Project(folder), config=config)


@pytest.mark.parametrize("rule, unsafe", CASES, ids=[f"{r.name}-{'unsafe' if u else 'safe'}" for r, u in CASES])
def test_fix_gives_the_exact_text(rule, unsafe):
    folder = FIXTURES / rule.name / "fail"
    lint = fixer(folder)
    text = (folder / "main.al").read_text(encoding="utf-8")
    result = F.fix_text(text, lint, unsafe=unsafe)
    assert result.error is None
    expected = folder / ("fixed-unsafe.al" if unsafe else "fixed.al")
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        expected.write_text(result.text, encoding="utf-8")
    assert result.text == expected.read_text(encoding="utf-8")
    assert any(d.rule == rule.name for d in result.fixed), f"the fixture must have a fix of {rule.name}"
    # Nothing left for --fix to do, and doing it again changes nothing.
    assert not any(F.applicable(d, unsafe) for d in result.diagnostics)
    again = F.fix_text(result.text, lint, unsafe=unsafe)
    assert again.text == result.text and not again.fixed


def test_every_fixed_text_is_a_golden():
    """No stray fixed.al: each one belongs to a case above."""
    wanted = {(r.name, "fixed-unsafe.al" if u else "fixed.al") for r, u in CASES}
    found = {(p.parent.parent.name, p.name) for p in FIXTURES.glob("*/fail/fixed*.al")}
    assert found == wanted


@pytest.mark.parametrize("rule", list(R.registry()), ids=[r.name for r in R.registry()])
def test_fix_safety_is_documented(rule):
    """A rule that offers fixes says how safe they are; one that offers none says nothing."""
    assert ("## Fix safety" in rule.documentation()) == bool(rule.fixes)
    assert set(rule.fixes) <= {"safe", "unsafe"}
