"""Shared test set-up: hypothesis profiles and paths.

HYPOTHESIS_PROFILE=thorough runs many more examples (on demand); CI uses the brisk default.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

settings.register_profile("brisk", max_examples=150, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=5000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "brisk"))

# alc's result cache goes to a folder of the test session, never into the repository (the
# tests that test the cache set their own).
if "ALC_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["ALC_CACHE_DIR"] = tempfile.mkdtemp(prefix="alc-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def cyclic_garbage(run) -> list:
    """What the collector finds unreachable after ``run()``: objects in reference cycles.
    Code that runs with the collector paused must leave none (trees are freed by counting)."""
    import gc

    gc.collect()
    flags = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        run()
        gc.collect()
        return list(gc.garbage)
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()


def matches_golden(text: str, golden: Path) -> bool:
    """Whether ``text`` is the golden file's (rewritten first when ALC_UPDATE_GOLDEN is set)."""
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    return text == golden.read_text(encoding="utf-8")
