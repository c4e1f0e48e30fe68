"""Round trips through the official files: spec -> env_files -> convert -> spec is the identity
(the node's IR, value for value), for the fixtures of every node type of both platforms and for
generated specs (hypothesis); and the files convert to their golden specs.

Regenerate the goldens after a deliberate change with ALC_UPDATE_GOLDEN=1, then review the diff.
"""

import os

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from compiler import convert, spec
from compiler.convert import to_spec
from compiler.emit.quoting import RESERVED
from compiler.official.addresses import service_addresses
from compiler.official.env import env_files, render
from tests.conftest import FIXTURES, ROOT

GOLDEN = ROOT / "tests" / "golden" / "official"
SPECS = sorted((FIXTURES / "official").glob("*-network.yaml")) + [FIXTURES / "official" / "orchard-operator.yaml"]


def _load(text: str, name: str = "spec.yaml"):
    loaded = spec.load(text, name)
    assert loaded.network is not None, [d for d in loaded.diagnostics if d.severity == "error"]
    return loaded.network


def _files(network, node) -> list[tuple[str, str]]:
    return [(f"{node.name.value}/{file.name}", render(file)) for file in env_files(network, node)]


def _back(network, node):
    converted = convert.env_files(_files(network, node))
    assert converted.network is not None, [d for d in converted.diagnostics if d.severity == "error"]
    return converted


def _same(network, node, converted) -> None:
    back = converted.network
    assert back.platform == network.platform
    assert (back.company, back.ledger) == (network.company, network.ledger)
    if node.type.value != "generic":  # the official generic node runs no sync: its files do not apply it
        assert back.blockchain_sync == network.blockchain_sync
    mine = back.nodes[0]
    for field in mine.__dataclass_fields__:
        if field in ("origin", "company"):
            continue
        assert getattr(mine, field) == getattr(node, field), field
    assert mine.company == node.company


NODES = [(path, index) for path in SPECS for index in range(len(_load(path.read_text()).nodes))]


@pytest.mark.parametrize("path, index", NODES, ids=[f"{p.stem}-{i}" for p, i in NODES])
def test_spec_to_env_files_to_spec_is_the_identity(path, index):
    network = _load(path.read_text(), path.name)
    node = network.nodes[index]
    _same(network, node, _back(network, node))


@pytest.mark.parametrize("path, index", NODES, ids=[f"{p.stem}-{i}" for p, i in NODES])
def test_the_official_files_of_a_node_convert_to_its_golden_spec(path, index):
    network = _load(path.read_text(), path.name)
    node = network.nodes[index]
    converted = _back(network, node)
    text = to_spec.yaml_text(to_spec.data(converted.network), converted.comments)
    findings = "".join(f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}\n" for d in converted.diagnostics)
    golden = GOLDEN / f"{node.name.value}.converted.yaml"
    both = text + "\n# findings:\n" + "".join(f"# {line}\n" for line in findings.splitlines())
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        golden.write_text(both)
    assert both == golden.read_text()


# ---------------------------------------------------------------- generated specs

_word = st.from_regex(r"[a-z]{1,3}[0-9][a-z0-9-]{0,8}", fullmatch=True)  # a digit: never a keyword
_ident = st.from_regex(r"[a-z]{1,3}[0-9][a-z0-9_]{0,8}", fullmatch=True)
_port = st.integers(1024, 65000)


@st.composite
def _specs(draw):
    platform = draw(st.sampled_from(["edgelake", "anylog"]))
    kinds = ["operator", "master", "query", "generic"] + (["publisher"] if platform == "anylog" else [])
    kind = draw(st.sampled_from(kinds))
    node: dict = {"name": draw(_word), "type": kind,
                  "tcp": {"port": draw(st.integers(1024, 20000)), "bind": draw(st.booleans()), "threads": draw(st.integers(1, 9))},
                  "rest": {"port": draw(st.integers(20001, 40000)), "bind": draw(st.booleans())}}
    if draw(st.booleans()):
        node["broker"] = {"port": draw(st.integers(40001, 60000)), "bind": draw(st.booleans())}
    if platform == "anylog":  # what the official AnyLog main.al does on every node
        node["authentication"] = False
        node["license_key"] = draw(st.sampled_from(["auto", "$LICENSE_KEY"]))  # its config policy's last entry
    if draw(st.booleans()):
        node["networking"] = {"nic": draw(_word)} if draw(st.booleans()) else {"overlay_ip": "10.1.2.3"}
    # the addresses the official config policy gives the services (compiler/official/addresses.py):
    # a spec the files can express announces them there
    overlay = node.get("networking", {}).get("overlay_ip")
    addresses = service_addresses(dns=False, local_dns=False, overlay=overlay is not None,
                                  bind={s: node[s]["bind"] for s in ("tcp", "rest", "broker") if s in node})
    for service in ("tcp", "rest", "broker"):
        if service in node:
            external, internal = (overlay if a == "!overlay_ip" else a for a in addresses[service])
            node[service]["external_ip"] = external
            if service == "tcp" or node[service]["bind"]:
                node[service]["internal_ip"] = internal
    data: dict = {"alc": 1, "platform": platform, "company": draw(_word), "ledger": "10.0.0.1:32048",
                  "blockchain_sync": f"{draw(st.integers(2, 99))} seconds"}
    if kind == "operator":
        cluster = draw(_word)
        data["clusters"] = [{"name": cluster}]
        dbms = draw(st.from_regex(r"[a-z][a-z_]{0,8}", fullmatch=True).filter(lambda name: name not in RESERVED))
        node.update(cluster=cluster, databases={"data": {"name": dbms}},
                    blobs={"compress": draw(st.booleans()), "reuse_blobs": draw(st.booleans())},
                    operator={"threads": draw(st.integers(1, 9)), "compress_json": draw(st.booleans())},
                    buffer={"time": f"{draw(st.integers(1, 99))} seconds", "write_immediate": draw(st.booleans())})
        if draw(st.booleans()):
            node["partitions"] = [{"table": "*", "column": draw(_ident), "interval": f"{draw(st.integers(1, 30))} days",
                                   "keep": draw(st.integers(1, 20)), "check_every": "1 day"}]
        if draw(st.booleans()):
            local = "broker" in node and draw(st.booleans())
            node["message_clients"] = [{
                "broker": "local" if local else "10.9.9.9", "user": draw(_word), "log": draw(st.booleans()),
                **({} if local else {"port": draw(_port)}),
                "topics": [{"name": draw(_word), "table": draw(_ident), "columns": [
                    {"name": "timestamp", "type": "timestamp", "value": "now"},
                    {"name": "value", "type": draw(st.sampled_from(["float", "int"])), "value": "bring [v]"}]}]}]
        if draw(st.booleans()):
            node["monitoring"] = {"node": True, "syslog": "broker" in node and draw(st.booleans()),
                                  "store": draw(st.booleans())}
        if platform == "anylog" and draw(st.booleans()):
            node["ha"] = {"start_date": f"-{draw(st.integers(1, 90))}d"}
    if kind == "operator":  # the official scripts decide `main` when the node starts
        node["operator"]["main"] = "auto"
    if kind in ("master", "query", "publisher") and draw(st.booleans()):
        node["hidden"] = True
    elif kind != "generic":  # a node policy: the official files give its hostname and location
        node["hostname"] = "auto"  # (an empty key is looked up)
        node["location"] = draw(st.sampled_from([
            "auto", {"coordinates": "auto", "country": draw(_word), "state": "auto", "city": draw(_word)}]))
    if kind == "publisher":  # the official scripts connect its almgm: the files cannot leave it out
        node["databases"] = {"almgm": {"type": "sqlite"}}
    if kind == "query" or (kind != "operator" and draw(st.booleans())):
        node.setdefault("databases", {})["system_query"] = {"memory": draw(st.booleans())}
    if kind == "generic":  # the official generic node runs no sync: its files' period is not applied
        del data["blockchain_sync"]
    if kind == "master":  # the ledger is the master's TCP port (the spec check ledger-address, issue 18)
        data["ledger"] = f"10.0.0.1:{node['tcp']['port']}"
    return data | {"nodes": [node]}


@given(_specs())
def test_generated_specs_survive_the_official_files(data):
    network = _load(yaml.safe_dump(data, sort_keys=False))
    node = network.nodes[0]
    _same(network, node, _back(network, node))
