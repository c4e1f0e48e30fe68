"""missing-required-key (ALC303)

## What it does
Finds a command whose where clause lacks a key the node requires: `policy` for
`run operator`, `type` for `connect dbms`, `source`, `time` and `dest` for
`run blockchain sync`, a port for `run tcp server`, a destination (`local`, `master` or
`blockchain`) for `blockchain insert`.

## Why it matters
The node rejects the command ("Missing 'policy' in command variables") and the service
never starts.

## Example
```
connect dbms sensors where ip = 127.0.0.1
```

## Use instead
```
connect dbms sensors where type = psql and ip = 127.0.0.1
```
"""

from compiler.rules import Finding, Rule


class MissingRequiredKey(Rule):
    code = "ALC303"
    name = "missing-required-key"
    severity = "error"
    summary = "a command without a key the node requires"
    embedded = True

    def check(self, ctx):
        for inv, entry in ctx.model.catalogued():
            if inv.node.where is None:
                continue
            given = {key for key, _pair in inv.keyed}
            missing = [k for k, spec in entry.keys.items() if spec.required and k not in given]
            for group in entry.one_of:
                if not given & set(group):
                    missing.append(" or ".join(f"{k}" for k in group))
            if entry.name == "blockchain insert":
                missing = [m for m in missing if "local" not in m]  # missing-ledger reports it
            for key in missing:
                yield Finding(inv.node.where.keyword.span,
                              f"`{entry.name}` needs `{key}` in its where clause; the node rejects it without",
                              None)
