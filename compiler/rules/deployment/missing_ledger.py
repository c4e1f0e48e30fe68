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
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words


class MissingLedger(Rule):
    code = "ALC409"
    name = "missing-ledger"
    severity = "error"
    summary = "run operator / blockchain insert with no ledger to use"

    def check(self, ctx):
        for inv in ctx.model.commands("run operator", "blockchain insert"):
            if inv.node.where is None:
                continue
            keys = {key for key, _pair in inv.keyed}
            if inv.key == "run operator" and not keys & {"master_node", "blockchain"}:
                yield Finding(span_of_words(inv.node.head[:2]),
                              "`run operator` has neither `master_node` nor `blockchain`: it has no ledger",
                              "add `master_node = !ledger_conn`")
            elif inv.key == "blockchain insert" and not keys & {"local", "master", "blockchain"}:
                yield Finding(span_of_words(inv.node.head[:2]),
                              "`blockchain insert` has no destination (`local`, `master` or `blockchain`); "
                              "the node rejects it", "add `local = true and master = !ledger_conn`")
