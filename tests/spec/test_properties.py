"""Any text at all, read as a YAML or a TOML spec, gives diagnostics inside the text and never
an exception: a broken spec must end in a message, not a traceback."""

from hypothesis import given
from hypothesis import strategies as st

from compiler import spec

PIECES = ["alc", "nodes", "name", "type", "tcp", "port", ":", ": ", "=", " = ", "-", "- ", "[", "]", "[[", "]]",
          "{", "}", ",", '"', "'", '"""', "'''", "#", "!", "!!", "!!binary", "!!int", "!!set", "&a", "*a", "<<",
          "?", "|", ">", "---", "...", "\n", "\n  ", "\t", "\r\n", "1", "1.5", "true", "yes", "~", "null",
          "2024-01-02", "$X", "!ip", "%YAML 1.1", "\\", "\x00", "é", "\ufeff"]

texts = st.one_of(st.text(max_size=200),
                  st.lists(st.sampled_from(PIECES), max_size=60).map("".join))


@given(texts, st.sampled_from(["s.yaml", "s.toml"]))
def test_loading_never_raises_and_points_inside_the_text(text, path):
    loaded = spec.load(text, path)
    lines = max(len(text.splitlines()), 1) + 1
    for diag in loaded.diagnostics:
        assert 1 <= diag.line <= lines and diag.column >= 1, diag
    assert (loaded.network is None) == bool(loaded.errors)
