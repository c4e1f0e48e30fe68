"""Parse scripts: scanner -> words -> lark LALR (grammar/anylog.lark) -> typed nodes.

``parse(text)`` never raises: what the node would reject or misread becomes a
``syntax-error`` diagnostic on the statement, and every other statement still parses.
"""

from __future__ import annotations

import re
import weakref
from functools import lru_cache
from pathlib import Path

from compiler.diagnostics import (ERROR, INCOMPLETE_RULE, MISSING_THEN_RULE, PARSER_RULES,
                                  SYNTAX_RULE, Diagnostic)
from compiler.source import SourceText, Span, no_gc
from compiler.syntax import scanner as S
from compiler.syntax.cache import TextCache
from compiler import record
from compiler.syntax import tree as T
from compiler.syntax import lalr
from compiler.syntax import words as W

OPERATORS = {"=": "EQ", "==": "EQEQ", "!=": "NE", "+": "PLUS", "<": "LT", ">": "GT",
             "<=": "LE", ">=": "GE", "->": "ARROW"}

KEYWORDS = {
    "if": "IF", "then": "THEN", "else": "ELSE", "do": "DO", "goto": "GOTO", "call": "CALL",
    "return": "RETURN", "on": "ON", "error": "ERROR", "ignore": "IGNORE", "end": "END",
    "script": "SCRIPT", "exit": "EXIT", "scripts": "SCRIPTS", "process": "PROCESS",
    "print": "PRINT", "echo": "ECHO", "set": "SET", "policy": "POLICY", "where": "WHERE",
    "and": "AND", "or": "OR", "not": "NOT", "schedule": "SCHEDULE", "task": "TASK",
    "python": "PYTHON", "contains": "CONTAINS", "startswith": "STARTSWITH",
    "endswith": "ENDSWITH", "childfrom": "CHILDFROM",
}
# Words that start a statement: after a condition they usually mean a forgotten `then`.
STATEMENT_WORDS = {"goto", "call", "return", "process", "print", "echo", "set", "exit", "end",
                   "run", "connect", "create", "blockchain", "on", "do", "else", "if"}
# The prompt of a node's console, pasted into scripts from transcripts: "AL >", "AL name +>".
PROMPT = re.compile(r"^(AL|EL)$")
# Two-word statements: the first word is a keyword only when the second one follows.
PAIRED = {"on": "error", "end": "script", "exit": "scripts"}

START_SYMBOLS = ["start", "paren_condition", "group", "json_value"]


def grammar_text() -> str:
    """The grammar, from the installed package or, in a source checkout, from grammar/."""
    here = Path(__file__).resolve()
    # On a file system: the installed package (what importlib.resources finds), else the
    # source checkout; importlib.resources (slow to import) only for other loaders.
    for path in (here.parents[1] / "grammar" / "anylog.lark", here.parents[2] / "grammar" / "anylog.lark"):
        if path.is_file():
            return path.read_text("utf-8")
    from importlib import resources

    return (resources.files("compiler") / "grammar" / "anylog.lark").read_text("utf-8")


@lru_cache(maxsize=1)
def lark_parser():
    """lark's parser of the grammar (alc itself parses with :mod:`compiler.syntax.lalr`)."""
    from lark import Lark

    return Lark(grammar_text(), parser="lalr", start=START_SYMBOLS, maybe_placeholders=False)


def _word_type(raw_kind: str, text: str) -> str:
    """The grammar's type of a word the splitter produced (before keywords are decided)."""
    if raw_kind == W.OP:
        return OPERATORS.get(text, "WORD")  # `>{}`: the name{} rule glued `{}` to it
    if raw_kind == W.WORD:
        if text.startswith("!") and len(text) > 1:
            return "VAR"
        if text.startswith("$") and len(text) > 1:
            return "ENV"
    return raw_kind


def _keyword(words: list[tuple[str, str]], index: int) -> str | None:
    """The keyword type a WORD may take, from its text and the word after it."""
    kind, text = words[index]
    if kind != "WORD":
        return None
    nxt = words[index + 1][1] if index + 1 < len(words) else None
    if nxt == "=" and words[index + 1][0] == "EQ":
        return None  # `if = 1`, `print = x`: a variable named like a keyword
    if text in PAIRED:
        return KEYWORDS[text] if nxt == PAIRED[text] else None
    if text == "bring" or text.startswith("bring."):
        return "BRING"
    return KEYWORDS.get(text)


class _ParseError(Exception):
    def __init__(self, index: int, expected: set[str], types: list[str]) -> None:
        self.index = index
        self.expected = expected
        self.types = types  # the types of the words fed up to the error (keywords decided)


# Statements nest (`if a then if b then ...`, `x = y = ...`) and every stage walks a tree by
# recursion, so a statement nested deeper than any script needs is reported, not parsed: the
# automaton's stack grows with the nesting (lists do not grow it).  The deepest statement of
# the public scripts needs 18; 200 is about 60 levels.  The node itself recurses per level.
MAX_STACK = 200
TOO_DEEP = frozenset({"$DEEP"})


def _run(types: list[tuple[str, str]], start: str) -> tuple[object, list[str], tuple | None]:
    """Feed classified words to the LALR automaton; keywords only where the grammar accepts them.

    Returns (tree, the type of each word fed, None) or (None, types fed, (index, expected)).
    """
    table = lalr.table()
    stack = [table.start_states[start]]
    values: list = []
    end_state = table.end_states[start]
    fed: list[str] = []
    open_if = False  # an `if` whose condition has not met its `then` yet
    try:
        for index, (kind, text) in enumerate(types):
            ttype = kind
            keyword = _keyword(types, index)
            if keyword == "THEN" and open_if:
                ttype = keyword  # the node ends the condition at the first `then`, wherever it is
            elif keyword is not None and table.accepts(stack, keyword):
                ttype = keyword
            if ttype == "IF":
                open_if = True
            elif ttype == "THEN":
                open_if = False
            fed.append(ttype)
            table.feed(stack, values, ttype, index, index)
            if len(stack) > MAX_STACK:
                return None, fed, (index, TOO_DEEP)
        return table.feed(stack, values, "$END", None, len(types), end_state), fed, None
    except lalr.Unexpected as exc:
        return None, fed, (exc.index, frozenset(exc.expected))


# Parsed shapes: the parse of a statement depends only on its words' types and on the text of
# the words that may be keywords, so statements of one shape share one parse (a tree over word
# indexes).  Deployment scripts repeat a few hundred shapes.
_SHAPES: dict[tuple, list] = {}
_SHAPES_MAX = 50_000
CACHE_SHAPES = True  # tests turn it off to compare with uncached parses
# A shape's template is compiled (about 0.1 ms) once the builder has made this many of its
# statements: for fewer, the builder is cheaper.  8 saved 4% of linting the public
# deployment scripts against 2, and cost 0.2% on a generated 20,000-line script.  The
# template tests set 2, so that short texts exercise templates too.
TEMPLATE_AFTER = 8


def _collapse(tree):
    """The tree without the nodes whose handler just returns their only child (value,
    operand, key_item ... and the start symbols): the builder gives the same nodes, faster."""
    if tree.__class__ is int:
        return tree
    name, children = tree
    children = [_collapse(child) for child in children]
    if len(children) == 1 and name in _PASS_THROUGH:
        return children[0]
    return (name, children)


def _is_keyword_text(text: str) -> bool:
    return text in KEYWORDS or text == "bring" or text.startswith("bring.")


def _shape(types: list[tuple[str, str]], start: str) -> tuple:
    """The key of a statement shape, from its words' (type, text)."""
    return (start, *[text if kind == "WORD" and _is_keyword_text(text) else kind
                     for kind, text in types])


def parse_shape(words: list[T.Word], start: str, key: tuple | None = None) -> list:
    """The (cached) parse of the shape of ``words``: [tree, types, error, template, builds]."""
    pairs = [(w.kind, w.text) for w in words]
    if not CACHE_SHAPES:
        return [*_run(pairs, start), None, 0]
    if key is None:
        key = _shape(pairs, start)
    entry = _SHAPES.get(key)
    if entry is None:
        tree, types, error = _run(pairs, start)
        # And this shape's template (see _Template), and how many statements the builder made.
        entry = [_collapse(tree) if tree is not None else None, types, error, None, 0]
        if len(_SHAPES) >= _SHAPES_MAX:
            _SHAPES.clear()
        _SHAPES[key] = entry
    return entry


# The words of a statement text as ((text, type, start, end), ...), the key of its shape and
# its parse: most statement texts recur, and the next one of a text needs no lookups.
_LAYOUTS = TextCache(20_000)


def _layout(text: str, result: W.Split) -> list | None:
    # One pass for the words, their types and the shape key (what _shape gives): this runs
    # for every distinct statement text.
    items = []
    shape = ["start"]
    paren = False
    for rw in result.words:
        start, end = rw.start, rw.end
        if end <= start:
            return None  # an empty word: placed the slow way (not cached)
        word_text = text[start:end]
        kind = _word_type(rw.kind, word_text)
        if kind == W.PAREN:
            paren = True
        items.append((word_text, kind, start, end))
        shape.append(word_text if kind == "WORD" and _is_keyword_text(word_text) else kind)
    # [words, shape key, shape entry (parse_shape's, once looked up), words typed by it,
    #  has a ( ... ) word]
    layout = [tuple(items), tuple(shape), None, False, paren]
    _LAYOUTS.put(text, layout)
    return layout


class _Walk:
    """``src.span(*raw.source_range(start, end))`` for ranges in increasing order (the words
    of a statement): the segment and line pointers only move forward, where the plain path
    searches for each word."""

    __slots__ = ("raw", "segments", "count", "seg", "src", "starts", "content_ends", "line", "last")

    def __init__(self, raw: S.RawStatement, src: SourceText) -> None:
        self.raw = raw
        self.segments = raw.segments
        self.count = len(raw.segments)
        self.seg = 0
        self.src = src
        self.starts = src.starts
        self.content_ends = src.content_ends
        self.line = raw.first_line
        self.last = -1

    def to_source(self, offset: int) -> int:
        """As ``RawStatement.to_source``: the segment is the last one starting at or before."""
        segments = self.segments
        index = self.seg
        while index + 1 < self.count and segments[index + 1].logical_start <= offset:
            index += 1
        self.seg = index
        seg = segments[index]
        if offset - seg.logical_start >= seg.length and seg.length:
            return seg.source_start + seg.length  # past this segment (a join space)
        return seg.source_start + (offset - seg.logical_start)

    def position(self, offset: int) -> tuple[int, int]:
        """As ``SourceText.position``, for offsets that do not go back."""
        starts = self.starts
        index = self.line
        count = len(starts)
        while index + 1 < count and starts[index + 1] <= offset:
            index += 1
        self.line = index
        content_end = self.content_ends[index]
        if offset > content_end and index + 1 < count:
            offset = content_end  # inside the line break: the end of the line's text
        return index + 1, offset - starts[index] + 1

    def span(self, start: int, end: int) -> Span:
        if start < self.last or not self.segments or not self.starts:
            return self.src.span(*self.raw.source_range(start, end))  # not in order: search
        self.last = start
        if end <= start:
            a = b = self.to_source(start)
        else:
            a = self.to_source(start)
            b = self.to_source(end - 1) + 1
        line, column = self.position(a)
        saved = self.line
        end_line, end_column = self.position(b)
        self.line = saved  # the next word may start on the line where this one ends
        return tuple.__new__(Span, (a, b, line, column, end_line, end_column))


class StatementParser:
    """Parses the statements of one file; holds what the tree builder needs to place words."""

    def __init__(self, src: SourceText, path: str) -> None:
        self.src = src
        self.path = path
        self.origin: dict[int, tuple[S.RawStatement, int]] = {}  # id(word) -> (statement, offset)
        self.texts: dict[str, str] = {}
        self.depth = 0

    # ------------------------------------------------------------------ diagnostics
    def diagnostic(self, start: int, end: int, message: str, help: str | None = None,
                   rule: str = SYNTAX_RULE) -> Diagnostic:
        span = self.src.span(start, max(end, start))
        return Diagnostic(self.path, span.line, span.column, span.end_line, span.end_column,
                          PARSER_RULES[rule], rule, ERROR, message, help)

    # ------------------------------------------------------------------ words
    def words_of(self, raw: S.RawStatement, text: str, base: int,
                 result: W.Split | None = None) -> tuple[list[T.Word], W.Split]:
        """Split ``text`` (found at logical offset ``base`` of ``raw``) into placed words:
        the path of a ( ... ) group's inside and of texts without a cached layout."""
        if result is None:
            result = W.split(text)
        texts = self.texts
        items = []
        for rw in result.words:
            word_text = text[rw.start:rw.end]
            word_text = texts.setdefault(word_text, word_text)  # one string per distinct word
            items.append((word_text, _word_type(rw.kind, word_text), base + rw.start, base + rw.end))
        placed = self._place_on_pieces(raw, items)
        self._note_groups(raw, placed)
        return placed, result

    def _layout_words(self, raw: S.RawStatement, result: W.Split | None):
        """(words, layout) of a statement, or None: the words' texts, kinds and logical
        offsets come from the layout of its text (cached), and each piece of the statement
        shifts them by a constant on a known line."""
        segments = raw.segments
        if not segments:
            return None
        text = raw.text
        layout = _LAYOUTS[text]
        if layout is None:
            layout = _layout(text, result or W.split(text))
            if layout is None:
                return None
        new, Word = tuple.__new__, T.Word
        if raw.first_line == raw.last_line and len(segments) == 1 and segments[0].length:
            # One piece of one line (most statements).
            seg = segments[0]
            delta = seg.source_start - seg.logical_start
            column = delta - self.src.starts[raw.first_line] + 1
            number = raw.first_line + 1
            placed = [Word(word_text, kind,
                           new(Span, (start + delta, end + delta, number, start + column, number, end + column)),
                           start)
                      for word_text, kind, start, end in layout[0]]
        else:
            placed = self._place_on_pieces(raw, layout[0])
        if layout[4]:  # the text has a ( ... ) word
            self._note_groups(raw, placed)
        return placed, layout

    def _note_groups(self, raw: S.RawStatement, placed: list[T.Word]) -> None:
        """Remember where each ( ... ) word comes from, for parsing the group later."""
        for word in placed:
            if word.kind == "PAREN":
                self.origin[id(word)] = (raw, word.offset)

    def _place_on_pieces(self, raw: S.RawStatement, items) -> list[T.Word]:
        """Words (text, type, logical start, end) placed in the file: a piece of a statement
        is the text of one line, so a word inside a piece moves by that piece's shift and
        stays on its line.  A word across a join (a quoted value over lines) or outside the
        pieces is placed by the walk."""
        new, Word = tuple.__new__, T.Word
        segments = raw.segments
        count = len(segments)
        starts = self.src.starts
        lines = len(starts)
        line = raw.first_line
        index = -1
        piece_end = delta = column = number = 0
        walk = None
        placed = []
        for word_text, kind, start, end in items:
            while index + 1 < count and segments[index + 1].logical_start <= start:
                index += 1
                seg = segments[index]
                piece_end = seg.logical_start + seg.length
                delta = seg.source_start - seg.logical_start
                while line + 1 < lines and starts[line + 1] <= seg.source_start:
                    line += 1
                number = line + 1
                column = delta - starts[line] + 1
            if end <= piece_end and index >= 0:
                span = new(Span, (start + delta, end + delta, number, start + column, number, end + column))
            else:
                if walk is None:
                    walk = _Walk(raw, self.src)
                span = walk.span(start, end)
            placed.append(Word(word_text, kind, span, start))
        return placed

    # ------------------------------------------------------------------ statements
    def statement(self, raw: S.RawStatement) -> T.Statement:
        src = self.src
        first = raw.first_line
        last = raw.last_line
        # An unclosed statement also owns the blank or comment lines after its last text.
        owned = max(last, *raw.skipped_lines) if raw.skipped_lines else last
        # Its text runs from the first line's stripped start to the last line's stripped end,
        # so both lines are known: no search for the span.
        span = src.line_span(src.strip_starts[first], src.strip_ends[last], first, last)
        extent = (src.starts[first], src.ends[owned])
        # Every field in order (kind, span, extent, source, text, words, node, block,
        # json_lines, dropped, comment, diagnostics, to_file): one per statement, so no
        # keywords or default factories.  One piece of text needs no offset map: the
        # statement's span gives every offset (and the scanner's record is not kept alive).
        stmt = T.Statement("statement", span, extent, src.text[extent[0]:extent[1]], raw.text, [], None,
                           raw.block, raw.json_lines, None, None, [],
                           None if len(raw.segments) == 1 else raw.to_source)
        for problem in raw.problems:
            stmt.diagnostics.append(self.diagnostic(problem.start, problem.end, problem.message, problem.help))
        if raw.rejected:
            return stmt

        result = raw.split
        raw.split = None  # only needed once
        found = self._layout_words(raw, result) if CACHE_SHAPES else None
        if found is not None:
            words, layout = found
            if result is None:
                result = W.split(raw.text)  # cached: for the `&` and `#` offsets below
        else:
            words, result = self.words_of(raw, raw.text, 0, result)
            layout = None
        stmt.words = words
        if result.ampersand_at >= 0 and raw.text[result.ampersand_at + 1:].strip():
            a, b = raw.source_range(result.ampersand_at, len(raw.text.rstrip()))
            stmt.dropped = self.src.span(a, b)
        if result.comment_at >= 0:
            a, b = raw.source_range(result.comment_at, len(raw.text.rstrip()))
            stmt.comment = self.src.span(a, b)
        if not words:
            return stmt
        try:
            stmt.node = self.build(words, "start", layout=layout)
            headless = _condition_without_if(stmt.node)
            if headless is not None and not raw.problems:
                stmt.diagnostics.append(self.diagnostic(
                    headless.span.start, headless.span.end,
                    f"this reads as a condition without `if`: the node looks `{headless.text}` up as a "
                    "command and fails", f"write `if {headless.text} ...`"))
            misplaced = _misplaced_block_open(stmt.node)
            if misplaced is not None and not raw.problems:
                stmt.diagnostics.append(self.diagnostic(
                    misplaced.span.start, misplaced.span.end,
                    "`<` opens a multi-line block only as the first character of a line: here it "
                    "is a word of its own, and the node finds no command `<`",
                    "put the `<` first: `<do ...>`, `<if ... then ...>`"))
        except _ParseError as exc:
            # A problem the scanner found (a comment or '>' that cut the block) is the cause;
            # the parse error that follows from it would only repeat it.
            if not raw.problems:
                stmt.diagnostics.append(self.parse_error(words, exc))
        return stmt

    def build(self, words: list[T.Word], start: str, layout: list | None = None) -> T.Node:
        """The node of ``words`` (or a _ParseError); ``layout``: the cached layout of the
        statement's text they come from, which keeps its shape's parse and typed words."""
        if layout is None:
            entry = parse_shape(words, start)
            typed = False
        else:
            entry = layout[2]
            if entry is None:
                entry = layout[2] = parse_shape(words, start, layout[1])
            typed = layout[3]
        tree, types, error, template, _ = entry
        if not typed:
            for ttype, word in zip(types, words):
                word.kind = ttype  # a WORD the grammar took as a keyword
            if layout is not None:  # the next statement of this text gets its words typed
                layout[0] = tuple(item if w.kind == item[1] else (item[0], w.kind, item[2], item[3])
                                  for w, item in zip(words, layout[0]))
                layout[3] = True
        if error is not None:
            raise _ParseError(error[0], set(error[1]), types)
        if tree.__class__ is int:
            return words[tree]
        if template is not None:
            return template.build(words)
        node = _Builder(self, words).transform(tree)
        entry[4] += 1
        if entry[4] == TEMPLATE_AFTER:
            entry[3] = _Template.derive(node, words)
        return node

    # The node reads one level of condition groups and nested where groups two deep; deeper
    # groups stay unparsed words, which also bounds the recursion on hostile input.
    MAX_GROUP_DEPTH = 4

    def sub_parse(self, word: T.Word, start: str):
        """Parse the inside of a ( ... ) word on its own (condition groups, nested where groups)."""
        if self.depth >= self.MAX_GROUP_DEPTH:
            return None
        self.depth += 1
        try:
            return self._sub_parse(word, start)
        finally:
            self.depth -= 1

    def _sub_parse(self, word: T.Word, start: str):
        raw, offset = self.origin[id(word)]
        words, result = self.words_of(raw, word.text[1:-1], offset + 1)
        if not words or result.error:
            return None
        try:
            return self.build(words, start)
        except _ParseError:
            return None

    def parse_error(self, words: list[T.Word], exc: _ParseError) -> Diagnostic:
        message, help = explain(words, exc.index, exc.expected)
        rule = classify(message)
        if exc.index < len(words):
            span = words[exc.index].span
            return self.diagnostic(span.start, span.end, message, help, rule)
        span = words[-1].span
        return self.diagnostic(span.end, span.end, message, help, rule)


# ---------------------------------------------------------------------- error messages

_NAMES = {
    "EQ": "`=`", "EQEQ": "`==`", "NE": "`!=`", "PLUS": "`+`", "LT": "`<`", "GT": "`>`",
    "LE": "`<=`", "GE": "`>=`", "ARROW": "`->`", "WORD": "a word", "VAR": "a `!variable`",
    "ENV": "a `$VARIABLE`", "DQ": "a quoted string", "SQ": "a quoted string",
    "BQ": "a quoted string", "ESCQ": "a quoted string", "PAREN": "a `( ... )` group",
    "BRACE": "a JSON object", "BRACKET": "a `[ ... ]` path", "OPEN": "a bracket",
    "$END": "the end of the statement",
}


def _name(ttype: str) -> str:
    return _NAMES.get(ttype) or f"`{ttype.lower()}`"


def _describe(expected: set[str]) -> str:
    values = {"WORD", "VAR", "ENV", "DQ", "SQ", "BQ", "ESCQ", "PAREN", "BRACE", "BRACKET", "OPEN"}
    parts = []
    if expected & values:
        parts.append("a value")
    parts += sorted(_name(t) for t in expected - values)
    if len(parts) > 6:
        parts = parts[:6] + ["..."]
    return ", ".join(parts[:-1]) + (" or " if len(parts) > 1 else "") + parts[-1] if parts else "nothing"


def classify(message: str) -> str:
    """Which rule a parse failure belongs to: most are plain syntax errors."""
    if message.startswith("missing `then`") or "is `then` missing?" in message \
            or message.startswith("unexpected") and "after the condition" in message:
        return MISSING_THEN_RULE
    if message.startswith(("incomplete", "the statement ends with `and`")) or " has no value:" in message:
        return INCOMPLETE_RULE
    return SYNTAX_RULE


# What the node does with an `if` whose words after the condition are not `then`, `and` or
# `or`: rc 2 (Error Command Structure), which ends the script under any `on error` but
# `ignore`; a test of the wrong shape is rc 181 (Failed to parse if condition), which
# `on error goto` catches (both seen on the EdgeLake node).
REJECTS = "rejects this `if` (\"If statement error\") and stops the script, whatever `on error` says"


def explain(words: list[T.Word], index: int, expected: set[str]) -> tuple[str, str | None]:
    """A message a person can act on for a statement that does not parse at word ``index``."""
    at_end = index >= len(words)
    if len(words) > 1 and PROMPT.match(words[0].text) and words[1].kind in ("GT", "PLUS"):
        return ("this is a CLI prompt (`AL >`), not a command: the node cannot run it",
                "remove the prompt and keep the command after it")
    found = "the end of the statement" if at_end else f"`{words[index].text}`"
    if expected == TOO_DEEP:
        return (f"the statement nests commands too deeply at {found} (`if ... then if ...`, "
                "`x = y = ...`): alc reads no further, and the node runs out of stack",
                "split it into several statements")
    kinds = [w.kind for w in words[:index]]

    def last(*wanted: str) -> int:
        return max((i for i, k in enumerate(kinds) if k in wanted), default=-1)

    jump = last("GOTO", "CALL")
    if not at_end and words[index].text == "then" and "IF" in kinds:
        return ("the condition is incomplete before `then`: a comparison needs a value on both "
                f"sides, and the node {REJECTS}", None)
    if not at_end and words[index].kind == "EQ" and expected & {"EQEQ", "NE"} and "IF" in kinds:
        return ("`=` does not compare values in a condition: the node fails to parse this `if` "
                "(an error `on error goto` catches)", "write `==` to compare")
    if "THEN" in expected and not at_end:
        if words[index].text in STATEMENT_WORDS:
            return (f"missing `then` before `{words[index].text}`: the node reads it as part of "
                    f"the condition and {REJECTS}", f"write `then {words[index].text}`")
        if expected & {"EQEQ", "NE"}:
            return (f"unexpected {found} in the condition: a test is `x`, `not x` or `x == y`, "
                    "and the node fails to parse this `if` (an error `on error goto` catches)",
                    "is `then` missing, or a value with spaces not quoted?")
        return (f"unexpected {found} after the condition: the node expects `then`, `and` or `or` "
                f"here, and {REJECTS}", "is `then` missing?")
    if last("POLICY") >= 0 and expected <= {"EQ", "PLUS"}:
        return ("incomplete `set policy`: the key path needs `= value` (or `+ value` to append "
                "to a list)", None)
    if jump >= 0 and jump >= index - 2 and kinds[jump - 2:jump] != ["ON", "ERROR"]:
        word = words[jump].text
        if at_end and jump == index - 1:
            return f"`{word}` needs a label name", f"write `{word} my-label`"
        return (f"`{word}` takes exactly one label name; the node rejects `{word}` with more "
                "words and stops the script", None)
    if last("ON") >= 0:
        return ("invalid `on error`: write `on error goto LABEL`, `on error call LABEL`, "
                "`on error ignore` or `on error end script`; the node rejects anything else "
                "and stops the script", None)
    if kinds[-2:] in (["END", "SCRIPT"], ["EXIT", "SCRIPTS"]):
        pair = "end script" if kinds[-1] == "SCRIPT" else "exit scripts"
        return f"`{pair}` takes no more words; the node rejects it", None
    if not at_end and expected <= {"PLUS", "$END"} and "PLUS" in expected:
        return (f"unexpected {found}: a concatenation must alternate values and `+` "
                "(`a + b + c`); the node fails it", "quote text that holds spaces")
    if not at_end and kinds[:1] == ["SET"] and kinds[2:3] == ["EQ"]:
        return ("`set NAME = VALUE` takes exactly one value word; the node rejects more",
                "quote a value that holds spaces, or drop `set` to join several words")
    if at_end and len(kinds) == 2 and kinds[1] == "EQ":
        return (f"`{words[0].text} =` has no value: the node reads a two-word line as a command, "
                "not as an assignment", f'write `{words[0].text} = ""` to clear the variable')
    if at_end and kinds[-1:] == ["AND"]:
        return ("the statement ends with `and`: the node expects another `key = value` after it",
                "remove the trailing `and` or add the missing pair")
    if at_end and expected <= {"EQ"}:
        return "incomplete statement: a key needs `= value`", None
    if at_end:
        return f"incomplete statement: expected {_describe(expected)}", None
    return f"unexpected {found}; expected {_describe(expected)}", None


def _condition_without_if(node: T.Node | None) -> T.Word | None:
    """`!x == y then ...`: a condition whose `if` was left out."""
    if isinstance(node, T.Command) and len(node.head) >= 4 and node.head[0].kind in ("VAR", "ENV") \
            and node.head[1].kind in ("EQEQ", "NE", "LT", "LE", "GT", "GE") \
            and any(w.text == "then" for w in node.head[3:]):
        return node.head[0]
    return None


def _misplaced_block_open(node: T.Node | None) -> T.Word | None:
    """A `<` that starts the command after do/then/else (`do <x = ...`): not a block opener.

    After `x =` it is only text the node joins into the value, so that form is left alone.
    """
    while isinstance(node, (T.If, T.Else, T.Do)):
        node = node.body
        if isinstance(node, T.Command) and node.head and node.head[0].kind == "LT":
            return node.head[0]
    return None


# ---------------------------------------------------------------------- tree building


def _span(first: Span, last: Span, _new=tuple.__new__) -> Span:
    return _new(Span, (first[0], last[1], first[2], first[3], last[4], last[5]))


def _flat(items) -> list[T.Word]:
    """Every word of ``items`` in order (the reference for :func:`_edge`, in the tests)."""
    out: list[T.Word] = []
    for item in items:
        if isinstance(item, T.Word):
            out.append(item)
        elif isinstance(item, list):
            out.extend(_flat(item))
        elif isinstance(item, T.Node):
            out.extend(item.words())
    return out


def _node_edge(node: T.Node, last: bool) -> T.Word | None:
    """The first (or last) word ``node.words()`` yields, without listing them all."""
    names = record.fields(node.__class__)
    for name in reversed(names) if last else names:
        if name == "span":
            continue
        value = getattr(node, name)
        items = value if isinstance(value, list) else [value]
        for item in reversed(items) if last else items:
            if isinstance(item, T.Word):
                return item
            if isinstance(item, T.Node):
                found = _node_edge(item, last)
                if found is not None:
                    return found
    return None


def _edge(items, last: bool) -> T.Word | None:
    """The first (or last) word of ``_flat(items)``."""
    for item in reversed(items) if last else items:
        if isinstance(item, T.Word):
            return item
        if isinstance(item, list):
            found = _edge(item, last)
        elif isinstance(item, T.Node):
            found = _node_edge(item, last)
        else:
            continue
        if found is not None:
            return found
    return None


def _node_span(*items) -> Span:
    first, last = _edge(items, False), _edge(items, True)
    if first is None:
        raise IndexError("no words")  # as _flat(items)[0] would
    return _span(first.span, last.span)


class _Builder:
    """Turns a parse tree into typed nodes; tokens (word indexes) become the statement's words."""

    def __init__(self, parser: StatementParser, words: list[T.Word]) -> None:
        self.parser = parser
        self.words = words

    def transform(self, tree):
        """Bottom-up, children left to right, as lark's Transformer does."""
        name, children = tree
        words = self.words
        args = []
        for child in children:
            args.append(words[child] if child.__class__ is int else self.transform(child))
        handler = _HANDLERS.get(name)
        if handler is not None:
            return handler(self, args)
        return getattr(self, name)(args)

    # single-word pass-throughs
    def _one(self, children):
        return children[0]

    value = key_item = operand = label_ref = policy_target = policy_key = cmp_op = _one
    second_item = head_item = value_item = free_item = bring_item = arg_item = sched_word = _one
    comparator = _one

    def start(self, c):
        return c[0]

    def paren_condition(self, c):
        return c[0]

    def group(self, c):
        return c[0]

    def key_words(self, c):
        return list(c)

    value_words = sched_words = key_words

    def file_ref(self, c):
        return [w for w in c if w.kind != "PLUS"]

    # assignments
    def assignment(self, c):
        target, eq, value = c
        return T.Assignment(_node_span(target, value), target, eq, value)

    def set_assignment(self, c):
        kw, target, eq, value = c
        return T.SetAssignment(_node_span(kw, value), kw, target, eq, value)

    def concat(self, c):
        return T.Concat(_node_span(c), [w for w in c if w.kind != "PLUS"],
                        [w for w in c if w.kind == "PLUS"])

    def policy_assign(self, c):
        return c  # [op, value]

    def set_policy(self, c):
        kw, policy_kw, target, *rest = c
        assigns = []
        key = None
        for item in rest:
            if isinstance(item, T.Word):
                if item.kind == "AND":
                    continue
                key = item
            else:
                op, value = item
                assigns.append(T.PolicyAssign(_node_span(key or op, value), key, op, value))
                key = None
        return T.SetPolicy(_node_span(kw, c[-1]), kw, target, assigns)

    # conditions
    def truthy(self, c):
        atom = T.Atom(c[0].span, c[0])
        if c[0].kind == "PAREN":
            atom.group = self.parser.sub_parse(c[0], "paren_condition")
        return atom

    def negation(self, c):
        return T.Atom(_node_span(c), c[1], negated=True)

    def comparison(self, c):
        return T.Atom(_node_span(c), c[0], c[1], c[2])

    def condition(self, c):
        return T.Condition(_node_span(c), [a for a in c if isinstance(a, T.Atom)],
                           [w for w in c if isinstance(w, T.Word)])

    def if_stmt(self, c):
        kw, cond, *rest = c
        then = rest[0] if rest else None
        body = rest[1] if len(rest) > 1 else None
        return T.If(_node_span(c), kw, cond, then, body)

    def else_stmt(self, c):
        return T.Else(_node_span(c), c[0], c[1] if len(c) > 1 else None)

    def do_stmt(self, c):
        return T.Do(_node_span(c), c[0], c[1] if len(c) > 1 else None)

    # control flow
    def goto_stmt(self, c):
        return T.Goto(_node_span(c), c[0], c[1])

    def call_stmt(self, c):
        return T.Call(_node_span(c), c[0], c[1])

    def return_stmt(self, c):
        return T.Return(_node_span(c), c[0], list(c[1:]))

    def on_error_goto(self, c):
        return T.OnError(_node_span(c), "goto", c[3])

    def on_error_call(self, c):
        return T.OnError(_node_span(c), "call", c[3])

    def on_error_ignore(self, c):
        return T.OnError(_node_span(c), "ignore")

    def on_error_end(self, c):
        return T.OnError(_node_span(c), "end")

    def end_script(self, c):
        return T.EndScript(_node_span(c))

    def exit_scripts(self, c):
        return T.ExitScripts(_node_span(c))

    # other statements
    def process_stmt(self, c):
        return T.Process(_node_span(c), c[0], c[1], list(c[2:]))

    def print_stmt(self, c):
        return T.Print(_node_span(c), c[0], list(c[1:]))

    def python_stmt(self, c):
        return T.Python(_node_span(c), c[0], list(c[1:]))

    def sched_kv(self, c):
        key, eq, value = c
        return T.KeyValue(_node_span(key, value), key, eq, value)

    def schedule_stmt(self, c):
        kw = c[0]
        items = [x for x in c if isinstance(x, T.KeyValue)]
        task_index = next(i for i, x in enumerate(c) if isinstance(x, T.Word) and x.kind == "TASK")
        return T.Schedule(_node_span(c), kw, items, c[task_index], c[task_index + 1])

    # generic commands
    def kv(self, c):
        key, eq, value = c if len(c) == 3 else (c[0], None, [])
        item = T.KeyValue(_node_span(key, value), key, eq, value)
        if len(value) == 1 and value[0].kind == "PAREN" and "=" in value[0].text:
            item.group = self.parser.sub_parse(value[0], "group")
        return item

    def kv_list(self, c):
        return [x for x in c if isinstance(x, T.KeyValue)]

    def where_clause(self, c):
        return T.Where(_node_span(c), c[0], c[1] if len(c) > 1 else [])

    def bring_clause(self, c):
        return T.Bring(_node_span(c), c[0], list(c[1:]))

    def command(self, c):
        head = [x for x in c if isinstance(x, T.Word)]
        where = next((x for x in c if isinstance(x, T.Where)), None)
        bring = next((x for x in c if isinstance(x, T.Bring)), None)
        return T.Command(_node_span(c), head, where, bring)

    def set_command(self, c):
        kw, cmd = c
        cmd.head.insert(0, kw)
        cmd.span = _node_span(kw, cmd)
        return cmd


# Rules whose handler returns its first child unchanged.
_PASS_THROUGH = frozenset({"value", "key_item", "operand", "label_ref", "policy_target", "policy_key",
                           "cmp_op", "second_item", "head_item", "value_item", "free_item",
                           "bring_item", "arg_item", "sched_word", "comparator", "start",
                           "paren_condition", "group"})

# Rule name -> handler, looked up once rather than per node.
_HANDLERS = {name: value for name, value in vars(_Builder).items()
             if callable(value) and not name.startswith("__") and name != "transform"}


class _Template:
    """The nodes of one statement shape as a compiled function of the statement's words.

    Statements of one shape give nodes of the same classes, with the same words in the same
    fields, and spans from the same first and last words: so once a shape recurs
    (TEMPLATE_AFTER), one of its statements records what the builder made (as Python source,
    compiled once) and later statements of that shape are built by one call, without the
    builder's handlers and span searches.  A template is used only when it rebuilds that
    statement exactly; shapes where a ( ... ) group is a condition or a where value (parsed
    again, by its text) keep the builder.
    """

    __slots__ = ("build",)
    MAX_WORDS = 200  # longer statements are rare; their source would only be long

    def __init__(self, build) -> None:
        self.build = build

    @classmethod
    def derive(cls, node: T.Node, words: list[T.Word]):
        if len(words) > cls.MAX_WORDS or any(w.span[0] == w.span[1] for w in words):
            return None
        if any(w.kind == "PAREN" for w in words) and _groups_parsed_by_text(node):
            return None
        index = {id(w): i for i, w in enumerate(words)}
        starts = {w.span[:1] + w.span[2:4]: i for i, w in enumerate(words)}
        ends = {w.span[1:2] + w.span[4:6]: i for i, w in enumerate(words)}
        names: dict[str, type] = {"_span": _span}

        def expr(value) -> str:
            if value is None or value.__class__ in (bool, str, int):
                return repr(value)
            if value.__class__ is T.Word:
                return f"w[{index[id(value)]}]"
            if value.__class__ is list:
                return "[" + ", ".join(expr(v) for v in value) + "]"
            if isinstance(value, T.Node):
                names[value.__class__.__name__] = value.__class__
                args = [span(value.span)]
                args += [expr(getattr(value, f)) for f in record.fields(value.__class__) if f != "span"]
                return f"{value.__class__.__name__}({', '.join(args)})"
            raise KeyError(value)

        def span(value: Span) -> str:
            first = starts[value[:1] + value[2:4]]
            last = ends[value[1:2] + value[4:6]]
            return f"_span(w[{first}].span, w[{last}].span)"

        try:
            source = f"def build(w):\n    return {expr(node)}\n"
        except KeyError:
            return None
        finally:
            expr = None  # noqa: F841 -- it refers to itself: break the cycle
        namespace = dict(names)
        exec(compile(source, "<alc statement template>", "exec"), namespace)
        template = cls(namespace["build"])
        return template if template.build(words) == node else None


def _groups_parsed_by_text(node) -> bool:
    """Does the builder parse a ( ... ) word of ``node`` again (``sub_parse``)?  It does for
    a condition that is a group and for a where value that is one group holding `=`: whether
    it does, and what it finds, depend on the group's text, not on the statement's shape."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, T.Atom) and item.left.kind == "PAREN":
            return True
        if isinstance(item, T.KeyValue) and len(item.value_words) == 1 \
                and item.value_words[0].kind == "PAREN":
            return True
        if isinstance(item, T.Node):
            stack.extend(item.children())
    return False


# ---------------------------------------------------------------------- entry point


# Scripts parsed in this process, by text, while something still holds them: `alc lint DIR`
# parses every script of the project for the cross-file checks, then each file it lints.
_PARSED: "weakref.WeakValueDictionary[str, T.Script]" = weakref.WeakValueDictionary()
CACHE_SCRIPTS = True  # tests turn it off to compare with uncached parses


def clear_caches() -> None:
    """Forget every parse kept for speed: scripts, shapes, layouts and splits by text."""
    _PARSED.clear()
    _SHAPES.clear()
    _LAYOUTS.clear()
    W._SPLITS.clear()


def parse(text: str, path: str = "<string>") -> T.Script:
    """Parse a script.  Never raises for a ``str``; ``to_source()`` gives ``text`` back.

    Trees are not changed once built, so a text parsed before (under any path) gives the
    same items; only the diagnostics name ``path``.
    """
    if CACHE_SCRIPTS and type(text) is str:
        script = _PARSED.get(text)
        if script is not None:
            return script if script.path == path else _with_path(script, path)
    with no_gc():
        script = _parse(text, path)
    if CACHE_SCRIPTS and type(text) is str:
        _PARSED[text] = script
    return script


def _with_path(script: T.Script, path: str) -> T.Script:
    """``script`` as parsed under ``path``: its diagnostics (and the statements that hold
    some) are copied with the new path; everything else is shared."""
    items = []
    for item in script.items:
        if isinstance(item, T.Statement) and item.diagnostics:
            item = record.replace(
                item, diagnostics=[record.replace(d, path=path) for d in item.diagnostics])
        items.append(item)
    diagnostics = [record.replace(d, path=path) for d in script.diagnostics]
    return T.Script(path, script.text, items, diagnostics, script.registered_labels)


def _parse(text: str, path: str) -> T.Script:
    src = SourceText(text)
    parser = StatementParser(src, path)
    items: list[T.Item] = []
    diagnostics: list[Diagnostic] = []
    scanner = S.Scanner(src)
    for raw in scanner.scan():
        if isinstance(raw, S.LineItem):
            index = raw.line
            line_start = src.starts[index]
            line_end = src.ends[index]
            span = src.line_span(src.strip_starts[index], src.strip_ends[index], index, index)
            items.append(T.LineItem(raw.kind, span, (line_start, line_end),
                                    text[line_start:line_end], raw.label))
        else:
            stmt = parser.statement(raw)
            items.append(stmt)
            diagnostics.extend(stmt.diagnostics)
    diagnostics.sort(key=Diagnostic.sort_key)
    return T.Script(path, text, items, diagnostics, scanner.labels)
