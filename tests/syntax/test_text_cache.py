"""The bounded cache by text keeps the texts still in use across its turns."""

from __future__ import annotations

from compiler.syntax.cache import TextCache


def test_hits_misses_and_turns():
    cache = TextCache(3)
    assert cache["a"] is None and "a" not in cache  # a miss is not stored
    for text in "abc":
        cache.put(text, text.upper())
    assert cache["b"] == "B" and len(cache) == 3
    cache.put("d", "D")  # full: a, b, c become the old generation
    assert dict(cache) == {"d": "D"} and cache.old == {"a": "A", "b": "B", "c": "C"}
    assert cache["a"] == "A"  # found in the old generation: back in the young one
    assert dict(cache) == {"d": "D", "a": "A"} and "a" not in cache.old
    cache.put("e", "E")
    cache.put("f", "F")  # full again: the old generation (b, c) is dropped
    assert cache["b"] is None and cache["c"] is None
    assert cache["a"] == "A" and cache["d"] == "D"  # a, d, e were in use: the old generation
    cache.clear()
    assert len(cache) == 0 and cache.old == {} and cache["a"] is None


def test_a_text_in_use_survives_every_turn_and_the_size_stays_bounded():
    cache = TextCache(100)
    for index in range(10_000):
        if cache["hot"] is None:
            cache.put("hot", "value")
            assert index == 0  # computed once, never again
        cache.put(f"cold {index}", index)
        assert len(cache) + len(cache.old) <= 200
    assert cache["cold 0"] is None
