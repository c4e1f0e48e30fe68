"""`alc build --target compose|helm` as a user runs it: the files written, the refusals (exit 2,
one line, nothing written), --check, and that the default target is still the scripts."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from compiler.cli.app import app
from tests.conftest import ROOT

runner = CliRunner()
NETWORK = "samples/specs/orchard-network.yaml"
GOLDEN = ROOT / "tests" / "golden" / "deploy" / "orchard-network"


@pytest.fixture(autouse=True)
def in_the_repository(monkeypatch):
    monkeypatch.chdir(ROOT)


def run(*args):
    return runner.invoke(app, list(args))


def tree(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("target,extra", [("compose", []), ("compose-scripts", ["--scripts"]), ("helm", [])])
def test_writes_exactly_the_golden_files(tmp_path, target, extra):
    out = tmp_path / "out"
    result = run("build", NETWORK, "--target", target.split("-")[0], *extra, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert tree(out) == tree(GOLDEN / target)
    assert result.stderr.count("alc: wrote ") == len(tree(out))
    warnings = [line for line in result.stderr.splitlines() if not line.startswith("alc: wrote ")]
    if target == "helm":  # the chart predates these keys: HA and partitioning do not arrive (the sync
        # period is the official default, `30 second`, which the node gets without the key)
        assert warnings == [f"alc: warning: {NETWORK}: node `{node}`: the anylog-node chart has no value for "
                            "ENABLE_HA, ENABLE_PARTITIONS, which the spec sets: the node does not get them"
                            for node in ("orchard-row-1", "orchard-row-2")]
    else:
        assert warnings == []


def test_the_default_target_is_still_the_scripts(tmp_path):
    result = run("build", NETWORK, "-o", str(tmp_path))
    assert result.exit_code == 0
    assert sorted(tree(tmp_path)) == ["orchard-master.al", "orchard-query.al", "orchard-row-1.al", "orchard-row-2.al"]


def test_check_says_whether_the_folder_is_up_to_date(tmp_path):
    assert run("build", NETWORK, "--target", "helm", "-o", str(tmp_path)).exit_code == 0
    assert run("build", NETWORK, "--target", "helm", "-o", str(tmp_path), "--check").exit_code == 0
    (tmp_path / "orchard-query" / "values.yaml").write_text("metadata: {}\n")
    result = run("build", NETWORK, "--target", "helm", "-o", str(tmp_path), "--check")
    assert (result.exit_code, result.stdout) == (1, "")


@pytest.mark.parametrize("args,message", [
    (["--target", "helm"], "alc: error: --target helm writes several files: give the folder with -o DIR\n"),
    (["--target", "swarm", "-o", "x"], "alc: error: --target swarm: choose one of scripts, compose, helm\n"),
    (["--scripts", "-o", "x"], "alc: error: --scripts goes with --target compose\n"),
    (["--target", "helm", "--scripts", "-o", "x"], "alc: error: --scripts goes with --target compose\n"),
])
def test_usage_errors(args, message):
    result = run("build", NETWORK, *args)
    assert (result.exit_code, result.stderr) == (2, message)


def test_a_link_in_the_output_folder_is_never_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    os.symlink(outside, out / "row-1")
    result = run("build", NETWORK, "--target", "compose", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == f"alc: error: {out / 'row-1'}: is a link; alc writes only inside {out}, never through a link\n"
    assert list(outside.iterdir()) == [] and [p.name for p in out.iterdir()] == ["row-1"]


def test_a_node_helm_cannot_name_writes_nothing(tmp_path):
    spec = tmp_path / "net.yaml"
    spec.write_text("alc: 1\ncompany: C\nledger: 10.0.0.1:32048\nnodes:\n  - {name: Big_Master, type: master}\n")
    out = tmp_path / "out"
    result = run("build", str(spec), "--target", "helm", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr == (
        f"alc: error: {spec}:5:12: node `Big_Master` is no Kubernetes name (lower-case letters, digits and `-`, "
        "starting and ending with a letter or digit): the chart names the node after its release; "
        "nothing was written\n")
    assert not out.exists()


def test_a_host_that_cannot_name_a_folder_is_refused_at_its_line(tmp_path):
    spec = tmp_path / "net.yaml"
    spec.write_text("alc: 1\ncompany: C\nledger: 10.0.0.1:32048\nnodes:\n  - {name: m, type: master, host: ../up}\n")
    result = run("build", str(spec), "--target", "compose", "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stderr) == (2, f"alc: error: {spec}:5:35: host `../up` cannot name a folder: "
                                                    "use letters, digits, `-`, `_` and `.`; nothing was written\n")
    assert not (tmp_path / "out").exists() and not (tmp_path / "up").exists()


def test_a_spec_with_errors_builds_no_deployment(tmp_path):
    spec = tmp_path / "net.yaml"
    spec.write_text("alc: 1\ncompany: C\nledger: 10.0.0.1:32049\nnodes:\n  - {name: m, type: master}\n")
    out = tmp_path / "out"
    result = run("build", str(spec), "--target", "compose", "-o", str(out))
    assert result.exit_code == 2
    assert "ALC631 [ledger-address]" in result.stderr and not out.exists()


def test_env_files_convert_back_to_the_same_spec(tmp_path):
    """Each node's folder of .env files, converted with `alc convert`, is the spec's node again."""
    from compiler import spec as spec_module
    from compiler.diff import flatten

    out = tmp_path / "out"
    assert run("build", NETWORK, "--target", "compose", "-o", str(out)).exit_code == 0
    original = spec_module.load((ROOT / NETWORK).read_text(), NETWORK).network
    for node in original.nodes:
        folder = out / node.host.value / node.name.value
        result = run("convert", f"{folder}{os.sep}", "-o", str(tmp_path / f"{node.name.value}.yaml"))
        assert result.exit_code == 0, result.output
        text = (tmp_path / f"{node.name.value}.yaml").read_text()
        back = spec_module.load(text, "back.yaml").network
        assert [n.name.value for n in back.nodes] == [node.name.value]
        skip = ("host", "container", "kubernetes")  # not in a node's .env files: the machine, the Helm release
        mine = {k: v for k, v in flatten(node).items() if k.split(".")[0] not in skip}
        theirs = {k: v for k, v in flatten(back.nodes[0]).items() if k.split(".")[0] not in skip}
        assert theirs == mine
        for field in ("platform", "company", "ledger", "blockchain_sync"):
            assert getattr(back, field).value == getattr(original, field).value


def test_what_the_env_files_cannot_say_is_a_warning_naming_scripts(tmp_path):
    spec = tmp_path / "pond.yaml"
    spec.write_text("alc: 1\nplatform: edgelake\ncompany: Pond\nledger: 10.1.0.1:32048\nclusters: [{name: pond}]\n"
                    "nodes:\n  - name: pond-op\n    type: operator\n    cluster: pond\n"
                    "    databases: {data: {name: fish}}\n    blobs: {}\n    commands: [\"set debug on\"]\n")
    result = run("build", str(spec), "--target", "compose", "-o", str(tmp_path / "out"))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0] == (
        f"alc: warning: {spec}: node `pond-op`: the official scripts, configured by its .env files, would "
        "differ from the spec in hostname (the files: auto, the spec: nothing); location (only the files have it); "
        "operator.main (the files: auto, the spec: nothing); rest (only the files have it); commands (1 in the "
        "spec, which no official key holds): --scripts runs its built script instead")
    result = run("build", str(spec), "--target", "compose", "--scripts", "-o", str(tmp_path / "own"))
    assert result.exit_code == 0 and "warning" not in result.stderr
