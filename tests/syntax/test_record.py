"""``@record`` (compiler/syntax/record.py) makes the tree's classes as ``dataclass(slots=True)``
would: the same constructor, fields, equality and repr, compared on twin classes."""

from __future__ import annotations

import dataclasses
import weakref

import pytest

from compiler.syntax import record as R
from compiler.syntax import tree as T


@R.record
class Base:
    span: int

    def twice(self) -> int:
        return self.span * 2


@R.record
class Child(Base):
    """A child with defaults."""

    name: str
    words: list = R.factory(list)
    flag: bool = False


@R.record(weakref_slot=True)
class Held:
    items: dict = R.factory(dict)


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
