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


def connected_in(model) -> frozenset[str] | None:
    """Names of the databases a script connects; None when a name is not known.  Kept in
    the project's summaries (the rule and the summary ask: worked out once)."""
    return model.remember("connected", _connected_in)


def _connected_in(model) -> frozenset[str] | None:
    names: set[str] = set()
    for inv in model.commands("connect dbms"):
        head = inv.node.head
        if len(head) < 3:
            continue
        name = model.literal(head[2])
        if name is None:
            return None  # connected under a name only the node knows
        names.add(name)
    return frozenset(names)


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
        tables = []
        for inv in creates:
            pair = inv.get("dbms")
            dbms = model.value_of(pair)
            if dbms is not None:
                tables.append((dbms, span_of_words(pair.value_words)))
        heads = [span_of_words(inv.node.head[:2]) for inv in operators]
        yield from ctx.later(self, (connected_in(model), tables, heads))

    @staticmethod
    def finish(data, facts):
        mine, tables, heads = data
        if mine is None or facts.connected is None:
            return  # a database is connected under a name only the node knows
        names = mine | facts.connected
        for dbms, span in tables:
            if dbms in names:
                continue
            yield Finding(span,
                          f"`create table` in dbms `{dbms}`, but no script connects `{dbms}`",
                          f"add `connect dbms {dbms} where type = ...` before it")
        if not names - SYSTEM:
            for span in heads:
                yield Finding(span,
                              "`run operator` stores data in a database, but no script connects one",
                              "connect the data database (`connect dbms NAME where type = ...`)")
