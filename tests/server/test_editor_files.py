"""The VS Code extension's files agree with alc (checked without Node.js): the grammar knows
exactly the catalogue's commands, and what the manifest names exists."""

from __future__ import annotations

import json
import re

from compiler.model.catalogue import ALL_COMMANDS
from tests.conftest import ROOT

EXTENSION = ROOT / "editors" / "vscode"


def test_the_grammar_highlights_exactly_the_commands_of_the_catalogue():
    grammar = json.loads((EXTENSION / "syntaxes" / "anylog.tmLanguage.json").read_text())
    pattern = grammar["repository"]["commands"]["match"]
    inner = pattern[pattern.index("(?:") + 3:pattern.rindex(")(?!")]
    names = [alternative.replace("\\s+", " ").replace("\\", "") for alternative in inner.split("|")]
    assert set(names) == set(ALL_COMMANDS)
    # longest first, so `run tcp server` is never cut at `run`
    lengths = [len(name) for name in names]
    assert lengths == sorted(lengths, reverse=True)
    regex = re.compile(pattern)
    assert regex.match("run tcp server").group() == "run tcp server"
    assert regex.search("x.connect dbms") is None


def test_the_manifest_names_files_that_exist():
    manifest = json.loads((EXTENSION / "package.json").read_text())
    contributes = manifest["contributes"]
    assert (EXTENSION / contributes["languages"][0]["configuration"]).is_file()
    assert (EXTENSION / contributes["grammars"][0]["path"]).is_file()
    assert (EXTENSION / manifest["main"]).is_file()
    assert (EXTENSION / "package-lock.json").is_file()  # `npm ci` in .ci/run
    assert not (EXTENSION / "node_modules").exists() or ".gitignore" in {p.name for p in EXTENSION.iterdir()}
