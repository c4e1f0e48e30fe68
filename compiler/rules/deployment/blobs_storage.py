"""blobs-storage (ALC407)

## What it does
Checks where `run blobs archiver` puts blobs: with `dbms = true` a MongoDB database must be
connected (`connect dbms NAME where type = mongo`); with `dbms = false` and `folder = false`
the blobs go nowhere.

## Why it matters
With `dbms = true` every blob is written to `blobs_<dbms>`, which exists only once a mongo
database is connected; otherwise each insert fails.  With both off, the archiver accepts
blobs and keeps none.

## Example
```
run blobs archiver where dbms = false and folder = false
```

## Use instead
```
run blobs archiver where dbms = false and folder = true
```
"""

from compiler.rules import Finding, Rule
from compiler.rules.helpers import span_of_words


def mongo_in(model) -> bool | None:
    """Does the script's first `connect dbms` that tells connect mongo (True), one of an
    unknown type (None), or does none tell (False)?  Kept in the project's summaries (the
    rule and the summary ask: worked out once)."""
    return model.remember("mongo", _mongo_in)


def _mongo_in(model) -> bool | None:
    for inv in model.commands("connect dbms"):
        kind = model.value_of(inv.get("type"))
        if kind is None or kind == "mongo":
            return True if kind == "mongo" else None
    return False


class BlobsStorage(Rule):
    code = "ALC407"
    name = "blobs-storage"
    severity = "error"
    summary = "blobs archiver with no mongo database, or storing nowhere"

    def check(self, ctx):
        model = ctx.model
        for inv in model.commands("run blobs archiver"):
            dbms_pair, folder_pair = inv.get("dbms"), inv.get("folder")
            dbms = False if dbms_pair is None else model.flag(dbms_pair)
            folder = True if folder_pair is None else model.flag(folder_pair)
            head = span_of_words(inv.node.head[:3])
            if dbms is False and folder is False:
                yield Finding(head, "`run blobs archiver` with `dbms = false` and `folder = false` "
                                    "stores blobs nowhere", "set `folder = true`, or `dbms = true` with a mongo database")
            elif dbms is True:
                yield from ctx.later(self, (mongo_in(model), span_of_words(dbms_pair.value_words)))

    @staticmethod
    def finish(data, facts):
        mine, span = data  # this script first, then the project's scripts in order
        if mine is False and facts.mongo is False:
            yield Finding(span, "`dbms = true` stores blobs in MongoDB, but no script connects a mongo "
                                "database", "add `connect dbms NAME where type = mongo and ...`")
