"""ha-requires-almgm (ALC404)

## What it does
Follows every path through the script (jumps, `if`/`else`/`do`, `end script`) and reports
`run data distributor`, `run data consumer` and `run operator ... update_tsd_info = true`
when some path reaches them without both `connect dbms almgm ...` and
`create table tsd_info where dbms = almgm` before.  After a `process` or `config from
policy`, whose effects alc does not follow, it stays silent.

## Why it matters
High availability exchanges the `almgm.tsd_info` rows between the operators of a cluster,
and `run operator` with `update_tsd_info = true` refuses to start without the table
("Table 'tsd_info' in dbms 'almgm' does not exist").  Without it data is never shared, or
the operator never starts.

## Example
```
run data distributor
connect dbms almgm where type = sqlite
create table tsd_info where dbms = almgm
```

## Use instead
```
connect dbms almgm where type = sqlite
create table tsd_info where dbms = almgm
run data distributor
```
"""

from pathlib import Path

from compiler.model import flow as F
from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words
from compiler.syntax import tree as T

HA = ("run data distributor", "run data consumer")
ALMGM = "dbms:almgm"
TSD = "table:almgm.tsd_info"


def effects_of(model):
    """What a statement body establishes: connected databases, created tables."""
    from compiler.model import catalogue

    def effects(node) -> set[str]:
        if isinstance(node, T.Assignment):
            node = node.value
        if isinstance(node, T.Process):
            return {F.UNKNOWN}
        if not isinstance(node, T.Command):
            return set()
        words = [w.value for w in node.head]
        key = catalogue.match(words)
        if key == "connect dbms" and len(words) > 2:
            return {f"dbms:{model.literal(node.head[2]) or words[2]}"}
        if key == "create table" and len(words) > 2 and node.where is not None:
            dbms = node.where.get("dbms")
            name = model.value_of(dbms) if dbms else None
            return {f"table:{name}.{words[2]}"} if name else set()
        if key in ("config from policy", "thread"):
            return {F.UNKNOWN}
        return set()
    return effects


class HaRequiresAlmgm(Rule):
    code = "ALC404"
    name = "ha-requires-almgm"
    severity = "error"
    summary = "HA or update_tsd_info reached without almgm and its tsd_info table"

    def check(self, ctx):
        model = ctx.model
        targets = [inv for inv in model.invocations if inv.key in HA or
                   (inv.key == "run operator" and model.flag(inv.get("update_tsd_info")))]
        if not targets:
            return
        # A script another one processes starts in an unknown state: whether one does is
        # known once the project is read, so while it is read both answers are kept.
        name = Path(ctx.path).name
        alone = list(self._findings(ctx, targets, False))
        if not alone:
            return  # an unknown start (a processed script) only removes findings
        included = list(self._findings(ctx, targets, True))
        if included == alone:
            yield from alone
        else:
            yield from ctx.later(self, (name, included, alone))

    @staticmethod
    def finish(data, facts):
        name, included, alone = data
        return included if name in facts.included_names else alone

    def _findings(self, ctx, targets, included: bool):
        model = ctx.model
        entry = frozenset({F.UNKNOWN}) if included else frozenset()
        flow = F.analyse(ctx.script, effects_of(model), entry, model.statements)
        for inv in targets:
            node = inv.stmt.node
            flags = (True, None) if isinstance(node, T.Do) else (False, None) if isinstance(node, T.Else) \
                else (True, False, None)
            states = flow.before(inv.index, flags)
            if not states:
                continue  # never reached
            missing = [what for fact, what in ((ALMGM, "`connect dbms almgm`"),
                                               (TSD, "`create table tsd_info where dbms = almgm`"))
                       if not F.holds(states, fact)]
            if not missing:
                continue
            what = f"`{inv.key}`" if inv.key in HA else "`run operator` with `update_tsd_info = true`"
            count = len(inv.key.split()) if inv.key in HA else 2
            yield Finding(span_of_words(inv.node.head[:count]),
                          f"{what} is reached on some path without "
                          f"{' and '.join(missing)} before it; HA and tsd updates need the almgm.tsd_info table",
                          "connect almgm and create tsd_info first (operator guide, step 4)")
