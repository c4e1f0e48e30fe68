"""`alc lint` of a project keeps summaries of its scripts, not their trees, and `--jobs`
spreads the files of one project over worker processes with the same output."""

from __future__ import annotations

import gc
import json
import weakref

import pytest

from compiler.cli import lint_run, parallel
from compiler.syntax import parser
from compiler.syntax import tree as T

FILES = {
    # assigns `shared`, processes `worker.al`, connects almgm and a mongo database
    "a_main.al": (
        "shared = edge\n"
        "connect dbms almgm where type = sqlite\n"
        "connect dbms blobs where type = mongo\n"
        "create table tsd_info where dbms = almgm\n"
        "process !local_scripts/worker.al\n"
        "cluster_policy = create policy cluster where name = c1 and company = acme\n"
    ),
    # reads `shared` (assigned only in a_main.al), runs HA with no almgm of its own: fine,
    # as a_main.al processes it; stores blobs in the mongo database a_main.al connects
    "worker.al": (
        "print !shared\n"
        "print !nowhere\n"
        "if shared == edge then print yes\n"
        "run data distributor\n"
        "run blobs archiver where dbms = true and folder = false\n"
        "create table t1 where dbms = almgm\n"
        "create table t2 where dbms = lost\n"
    ),
    # the same cluster looked up with another company than z_op2.al
    "z_op1.al": (
        "cluster_id = blockchain get cluster where name = c1 and company = acme bring.first [*][id]\n"
        "new_policy = create policy operator where name = op1 and company = acme and cluster = !cluster_id\n"
    ),
    "z_op2.al": (
        "cluster_id = blockchain get cluster where name = c1 and company = other bring.first [*][id]\n"
        "new_policy = create policy operator where name = op2 and company = acme and cluster = !cluster_id\n"
    ),
}


def _project(tmp_path, copies: int = 1):
    root = tmp_path / "net"
    root.mkdir()
    (root / ".alc.toml").write_text("")
    for index in range(copies):
        folder = root / f"site{index}" if copies > 1 else root
        folder.mkdir(exist_ok=True)
        for name, text in FILES.items():
            (folder / name).write_text(text)
    return root


def _lint(monkeypatch, capsys, root, jobs: int, paths=(".",)):
    monkeypatch.chdir(root)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
    code = lint_run.lint_paths(list(paths), "json", jobs=jobs, no_cache=True)  # workers, not the cache
    out = capsys.readouterr()
    assert parallel.used_workers == (jobs > 1)  # worker processes did the work
    return code, out.out, out.err


def test_cross_file_facts(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    _code, out, _err = _lint(monkeypatch, capsys, root, 1)
    found = {(d["path"].split("/")[-1], d["rule"], d["line"]) for d in json.loads(out)}
    rules = {rule for _path, rule, _line in found}
    # assigned in another file: neither undefined nor...
    assert ("worker.al", "undefined-variable", 1) not in found
    assert ("worker.al", "undefined-variable", 2) in found  # ...but assigned nowhere is
    assert ("worker.al", "bare-variable-in-condition", 3) in found  # a variable of a_main.al
    # processed by another file: it may start with almgm connected
    assert "ha-requires-almgm" not in rules
    # a mongo database connected in another file
    assert "blobs-storage" not in rules
    # almgm connected in another file, `lost` nowhere
    assert ("worker.al", "dbms-not-connected", 6) not in found
    assert ("worker.al", "dbms-not-connected", 7) in found
    # operators of one cluster, looked up with two companies in two files
    assert ("z_op1.al", "cluster-id-mismatch", 2) in found
    assert ("z_op2.al", "cluster-id-mismatch", 2) in found


def test_cross_file_facts_when_one_file_is_linted(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path)
    _code, out, _err = _lint(monkeypatch, capsys, root, 1, ["worker.al"])
    found = {(d["rule"], d["line"]) for d in json.loads(out)}
    assert ("undefined-variable", 1) not in found and ("undefined-variable", 2) in found
    assert ("dbms-not-connected", 6) not in found and ("dbms-not-connected", 7) in found


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_jobs_inside_one_project(tmp_path, monkeypatch, capsys, fmt):
    root = _project(tmp_path, copies=6)  # one project: every file sees all the others
    outputs = []
    for jobs in (1, 2, 3):
        monkeypatch.chdir(root)
        monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 1)
        code = lint_run.lint_paths(["."], fmt, jobs=jobs)
        outputs.append((code, capsys.readouterr()))
    assert outputs[0] == outputs[1] == outputs[2]
    assert "cluster-id-mismatch" in outputs[0][1].out


def test_no_tree_outlives_its_file(tmp_path, monkeypatch, capsys):
    root = _project(tmp_path, copies=3)
    parsed: list[weakref.ref] = []
    most = []
    real = parser._parse

    def spy(text, path):
        # Before each parse, count the trees of earlier parses still alive (the collector is
        # off while a file is linted: only reference counting frees them).
        most.append(sum(ref() is not None for ref in parsed))
        script = real(text, path)
        parsed.append(weakref.ref(script))
        return script

    monkeypatch.setattr(parser, "_parse", spy)
    _lint(monkeypatch, capsys, root, 1)
    assert len(parsed) >= 3 * len(FILES)
    assert max(most) == 0
    assert all(ref() is None for ref in parsed)
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, T.Script) and o.path.startswith(str(root))]


def test_linting_a_script_leaves_no_cycles():
    """Reference counting alone frees a linted script's tree: a cycle through it (a recursive
    closure holding the model, as the flow analysis had) would keep every tree of a large
    run alive until a collection that has to walk all of them."""
    from benchmarks.generate import generate
    from compiler import config as C
    from compiler import lint
    from compiler.model.project import Project

    from tests.conftest import cyclic_garbage

    text = generate(600, seed=3)

    def run():
        lint.begin_file(text, "cycles.al", Project(None), C.Config())
        lint.lint_script(text, "cycles.al")

    assert cyclic_garbage(run) == []
