"""``@record``: the syntax tree's classes as ``@dataclass(slots=True)`` would make them, for
less at import.

Why: `alc lint FILE` (pre-commit) is mostly start-up, and ``dataclasses.dataclass`` builds
each class at import by compiling three generated methods (``__init__``, ``__repr__``,
``__eq__``), working out a signature for its docstring and making the class a second time for
its slots: for the tree's 30 classes that was 12-15 ms of every run (``python -X importtime``:
``compiler.syntax.tree`` 14-15 ms of its own, now about 2 ms).  ``record`` compiles only
``__init__`` (the parser calls it for every node: it stays plain generated code, as fast as
dataclass's); equality and ``repr`` compare and show the fields through one
``operator.attrgetter`` per class, without generated code.

What a class gets, as from ``dataclass(slots=True)``: fields from its annotations, after its
base's; defaults and ``field(default_factory=...)`` (here ``factory``); ``__slots__`` (and
``__weakref__`` with ``weakref_slot=True``); ``__init__`` taking the fields in order;
``__eq__`` (same class, equal fields) and ``__hash__ = None``; ``__repr__``
``Name(field=value, ...)``; ``__match_args__``.  ``fields(cls)`` gives the fields' names and
``field_types(cls)`` their annotations (strings).  Nothing else (no frozen, order, kw_only,
``__post_init__``): the tree does not use them.
"""

from __future__ import annotations

from operator import attrgetter

_FIELDS = "__record_fields__"  # on each class: ((name, annotation), ...) in __init__ order


class factory:
    """A field's default made by a call per object: ``words: list[Word] = factory(list)``."""

    __slots__ = ("make",)

    def __init__(self, make) -> None:
        self.make = make


class _Missing:
    """The default of a factory field in ``__init__``: replaced by a new value per object."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<factory>"


_MISSING = _Missing()
_NO_DEFAULT = object()  # a field without a default


def fields(cls) -> tuple[str, ...]:
    """The names of a record's fields, in ``__init__`` order."""
    return tuple(name for name, _ in getattr(cls, _FIELDS))


def field_types(cls) -> dict[str, str]:
    """Each field's annotation, as written (the tree's modules use postponed annotations)."""
    return dict(getattr(cls, _FIELDS))


def record(cls=None, /, *, weakref_slot: bool = False):
    """``@record`` or ``@record(weakref_slot=True)``: see the module's docstring."""
    if cls is None:
        return lambda c: _build(c, weakref_slot)
    return _build(cls, weakref_slot)


def _build(cls, weakref_slot: bool):
    inherited = ()
    for base in cls.__mro__[1:]:
        if _FIELDS in base.__dict__:
            inherited = base.__dict__[_FIELDS]
            break
    own = tuple(cls.__dict__.get("__annotations__", {}).items())
    namespace = {k: v for k, v in cls.__dict__.items() if k not in ("__dict__", "__weakref__")}
    defaults = {**getattr(cls, "__record_defaults__", {}),
                **{name: namespace.pop(name) for name, _ in own if name in namespace}}
    all_fields = inherited + own
    names = tuple(name for name, _ in all_fields)

    # __init__ as generated source: one compile per class.  A default is a name in the
    # function's globals (``_d_<field>``), a factory's default is _MISSING.
    globals_: dict = {"_MISSING": _MISSING}
    params, body = [], []
    for name, _ in all_fields:
        default = defaults.get(name, _NO_DEFAULT)
        if isinstance(default, factory):
            globals_[f"_f_{name}"] = default.make
            params.append(f"{name}=_MISSING")
            body.append(f"    self.{name} = _f_{name}() if {name} is _MISSING else {name}")
        elif default is not _NO_DEFAULT:
            globals_[f"_d_{name}"] = default
            params.append(f"{name}=_d_{name}")
            body.append(f"    self.{name} = {name}")
        else:
            params.append(name)
            body.append(f"    self.{name} = {name}")
    source = f"def __init__(self, {', '.join(params)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), globals_)
    init = globals_["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"

    slots = tuple(name for name, _ in own) + (("__weakref__",) if weakref_slot else ())
    namespace["__slots__"] = slots
    namespace[_FIELDS] = all_fields
    namespace["__match_args__"] = names
    namespace["__init__"] = init
    namespace["__record_defaults__"] = defaults
    if "__eq__" not in namespace:
        key = attrgetter(*names) if names else (lambda self: ())

        def __eq__(self, other, _key=key):
            if other.__class__ is self.__class__:
                return _key(self) == _key(other)
            return NotImplemented

        namespace["__eq__"] = __eq__
        namespace["__hash__"] = None
    if "__repr__" not in namespace:
        def __repr__(self, _names=names):
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names)
            return f"{self.__class__.__qualname__}({shown})"

        namespace["__repr__"] = __repr__
    return type(cls)(cls.__name__, cls.__bases__, namespace)


def replace(obj, **changes):
    """A copy of a record with some fields changed (``dataclasses.replace``)."""
    return obj.__class__(**{name: changes[name] if name in changes else getattr(obj, name)
                            for name in fields(obj.__class__)})
