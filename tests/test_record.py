"""``@record`` (compiler/record.py) makes classes as ``@dataclass`` would with the same
options: the same constructor, fields, equality, hash, repr and pickles, compared on twin
classes."""

from __future__ import annotations

import dataclasses
import weakref

import pytest

from compiler import record as R
from compiler.syntax import tree as T


@R.record(slots=True)
class Base:
    span: int

    def twice(self) -> int:
        return self.span * 2


@R.record(slots=True)
class Child(Base):
    """A child with defaults."""

    name: str
    words: list = R.field(default_factory=list)
    flag: bool = False


@R.record(slots=True, weakref_slot=True)
class Held:
    items: dict = R.field(default_factory=dict)


@dataclasses.dataclass(slots=True)
class DBase:
    span: int


@dataclasses.dataclass(slots=True)
class DChild(DBase):
    name: str
    words: list = dataclasses.field(default_factory=list)
    flag: bool = False


def test_a_record_takes_its_fields_as_a_dataclass_does():
    assert R.fields(Child) == ("span", "name", "words", "flag") == tuple(f.name for f in dataclasses.fields(DChild))
    assert R.field_types(Child) == {"span": "int", "name": "str", "words": "list", "flag": "bool"}
    assert Child.__match_args__ == DChild.__match_args__
    a, b = Child(1, "x"), Child(span=1, name="x", words=[], flag=False)
    assert a == b and a.words is not b.words  # a factory's value per object
    a.words.append(3)
    assert a != b and Child(1, "x").words == []
    assert repr(Child(1, "x", [2], True)) == repr(DChild(1, "x", [2], True)).replace("DChild", "Child")
    assert Child(1, "x").twice() == 2 and Child.__doc__ == "A child with defaults."
    assert Child(1, "x") != Base(1) and Base(1) == Base(1) and Base(1) != DBase(1)
    with pytest.raises(TypeError):
        Child(1)  # name has no default
    with pytest.raises(TypeError):
        hash(Base(1))  # mutable, as a dataclass with eq: not hashable
    with pytest.raises(AttributeError):
        Base(1).other = 2  # slots: no other attribute
    assert Child.__slots__ == ("name", "words", "flag") and isinstance(Child(1, "x"), Base)
    held = Held()
    assert weakref.ref(held)() is held and Held() == Held() and Held().items is not Held().items
    with pytest.raises(TypeError):
        weakref.ref(Base(1))
    changed = R.replace(Child(1, "x", [2]), name="y")
    assert changed == Child(1, "y", [2]) and type(changed) is Child


def test_the_tree_classes_are_records_with_the_fields_in_order():
    assert R.fields(T.Statement) == ("kind", "span", "extent", "source", "text", "words", "node", "block",
                                     "json_lines", "dropped", "comment", "diagnostics", "to_file")
    assert T.child_fields(T.Atom) == ("left", "op", "right", "group")  # `negated` is a bool
    assert T.child_fields(T.OnError) == ("label",)  # `mode` is a str
    word = T.Word("x", "WORD", None)
    assert T.Command(None, [word]) == T.Command(None, [T.Word("x", "WORD", None)], None, None)
    assert T.Command(None, [word]) != T.Command(None, [T.Word("y", "WORD", None)])
    assert weakref.ref(T.Script("p", "", [], []))  # the parser keeps scripts weakly


_UNSET = object()


@R.record(frozen=True)
class Frozen:
    code: str
    tags: tuple = ()
    note: str = R.field(default="", compare=False, repr=False)


@dataclasses.dataclass(frozen=True)
class DFrozen:
    code: str
    tags: tuple = ()
    note: str = dataclasses.field(default="", compare=False, repr=False)


@R.record(slots=True, frozen=True)
class FrozenSlots:
    start: int
    end: int


@R.record
class Plain:
    name: str
    level: str = "warning"
    seen: set = R.field(default_factory=set)
    _memo: object = R.field(default=_UNSET, init=False, repr=False, compare=False)
    _later: object = R.field(default_factory=dict, init=False, repr=False, compare=False)


@dataclasses.dataclass
class DPlain:
    name: str
    level: str = "warning"
    seen: set = dataclasses.field(default_factory=set)
    _memo: object = dataclasses.field(default=_UNSET, init=False, repr=False, compare=False)
    _later: object = dataclasses.field(default_factory=dict, init=False, repr=False, compare=False)


def test_frozen_records_refuse_assignment_hash_by_their_compared_fields_and_pickle():
    import pickle

    a = Frozen("x", (1,), note="n")
    assert a == Frozen("x", (1,)) and hash(a) == hash(Frozen("x", (1,), "other"))
    assert repr(a) == repr(DFrozen("x", (1,), note="n")).replace("DFrozen", "Frozen")
    with pytest.raises(AttributeError):
        a.code = "y"
    with pytest.raises(AttributeError):
        del a.code
    assert pickle.loads(pickle.dumps(a)) == a and pickle.loads(pickle.dumps(a)).note == "n"
    s = FrozenSlots(1, 2)
    assert pickle.loads(pickle.dumps(s)) == s and {s, FrozenSlots(1, 2)} == {s}
    with pytest.raises(AttributeError):
        s.start = 3
    assert R.replace(s, end=5) == FrozenSlots(1, 5)
    with pytest.raises(TypeError):
        R.replace(s, middle=3)


def test_a_record_without_slots_is_a_dataclass_without_slots():
    p, d = Plain("a"), DPlain("a")
    assert repr(p) == repr(d).replace("DPlain", "Plain") and p.__match_args__ == d.__match_args__
    assert p._memo is _UNSET and p._later == {} and p._later is not Plain("b")._later
    p._memo = 3  # not compared
    assert p == Plain("a") and p != Plain("a", "error") and p.seen is not Plain("a").seen
    assert Plain.level == DPlain.level == "warning" and not hasattr(Plain, "seen")  # as a dataclass leaves them
    p.extra = 1  # a __dict__, as without slots
    with pytest.raises(TypeError):
        Plain("a", "b", set(), 4)  # init=False fields are not parameters
    assert R.replace(p, level="info") == Plain("a", "info")
