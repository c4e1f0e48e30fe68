"""policy-field-type (ALC403)

## What it does
Finds a numeric policy field (`port`, `rest_port`, `member`) given as a `!variable` without
the `.int` cast, in `create policy` or in a JSON policy.

## Why it matters
Variables hold strings.  The policy then carries `"port": "32148"`, and on a real node
`blockchain insert` fails with "Wrong policy structure".

## Example
```
new_policy = create policy operator where name = op1 and company = acme and port = !anylog_server_port
```

## Use instead
```
new_policy = create policy operator where name = op1 and company = acme and port = !anylog_server_port.int
```
"""

from compiler.model import policies as P
from compiler.rules import Finding, Rule

NUMERIC = ("port", "rest_port", "member")


class PolicyFieldType(Rule):
    code = "ALC403"
    name = "policy-field-type"
    severity = "error"
    summary = "a numeric policy field given as a `!var` without `.int`"

    def check(self, ctx):
        for policy in P.declared(ctx.model):
            for name in NUMERIC:
                field = policy.get(name)
                if field is None or not field.value.startswith("!") or field.value.endswith(".int"):
                    continue
                if field.quoted:
                    message = (f"`\"{name}\": \"{field.value}\"` is a quoted string: the node does not "
                               "substitute variables inside JSON strings, and a port must be a number")
                else:
                    message = (f"`{name} = {field.value}` gives the policy a string; `blockchain insert` "
                               "then fails with \"Wrong policy structure\"")
                yield Finding(field.span, message, f"cast it: `{field.value}.int`")
