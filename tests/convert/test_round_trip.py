"""Round trips: a spec's scripts convert back to the spec's IR, and the converted spec (YAML and
TOML) builds the same bytes; on every sample spec and on generated specs.

Three things no script states are compared as scripts can hold them: `alc build` writes a
spec's `commands` in the layout of `alc fmt` (convert keeps what the script says, verbatim),
the clusters come in the order their members do (a script names its own cluster, not the list),
and a network of generic nodes only, which neither sync nor publish, names its ledger and its
metadata sync nowhere.  `container` and `kubernetes` are never written into a script (only
`.env`, compose and Helm values files carry them), so no conversion of a script gives them back:
they are left out here.
"""

import copy
import tomllib

import pytest
import yaml
from hypothesis import given, settings

from compiler import convert, emit, spec
from compiler.cli.build import spec_name
from compiler.convert import to_spec
from compiler.fmt.verify import format_text
from compiler.ir import Value
from tests.conftest import ROOT
from tests.emit.test_properties import specs


NEVER_IN_A_SCRIPT = ("container", "kubernetes")  # only .env, compose and Helm values files carry them


def without_container(data: dict) -> dict:
    """A spec's data without its `container` and `kubernetes` settings (never in a script)."""
    out = copy.deepcopy(data)
    for key in NEVER_IN_A_SCRIPT:
        out.pop(key, None)
        for node in out.get("nodes", []):
            node.pop(key, None)
    return out


SAMPLES = sorted(p for p in (ROOT / "samples" / "specs").iterdir() if p.suffix in (".yaml", ".toml"))


def round_trip(network, name: str) -> None:
    built = emit.build(network, name)
    converted = convert.scripts(list(built.items()), check=True)  # convert's own check passes too
    assert converted.errors == []
    for node in network.nodes:
        node.commands = [Value(format_text(c.value + "\n").rstrip("\n")) for c in node.commands]
    first = [n.cluster.value for n in network.nodes if n.cluster is not None]
    network.clusters.sort(key=lambda c: first.index(c.name.value))
    if all(n.type.value == "generic" for n in network.nodes):
        network.ledger = converted.network.ledger
        network.blockchain = converted.network.blockchain
    assert converted.network == network
    data = to_spec.data(converted.network)
    for fmt, text in (("yaml", to_spec.yaml_text(data, converted.comments)), ("toml", to_spec.toml_text(data))):
        loaded = spec.load(text, f"converted.{fmt}")
        assert loaded.errors == [], (fmt, text)
        assert loaded.network == network, (fmt, text)
        assert emit.build(loaded.network, name) == built, (fmt, text)


@pytest.mark.parametrize("path", SAMPLES, ids=[p.name for p in SAMPLES])
def test_every_sample_survives_build_convert_build(path):
    relative = str(path.relative_to(ROOT))
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) if path.suffix == ".yaml" else tomllib.loads(text)
    network = spec.load(yaml.safe_dump(without_container(data), sort_keys=False), f"{path.stem}.yaml").network
    round_trip(network, spec_name(relative))


# A quarter of the profile's examples: each one builds, converts, loads and builds again, twice.
@settings(max_examples=settings().max_examples // 4)
@given(specs())
def test_every_generated_spec_survives_build_convert_build(data):
    network = spec.load(yaml.safe_dump(without_container(data), sort_keys=False), "s.yaml").network
    round_trip(network, "s")


@given(specs())
def test_converted_specs_write_no_defaults_and_the_same_bytes_every_time(data):
    network = spec.load(yaml.safe_dump(data, sort_keys=False), "s.yaml").network
    written = to_spec.data(network)
    assert written == to_spec.data(network)
    for node in written["nodes"]:
        assert node.get("tcp", {}).get("threads") != 6
        assert node.get("operator", {}).get("create_table") is None
