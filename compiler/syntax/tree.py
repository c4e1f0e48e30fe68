"""The lossless syntax tree.

A :class:`Script` is the file as a sequence of items, each covering whole physical lines:
blank lines, comments, labels and statements.  Joining the items' ``source`` gives back the
file byte for byte.  A statement holds the words the node sees (with their positions in the
file) and, when it parses, a typed node (:class:`Command`, :class:`Assignment`, :class:`If`
...).  Every node carries a :class:`~compiler.source.Span` with 1-based lines and columns.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterator

from compiler.diagnostics import Diagnostic
from compiler.record import field, field_types, record
from compiler.source import Span

# !name, !name.int, !name[0:3], $NAME -- a reference at the start of a word.
_REF = re.compile(r"(?P<sigil>!!?|\$)(?P<name>[A-Za-z0-9_\-]+)(?P<rest>.*)", re.S)
CASTS = ("int", "float", "str", "bool", "len", "name", "replies", "diff")


@record(slots=True)
class Word:
    """One word as the node's splitter produces it."""

    text: str  # as written (quotes kept); block line breaks read as single spaces
    kind: str  # WORD VAR ENV DQ SQ BQ ESCQ PAREN BRACE BRACKET OPEN or an operator/keyword type
    span: Span
    offset: int = -1  # where the word starts in its statement's logical text

    @property
    def value(self) -> str:
        """The word as a command reads it: double quotes removed, everything else kept."""
        if self.kind == "DQ":
            return self.text[1:-1]
        return self.text

    @property
    def reference(self) -> "Reference | None":
        """The variable this word reads, for !var / $ENV words."""
        if self.kind != "VAR" and self.kind != "ENV":
            return None
        return _reference(self.text)

    def __str__(self) -> str:
        return self.text


@record(slots=True, frozen=True)
class Reference:
    sigil: str  # "!", "!!" or "$"
    name: str
    cast: str | None
    rest: str  # what follows the name: [0:3], /path/x.al ...


# Scripts read the same few variables over and over: one regex match per distinct text.
# A Reference is frozen, so the cached one can be shared.
@lru_cache(maxsize=16384)
def _reference(text: str) -> Reference | None:
    m = _REF.match(text)
    if not m:
        return None
    rest = m.group("rest")
    cast = None
    # A cast is a suffix of the whole word (params.al_func_); any other dotted suffix
    # stays part of the rest, as in !dir/x.al.
    if rest[:1] == "." and rest[1:] in CASTS:
        cast, rest = rest[1:], ""
    return Reference(m.group("sigil"), m.group("name"), cast, rest)


@record(slots=True)
class Node:
    span: Span

    def children(self) -> list["Node | Word"]:
        """The child nodes and words, in field order (a list: walks call this very often)."""
        found: list[Node | Word] = []
        for name in child_fields(type(self)):
            value = getattr(self, name)
            if isinstance(value, _CHILD_TYPES):
                found.append(value)
            elif isinstance(value, list):
                for item in value:
                    if isinstance(item, _CHILD_TYPES):
                        found.append(item)
        return found

    def words(self) -> Iterator[Word]:
        for child in self.children():
            if isinstance(child, Word):
                yield child
            else:
                yield from child.words()


_CHILD_TYPES = (Node, Word)
# Per node class, the fields that may hold children: all but the span and the plain str/bool
# fields (OnError.mode, Atom.negated).  Worked out once per class, not per call.
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def child_fields(cls: type) -> tuple[str, ...]:
    names = _CHILD_FIELDS.get(cls)
    if names is None:
        names = _CHILD_FIELDS[cls] = tuple(
            name for name, annotation in field_types(cls).items()
            if name != "span" and annotation not in ("str", "bool"))
    return names


@record(slots=True)
class KeyValue(Node):
    """``key = value`` in a where clause (multi-word keys and values are kept as words)."""

    key_words: list[Word]
    eq: Word | None  # None for a where item written without "= value"
    value_words: list[Word]
    group: "list[KeyValue] | None" = None  # a nested ( ... ) group of k = v pairs

    @property
    def key(self) -> str:
        words = self.key_words
        # Almost every key is one word; a list join is faster than a generator's.
        return words[0].text if len(words) == 1 else " ".join([w.text for w in words])

    @property
    def value(self) -> str:
        """The value as the node joins it: words (quotes removed) with single spaces."""
        words = self.value_words
        return words[0].value if len(words) == 1 else " ".join([w.value for w in words])


@record(slots=True)
class Where(Node):
    keyword: Word
    items: list[KeyValue]

    def get(self, key: str) -> KeyValue | None:
        for item in self.items:
            if item.key == key:
                return item
        return None


@record(slots=True)
class Bring(Node):
    keyword: Word  # bring, bring.first, bring.last ...
    items: list[Word]

    @property
    def modifiers(self) -> list[str]:
        return self.keyword.text.split(".")[1:]


@record(slots=True)
class Command(Node):
    """A command: its leading words, an optional where clause and bring clause."""

    head: list[Word]
    where: Where | None = None
    bring: Bring | None = None

    @property
    def name(self) -> str:
        return " ".join([w.text for w in self.head])


@record(slots=True)
class Concat(Node):
    parts: list[Word]  # the values, without the + words
    plus: list[Word] = field(default_factory=list)


@record(slots=True)
class Assignment(Node):
    """``x = value``: a value, a concatenation, or a command whose output is stored."""

    target: Word  # usually a name; the node takes any first word followed by `=`
    eq: Word
    value: Node


@record(slots=True)
class SetAssignment(Node):
    keyword: Word
    target: Word
    eq: Word
    value: Word


@record(slots=True)
class PolicyAssign(Node):
    key: Word | None  # the [k][k2] path (None when attached to the variable name)
    op: Word  # = or +
    value: Word


@record(slots=True)
class SetPolicy(Node):
    keyword: Word
    target: Word
    assigns: list[PolicyAssign]


@record(slots=True)
class Atom(Node):
    """One test of a condition: ``x``, ``not x`` or ``x op y``."""

    left: Word
    op: Word | None = None
    right: Word | None = None
    negated: bool = False
    group: "Condition | None" = None  # a ( ... ) group, parsed


@record(slots=True)
class Condition(Node):
    atoms: list[Atom]
    connectors: list[Word]  # and / or between the atoms


@record(slots=True)
class If(Node):
    keyword: Word
    condition: Condition
    then: Word | None = None
    body: Node | None = None


@record(slots=True)
class Else(Node):
    keyword: Word
    body: Node | None = None


@record(slots=True)
class Do(Node):
    keyword: Word
    body: Node | None = None


@record(slots=True)
class Goto(Node):
    keyword: Word
    label: Word


@record(slots=True)
class Call(Node):
    keyword: Word
    label: Word


@record(slots=True)
class Return(Node):
    keyword: Word
    values: list[Word]


@record(slots=True)
class OnError(Node):
    mode: str  # goto | call | ignore | end
    label: Word | None = None


@record(slots=True)
class EndScript(Node):
    pass


@record(slots=True)
class ExitScripts(Node):
    pass


@record(slots=True)
class Process(Node):
    keyword: Word
    file: list[Word]  # one word, or the parts of a + concatenation
    args: list[Word]


@record(slots=True)
class Print(Node):
    keyword: Word  # print or echo
    items: list[Word]


@record(slots=True)
class Python(Node):
    keyword: Word
    items: list[Word]


@record(slots=True)
class Schedule(Node):
    keyword: Word
    items: list[KeyValue]
    task: Word
    body: Node


# ------------------------------------------------------------------ file-level items


@record(slots=True)
class Item:
    """A part of the file that covers whole lines: ``extent`` includes their line breaks."""

    kind: str
    span: Span  # the text of the item, without surrounding whitespace
    extent: tuple[int, int]
    source: str

    def to_source(self) -> str:
        return self.source


@record(slots=True)
class LineItem(Item):
    """A blank, comment or label line (labels: ``kind`` label/indented-label/malformed-label)."""

    label: str | None = None


@record(slots=True)
class Statement(Item):
    """One logical statement as the node runs it (kind ``statement``)."""

    text: str = ""  # the logical text: block lines joined by spaces, JSON lines joined
    words: list[Word] = field(default_factory=list)
    node: Node | None = None  # None when the statement does not parse
    block: bool = False
    json_lines: bool = False
    dropped: Span | None = None  # text after an unquoted '&': the node never runs it
    comment: Span | None = None  # a trailing '# comment'
    diagnostics: list[Diagnostic] = field(default_factory=list)
    to_file: "Callable[[int], int] | None" = None  # logical text offset -> file offset

    def file_offset(self, logical: int) -> int:
        """Where a character of the logical text stands in the file."""
        return self.to_file(logical) if self.to_file else self.span.start + logical


@record(slots=True, weakref_slot=True)
class Script:
    path: str
    text: str
    items: list[Item]
    diagnostics: list[Diagnostic]
    # The labels the node registers (0-based line -> name): every raw line that starts with
    # ':' and has a second ':', also inside a statement (a block's skipped lines).
    registered_labels: dict[int, str] = field(default_factory=dict)

    def to_source(self) -> str:
        return "".join(item.source for item in self.items)

    @property
    def statements(self) -> list[Statement]:
        return [item for item in self.items if isinstance(item, Statement)]

    @property
    def labels(self) -> list[LineItem]:
        return [item for item in self.items if isinstance(item, LineItem) and item.label is not None]
