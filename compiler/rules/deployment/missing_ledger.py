"""missing-ledger (ALC409)

## What it does
Finds `run operator` with neither `master_node` nor `blockchain`, and `blockchain insert`
with none of `local`, `master` or `blockchain`.

## Why it matters
An operator needs to know where its metadata comes from; a policy insert with no
destination is rejected ("Missing ledger location information") and the policy is never
published.

## Example
```
blockchain insert where policy = !new_policy
```

## Use instead
```
blockchain insert where policy = !new_policy and local = true and master = !ledger_conn
```

## Fix safety
The fix adds the master's address, `!ledger_conn`, the variable deployment scripts keep it
in: `master_node = !ledger_conn` to `run operator`, `local = true and master = !ledger_conn`
to `blockchain insert`.  It is safe when the script assigns `ledger_conn`, and unsafe
otherwise (the node may read its metadata from a blockchain, or keep the address in
another variable).
"""

from compiler.diagnostics import SAFE, UNSAFE
from compiler.rules import Finding, Rule
from compiler.rules.helpers import insert_after, make_fix, parses_clean, span_of_words


class MissingLedger(Rule):
    code = "ALC409"
    name = "missing-ledger"
    severity = "error"
    summary = "run operator / blockchain insert with no ledger to use"
    fixes = (SAFE, UNSAFE)

    def check(self, ctx):
        for inv in ctx.model.commands("run operator", "blockchain insert"):
            if inv.node.where is None:
                continue
            keys = {key for key, _pair in inv.keyed}
            if inv.key == "run operator" and not keys & {"master_node", "blockchain"}:
                yield Finding(span_of_words(inv.node.head[:2]),
                              "`run operator` has neither `master_node` nor `blockchain`: it has no ledger",
                              "add `master_node = !ledger_conn`",
                              _fix(ctx, inv, "master_node = !ledger_conn"))
            elif inv.key == "blockchain insert" and not keys & {"local", "master", "blockchain"}:
                yield Finding(span_of_words(inv.node.head[:2]),
                              "`blockchain insert` has no destination (`local`, `master` or `blockchain`); "
                              "the node rejects it", "add `local = true and master = !ledger_conn`",
                              _fix(ctx, inv, "local = true and master = !ledger_conn"))


def _fix(ctx, inv, pairs: str):
    """Add ``pairs`` after the command's last where pair."""
    items = inv.pairs()
    if not items or not items[-1].value_words:
        return None
    edit = insert_after(items[-1].value_words[-1].span, f" and {pairs}")
    if not parses_clean(ctx, inv.stmt, [edit]):
        return None
    sure = "ledger_conn" in ctx.model.assignments
    return make_fix(SAFE if sure else UNSAFE, f"add `{pairs}`", edit)
