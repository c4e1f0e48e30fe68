"""The pre-commit hooks run their entry on the files pre-commit passes them."""

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def command(entry: str) -> list[str]:
    words = shlex.split(entry)
    alc = Path(sys.executable).parent / "alc"
    head = [str(alc)] if alc.exists() else [sys.executable, "-m", "compiler"]
    assert words[0] == "alc"
    return head + words[1:]


# Run from the checkout even where alc is not installed in this interpreter.
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


# What each hook must reject, and what it says about it.
BAD = {"alc-lint": ("goto\n", "bad.al:1:5"), "alc-fmt": ("print   ready\n", "would reformat")}


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_hook_entry_runs_on_matching_files(hook, tmp_path):
    good, bad = tmp_path / "good.al", tmp_path / "bad.al"
    good.write_text("print ready\n")
    bad_text, said = BAD[hook["id"]]
    bad.write_text(bad_text)
    pattern = re.compile(hook["files"])
    assert pattern.search("node.al") and not pattern.search("README.md")
    ok = subprocess.run(command(hook["entry"]) + [str(good)], capture_output=True, text=True, cwd=tmp_path,
                        env=ENV)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    failed = subprocess.run(command(hook["entry"]) + [str(good), str(bad)], capture_output=True, text=True,
                            cwd=tmp_path, env=ENV)
    assert failed.returncode == 1 and said in failed.stdout + failed.stderr
    assert bad.read_text() == bad_text  # a check never rewrites the file
