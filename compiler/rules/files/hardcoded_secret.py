"""hardcoded-secret (ALC502)

## What it does
Finds passwords, private keys, tokens and access keys written as literal values: assigned
to a variable whose name says so (`mqtt_password = s3cret`) or given to a where key such as
`password`, `private_key`, `secret_key` or `access_key`.

## Why it matters
Scripts are shared in repositories and copied into images; a literal secret leaks with
them and cannot be rotated without editing every copy.

## Example
```
connect dbms sensors where type = psql and user = admin and password = s3cret
```

## Use instead
```
connect dbms sensors where type = psql and user = admin and password = $DB_PASSWORD
```
"""

import re

from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words
from compiler.syntax import tree as T

SECRET_NAME = re.compile(r"(passw(or)?d|passwd|secret|private_key|priv_key|api_key|access_key|token)",
                         re.IGNORECASE)
SECRET_KEYS = {"password", "private_key", "secret_key", "access_key", "user_password", "token"}
NOT_SECRETS = {"", "true", "false", "none", "null"}


def literal(words: list[T.Word]) -> bool:
    if not words:
        return False
    if any(w.kind in ("VAR", "ENV") for w in words):
        return False
    text = " ".join(w.value for w in words).strip()
    return text.lower() not in NOT_SECRETS and not text.startswith(("!", "$", "[", "<"))


class HardcodedSecret(Rule):
    code = "ALC502"
    name = "hardcoded-secret"
    severity = "warning"
    summary = "a password, key or token written as a literal"
    embedded = True

    def check(self, ctx):
        # Assignments, also after if/then, do or else.
        for _stmt, node in ctx.model.assignment_statements:
            if SECRET_NAME.search(node.target.text):
                value = node.value
                words = [value] if isinstance(value, T.Word) else \
                    value.head if isinstance(value, T.Command) and not value.where else []
                if words and words[0].kind in ("WORD", "DQ", "SQ") and literal(words):
                    yield Finding(span_of_words(words),
                                  f"`{node.target.text}` is set to a literal secret",
                                  "read it from the environment: `= $MY_SECRET`")
        for inv in ctx.model.invocations:
            if inv.node.where is None:
                continue  # no pairs
            for key, pair in inv.keyed:
                if key in SECRET_KEYS and literal(pair.value_words):
                    yield Finding(span_of_words(pair.value_words),
                                  f"`{pair.key}` is a literal secret in `{inv.key or inv.node.name}`",
                                  f"use an environment variable: `{pair.key} = $MY_SECRET`")
