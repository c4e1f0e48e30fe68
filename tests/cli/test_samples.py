"""The bundled samples are what alc itself would write: every script in the canonical layout of
`alc fmt`, every spec and script clean under `alc lint`, except the one script kept for its
mistakes (README's quick start lints it), which has exactly those three."""

from typer.testing import CliRunner

from compiler.cli.app import app
from tests.conftest import ROOT

runner = CliRunner()
SAMPLES = ROOT / "samples"
MISTAKES = SAMPLES / "scripts" / "mistakes.al"


def test_every_sample_script_is_in_the_canonical_layout():
    result = runner.invoke(app, ["fmt", "--check", str(SAMPLES)])
    assert (result.exit_code, result.stdout) == (0, "")


def test_every_sample_lints_clean_but_the_mistakes_it_shows():
    others = [str(p) for p in sorted(SAMPLES.rglob("*")) if p.is_file() and p != MISTAKES]
    result = runner.invoke(app, ["lint", *others])
    assert (result.exit_code, result.stdout) == (0, f"All checks passed ({len(others)} files).\n")
    result = runner.invoke(app, ["lint", "--format", "json", str(MISTAKES)])
    assert result.exit_code == 1
    assert [d["code"] for d in __import__("json").loads(result.stdout)] == ["ALC001", "ALC002", "ALC001"]
