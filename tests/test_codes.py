"""The catalogue of codes: every code alc can print is listed, explained with an example, and
collected from the module that defines it (a code added later appears without being listed
again, and this test fails until it is explained)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compiler import codes
from compiler.codes import convert as convert_docs
from compiler.codes import spec as spec_docs

ROOT = Path(__file__).resolve().parents[1]
CODES = list(codes.all_codes())


@pytest.mark.parametrize("code", CODES, ids=[f"{c.group}-{c.code}-{c.name}" for c in CODES])
def test_every_code_has_a_summary_and_an_explanation_with_an_example(code):
    assert code.summary and code.severity in ("error", "warning", "info")
    assert re.fullmatch(r"ALC\d{3}", code.code) and re.fullmatch(r"[a-z]+(-[a-z]+)*", code.name)
    doc = code.documentation()
    assert doc.startswith(f"{code.name} ({code.code})\n"), doc[:80]
    for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead"):
        assert heading in doc, heading
    example = doc.split("## Example", 1)[1].split("## Use instead", 1)[0]
    assert "```" in example  # the example is text to read, not a sentence about it
    if code.shared:
        assert "## In a spec" in doc


def test_every_code_in_the_source_is_in_the_catalogue():
    """A code written anywhere in alc is one the catalogue knows (and so explains)."""
    known = {c.code for c in CODES}
    written = set()
    for path in (ROOT / "compiler").rglob("*.py"):
        written |= set(re.findall(r"[\"'](ALC\d{3})[\"']", path.read_text(encoding="utf-8")))
    assert written and written <= known, sorted(written - known)


def test_no_explanation_without_a_code():
    names = {c.name for c in CODES}
    assert set(spec_docs.DOCS) | set(spec_docs.SPEC_SIDE) | set(convert_docs.DOCS) <= names
    assert set(spec_docs.SPEC_SIDE) == {c.name for c in CODES if c.shared}


def test_codes_and_names_are_unique_across_groups():
    own = [c for c in CODES if not c.shared]
    assert len({c.code for c in own}) == len(own) == len({c.name for c in own})


def test_a_code_added_to_a_stage_appears_in_the_catalogue(monkeypatch):
    from compiler.spec import codes as spec_codes

    monkeypatch.setattr(spec_codes, "NEW_CHECK", spec_codes.Check("ALC699", "new-check", "error", "something new"),
                        raising=False)
    codes.all_codes.cache_clear()
    codes._table.cache_clear()
    try:
        added = codes.lookup("ALC699")
        assert added is not None and (added.name, added.group) == ("new-check", "spec")
        assert added.documentation() == ""  # and the test above fails until it is explained
    finally:
        monkeypatch.undo()
        codes.all_codes.cache_clear()
        codes._table.cache_clear()
    assert codes.lookup("ALC699") is None


def test_lookup_and_selectors():
    assert codes.lookup("alc101").name == "undefined-label"
    assert codes.lookup("spec-schema").code == "ALC603"
    assert codes.lookup("ALC408").group == "lint"  # the script rule is the entry of a shared code
    assert codes.unknown_selector("ALL") is None and codes.unknown_selector("ALC7") is None
    assert codes.unknown_selector("XYZ").startswith("`XYZ` is not a rule name")
