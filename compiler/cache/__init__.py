"""The result cache: `alc lint` and `alc fmt --check` read unchanged files' results from it.

Like ruff's `.ruff_cache`: a folder `.alc_cache` at the project root (the folder holding
`.alc.toml`, `pyproject.toml` or `.git` above the working folder, else the working folder),
or where `ALC_CACHE_DIR` or `cache-dir` in the configuration says; it holds its own
`.gitignore` (`*`) and a `CACHEDIR.TAG`, so neither git nor backup tools take it.

One record per source file (named by a hash of its real path) in a folder per alc code
(``code_key``: the version and the size and time of every module of the installed package,
so an edited checkout never reads results of other code).  A lint record holds the hash of
the text it was made from, the key of the effective configuration, the script's summary
(what the cross-file checks need) and its own findings: those that depend on no other file,
and the data of those that do (``lint.Pending``), which every run finishes again with the
project's facts.  So a run parses only the files that changed, and a variable set in one
script still changes the findings of the scripts that read it.

A record is only a hint: anything that is not whole, ours and of this code and text is a
miss, and the file is linted and its record written again (``compiler.safe_io.write_replace``:
never half-written, two runs at once leave one whole record).  A cache that cannot be
written costs speed, never an error.  ``pack`` says how records are written and read.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from compiler.cache import pack as P

NAME = ".alc_cache"
ENV = "ALC_CACHE_DIR"
TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
       "# This file is a cache directory tag created by alc.\n"
       "# For information about cache directory tags, see https://bford.info/cachedir/\n")
PREFIX = "v-"  # the folder of one code's records: v-<code key>

LINT = 1
FMT = 2
SUMMARIES = 3  # one project's summaries in one file (``pack.summaries``): a hint only

_code_key: list[str] = []


def code_key() -> str:
    """alc's version and a fingerprint of its code (modules and grammar: size and time), so
    results of other code, a new release or an edited checkout, are never read."""
    if not _code_key:
        from compiler import __version__

        package = Path(__file__).resolve().parents[1]
        h = P.blake2b(__version__.encode(), digest_size=10)
        for folder in (package, package.parent / "grammar"):
            for top, dirs, names in os.walk(folder):
                dirs[:] = sorted(d for d in dirs if d != "__pycache__")
                for name in sorted(names):
                    if name.endswith((".py", ".lark")):
                        info = os.stat(os.path.join(top, name))
                        h.update(f"{top}/{name} {info.st_size} {info.st_mtime_ns}\n".encode())
        _code_key.append(h.hexdigest())
    return _code_key[0]


def location(cwd: Path, config_dir: Path | None) -> Path:
    """Where the cache is: `ALC_CACHE_DIR`, else `cache-dir` of the configuration, else
    `.alc_cache` at the project root of the working folder (else in the working folder)."""
    env = os.environ.get(ENV)
    if env:
        return Path(env).absolute()
    if config_dir is not None:
        return config_dir
    from compiler.model.project import find_root

    return (find_root(cwd) or cwd).absolute() / NAME


def store(fixed=None) -> "Store":
    """The cache of a run in the working folder (``fixed``: the configuration given with
    --config, whose `cache-dir` counts; else the working folder's)."""
    cwd = Path.cwd()
    config = fixed
    if config is None and not os.environ.get(ENV):
        from compiler import config as C

        try:
            config = C.for_folder(cwd)
        except C.ConfigError:
            pass  # reported with the files it applies to
    return Store(location(cwd, config.cache_dir if config is not None else None))


def digest(text: str) -> bytes:
    return P.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def lint_record(text_digest: bytes, config_key: str | None, summary, stat: tuple | None,
                payload: bytes | None = None, facts: bytes | None = None,
                finished: bytes | None = None, shown: str | None = None, errors: tuple = ()) -> tuple:
    """A lint record (``compiler.cache.lint``); a script only summarized has no findings.
    The findings are pickles inside it: reading a summary does not unpickle them.  ``shown``
    and ``errors``: the path the file was named by and the errors of its suppressions, which
    name it."""
    return (text_digest, config_key, summary, stat, payload, facts, finished, shown, errors)


# How long before a record was written a file must have last changed for its size, times and
# inode to stand for its text (git's "racy" rule): a file changed in the same tick as its
# record could change again unseen.
SETTLED_NS = 2_000_000_000


def stat_key(info: os.stat_result) -> tuple:
    """What says a file is the one a record was made from, without reading it: size, inode,
    modification and change times (a change time cannot be set back), and when the record is
    made."""
    return (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns, time.time_ns())


def same_file(recorded, info: os.stat_result) -> bool:
    return (type(recorded) is tuple and len(recorded) == 5
            and recorded[:4] == (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
            and info.st_ctime_ns < recorded[4] - SETTLED_NS)


def config_key(config) -> str:
    """The effective configuration of a file, as text (every field: a change of any is a
    miss)."""
    from compiler.record import fields

    return repr(tuple(getattr(config, name) for name in fields(type(config))))


class Store:
    """The records of one cache folder, for this code."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self.folder = top / (PREFIX + code_key())
        self._made = False

    def _entry(self, kind: int, real: str) -> str:
        name = P.blake2b(real.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()
        return os.path.join(self.folder, f"{'lfs'[kind - 1]}{name}")

    def read(self, kind: int, real: str, text_digest: bytes | None) -> tuple | None:
        """The record of the file at ``real`` when it was made from this text (any text:
        ``text_digest`` None), else None."""
        try:
            with open(self._entry(kind, real), "rb") as handle:
                record = P.loads(handle.read())
        except OSError:
            return None
        if record is None or len(record) < 2 or record[0] != kind \
                or (text_digest is not None and record[1] != text_digest):
            return None
        return record

    def write(self, kind: int, real: str, record: tuple) -> None:
        try:
            if not self._made:
                self._make()
            from compiler.safe_io import write_replace

            write_replace(self._entry(kind, real), P.dumps((kind, *record)))
        except (OSError, ValueError):
            pass  # a cache that cannot be written costs speed only

    def _make(self) -> None:
        """The folders, the tag and the .gitignore; other code's records go (they can never
        be read again)."""
        self._made = True
        if not self.folder.is_dir():
            self.top.mkdir(parents=True, exist_ok=True)
            for name, text in (("CACHEDIR.TAG", TAG), (".gitignore", "# Automatically created by alc.\n*\n")):
                path = self.top / name
                if not path.exists():
                    from compiler.safe_io import write_replace

                    write_replace(path, text.encode())
            import shutil

            for old in self.top.iterdir():
                if old.name.startswith(PREFIX) and old.is_dir() and not old.is_symlink():
                    shutil.rmtree(old, ignore_errors=True)
            self.folder.mkdir(exist_ok=True)

    def summary_hit(self, real: str, text_digest: bytes | None, info: os.stat_result | None = None):
        """The summary of a file's text (any configuration), else None.  Without the text's
        digest, the file's ``info`` (os.stat, taken before it would be read) must be the one
        recorded, long enough before the record was written (``same_file``).  With both, a
        record that was too recent for its file is written again with ``info``, once the
        file has settled."""
        record = self.read(LINT, real, text_digest)
        if record is None or len(record) != 10 or record[3] is None:
            return None
        if text_digest is None and not same_file(record[4], info):
            return None
        if text_digest is not None and info is not None and not same_file(record[4], info) \
                and info.st_ctime_ns < time.time_ns() - SETTLED_NS:
            # Read because the record was made too soon after the file changed (or the file
            # was copied, touched): now it has settled, its stat stands for this text, so
            # later runs need not read it.  ``info`` was taken before the text was read: a
            # change since then gives the file other times, and a later stat a miss.
            self.write(LINT, real, record[1:4] + (stat_key(info),) + record[5:])
        return record[3]

    def read_summaries(self, root: str) -> dict:
        """The summaries of the project at ``root`` as packed after an earlier run (real
        path -> (stat, summary), ``pack.summaries``); empty when there is none, or it is not
        whole and ours.  Each is only used when its file's stat is the one packed
        (``same_file``), like a record's."""
        record = self.read(SUMMARIES, root, None)
        return {} if record is None else P.unpack_summaries(record)

    def write_summaries(self, root: str, entries: dict) -> None:
        self.write(SUMMARIES, root, P.pack_summaries(entries))

    def fmt_hit(self, real: str, text_digest: bytes) -> bool | None:
        """Does the text need formatting (True/False), or None when not known."""
        record = self.read(FMT, real, text_digest)
        if record is None or len(record) != 3 or type(record[2]) is not bool:
            return None
        return record[2]


def clean(top: Path) -> list[str]:
    """Remove the cache at ``top``: only what alc puts there (the tag, the .gitignore, the
    code folders), then the folder when that leaves it empty.  What was removed, for the
    message."""
    import shutil

    removed = []
    if not top.is_dir() or top.is_symlink():
        return removed
    for old in sorted(top.iterdir()):
        if old.name.startswith(PREFIX) and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
            removed.append(str(old))
    for name in ("CACHEDIR.TAG", ".gitignore"):
        path = top / name
        if path.is_file():
            path.unlink()
            removed.append(str(path))
    try:
        top.rmdir()
    except OSError:
        pass
    return removed
