"""The pre-commit hooks, run the way pre-commit runs them.

pre-commit itself cannot be used here: `pre-commit try-repo` installs each hook's
environment with pip, which needs the network.  So each hook's `entry` (and its `args`)
runs as pre-commit runs it: from the repository's top folder, with the files that match its
`files` pattern as relative paths, and the hook fails when the command exits non-zero or
changes a file (pre-commit compares the files before and after).
"""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}

# Run from the checkout even where alc is not installed in this interpreter.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
ENV.pop("NO_COLOR", None)

FILES = {
    "good.al": "print ready\n",
    "messy.al": "print   ready\n",  # not in the canonical layout
    "broken.al": "node_type = operator\nif !node_type == operator goto setup\n:setup:\n",  # a safe fix
    "stuck.al": "goto\n",  # a syntax error nothing fixes
    "legacy/old.al": "goto\n",  # excluded by the configuration
    "notes.md": "goto\n",
    "ci.yaml": "jobs: {}\n",  # not an alc spec
}


def command(hook: dict) -> list[str]:
    words = shlex.split(hook["entry"]) + hook.get("args", [])
    alc = Path(sys.executable).parent / "alc"
    head = [str(alc)] if alc.exists() else [sys.executable, "-m", "compiler"]
    assert words[0] == "alc"
    return head + words[1:]


def pre_commit(hook_id: str, repo: Path, names: list[str]) -> tuple[bool, str, dict[str, str]]:
    """Run a hook on ``names`` as pre-commit does: (passed, output, the files changed)."""
    hook = HOOKS[hook_id]
    pattern = re.compile(hook["files"])
    chosen = [name for name in names if pattern.search(name)]
    before = {name: (repo / name).read_text() for name in names}
    proc = subprocess.run(command(hook) + chosen, cwd=repo, env=ENV, capture_output=True, text=True)
    changed = {name: (repo / name).read_text() for name in names if (repo / name).read_text() != before[name]}
    return proc.returncode == 0 and not changed, proc.stdout + proc.stderr, changed


@pytest.fixture
def repo(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / ".alc.toml").write_text('extend-exclude = ["legacy"]\n')
    return tmp_path


def test_every_hook_is_tested():
    assert set(HOOKS) == {"alc-lint", "alc-lint-fix", "alc-fmt", "alc-fmt-check"}
    for hook in HOOKS.values():
        assert hook["language"] == "python"
        pattern = re.compile(hook["files"])
        assert pattern.search("node.al") and not pattern.search("README.md")


def test_alc_lint_checks_and_changes_nothing(repo):
    passed, output, changed = pre_commit("alc-lint", repo, ["good.al", "messy.al", "notes.md", "ci.yaml"])
    assert passed, output
    passed, output, changed = pre_commit("alc-lint", repo, list(FILES))
    assert not passed and not changed
    assert "broken.al:2:27: ALC002" in output and "stuck.al:1:5: ALC001" in output
    assert "legacy" not in output  # the configuration's exclude applies to the files named


def test_alc_lint_fix_fixes_in_place(repo):
    passed, output, changed = pre_commit("alc-lint-fix", repo, ["good.al", "broken.al", "legacy/old.al"])
    assert not passed  # pre-commit fails a hook that changed a file
    assert changed == {"broken.al": "node_type = operator\nif !node_type == operator then goto setup\n:setup:\n"}
    assert "Fixed 1 problem in 1 file." in output
    passed, output, changed = pre_commit("alc-lint-fix", repo, ["good.al", "broken.al"])
    assert passed and not changed, output  # the next commit goes through
    passed, output, changed = pre_commit("alc-lint-fix", repo, ["stuck.al"])
    assert not passed and not changed and "stuck.al:1:5: ALC001" in output


def test_alc_fmt_formats_in_place(repo):
    passed, output, changed = pre_commit("alc-fmt", repo, list(FILES))
    assert not passed and changed == {
        "messy.al": "print ready\n",
        "broken.al": "node_type = operator\nif !node_type == operator goto setup\n\n:setup:\n"}
    assert "2 files reformatted" in output
    passed, output, changed = pre_commit("alc-fmt", repo, ["good.al", "messy.al"])
    assert passed and not changed, output


def test_alc_fmt_check_only_checks(repo):
    passed, output, changed = pre_commit("alc-fmt-check", repo, list(FILES))
    assert not passed and not changed and "would reformat messy.al" in output
    passed, output, changed = pre_commit("alc-fmt-check", repo, ["good.al"])
    assert passed, output
