"""Every sample spec builds exactly the scripts under tests/golden/build/<spec>/, again and
again, and every script parses with no diagnostic.  The YAML and the TOML form of a spec share
one golden folder: they must build the same bytes.

Regenerate after a deliberate change with ALC_UPDATE_GOLDEN=1, then review the diff.
"""

import os

import pytest

from compiler import emit, parse, spec
from compiler.cli.build import spec_name
from tests.conftest import ROOT

SAMPLES = sorted(p for p in (ROOT / "samples" / "specs").iterdir() if p.suffix in (".yaml", ".toml"))
GOLDEN = ROOT / "tests" / "golden" / "build"


def build(path) -> dict[str, str]:
    relative = str(path.relative_to(ROOT))
    loaded = spec.load(path.read_text(encoding="utf-8"), relative)
    assert loaded.diagnostics == []
    return emit.build(loaded.network, spec_name(relative))


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_builds_its_golden_scripts(path):
    scripts = build(path)
    folder = GOLDEN / path.stem
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.al"):
            old.unlink()
        for name, text in scripts.items():
            (folder / name).write_text(text, encoding="utf-8")
    assert sorted(scripts) == sorted(p.name for p in folder.glob("*.al"))
    for name, text in scripts.items():
        assert text == (folder / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_sample_builds_the_same_bytes_every_time(path):
    assert build(path) == build(path)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_generated_script_parses_cleanly(path):
    for name, text in build(path).items():
        script = parse(text, name)
        assert script.diagnostics == [], (name, script.diagnostics)
        assert script.to_source() == text


def test_every_golden_folder_has_a_sample():
    stems = {p.stem for p in SAMPLES}
    assert {p.name for p in GOLDEN.iterdir()} == stems
