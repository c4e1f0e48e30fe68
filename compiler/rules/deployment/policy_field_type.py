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

## Fix safety
The fix appends `.int` to the variable (and, in a JSON policy, takes the quotes off
`"!var"`, which the node would keep as text).  It is safe: a number is the only value these
fields take.  It is offered for a plain `!name` only, not for one with another cast or a
path after it.
"""

from compiler.diagnostics import SAFE
from compiler.model import policies as P
from compiler.rules import Finding, Rule
from compiler.rules.helpers import insert_after, make_fix, replace
from compiler.syntax import tree as T

NUMERIC = ("port", "rest_port", "member")


class PolicyFieldType(Rule):
    code = "ALC403"
    name = "policy-field-type"
    severity = "error"
    summary = "a numeric policy field given as a `!var` without `.int`"
    fixes = (SAFE,)

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
                yield Finding(field.span, message, f"cast it: `{field.value}.int`", _fix(ctx, field))


def _fix(ctx, field: P.Field):
    ref = T._reference(field.value)
    if ref is None or ref.sigil != "!" or ref.cast is not None or ref.rest:
        return None
    written = ctx.text_at(field.span)
    if field.quoted and written == f'"{field.value}"':
        edit = replace(field.span, f"{field.value}.int")
    elif not field.quoted and written == field.value:
        edit = insert_after(field.span, ".int")
    else:
        return None  # the field's text is not where the model read it (JSON over lines)
    return make_fix(SAFE, f"cast `{field.value}` with `.int`", edit)
