"""A small LALR driver over lark's parse table, without lark at run time.

lark computes the LALR(1) table of ``grammar/anylog.lark``; ``_lalr_table.py`` holds that
table as plain Python data (regenerate it with ``python -m compiler.syntax.lalr`` after a
grammar change: a test fails while it is stale, and a stale table is never used: the table
is then built from the grammar with lark, as before).  Importing lark and building its
parser costs about 0.4 s, more than a whole lint of a small script.

Trees are built the way lark's tree builder builds them for this grammar: a rule's alias or
name, children filtered (anonymous tokens) and inlined (``_rules``), a ``?rule`` with one
child replaced by that child.  A tree is ``(name, children)``; a token is the index of the
word it came from.
"""

from __future__ import annotations

from functools import lru_cache

START_SYMBOLS = ["start", "paren_condition", "group", "json_value"]


class Unexpected(Exception):
    """The token at ``index`` (``len(kinds)`` for the end) cannot follow: ``expected`` could."""

    def __init__(self, index: int, expected: set[str]) -> None:
        self.index = index
        self.expected = expected


class Table:
    """States as ``{state: {symbol: action}}``: action >= 0 shifts to that state, < 0 reduces
    by rule ``-action - 1``.  Rules are ``(tree name, size, include, expand1, origin)``."""

    def __init__(self, states, rules, start_states, end_states) -> None:
        self.states = states
        self.rules = rules
        self.start_states = start_states
        self.end_states = end_states

    def accepts(self, stack: list[int], ttype: str) -> bool:
        """Would the automaton in ``stack`` shift ``ttype`` (after reductions)?"""
        states = self.states
        stack = list(stack)
        while True:
            action = states[stack[-1]].get(ttype)
            if action is None:
                return False
            if action >= 0:
                return True
            _, size, _, _, origin = self.rules[-action - 1]
            if size:
                del stack[-size:]
            stack.append(states[stack[-1]][origin])

    def feed(self, state_stack: list[int], value_stack: list, ttype: str, value, index: int,
             end_state: int = -1):
        """Feed one token; with ``$END``, returns the tree once ``end_state`` is reached."""
        states = self.states
        rules = self.rules
        is_end = ttype == "$END"
        while True:
            row = states[state_stack[-1]]
            action = row.get(ttype)
            if action is None:
                raise Unexpected(index, {s for s in row if s.isupper()})
            if action >= 0:
                state_stack.append(action)
                value_stack.append(value)
                return None
            name, size, include, expand1, origin = rules[-action - 1]
            if size:
                children = value_stack[-size:]
                del state_stack[-size:]
                del value_stack[-size:]
            else:
                children = []
            if include is not None:
                filtered: list | None = None
                for i, expand in include:
                    if expand:
                        if filtered is None:
                            # An inlined rule's node lives only on this stack: take over its
                            # list.  Copying it made `x*` (left recursion) quadratic in x's count.
                            filtered = children[i][1]
                        else:
                            filtered += children[i][1]
                    elif filtered is None:
                        filtered = [children[i]]
                    else:
                        filtered.append(children[i])
                children = filtered if filtered is not None else []
            node = children[0] if expand1 and len(children) == 1 else (name, children)
            state_stack.append(states[state_stack[-1]][origin])
            value_stack.append(node)
            if is_end and state_stack[-1] == end_state:
                return value_stack[-1]


def grammar_hash(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def from_lark(grammar: str) -> tuple[dict, list, dict, dict]:
    """The table data, computed by lark from ``grammar``."""
    from lark import Lark
    from lark.parsers.lalr_analysis import Shift

    parser = Lark(grammar, parser="lalr", start=START_SYMBOLS, maybe_placeholders=False)
    table = parser.parser.parser.parser.parse_table
    rules: list = []
    index: dict = {}
    for rule in parser.rules:
        index[id(rule)] = len(rules)
        include = []
        changed = False
        for i, sym in enumerate(rule.expansion):
            if not rule.options.keep_all_tokens and sym.is_term and sym.filter_out:
                changed = True
                continue
            expand = not sym.is_term and sym.name.startswith("_")
            changed = changed or expand
            include.append((i, expand))
        rules.append((str(rule.alias or rule.origin.name), len(rule.expansion),
                      tuple(include) if changed else None,
                      bool(rule.options.expand1 and not rule.alias), str(rule.origin.name)))
    states = {}
    for state, row in table.states.items():
        states[state] = {str(sym): (arg if action is Shift else -index[id(arg)] - 1)
                         for sym, (action, arg) in row.items()}
    return (states, rules, {str(k): v for k, v in table.start_states.items()},
            {str(k): v for k, v in table.end_states.items()})


@lru_cache(maxsize=1)
def table() -> Table:
    from compiler.syntax.parser import grammar_text

    text = grammar_text()
    try:
        from compiler.syntax import _lalr_table as stored
    except ImportError:  # pragma: no cover - the generated module is part of the package
        stored = None
    if stored is not None and stored.GRAMMAR == text:
        data = stored.STATES, stored.RULES, stored.START_STATES, stored.END_STATES
    else:
        data = from_lark(text)
    return Table(*data)


def write_module(path) -> None:
    """Write ``_lalr_table.py`` for the current grammar."""
    from compiler.syntax.parser import grammar_text

    text = grammar_text()
    states, rules, start_states, end_states = from_lark(text)
    lines = ['"""The LALR table of grammar/anylog.lark: generated by `python -m compiler.syntax.lalr`."""',
             "# fmt: off", f"GRAMMAR_SHA256 = {grammar_hash(text)!r}",
             f"GRAMMAR = {text!r}",
             f"START_STATES = {start_states!r}", f"END_STATES = {end_states!r}", "RULES = ["]
    lines += [f"    {rule!r}," for rule in rules]
    lines.append("]")
    lines.append("STATES = {")
    lines += [f"    {state!r}: {row!r}," for state, row in sorted(states.items())]
    lines.append("}")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    from pathlib import Path

    write_module(Path(__file__).with_name("_lalr_table.py"))
