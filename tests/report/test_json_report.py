"""The JSON report is written by hand for speed: it must be exactly what json.dumps writes."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from compiler.diagnostics import Diagnostic
from compiler.report import json as json_report

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=20)  # quotes, \n, controls, non-ASCII
fixes = st.none() | st.recursive(st.none() | st.booleans() | st.integers() | texts,
                                 lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                                 max_leaves=6)
diagnostics = st.builds(Diagnostic, texts, st.integers(1, 10**6), st.integers(1, 999), st.integers(1, 10**6),
                        st.integers(1, 999), texts, texts, texts, texts, st.none() | texts, fixes)


def reference(found: list[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in found], indent=2, ensure_ascii=False) + "\n"


@given(st.lists(diagnostics, max_size=4))
def test_render_is_json_dumps(found):
    assert json_report.render(found) == reference(found)


def test_render_examples():
    plain = Diagnostic("a \"b\".al", 3, 4, 3, 9, "ALC201", "undefined-variable", "warning", "`!x` ünset\n", None)
    helped = Diagnostic("a.al", 1, 1, 2, 1, "ALC001", "syntax-error", "error", "bad", "fix it")
    fixed = Diagnostic("a.al", 1, 1, 1, 2, "ALC9", "r", "info", "m", None, {"edits": [{"text": "x"}]})
    assert json_report.render([]) == "[]\n"
    assert json_report.render([plain, helped, fixed]) == reference([plain, helped, fixed])
    assert json.loads(json_report.render([plain]))[0]["message"] == "`!x` ünset\n"
