"""bare-variable-in-condition (ALC202)

## What it does
Finds a condition that compares a bare word which is the name of a variable the project
sets: `if node_type == query` where `!node_type` was meant.

## Why it matters
Without `!` the word is a literal: the condition compares two fixed strings and is always
false (or always true), whatever the variable holds.

## Example
```
node_type = query
if node_type == query then goto query-setup
```

## Use instead
```
if !node_type == query then goto query-setup
```

## Fix safety
The fix writes `!` before the word.  It is safe: a condition that compares a fixed word is
constant, and the finding is made only when the project sets a variable of that name.
"""

from compiler.diagnostics import SAFE
from compiler.rules import Finding, Rule
from compiler.rules.helpers import insert_before, make_fix
from compiler.syntax import tree as T


def _atoms(condition: T.Condition):
    for atom in condition.atoms:
        if atom.group is not None:
            yield from _atoms(atom.group)
        else:
            yield atom


class BareVariableInCondition(Rule):
    code = "ALC202"
    name = "bare-variable-in-condition"
    severity = "warning"
    summary = "a condition compares a bare word that names a variable (missing `!`)"
    embedded = True
    fixes = (SAFE,)

    def check(self, ctx):
        # The bare words compared: which name a variable is known once the project is read.
        words = []
        for _stmt, condition in ctx.model.conditions:  # every if, in statement order
            for atom in _atoms(condition):
                left = atom.left
                if atom.op is not None and left.kind == "WORD":
                    # The fix, made now: only here is the file's text at hand.
                    fix = make_fix(SAFE, f"write `!{left.text}`", insert_before(left.span, "!")) \
                        if ctx.text_at(left.span) == left.text else None
                    words.append((left.text, left.span, fix))
        if words:
            yield from ctx.later(self, (frozenset(ctx.model.assignments), words))

    @staticmethod
    def finish(data, facts):
        assigned, words = data
        defined = set(assigned) | facts.defined
        for text, span, fix in words:
            if text in defined:
                yield Finding(span,
                              f"`{text}` is compared as literal text, but `!{text}` "
                              "is a variable the project sets",
                              f"write `!{text}`", fix)
