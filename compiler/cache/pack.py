"""How cache records are written and read: the speed tricks of the result cache, in one place.

- Records are pickles of plain tuples.  A finding is stored as a tuple of its fields without
  its path and fix (``pack``), and made again with one positional call in a comprehension
  (``unpack``): a second run over 1,000,000 generated lines reads about 86,000 findings;
  pickled as dataclasses they take 6.3 MB and 0.33 s to read, as rows 3.3 MB and 0.14 s
  (unpickled and made again); a loop that unpacks each row by name costs 1.7x the
  comprehension.  Without the path, a file named `./a.al` in one run and `a.al` in the next
  hits the cache.
- The finished findings and the pending ones are pickles inside the record (bytes, which
  unpickle as one copy): reading a record for its summary alone (`alc lint FILE`, which
  summarizes the project's other scripts) does not build them.
- One file per record (``Store``): a run that changed one script writes one small file, and
  workers and concurrent runs never write the same file but through ``os.replace``.
- Elsewhere (``compiler.cli.lint_run``, ``compiler.model.project``): a file whose size,
  inode and times are the ones recorded is not read at all when the report does not show
  its text (reading and hashing 1,000,000 lines took about 0.15 s in a profile); the files the cache
  answers are read in the main process, not shipped back from ``--jobs`` workers (a second
  run with two workers cost a third more CPU than with one).
- pickle rather than JSON or marshal: it keeps the small classes of the deferred data (spans,
  summaries, suppressions) without a converter per rule, and reads at C speed.  Reading a
  pickle can build any object it names, so records are read with an unpickler that builds
  only the classes listed in ``ALLOWED`` (a cache folder is never trusted: a committed or
  planted record cannot run code; anything else is a miss).
- The summaries of a project's scripts are also kept in one file (``pack_summaries``), written
  after a run when it had to look many of them up one by one: `alc lint FILE` in a project
  of 1,000 scripts then opens one file of summaries instead of 999 records.  Measured on
  bench_cache's project (1,000 files of 550 lines; 1.6 MB): reading the 999 records took
  about 23 ms to open and read and 40 ms to unpickle; the one file, 1 ms and 22 ms.  It is
  the same restricted pickle of the same ``Summary`` objects (marshal of plain tuples read
  no faster once the frozensets are made again, 18-35 ms, and is not meant for data from
  elsewhere: damaged input can crash the interpreter, not just fail).  The per-file records
  stay the truth: a packed summary is used only when its file's size, inode and times are
  the ones packed, settled (``compiler.cache.same_file``), else the record is read.
- Start-up (`alc lint FILE` is mostly start-up): ``blake2b`` comes from ``_blake2``, the module
  hashlib takes it from, without loading hashlib's OpenSSL bindings (``_hashlib``: 2.7-3.6 ms
  in `python -X importtime`), and ``shutil`` (3.7-3.9 ms with bz2 and lzma) is imported only
  where a folder is removed.
- The key of a project's facts (``compiler.cache.lint.facts_key``) writes its large sets of
  names (every file some script processes, every `process !var/tail`: 16,350 each in
  bench_cache's project) into the hash as one joined string each (``names``), not as the
  repr of a sorted list: 21-23 ms became 12 ms there.
- A run of at most ``compiler.cli.lint_run.FEW_FILES`` (8) files, pre-commit style, works
  out no facts key at all: it finishes its files' pending findings (under a millisecond
  each) and keeps their records without a key, so a later run finishes them again.  12 ms of
  `alc lint FILE` in a project of 1,000 files.
- Start-up outside the cache, each where it is done, with what it buys: the classes of the
  syntax tree, the diagnostics, the model and the rules are made by ``compiler.record``
  rather than ``dataclasses`` (no ``dataclasses``/``inspect`` import, no methods compiled
  but ``__init__``: about 24 ms of CPU); the rule modules are listed with ``os.listdir``
  (``compiler.rules._modules``: pkgutil imports inspect); an empty `.alc.toml` is read
  without ``tomllib`` (``compiler.config._table``, 6 ms); the text report works its colours
  out once per report (``compiler.report.text._Paint``); a write's temporary file is made
  with ``os.open`` (``compiler.safe_io._temporary``: tempfile imports shutil and random, 4 ms).
- A record is unpickled with the cyclic collector paused (``loads``): it is made of
  tuples, strings and sets, and the collector's passes over the many new objects (the pack
  of 1,000 summaries: about 100,000) cost a third of the time: 24 -> 15 ms for the pack
  with 200,000 other objects alive.
- Every record starts with ``MAGIC``; a record that does not, that does not unpickle, or
  that has not the expected shape is a miss (and is written again).
"""

from __future__ import annotations

import io
import pickle

try:
    from _blake2 import blake2b  # what hashlib.blake2b is, without hashlib's OpenSSL import
except ImportError:  # an interpreter without the module: the same hash from hashlib
    from hashlib import blake2b

from compiler.diagnostics import Diagnostic, Edit, Fix
from compiler.source import no_gc

MAGIC = b"alc-cache-1\n"

# (module, class) a record may hold: nothing else is built when one is read.
ALLOWED = {
    ("compiler.source", "Span"),
    ("compiler.model.summary", "Summary"),
    ("compiler.suppress", "Suppression"),
    ("compiler.diagnostics", "Edit"),
    ("compiler.diagnostics", "Fix"),
    ("compiler.rules", "Finding"),
    ("builtins", "frozenset"),
    ("builtins", "set"),
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache record")
        return super().find_class(module, name)


def dumps(record: tuple) -> bytes:
    return MAGIC + pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> tuple | None:
    """The record in ``data``, or None when it is not one of ours, whole."""
    if not data.startswith(MAGIC):
        return None
    try:
        stream = io.BytesIO(data)
        stream.seek(len(MAGIC))
        with no_gc():  # a record is tuples, strings and sets: nothing for the collector
            record = _Unpickler(stream).load()
    except Exception:  # truncated, corrupt or foreign: a miss, never an error
        return None
    return record if type(record) is tuple else None


def pack(found: list[Diagnostic]) -> tuple:
    """Findings as (rows, fixes): a tuple of each one's fields but its path (given again by
    ``unpack``) and fix, and (index, fix) of the few with a fix, the fix as plain tuples."""
    rows = []
    fixes = []
    for index, d in enumerate(found):
        rows.append((d.line, d.column, d.end_line, d.end_column, d.code, d.rule, d.severity,
                     d.message, d.help))
        if d.fix is not None:
            fixes.append((index, d.fix.applicability, d.fix.message,
                          tuple((e.start, e.end, e.content, e.line, e.column, e.end_line, e.end_column)
                                for e in d.fix.edits)))
    return tuple(rows), tuple(fixes)


def unpack(packed: tuple, path: str) -> list[Diagnostic]:
    rows, fixes = packed
    out = [Diagnostic(path, *row) for row in rows]  # one call per finding, no loop in Python
    for index, applicability, message, edits in fixes:
        out[index].fix = Fix(applicability, message, tuple(Edit(*edit) for edit in edits))
    return out


def pack_summaries(entries: dict) -> tuple:
    """A project's summaries (real path -> (stat, summary)) as one record: (path, stat,
    summary) triples."""
    return tuple((real, stat, summary) for real, (stat, summary) in entries.items()),


def unpack_summaries(record: tuple) -> dict:
    """The summaries of a record of ``pack_summaries`` (after its kind); a triple of the
    wrong shape is left out (its file is looked up in its own record)."""
    from compiler.model.summary import Summary

    out = {}
    if len(record) != 2 or type(record[1]) is not tuple:
        return out
    for entry in record[1]:
        if type(entry) is tuple and len(entry) == 3 and type(entry[0]) is str \
                and type(entry[2]) is Summary:
            out[entry[0]] = entry[1:]
    return out


def names(items) -> bytes:
    """A set of strings as bytes that tell every such set apart (for a hash): sorted and
    joined by NUL, after their number, when no name holds a NUL, else their repr; tagged,
    after the length of the whole."""
    ordered = sorted(items)
    joined = "\0".join(ordered)
    if joined.count("\0") != max(len(ordered) - 1, 0):
        joined = "r" + repr(ordered)
    else:
        joined = f"j{len(ordered)}:{joined}"
    data = joined.encode("utf-8", "surrogatepass")
    return b"%d:" % len(data) + data
