"""dbms-not-connected (ALC406)

## What it does
Finds `create table ... where dbms = D` when no script of the project connects `D`
(`connect dbms D where ...`), and `run operator` when the project connects no database
for its data at all.

## Why it matters
`create table` needs the database connected ("dbms is not connected"), and an operator
without a data database cannot store what it ingests.

## Example
```
create table tsd_info where dbms = almgm
```

## Use instead
```
connect dbms almgm where type = sqlite
create table tsd_info where dbms = almgm
```
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words

SYSTEM = {"almgm", "blockchain", "system_query"}


def connected(ctx) -> set[str] | None:
    """Names of the databases the project connects; None when a name is not known."""
    names: set[str] = set()
    for model in ctx.models():
        for inv in model.commands("connect dbms"):
            head = inv.node.head
            if len(head) < 3:
                continue
            name = model.literal(head[2])
            if name is None:
                return None  # connected under a name only the node knows
            names.add(name)
    return names


class DbmsNotConnected(Rule):
    code = "ALC406"
    name = "dbms-not-connected"
    severity = "error"
    summary = "a table or operator on a database nothing connects"

    def check(self, ctx):
        model = ctx.model
        creates = model.commands("create table")
        operators = model.commands("run operator")
        if not creates and not operators:
            return
        names = connected(ctx)
        if names is None:
            return
        for inv in creates:
            pair = inv.get("dbms")
            dbms = model.value_of(pair)
            if dbms is None or dbms in names:
                continue
            yield Finding(span_of_words(pair.value_words),
                          f"`create table` in dbms `{dbms}`, but no script connects `{dbms}`",
                          f"add `connect dbms {dbms} where type = ...` before it")
        if not names - SYSTEM:
            for inv in operators:
                yield Finding(span_of_words(inv.node.head[:2]),
                              "`run operator` stores data in a database, but no script connects one",
                              "connect the data database (`connect dbms NAME where type = ...`)")
