"""The result cache (compiler.cache): a run reads unchanged files' results, and its output is
always the output of a run without it."""

from __future__ import annotations

import contextlib
import io
import os
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from compiler import cache as K
from compiler import config as C
from compiler import lint as L
from compiler.cli.app import app
from compiler.cli.fmt_run import format_paths
from compiler.cli import lint_run
from compiler.cli.lint_run import lint_paths

runner = CliRunner()

SETS = "db_name = sensors\nconnect dbms !db_name where type = sqlite\n"
READS = ('print !db_name\ncreate table tsd_info where dbms = other\nprocess x.al\n'
         'if !x then print "y"\n')


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project with a marker, the working folder, its cache in `cache`."""
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / ".alc.toml").write_text("")
    (folder / "a.al").write_text(SETS)
    (folder / "b.al").write_text(READS)
    monkeypatch.chdir(folder)
    monkeypatch.setenv(K.ENV, str(tmp_path / "cache"))
    return folder


@pytest.fixture
def linted(monkeypatch):
    """The paths ``begin_file`` parses (not read from the cache) in each run."""
    calls: list[str] = []
    real = L.begin_file
    monkeypatch.setattr(L, "begin_file", lambda text, path, *a, **k: calls.append(path) or real(text, path, *a, **k))
    return calls


def lint(*args: str, cache: bool = True, **options) -> tuple[int, str]:
    out = io.StringIO()
    C.for_folder.cache_clear()  # a process reads each configuration once: each run is one
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = lint_paths(list(args), format=options.pop("format", "concise"), jobs=options.pop("jobs", 1),
                          no_cache=not cache, **options)
    return code, out.getvalue()


def same(*args: str, **options) -> str:
    """The output with the cache, checked against the output without it."""
    with_cache = lint(*args, **options)
    assert with_cache == lint(*args, cache=False, **options)
    return with_cache[1]


def test_a_second_run_reads_every_script_from_the_cache(project, linted):
    first = same(".")
    assert "ALC201" in first and "ALC501" in first and "ALC406" in first
    assert linted == ["./a.al", "./b.al", "./a.al", "./b.al"]  # the run without the cache too
    linted.clear()
    assert lint(".")[1] == first
    assert linted == []
    assert lint("b.al")[1] == first.replace("./b.al", "b.al").replace("1 of 2 files", "1 of 1 file")
    assert linted == []  # named otherwise: still a hit, and a.al's summary is read from it too
    assert linted == []


def test_a_change_in_one_script_changes_the_findings_of_the_scripts_that_read_it(project, linted):
    assert "db_name" not in same(".")
    (project / "a.al").write_text("connect dbms sensors where type = sqlite\n")
    linted.clear()
    code, out = lint(".")
    assert linted == ["./a.al"]  # b.al from the cache, finished with the new facts
    assert "./b.al:1:7: ALC201 [undefined-variable] `!db_name`" in out
    assert (code, out) == lint(".", cache=False)
    (project / "x.al").write_text("x = 1\n")  # a new file: process x.al finds it, !x is set
    out = same(".")
    assert "ALC501" not in out and "!x" not in out


def test_select_ignore_configuration_and_code_changes_are_misses(project, linted):
    same(".")
    linted.clear()
    assert "ALC201" not in same(".", ignore=["ALC201"])
    assert linted and set(linted) == {"./a.al", "./b.al"}
    assert same(".", select=["ALC501"]).count("ALC") == 1
    (project / ".alc.toml").write_text('[severity]\nundefined-variable = "info"\n')
    assert "Found 3 problems (2 errors, 1 info)" in same(".")
    linted.clear()
    K._code_key[:] = ["another-alc"]  # what a new version of alc (or an edited checkout) gives
    try:
        same(".")
    finally:
        K._code_key.clear()
    assert linted[:2] == ["./a.al", "./b.al"]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "empty", "other-kind"])
def test_a_damaged_record_is_a_miss_and_is_written_again(project, linted, damage, tmp_path):
    first = same(".")
    records = sorted((tmp_path / "cache").glob(f"{K.PREFIX}*/l*"))
    assert len(records) == 2
    for record in records:
        data = record.read_bytes()
        record.write_bytes({
            "garbage": b"\x80\x05not a pickle at all",
            "truncated": data[:len(data) // 2],
            # A record that would run a command if it were unpickled as it is.
            "foreign": K.P.MAGIC + pickle.dumps(os.system, protocol=5) + b"",
            "empty": b"",
            "other-kind": K.P.dumps((K.FMT, K.digest(SETS), True)),
        }[damage])
    linted.clear()
    assert lint(".")[1] == first
    assert linted == ["./a.al", "./b.al"]
    linted.clear()
    assert lint(".")[1] == first
    assert linted == []  # written again, whole


def test_a_record_that_names_a_class_not_allowed_is_never_unpickled():
    class Boom:
        def __reduce__(self):
            return (os.system, ("false",))

    assert K.P.loads(K.P.MAGIC + pickle.dumps((1, Boom()))) is None


def test_fix_reads_the_cache_and_writes_what_the_fixed_file_gives(project, linted, tmp_path):
    (project / "c.al").write_text('if !db_name == sensors print "ok"\n')  # missing then: a fix
    before = same(".")
    assert "ALC002" in before
    copy = tmp_path / "copy"
    os.system(f"cp -r {project} {copy}")
    code, out = lint(".", fix=True)
    os.chdir(copy)
    assert (code, out) == lint(".", fix=True, cache=False)
    os.chdir(project)
    assert (project / "c.al").read_text() == (copy / "c.al").read_text()
    assert "then" in (project / "c.al").read_text()
    assert same(".") == out.replace("Fixed 1 problem in 1 file.\n", "")


def test_standard_input_is_never_taken_from_the_cache(project, monkeypatch):
    same(".")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"print !nothing_sets_this\n")))
    code, out = lint("-", stdin_filename="b.al")
    assert "b.al:1:7: ALC201 [undefined-variable] `!nothing_sets_this`" in out
    assert "ALC406" not in out


def test_the_cache_folder_is_tagged_ignored_and_at_the_project_root(project, monkeypatch):
    monkeypatch.delenv(K.ENV)
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    lint("..")
    top = project / ".alc_cache"
    assert (top / ".gitignore").read_text() == "# Automatically created by alc.\n*\n"
    assert (top / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55\n")
    assert len(list(top.glob(f"{K.PREFIX}*/l*"))) == 2
    assert not (project / "sub" / ".alc_cache").exists()
    result = runner.invoke(app, ["clean"])
    assert result.output == f"removed the cache at {top}\n"
    assert not top.exists()
    (project / ".alc.toml").write_text('cache-dir = "build/lint-cache"\n')
    lint("..", cache=False)
    assert not (project / "build").exists()
    lint("..")
    assert len(list((project / "build" / "lint-cache").glob(f"{K.PREFIX}*/l*"))) == 2


def test_clean_removes_only_what_alc_put_there(tmp_path, monkeypatch):
    top = tmp_path / "mine"
    top.mkdir()
    (top / "keep.txt").write_text("not alc's")
    monkeypatch.setenv(K.ENV, str(top))
    store = K.Store(top)
    store.write(K.FMT, "/x.al", (b"d", True))
    assert runner.invoke(app, ["clean"]).output == f"removed the cache at {top}\n"
    assert sorted(p.name for p in top.iterdir()) == ["keep.txt"]


def test_fmt_check_answers_from_the_cache(project, monkeypatch):
    (project / "a.al").write_text("x=1\n")
    calls = []
    import compiler.cli.fmt_run as F

    real = F.format_text
    monkeypatch.setattr(F, "format_text", lambda text, path: calls.append(path) or real(text, path))

    def check():
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            return format_paths(["."], check=True, jobs=1), out.getvalue()

    assert check() == (1, "would reformat ./a.al\n")
    assert len(calls) == 2
    calls.clear()
    assert check() == (1, "would reformat ./a.al\n")
    assert calls == []
    (project / "a.al").write_text("x = 1\n")
    assert check() == (0, "")
    assert calls == ["./a.al"]


def test_a_named_file_without_a_marker_is_a_project_of_the_files_named(tmp_path, monkeypatch):
    monkeypatch.setenv(K.ENV, str(tmp_path / "cache"))
    folder = tmp_path / "loose"
    (folder / "deep").mkdir(parents=True)
    (folder / "sets.al").write_text("db_name = sensors\n")
    (folder / "deep" / "other.al").write_text("x = 1\n")
    (folder / "reads.al").write_text("print !db_name\nprocess other.al\n")
    monkeypatch.chdir(folder)
    alone = same("reads.al")
    assert "reads.al:1:7: ALC201" in alone and "reads.al:2:9: ALC501" in alone
    both = same("reads.al", "sets.al")  # the files named are the project
    assert "ALC201" not in both and "ALC501" in both
    assert "ALC201" not in same(".") and "ALC501" not in same(".")  # a folder: all below it


# Same answers, whatever was edited between two runs: generated projects of a few scripts
# whose statements set and read a few variables, connect and use databases and process each
# other; each step rewrites, adds or removes a script, and lints with and without the cache.
STATEMENTS = st.sampled_from([
    "a = 1", "b = !a", "print !a !b !c", "c = x", "if !b then print !c",
    "connect dbms d1 where type = sqlite", "create table t where dbms = d1",
    "create table t where dbms = d2", "process s0.al", "process s3.al",
    "process !local_scripts/s1.al", "# alc: ignore[undefined-variable]", "if !a print x",
    "set x = !c  # alc: ignore[ALC201]", "<run operator where\n  threads = !a>",
])
SCRIPT = st.lists(STATEMENTS, max_size=5).map(lambda lines: "\n".join(lines) + "\n")
EDIT = st.tuples(st.integers(0, 3), st.one_of(SCRIPT, st.none()))


@settings(max_examples=25)
@given(st.lists(SCRIPT, min_size=1, max_size=4), st.lists(st.lists(EDIT, max_size=3), min_size=1, max_size=3),
       st.sampled_from([(), ("--select", "ALC2")]), st.sampled_from([0, 1, lint_run.FEW_FILES]))
def test_the_cache_never_changes_the_output(tmp_path_factory, scripts, steps, options, few):
    """(``few``: runs of up to that many files finish without the facts' key; 0: never.)"""
    folder = tmp_path_factory.mktemp("gen")
    (folder / ".alc.toml").write_text("")
    for i, text in enumerate(scripts):
        (folder / f"s{i}.al").write_text(text)
    select = [options[1]] if options else None
    old, old_cache = os.getcwd(), os.environ.get(K.ENV)
    os.chdir(folder)
    os.environ[K.ENV] = str(folder.parent / (folder.name + "-cache"))
    few_files, lint_run.FEW_FILES = lint_run.FEW_FILES, few
    try:
        for edits in [[], *steps]:
            for index, text in edits:
                path = folder / f"s{index}.al"
                if text is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_text(text)
            if not list(folder.glob("*.al")):
                continue
            for target in (["."], sorted(p.name for p in folder.glob("*.al"))[:1]):
                cached = lint(*target, select=select, format="json")
                assert cached == lint(*target, select=select, format="json")  # read back
                assert cached == lint(*target, select=select, format="json", cache=False)
    finally:
        lint_run.FEW_FILES = few_files
        os.chdir(old)
        if old_cache is None:
            os.environ.pop(K.ENV, None)
        else:
            os.environ[K.ENV] = old_cache


def test_worker_processes_read_the_cache_too(project, monkeypatch):
    from compiler.cli import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    for i in range(6):
        (project / f"n{i}.al").write_text(f"v{i} = !db_name\nprint !v{(i + 1) % 6}\ncreate table t where dbms = d{i}\n")
    out = lint(".", cache=False)
    assert lint(".", jobs=2) == out  # written by the workers
    assert parallel.used_workers
    assert lint(".", jobs=2) == out  # read by them
    (project / "n3.al").write_text("print !v9\n")
    assert lint(".", jobs=2) == lint(".", cache=False)


def test_a_cold_run_with_workers_reads_nothing_in_the_main_process_first(project, monkeypatch):
    """With an empty cache the main process does not look every file up before the workers
    start (it would read and hash them all while they wait); with records it does."""
    from compiler.cli import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    for i in range(4):
        (project / f"n{i}.al").write_text(f"v{i} = !db_name\nprint !v{(i + 1) % 4}\n")
    passes = []
    real = lint_run.Run.lint
    monkeypatch.setattr(lint_run.Run, "lint", lambda self, chunk, cached_only=False: passes.append(
        (cached_only, len(chunk))) or real(self, chunk, cached_only))
    out = lint(".", cache=False)
    passes.clear()
    assert lint(".", jobs=2) == out
    assert [p for p in passes if p[0]] == []  # cold: no look-up pass in the main process
    passes.clear()
    assert lint(".", jobs=2) == out
    assert (True, 6) in passes  # warm: the main process answers from the cache


def test_a_script_not_linted_is_summarized_from_its_record_without_reading_it(project, monkeypatch):
    import compiler.model.project as MP

    monkeypatch.setattr(K, "SETTLED_NS", 0)  # the records count as written long after the files
    same(".")
    reads = []
    real = MP.F.read
    monkeypatch.setattr(MP.F, "read", lambda path, *a: reads.append(Path(path).name) or real(path, *a))
    out = same("b.al")
    assert "db_name" not in out  # a.al's assignment, from its record
    assert reads.count("a.al") == 1  # by the run without the cache only
    (project / "a.al").write_text("connect dbms sensors where type = sqlite\n# no db_name now\n")
    reads.clear()
    assert "b.al:1:7: ALC201 [undefined-variable] `!db_name`" in same("b.al")
    assert reads.count("a.al") == 2


def test_a_second_run_reads_no_script_when_the_files_are_the_ones_recorded(project, monkeypatch):
    from compiler import files as F

    monkeypatch.setattr(K, "SETTLED_NS", 0)  # the records count as written long after the files
    (project / "c.al").write_text("x = 1  # alc: ignore[no-such-rule]\n")
    code, first = lint(".")
    assert code == 2 and "./b.al:2:36: ALC406" in first
    reads = []
    real = F.read
    monkeypatch.setattr(F, "read", lambda path, *a: (path.endswith(".al") and reads.append(path)) or real(path, *a))
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        again = lint(".")
    assert again == (code, first) and reads == []
    assert lint(".", format="text")[1] == lint(".", format="text", cache=False)[1]
    assert reads  # the text report shows the lines: read
    reads.clear()
    assert lint("./b.al")[1] == lint("./b.al", cache=False)[1]
    assert reads.count("./b.al") == 1  # by the run without the cache


def test_a_file_read_because_its_record_was_too_recent_gets_a_settled_record(project, monkeypatch):
    """git's racy rule: a file changed less than SETTLED_NS before its record is read (and
    hashed); once it has settled, a hit by its text writes its stat, so the next run does not
    read it."""
    import types

    import compiler.model.project as MP

    lint(".")  # records written right after the files: too recent to stand for them
    now = K.time.time_ns
    monkeypatch.setattr(K, "time", types.SimpleNamespace(time_ns=lambda: now() + 10 * K.SETTLED_NS))
    reads = []
    real = MP.F.read
    monkeypatch.setattr(MP.F, "read", lambda path, *a: reads.append(Path(path).name) or real(path, *a))
    first = lint("b.al")
    assert reads.count("a.al") == 1  # read and hashed: the record was too recent
    assert lint("b.al") == first and reads.count("a.al") == 1  # not again: the record was refreshed
    (project / "a.al").write_text("connect dbms sensors where type = sqlite\n")
    assert "b.al:1:7: ALC201 [undefined-variable] `!db_name`" in lint("b.al")[1]  # a change is seen
    assert reads.count("a.al") == 2


def test_runs_at_once_leave_whole_records(project, tmp_path):
    import subprocess
    import sys

    for i in range(30):
        (project / f"n{i}.al").write_text(f"v{i} = !db_name\nprint !v{(i + 1) % 30}\nprint !w{i}\n")
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    argv = [sys.executable, "-m", "compiler", "lint", "--format", "json", "--exit-zero", "--jobs", "1", "."]
    runs = [subprocess.Popen(argv, cwd=project, env=env, stdout=subprocess.PIPE) for _ in range(3)]
    outputs = [run.communicate()[0] for run in runs]
    records = list((tmp_path / "cache").glob(f"{K.PREFIX}*/l*"))
    assert len(records) == 32
    assert all(K.P.loads(record.read_bytes()) is not None for record in records)
    assert not list((tmp_path / "cache").glob(f"{K.PREFIX}*/.*"))  # no temporary file left
    expected = subprocess.run(argv + ["--no-cache"], cwd=project, env=env, capture_output=True).stdout
    assert outputs == [expected] * 3
    assert subprocess.run(argv, cwd=project, env=env, capture_output=True).stdout == expected


def test_the_summaries_of_the_other_scripts_come_from_one_packed_file(project, monkeypatch):
    """`alc lint FILE` reads the project's other summaries from one file, packed after an
    earlier run; a file whose stat is not the one packed is looked up in its own record, and a
    damaged pack is ignored and written again."""
    monkeypatch.setattr(K, "SETTLED_NS", 0)  # the records count as written long after the files
    (project / "c.al").write_text("company_name = acme\n")
    same(".")
    assert same("b.al") == lint("b.al")[1]  # the pack is written by the first run, read by this one
    packs = list(Path(os.environ[K.ENV]).glob("v-*/s*"))
    assert len(packs) == 1
    reads = []
    real = K.Store.read
    monkeypatch.setattr(K.Store, "read", lambda self, kind, real_path, digest: reads.append(
        (kind, Path(real_path).name)) or real(self, kind, real_path, digest))
    first = lint("b.al")
    assert sorted(set(reads)) == [(K.LINT, "b.al"), (K.SUMMARIES, "p")]  # not a.al's nor c.al's record
    (project / "a.al").write_text("connect dbms sensors where type = sqlite\n# no db_name now\n")
    reads.clear()
    out = same("b.al")
    assert "b.al:1:7: ALC201 [undefined-variable] `!db_name`" in out and out != first[1]
    assert (K.LINT, "a.al") in reads and (K.LINT, "c.al") not in reads
    packs[0].write_bytes(packs[0].read_bytes()[:-20])  # truncated: ignored, written again
    reads.clear()
    assert same("b.al") == out
    assert (K.LINT, "c.al") in reads
    reads.clear()
    assert lint("b.al")[1] == out
    assert sorted(set(reads)) == [(K.LINT, "b.al"), (K.SUMMARIES, "p")]


def test_the_facts_key_tells_sets_of_names_apart_even_with_nul_in_them():
    from compiler.cache import pack as P

    assert P.names(["b", "a"]) == P.names({"a", "b"})
    assert P.names(["a\0b", "c"]) != P.names(["a", "b\0c"])
    assert P.names(["a\0b"]) != P.names(["a", "b"])
    assert P.names([]) != P.names([""])
    assert P.names(["a", "b"]) + P.names([]) != P.names(["a"]) + P.names(["b"])


def test_a_run_of_a_few_files_finishes_them_without_the_facts_key(project, monkeypatch):
    """`alc lint FILE` keeps the file's record without the key of the project's facts (not
    worked out at all); a later run of the project finishes that file again, and keeps it
    with the key; the findings are the same all along."""
    from compiler.cache import lint as cached

    real_key = cached.facts_key
    keys = []
    monkeypatch.setattr(cached, "facts_key", lambda facts: keys.append(1) or real_key(facts))
    assert lint_run.FEW_FILES >= 1
    whole = same(".")
    assert len(keys) == 0  # two files: a few
    monkeypatch.setattr(lint_run, "FEW_FILES", 1)
    assert same(".") == whole and len(keys) == 1  # more than a few: the key, once per run
    (project / "b.al").write_text(READS + "print !other_name\n")
    keys.clear()
    one = same("b.al")
    assert "b.al:5:7: ALC201 [undefined-variable] `!other_name`" in one and keys == []
    record = K.Store(Path(os.environ[K.ENV])).read(K.LINT, os.path.realpath("b.al"), None)
    assert record[6] is None  # kept without the key: no finished findings to trust later
    finishes = []
    real_finish = L.finish
    monkeypatch.setattr(L, "finish", lambda pending, facts: finishes.append(pending.path) or real_finish(pending, facts))
    again = lint(".")[1]
    assert finishes == ["./b.al"]  # a.al's finished findings were kept with the key: only b.al again
    assert again == lint(".", cache=False)[1] and "b.al:5:7: ALC201" in again
    finishes.clear()
    assert lint(".")[1] == again and finishes == []


def test_the_text_report_reads_only_the_cached_scripts_whose_lines_it_shows(project, monkeypatch):
    from compiler import files as F

    monkeypatch.setattr(K, "SETTLED_NS", 0)  # the records count as written long after the files
    first = lint(".", format="text")
    reads = []
    real = F.read
    monkeypatch.setattr(F, "read", lambda path, *a: (path.endswith(".al") and reads.append(path)) or real(path, *a))
    again = lint(".", format="text")
    assert again == first and "2 | create table tsd_info where dbms = other" in first[1]  # its line is shown
    # b.al's findings are shown with their lines; a.al has none: it is not read at all
    assert "./a.al" not in first[1] and reads == ["./b.al"]
