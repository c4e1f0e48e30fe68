"""compiler.official.env: a spec's node -> the official .env files, exact text (golden).

Regenerate after a deliberate change with ALC_UPDATE_GOLDEN=1, then review the diff.
"""

import os
from pathlib import Path

import pytest

from compiler import spec
from compiler.official import keys
from compiler.official.env import EnvFile, env_files, quote, render
from tests.conftest import FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "official"
SPECS = sorted((FIXTURES / "official").glob("*.yaml"))


def _network(path: Path):
    loaded = spec.load(path.read_text(), path.name)
    assert loaded.network is not None, loaded.diagnostics
    return loaded.network


def _check(name: str, text: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        golden.write_text(text)
    assert text == golden.read_text()


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_every_official_file_of_a_node_is_written_exactly(path):
    network = _network(path)
    for node in network.nodes:
        for file in env_files(network, node):
            _check(f"{node.name.value}.{file.name}", render(file))


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_every_key_of_the_official_layout_is_there_in_order(path):
    network = _network(path)
    for node in network.nodes:
        files = env_files(network, node)
        official = keys.layout(network.platform.value, node.type.value)
        assert [f.name for f in files] == [name for name, _ in official]
        for file, (_, sections) in zip(files, official):
            names = [key for key, _ in file.entries]
            expected = [key for _, ks in sections for key in ks]
            assert names[:len(expected)] == expected


def test_secrets_are_compose_references_never_literals():
    network = _network(FIXTURES / "official" / "orchard-operator.yaml")
    entries = dict(e for f in env_files(network, network.nodes[0]) for e in f.entries)
    assert entries["DB_PASSWD"] == "${DB_PASSWD}"
    assert entries["MQTT_PASSWD"] == "${MQTT_PASSWD}"
    assert entries["NOSQL_PASSWD"] == ""  # no such database: no secret to name


def test_a_setting_edgelake_files_have_no_key_for_is_added_at_the_end():
    network = _network(FIXTURES / "official" / "orchard-operator.yaml")
    last = env_files(network, network.nodes[0])[-1]
    assert last.entries[-1] == ("NODE_MONITORING", "true")
    assert last.sections[-1] == ("Not in the official file", len(last.entries) - 1)


@pytest.mark.parametrize("text, written", [
    ("", '""'), ("60 seconds", "60 seconds"), ("a#b", '"a#b"'), (" x", '" x"'), ('say "hi"', "'say \"hi\"'"), ('it\'s "x"', '"it\'s \\"x\\""'),
    ("${DB_PASSWD}", "${DB_PASSWD}"),
])
def test_values_are_quoted_only_where_a_reader_would_cut_them(text, written):
    assert quote(text) == written


def test_render_of_a_hand_made_file():
    file = EnvFile("base_configs.env", (("NODE_TYPE", "query"), ("COMPANY_NAME", "")), (("General", 0),))
    assert render(file) == ("# base_configs.env: written by alc from the spec (the official keys, in the "
                            "official order)\n\n#--- General ---\nNODE_TYPE=query\nCOMPANY_NAME=\"\"\n")
