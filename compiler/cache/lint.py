"""`alc lint`'s use of the cache: a script's record, read before it would be linted, and
written once its findings are finished with its project's facts.

A record (after ``LINT`` and the text's digest) holds the configuration's key, the script's
summary, its pending findings (``lint.Pending``: the findings of its own, and the data of
those that need the project's facts), and the finished findings with the key of the facts
they were finished with (``facts_key``).  When a later run's project has the same facts,
the finished findings are used as they are; otherwise the pending ones are finished again
(and the record is written again).  The pending findings are a pickle inside the record,
read only then.
"""

from __future__ import annotations

from typing import NamedTuple

from compiler import cache as K
from compiler.cache import pack as P


class Hit(NamedTuple):
    """A script whose record matched its text and configuration."""

    path: str  # as this run names it
    payload: bytes  # the pending findings (``pending``)
    facts: bytes | None  # the key of the facts ``finished`` was made with
    finished: bytes | None  # the finished findings, packed and pickled
    config: object


def lookup(store: K.Store, real: str, text_digest: bytes, config_key: str, path: str, config):
    """(Hit, summary) of a script from the cache, or None."""
    record = store.read(K.LINT, real, text_digest)
    if record is None or len(record) != 10 or record[2] != config_key or record[5] is None:
        return None
    return Hit(path, record[5], record[6], record[7], config), record[3]


def unread(store: K.Store, real: str, info, config_key: str, path: str, config):
    """(Hit, summary, record key, errors) of a script whose file is the one recorded (its
    size, inode and times: ``K.same_file``), named as it was, without reading it; else None."""
    record = store.read(K.LINT, real, None)
    if record is None or len(record) != 10 or record[2] != config_key or record[5] is None \
            or record[8] != path or type(record[9]) is not tuple or not K.same_file(record[4], info):
        return None
    return (Hit(path, record[5], record[6], record[7], config), record[3],
            (real, record[1], config_key, record[4]), list(record[9]))


def finished(hit: Hit) -> list:
    return P.unpack(P.loads(hit.finished), hit.path)


def pending(hit: Hit):
    from compiler.lint import Pending

    packed, later, suppressions, syntax_errors = P.loads(hit.payload)
    return Pending(hit.path, P.unpack(packed, hit.path), list(later), suppressions, hit.config,
                   syntax_errors)


def payload(found) -> bytes:
    """The pending findings of a script, as a record keeps them."""
    return P.dumps((P.pack(found.found), tuple(found.later), found.suppressions, found.syntax_errors))


def write(store: K.Store, key: tuple, summary, payload_bytes: bytes, facts: bytes, found: list,
          shown: str, errors: list[str]) -> None:
    real, text_digest, config_key, stat = key
    store.write(K.LINT, real, K.lint_record(text_digest, config_key, summary, stat, payload_bytes, facts,
                                            P.dumps(P.pack(found)), shown, tuple(errors)))


def facts_key(facts) -> bytes:
    """Everything of a project's facts that finishing a script reads (every attribute a
    rule's ``finish`` uses, and the project's files): equal keys, equal findings."""
    layout = facts.layout
    root = None if layout is None else layout.root
    data = (sorted(facts.defined), None if facts.connected is None else sorted(facts.connected),
            facts.mongo, sorted(facts.clusters.items()), sorted(facts.prefixed),
            sorted(facts.missing.items()), str(root),
            sorted(layout.relative_files) if root is not None else None)
    h = P.blake2b(repr(data).encode("utf-8", "surrogatepass"), digest_size=16)
    h.update(P.names(facts.included_names))  # the large sets: see ``pack.names``
    for name in data[4]:
        h.update(P.names(facts.prefixed[name]))
    return h.digest()
