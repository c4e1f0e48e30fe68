"""duplicate-key (ALC304)

## What it does
Finds a key given twice in one where clause, for keys that take one value.

## Why it matters
The node rejects the command ("Duplicate key value pair" or "Multiple values to key"), and
even where it would not, only one of the values can win.

## Example
```
run tcp server where external_port = 32148 and external_port = 32150
```

## Use instead
Give each key once.
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words


class DuplicateKey(Rule):
    code = "ALC304"
    name = "duplicate-key"
    severity = "error"
    summary = "a where key given twice"
    embedded = True

    def check(self, ctx):
        for inv, entry in ctx.model.catalogued():
            seen: dict[str, int] = {}
            for key, pair in inv.keyed:
                if pair.eq is None:
                    continue
                spec = entry.keys.get(key)
                if spec is not None and spec.multi:
                    continue
                if key in seen:
                    yield Finding(span_of_words(pair.key_words),
                                  f"`{key}` is given twice (first on line {seen[key]}); "
                                  "the node rejects the command", None)
                else:
                    seen[key] = pair.span.line
