"""``@record``: classes as ``@dataclass`` makes them, for less at import (a speed trick).

Why: `alc lint FILE` (pre-commit) is mostly start-up.  ``dataclasses.dataclass`` builds each
class at import by compiling three to six generated methods, working out a signature for its
docstring and, for slots, making the class a second time; and importing ``dataclasses``
imports ``inspect``.  The 60 dataclasses `alc lint FILE` imports cost about 27 ms of its CPU
time (``dataclasses`` and ``inspect`` 10 ms, the classes 17 ms; `python -X importtime` and
``time.process_time``), the syntax tree's 30 classes alone 11.5 ms; as records, about 3 ms
for all.  ``record`` compiles only ``__init__`` (called for every node the parser makes: it
stays plain generated code, as fast as dataclass's); equality, hash and ``repr`` read the
fields through one ``operator.attrgetter`` per class, without generated code.

The declarations read as dataclasses do: ``@record``, ``@record(slots=True)``,
``@record(frozen=True)``, fields from the class's annotations after its base's, defaults and
``field(default=..., default_factory=..., init=..., repr=..., compare=...)``.  A class gets
what a dataclass with those options gets: ``__init__`` taking the fields in order (but those
with ``init=False``); ``__eq__`` (same class, equal compared fields) and, unless frozen,
``__hash__ = None``; frozen: assignments refused (``FrozenInstanceError``, an
AttributeError) and a hash of the compared fields; ``__repr__`` ``Name(field=value, ...)``;
``__match_args__``; ``__slots__`` with ``slots=True`` (and ``__weakref__`` with
``weakref_slot=True``).  ``fields(cls)`` and ``replace(obj, **changes)`` stand for
``dataclasses.fields`` (names only) and ``dataclasses.replace``.  Nothing else (no order,
kw_only, ``__post_init__``, ClassVar, InitVar): alc's records do not use them.
"""

from __future__ import annotations

from operator import attrgetter

_FIELDS = "__record_fields__"  # on each class: its Fields, in __init__ order


class FrozenInstanceError(AttributeError):
    """An assignment to a field of a frozen record."""


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


class Field:
    """One field: its name and annotation (a string: alc's modules postpone annotations),
    default or factory, and whether ``__init__``, ``repr`` and equality take it."""

    __slots__ = ("name", "type", "default", "default_factory", "init", "repr", "compare")

    def __init__(self, default=MISSING, default_factory=MISSING, init: bool = True, repr: bool = True,
                 compare: bool = True) -> None:
        self.name = self.type = None
        self.default, self.default_factory = default, default_factory
        self.init, self.repr, self.compare = init, repr, compare


def field(*, default=MISSING, default_factory=MISSING, init: bool = True, repr: bool = True,
          compare: bool = True):
    """A field's options, as ``dataclasses.field`` takes them."""
    return Field(default, default_factory, init, repr, compare)


def fields(cls) -> tuple[str, ...]:
    """The names of a record's fields, in ``__init__`` order (with those not in it)."""
    return tuple(f.name for f in getattr(cls, _FIELDS))


def field_types(cls) -> dict[str, str]:
    """Each field's annotation, as written."""
    return {f.name: f.type for f in getattr(cls, _FIELDS)}


def replace(obj, **changes):
    """A copy of a record with some fields changed (``dataclasses.replace``)."""
    values = {f.name: changes.pop(f.name) if f.name in changes else getattr(obj, f.name)
              for f in getattr(obj.__class__, _FIELDS) if f.init}
    if changes:
        raise TypeError(f"{obj.__class__.__name__} has no field {', '.join(changes)} to replace")
    return obj.__class__(**values)


def record(cls=None, /, *, slots: bool = False, frozen: bool = False, weakref_slot: bool = False):
    """``@record`` or ``@record(slots=..., frozen=..., weakref_slot=...)``: see the module."""
    if cls is None:
        return lambda c: _build(c, slots, frozen, weakref_slot)
    return _build(cls, slots, frozen, weakref_slot)


def _build(cls, slots: bool, frozen: bool, weakref_slot: bool):
    inherited: tuple = ()
    for base in cls.__mro__[1:]:
        if _FIELDS in base.__dict__:
            inherited = base.__dict__[_FIELDS]
            break
    own = []
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        value = cls.__dict__.get(name, MISSING)
        f = value if isinstance(value, Field) else Field(default=value)
        f.name, f.type = name, annotation
        own.append(f)
    by_name = {f.name: f for f in inherited}  # a field declared again keeps its place
    by_name.update((f.name, f) for f in own)
    all_fields = tuple(by_name.values())

    # __init__ as generated source, one compile per class: a default is a global of the
    # function (``_d_<field>``), a factory's default is MISSING, replaced per object.
    globals_: dict = {"MISSING": MISSING, "_set": object.__setattr__}
    params, body = [], []
    for f in all_fields:
        name = f.name
        if f.default_factory is not MISSING:
            globals_[f"_f_{name}"] = f.default_factory
            value = f"_f_{name}()" if not f.init else f"_f_{name}() if {name} is MISSING else {name}"
            if f.init:
                params.append(f"{name}=MISSING")
        elif f.default is not MISSING:
            globals_[f"_d_{name}"] = f.default
            value = f"_d_{name}" if not f.init else name
            if f.init:
                params.append(f"{name}=_d_{name}")
        elif f.init:
            value = name
            params.append(name)
        else:
            continue  # neither given nor defaulted: set later by the class's own code
        body.append(f"    _set(self, {name!r}, {value})" if frozen else f"    self.{name} = {value}")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), globals_)
    init = globals_["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"

    methods = {_FIELDS: all_fields, "__init__": init,
               "__match_args__": tuple(f.name for f in all_fields if f.init)}
    own_dict = cls.__dict__
    if "__repr__" not in own_dict:
        methods["__repr__"] = _repr_of(tuple(f.name for f in all_fields if f.repr))
    if "__eq__" not in own_dict:
        compared = tuple(f.name for f in all_fields if f.compare)
        key = attrgetter(*compared) if len(compared) > 1 else (
            (lambda self, _get=attrgetter(compared[0]): (_get(self),)) if compared else (lambda self: ()))

        def __eq__(self, other, _key=key):
            if other.__class__ is self.__class__:
                return _key(self) == _key(other)
            return NotImplemented

        methods["__eq__"] = __eq__
        if "__hash__" not in own_dict:
            methods["__hash__"] = (lambda self, _key=key: hash(_key(self))) if frozen else None
    if frozen:
        methods["__setattr__"] = _refuse_set
        methods["__delattr__"] = _refuse_delete

    if not slots:
        for f in own:  # as a dataclass leaves them: plain defaults stay class attributes
            if isinstance(own_dict.get(f.name), Field):
                if f.default is MISSING:
                    delattr(cls, f.name)
                else:
                    setattr(cls, f.name, f.default)
        for name, value in methods.items():
            setattr(cls, name, value)
        return cls
    namespace = {k: v for k, v in own_dict.items()
                 if k not in ("__dict__", "__weakref__") and k not in {f.name for f in own}}
    namespace.update(methods)
    namespace["__slots__"] = tuple(f.name for f in own) + (("__weakref__",) if weakref_slot else ())
    if frozen:  # pickle sets the fields past __setattr__ (as a frozen dataclass's slots do)
        namespace["__getstate__"] = _getstate
        namespace["__setstate__"] = _setstate
    return type(cls)(cls.__name__, cls.__bases__, namespace)


_REPRING: set[int] = set()  # the records being shown: one that holds itself shows "..."


def _repr_of(names: tuple[str, ...]):
    def __repr__(self) -> str:
        key = id(self)
        if key in _REPRING:
            return "..."
        _REPRING.add(key)
        try:
            shown = ", ".join([f"{name}={getattr(self, name)!r}" for name in names])
        finally:
            _REPRING.discard(key)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _refuse_set(self, name, value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self, name):
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _getstate(self):
    return [getattr(self, f.name) for f in getattr(self.__class__, _FIELDS)]


def _setstate(self, state):
    for f, value in zip(getattr(self.__class__, _FIELDS), state):
        object.__setattr__(self, f.name, value)
