"""What a node deployed with the official files ends up with, where the files do not say it
literally: convert of the `.env` files gives the value the official start scripts compute
(set_params.al, config_policy_networking.al), so both conversion routes agree (issue 13).
Own key values; the rules are checked in benchmarks/official_scripts.py against the official
scripts."""

import pytest

from compiler import convert
from compiler.convert import to_spec
from compiler.emit import build
from compiler.official.env import env_files, render


def _spec(text: str) -> dict:
    converted = convert.env_files([("node.env", text)])
    assert converted.network is not None, [d for d in converted.diagnostics if d.severity == "error"]
    return to_spec.data(converted.network)


@pytest.mark.parametrize("keys, ledger", [
    ("NODE_TYPE=operator\nLEDGER_CONN=127.0.0.1:32048\n", "!ip:32048"),
    ("NODE_TYPE=operator\nLEDGER_CONN=\n", "!ip:32048"),
    # a non-master always looks for the master at 32048, whatever port 127.0.0.1 named
    ("NODE_TYPE=query\nLEDGER_CONN=127.0.0.1:32548\n", "!ip:32048"),
    # a master is its own ledger: its own TCP port
    ("NODE_TYPE=master\nANYLOG_SERVER_PORT=32518\nLEDGER_CONN=127.0.0.1:32518\n", "!ip:32518"),
    ("NODE_TYPE=operator\nOVERLAY_IP=10.77.0.4\nLEDGER_CONN=127.0.0.1:32048\n", "!overlay_ip:32048"),
    ("NODE_TYPE=operator\nENABLE_DNS=true\nEXTERNAL_DNS=op.example.org\nLEDGER_CONN=127.0.0.1:32048\n",
     "!external_dns:32048"),
    ("NODE_TYPE=operator\nLEDGER_CONN=10.20.30.40:32048\n", "10.20.30.40:32048"),
])
def test_a_loopback_ledger_is_the_address_the_official_scripts_put_there(keys, ledger):
    assert _spec(keys)["ledger"] == ledger


def test_the_own_address_ledger_is_built_as_a_concatenation_and_written_back_as_loopback():
    network = convert.env_files([("node.env", "NODE_TYPE=query\nNODE_NAME=q9\nLEDGER_CONN=127.0.0.1:32048\n")]).network
    (text,) = build(network, "q9").values()
    assert 'ledger_conn = !ip + ":32048"\n' in text
    files = "".join(render(f) for f in env_files(network, network.nodes[0]))
    assert "LEDGER_CONN=127.0.0.1:32048\n" in files
    # the built script reads back as the same spec value
    back = convert.script_node(text, "built.al", {}, None)
    assert to_spec.data(convert.assemble([back], "built.al").network)["ledger"] == "!ip:32048"


@pytest.mark.parametrize("keys, tcp, rest", [
    # unbound: announced on the external ip (the defaults); REST listens on every interface
    ("", {"port": 32158}, {"port": 32159}),
    # TCP bound: the policy's ip is the node's own ip, for every service
    ("TCP_BIND=true\n", {"port": 32158, "external_ip": "!ip", "bind": True},
     {"port": 32159, "external_ip": "!ip"}),
    # ... its overlay address when it has one (internal: the overlay, the spec's default)
    ("TCP_BIND=true\nREST_BIND=true\nOVERLAY_IP=10.77.0.4\n",
     {"port": 32158, "external_ip": "10.77.0.4", "bind": True},
     {"port": 32159, "external_ip": "10.77.0.4", "bind": True}),
    # REST bound alone: on its own rest_ip, the node's ip
    ("REST_BIND=true\n", {"port": 32158}, {"port": 32159, "external_ip": "!ip", "bind": True}),
])
def test_services_listen_where_the_official_config_policy_starts_them(keys, tcp, rest):
    node = _spec("NODE_TYPE=operator\nANYLOG_SERVER_PORT=32158\nANYLOG_REST_PORT=32159\n" + keys)["nodes"][0]
    assert (node["tcp"], node["rest"]) == (tcp, rest)


@pytest.mark.parametrize("node_type, kind", [("master-operator", "operator"), ("master-publisher", "publisher")])
def test_a_node_with_the_master_configs_keeps_the_ledger_database(node_type, kind):
    node = _spec(f"NODE_TYPE={node_type}\nDB_TYPE=sqlite\nLEDGER_CONN=127.0.0.1:32048\n")["nodes"][0]
    assert node["type"] == kind and "blockchain" in node["databases"]
    assert "blockchain" not in _spec(f"NODE_TYPE={kind}\nDB_TYPE=sqlite\n")["nodes"][0].get("databases", {})


def _spec_of(text: str):
    converted = convert.env_files([("node.env", text)])
    assert converted.network is not None, converted.errors
    return converted.network, to_spec.data(converted.network)["nodes"][0]


def test_empty_location_keys_hostname_and_main_are_worked_out_at_the_start_and_written_back_empty():
    network, node = _spec_of("NODE_TYPE=operator\nNODE_NAME=o7\nLOCATION=\nCOUNTRY=\nSTATE=\nCITY=\n")
    assert (node["hostname"], node["location"], node["operator"]) == ("auto", "auto", {"main": "auto"})
    files = "".join(render(f) for f in env_files(network, network.nodes[0]))
    assert 'LOCATION=""\nCOUNTRY=""\nSTATE=""\nCITY=""\n' in files and "IS_MAIN" not in files
    _, node = _spec_of("NODE_TYPE=query\nNODE_NAME=q7\nLOCATION=1.5, 2.5\nCITY=Haifa\n")
    assert (node["hostname"], node["location"]) == (
        "auto", {"coordinates": "1.5, 2.5", "country": "auto", "state": "auto", "city": "Haifa"})


@pytest.mark.parametrize("text, main", [("true", True), ("FALSE", False), ("", "auto"), ("maybe", "auto")])
def test_is_main_is_the_operator_main_and_goes_back_after_the_official_keys(text, main):
    network, node = _spec_of(f"NODE_TYPE=operator\nNODE_NAME=o7\nIS_MAIN={text}\n")
    assert node["operator"]["main"] == main
    files = "".join(render(f) for f in env_files(network, network.nodes[0]))
    said = {True: "true", False: "false"}.get(main)
    assert (f"#--- Not in the official file ---\nIS_MAIN={said}\n" in files) == (said is not None)


@pytest.mark.parametrize("keys, why", [
    ("ENABLE_DNS=false\nEXTERNAL_DNS=op.example.org\n", "ENABLE_DNS is not true (1 key: EXTERNAL_DNS)"),
    # config_policy_networking.al reads DNS without the switch: the report says what the node does
    ("ENABLE_DNS=false\nDNS=op.internal\n", "ENABLE_DNS is not true; yet the official config policy makes the TCP "
     "server listen on the DNS name while the node's policy announces its own address, which a spec cannot say "
     "(set ENABLE_DNS=true, or leave DNS and DNS_DOMAIN empty) (1 key: DNS)"),
])
def test_dns_keys_without_enable_dns_are_reported_once_with_what_the_node_does(keys, why):
    converted = convert.env_files([("node.env", "NODE_TYPE=query\n" + keys)])
    assert [(d.line, d.message) for d in converted.diagnostics if d.code == "ALC706"] == [
        (2, f"DNS names is not carried over: {why}")]
    assert "networking" not in to_spec.data(converted.network)["nodes"][0]


@pytest.mark.parametrize("kind", ["operator", "publisher"])
def test_a_node_that_is_its_own_master_round_trips_through_the_official_files(kind):
    """NODE_TYPE=master-<kind>: the <kind> keeps the ledger's database and is its own ledger
    (set_params.al's master_configs); the files written back say master-<kind> again."""
    keys = (f"NODE_TYPE=master-{kind}\nNODE_NAME=m1\nDB_TYPE=sqlite\nANYLOG_SERVER_PORT=32148\n"
            "LEDGER_CONN=127.0.0.1:32148\n")
    converted = convert.env_files([("node_configs.env", keys)])
    assert [d.code for d in converted.diagnostics if d.code == "ALC702"] == []
    network = converted.network
    node = network.nodes[0]
    assert (node.type.value, network.ledger.value, node.databases.blockchain is not None) == (kind, "!ip:32148", True)
    files = "".join(render(f) for f in env_files(network, node))
    assert f"\nNODE_TYPE=master-{kind}\n" in files and "\nLEDGER_CONN=127.0.0.1:32148\n" in files
    back = convert.env_files([("node_configs.env", files)]).network
    assert (back.ledger, back.nodes[0].type, back.nodes[0].databases) == (network.ledger, node.type, node.databases)


def test_an_operator_with_a_ledger_database_but_another_master_stays_an_operator():
    network = convert.env_files([("node_configs.env", "NODE_TYPE=master-operator\nANYLOG_SERVER_PORT=32148\n"
                                                      "LEDGER_CONN=10.0.0.9:32048\n")]).network
    files = "".join(render(f) for f in env_files(network, network.nodes[0]))
    assert "\nNODE_TYPE=operator\n" in files
