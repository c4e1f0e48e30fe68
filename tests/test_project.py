"""The project's own promises: packaging lists every package, the README and CI agree."""

import re
import tomllib

from tests.conftest import ROOT


def test_every_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "compiler").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Quick start\n.*?```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line for line in block.splitlines() if line and not line.startswith("#")]
    assert len(commands) == 2, commands
    ci = (ROOT / ".ci" / "run").read_text()
    assert commands[1] in ci.splitlines()


def test_readme_quick_start_sample_exists():
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"## Quick start\n.*?```sh\n(.*?)```", readme, re.S).group(1)
    for path in re.findall(r"samples/\S+", block):
        assert (ROOT / path).exists(), path


def test_find_root_with_a_memo_gives_the_same_roots(tmp_path):
    from compiler.model.project import find_root

    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "a" / ".alc.toml").write_text("")
    (tmp_path / "a" / "b" / "c" / "s.al").write_text("")
    memo: dict = {}
    for path in (tmp_path / "a" / "b" / "c" / "s.al", tmp_path / "a" / "b", tmp_path / "a",
                 tmp_path / "x" / "y", tmp_path / "a" / "b" / "c"):
        assert find_root(path, memo) == find_root(path)
    assert memo[tmp_path / "a" / "b" / "c"] == tmp_path / "a"
    assert find_root(tmp_path / "a" / "b" / "c" / "s.al", memo) == tmp_path / "a"
