"""Specs into the IR: defaults applied, origins kept, and one meaning gives one IR."""

from compiler import spec
from compiler.ir import Network, Origin
from tests.conftest import ROOT

SPEC = """\
alc: 1
company: Acme
ledger: 10.0.0.10:32048
clusters:
  - name: c1
nodes:
  - name: op1
    type: operator
    cluster: c1
    tcp:
      bind: true
    databases:
      data: {name: d}
      blobs: {}
  - name: m1
    type: master
    company: Ledger Keepers
  - name: q1
    type: query
    rest: {}
"""


def load(text: str = SPEC, path: str = "s.yaml") -> Network:
    loaded = spec.load(text, path)
    assert loaded.errors == [], loaded.errors
    return loaded.network


def test_defaults_depend_on_the_node_type():
    op, master, query = load().nodes
    assert (op.tcp.port.value, master.tcp.port.value, query.tcp.port.value) == (32148, 32048, 32348)
    assert query.rest.port.value == 32349 and op.rest is None
    assert op.databases.almgm.type.value == "sqlite" and master.databases.almgm is None
    assert master.databases.blockchain.type.value == "sqlite"
    assert query.databases.system_query.memory.value is True
    assert op.operator.threads.value == 3 and master.operator is None
    # The buffer and the archive clean-up: on operators (and publishers), not elsewhere.
    assert (op.buffer.time.value, op.buffer.volume.value, op.buffer.write_immediate.value) == \
        ("60 seconds", "10KB", True)
    assert op.archive.delete_after.value == 30 and op.buffer.origin.implicit
    assert master.buffer is None and master.archive is None and query.buffer is None
    assert all(n.scheduler.value is True and n.hidden.value is False for n in (op, master, query))


def test_a_publisher_buffers_without_writing_at_once():
    head = "alc: 1\ncompany: Acme\nledger: 10.0.0.10:32048\n"
    (publisher,) = load(head + "nodes: [{name: p1, type: publisher}]\n").nodes
    assert publisher.buffer.write_immediate.value is False and publisher.archive.delete_after.value == 30


def test_networking_sets_the_default_addresses_of_every_service():
    head = "alc: 1\ncompany: Acme\nledger: 10.0.0.10:32048\n"
    (node,) = load(head + "nodes: [{name: q1, type: query, rest: {}, tcp: {internal_ip: 10.0.0.3},\n"
                          "         networking: {overlay_ip: 10.10.1.15, external_dns: q1.example.com}}]\n").nodes
    assert (node.tcp.external_ip.value, node.tcp.internal_ip.value) == ("q1.example.com", "10.0.0.3")
    assert (node.rest.external_ip.value, node.rest.internal_ip.value) == ("q1.example.com", "10.10.1.15")
    assert node.networking.overlay_ip.value == "10.10.1.15" and node.networking.nic is None


def test_inherited_values():
    op, master, _ = load().nodes
    assert op.company.value == "Acme" and master.company.value == "Ledger Keepers"
    assert op.host.value == "op1"
    # A mongo database is named after the data database, and turns the archiver on.
    assert op.databases.blobs.name.value == "d"
    assert op.blobs.dbms.value is True and op.blobs.folder.value is True


def test_a_written_value_has_its_position_and_key_path():
    op = load().nodes[0]
    assert op.tcp.bind.origin == Origin("s.yaml", 11, 13, 11, 17, "nodes[0].tcp.bind")
    assert op.tcp.bind.implicit is False


def test_a_default_points_at_the_nearest_written_key():
    op = load().nodes[0]
    threads = op.tcp.threads
    assert threads.implicit
    assert threads.origin.key == "nodes[0].tcp.threads"
    assert (threads.origin.line, threads.origin.column) == (10, 5)  # the `tcp:` key
    assert op.origin.key == "nodes[0]" and not op.origin.implicit
    assert op.operator.origin.implicit  # no `operator:` section: every option is a default


def test_equality_ignores_origins():
    moved = "# a comment that shifts every line\n" + SPEC
    assert load(moved) == load()
    assert load(moved).nodes[0].tcp.bind.origin != load().nodes[0].tcp.bind.origin


def test_yaml_and_toml_of_one_spec_give_one_ir():
    folder = ROOT / "samples" / "specs"
    yaml_net = load((folder / "operator-psql-mongo.yaml").read_text(), "x.yaml")
    toml_net = load((folder / "operator-psql-mongo.toml").read_text(), "x.toml")
    assert yaml_net == toml_net


def test_members_and_clusters():
    network = load()
    cluster = network.cluster("c1")
    assert [n.name.value for n in network.members(cluster)] == ["op1"]
    assert network.cluster("nope") is None


def test_days_back_take_the_nodes_form():
    for written in ("-30", "-30d", "'-30'", "-30 "):
        text = SPEC.replace("    databases:\n      data: {name: d}", f"    ha: {{start_date: {written}}}\n"
                            "    databases:\n      data: {name: d}")
        assert load(text).nodes[0].ha.start_date.value == "-30d", written
    text = SPEC.replace("    databases:\n      data: {name: d}", "    ha: {start_date: 2024-01-02}\n"
                        "    databases:\n      data: {name: d}")
    assert load(text).nodes[0].ha.start_date.value == "2024-01-02"
