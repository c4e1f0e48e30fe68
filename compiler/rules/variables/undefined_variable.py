"""undefined-variable (ALC201)

## What it does
Finds a `!variable` that no script of the project assigns, that the node does not define
itself (`!ip`, `!external_ip`, `!local_scripts` ...) and that the configuration does not
list in `known-variables`.  A near miss gets a did-you-mean (`!blobs_storage_type` for
`!blob_storage_type`, `!nic_Type` for `!nic_type`).

## Why it matters
An undefined variable reads as an empty string.  In a where clause the node rejects the
command ("Missing dictionary definition"); in a condition it silently takes the wrong
branch; in JSON it leaves invalid JSON behind.

## Example
```
blob_storage_type = mongo
if !blobs_storage_type == mongo then process !local_scripts/connect_mongo.al
```

## Use instead
```
blob_storage_type = mongo
if !blob_storage_type == mongo then process !local_scripts/connect_mongo.al
```

## Fix safety
When exactly one defined variable is close to the name, as a typo is (two letters at most:
`!blob_storage_type` for `!blobs_storage_type`), the fix renames the read to it.  It is unsafe: a close name is a guess,
and the variable may instead be set where alc does not look (the environment of the node).

## Options
`known-variables` in `[tool.alc]` lists variables set outside the scripts.
"""

from compiler.diagnostics import UNSAFE
from compiler.model.variables import NODE_VARIABLES, names_read, reads
from compiler.rules import Finding, Rule
from compiler.rules.helpers import did_you_mean, make_fix, one_close_match, replace
from compiler.source import Span


class UndefinedVariable(Rule):
    code = "ALC201"
    name = "undefined-variable"
    severity = "warning"
    summary = "a `!variable` that nothing defines"
    embedded = True
    fixes = (UNSAFE,)

    def check(self, ctx):
        # Reads of names this script, the node and the configuration do not define: which
        # of them the project defines is known once the project is read (``finish``).
        local = set(ctx.model.assignments) | NODE_VARIABLES | set(ctx.config.known_variables)
        seen = set()
        candidates = []
        for stmt in ctx.model.statements:
            if names_read(stmt) <= local:
                continue  # the common case, known from the text: no walk for the words
            for read in reads(stmt.node):
                if read.name in local:
                    continue
                key = (read.name, read.word.span.start)
                if key in seen:
                    continue
                seen.add(key)
                candidates.append((read.name, read.word.span, _name_span(ctx, read)))
        if candidates:
            yield from ctx.later(self, (frozenset(ctx.model.assignments),
                                        tuple(ctx.config.known_variables), candidates))

    @staticmethod
    def finish(data, facts):
        assigned, known, candidates = data
        defined = set(assigned) | facts.defined | NODE_VARIABLES | set(known)
        guesses: dict[str, str | None] = {}  # one did-you-mean search per name, not per read
        only: dict[str, str | None] = {}
        for name, span, name_span in candidates:
            if name in defined:
                continue
            if name not in guesses:
                guesses[name] = did_you_mean(name, defined)
                only[name] = one_close_match(name, defined) if guesses[name] else None
            guess = guesses[name]
            fix = None
            if only[name] and name_span is not None:
                fix = make_fix(UNSAFE, f"read `!{only[name]}`", replace(name_span, only[name]))
            yield Finding(span,
                          f"`!{name}` is not defined by any script of the project nor "
                          "by the node; it reads as an empty value",
                          f"did you mean `!{guess}`?" if guess else
                          "assign it first, or add it to `known-variables` in the alc configuration",
                          fix)


def _name_span(ctx, read) -> Span | None:
    """Where the name of a `!name` word is in the file (None for a read inside JSON, a group
    or quotes: a fix renames plain `!name` words only)."""
    word = read.word
    span = word.span
    if word.kind != "VAR" or not word.text.startswith("!" + read.name) or span.line != span.end_line:
        return None
    start = span.start + 1
    if ctx.script.text[start:start + len(read.name)] != read.name or ctx.script.text[span.start] != "!":
        return None
    return Span(start, start + len(read.name), span.line, span.column + 1, span.line,
                span.column + 1 + len(read.name))
