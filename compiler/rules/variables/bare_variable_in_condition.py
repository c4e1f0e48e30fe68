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
"""

from compiler.rules import Finding, Rule
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

    def check(self, ctx):
        # The bare words compared: which name a variable is known once the project is read.
        words = []
        for _stmt, condition in ctx.model.conditions:  # every if, in statement order
            for atom in _atoms(condition):
                left = atom.left
                if atom.op is not None and left.kind == "WORD":
                    words.append((left.text, left.span))
        if words:
            yield from ctx.later(self, (frozenset(ctx.model.assignments), words))

    @staticmethod
    def finish(data, facts):
        assigned, words = data
        defined = set(assigned) | facts.defined
        for text, span in words:
            if text in defined:
                yield Finding(span,
                              f"`{text}` is compared as literal text, but `!{text}` "
                              "is a variable the project sets",
                              f"write `!{text}`")
