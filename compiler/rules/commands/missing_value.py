"""missing-value (ALC308)

## What it does
Finds a where key written with `=` but no value before the next `and`: `provider =  and
id = !bucket_id`, often a value left out of a template or a variable name deleted.

## Why it matters
The node reads a where value as the words up to the next `and`; with none, it rejects the
whole command ("Missing value for key"), and "Error Command Structure" stops the script
even when `on error goto` is set.

## Example
```
<bucket provider connect where
    group = !bucket_group and
    provider =  and
    id = !bucket_id>
```

## Use instead
```
<bucket provider connect where
    group = !bucket_group and
    provider = !bucket_provider and
    id = !bucket_id>
```
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import join


class MissingValue(Rule):
    code = "ALC308"
    name = "missing-value"
    severity = "error"
    summary = "a where key with `=` and no value before the next `and`"
    embedded = True

    def check(self, ctx):
        for inv in ctx.model.invocations:
            for pair in inv.pairs():
                if pair.eq is None or not pair.value_words or pair.value_words[0].text != "and":
                    continue  # an empty value at the very end is incomplete-statement's
                start = pair.key_words[0].span if pair.key_words else pair.eq.span
                yield Finding(join(start, pair.eq.span),
                              f"`{pair.key}` has no value before `and`: the node rejects the command "
                              f"(\"Missing value for key: '{pair.key}'\")",
                              f"give `{pair.key}` a value, or leave the key out")
