"""The canonical script: the steps of the operator guide in order, and what real nodes need."""

import re

from compiler import emit, parse, spec
from compiler.ir import Network

HEAD = "alc: 1\ncompany: My Company\nledger: 10.0.0.10:32048\n"


def network(body: str, head: str = HEAD) -> Network:
    loaded = spec.load(head + body, "s.yaml")
    assert loaded.errors == [], loaded.errors
    return loaded.network


def scripts(body: str, head: str = HEAD) -> dict[str, str]:
    built = emit.build(network(body, head), "s", version="9.9")
    for name, text in built.items():
        assert parse(text, name).diagnostics == [], name
    return built


def only(body: str, head: str = HEAD) -> str:
    (text,) = scripts(body, head).values()
    return text


def statements(text: str) -> list[str]:
    return [s.text for s in parse(text).statements]


OPERATOR = """\
clusters: [{name: my-cluster}]
nodes:
  - name: my-operator1
    type: operator
    cluster: my-cluster
    tcp: {port: 32148, bind: BIND}
    databases:
      data: {name: mydb, type: psql, user: anylog, password: "$DB_PASSWORD"}
      blobs: {}
    blobs: {folder: false}
    ha: {start_date: -30d}
"""


def test_the_operator_follows_the_order_of_the_official_scripts():
    """The order of EdgeLake's node-deployment scripts: databases before the sync and the
    policies, the scheduler and the streaming buffer before HA and `run operator`."""
    text = only(OPERATOR.replace("BIND", "false"))
    steps = ["create work directories", "set node name", "run tcp server",
             "connect dbms almgm", "create table tsd_info", "connect dbms mydb where type = psql",
             "schedule name = remove_archive", "connect dbms mydb where type = mongo", "run blobs archiver",
             "run blockchain sync", "create policy cluster", "blockchain insert",
             "cluster_id = blockchain get cluster", "create policy operator", "blockchain insert",
             "run scheduler 1", "set buffer threshold", "run streamer",
             "run data distributor", "run data consumer where start_date = -30d",
             "operator_id = blockchain get operator", "run operator"]
    found = statements(text)
    position = 0
    for step in steps:
        later = [i for i in range(position, len(found)) if step in found[i]]
        assert later, f"{step!r} missing after statement {position}"
        position = later[0] + 1


def test_work_directories_come_before_any_database():
    found = statements(only(OPERATOR.replace("BIND", "false")))
    first_connect = next(i for i, s in enumerate(found) if s.startswith("connect dbms"))
    assert found.index("create work directories") < first_connect


def test_unbound_tcp_puts_the_external_and_the_local_address_in_the_policy():
    text = only(OPERATOR.replace("BIND", "false"))
    policy = next(s for s in statements(text) if "create policy operator" in s)
    assert "ip = !external_ip and local_ip = !ip and" in policy


def test_bound_tcp_puts_only_the_bound_address_in_the_policy():
    text = only(OPERATOR.replace("BIND", "true"))
    policy = next(s for s in statements(text) if "create policy operator" in s)
    assert "ip = !ip and port = " in policy and "local_ip" not in policy
    assert "bind = true" in next(s for s in statements(text) if s.startswith("run tcp server"))


def test_numbers_in_a_policy_are_variables_cast_with_int():
    extra = "rest: {port: 32149}\n    operator: {member: 3}\n    ha: {"
    text = only(OPERATOR.replace("BIND", "false").replace("ha: {", extra))
    policy = next(s for s in statements(text) if "create policy operator" in s)
    assert re.findall(r"\b(port|rest_port|member) = (\S+)", policy) == [
        ("port", "!anylog_server_port.int"), ("rest_port", "!anylog_rest_port.int"), ("member", "!member.int")]
    assert "anylog_server_port = 32148" in statements(text)
    assert "member = 3" in statements(text)


def test_ha_runs_the_distributor_and_tells_the_operator():
    text = only(OPERATOR.replace("BIND", "false"))
    run = next(s for s in statements(text) if s.startswith("run operator"))
    assert "distributor = true" in run and "master_node = !ledger_conn and policy = !operator_id" in run
    text = only(OPERATOR.replace("BIND", "false").replace("ha: {", "ha: {distributor: false, "))
    assert "run data distributor" not in statements(text)
    assert "distributor = true" not in text


NETWORK = """\
clusters: [{name: c1}, {name: c2, declare: false}]
nodes:
  - {name: op1, type: operator, cluster: c1, host: a, databases: {data: {name: d}}}
  - {name: op2, type: operator, cluster: c1, host: b, databases: {data: {name: d}}}
  - {name: op3, type: operator, cluster: c2, host: c, databases: {data: {name: d}}}
"""


def test_a_cluster_is_declared_once_and_looked_up_by_the_others():
    built = scripts(NETWORK)
    assert [name for name, text in built.items() if "create policy cluster" in text] == ["op1.al"]
    lookup = 'cluster_id = blockchain get cluster where name = c1 and company = "My Company" bring.first [*][id]'
    assert lookup in statements(built["op2.al"])
    assert "# Cluster c1 is declared by op1: deploy that node first" in built["op2.al"]
    assert "# Cluster c2 is already on the ledger: look up its id" in built["op3.al"]


def test_the_declaring_node_publishes_a_policy_only_when_the_ledger_lacks_it():
    found = statements(scripts(NETWORK)["op1.al"])
    lookup = 'cluster_id = blockchain get cluster where name = c1 and company = "My Company" bring.first [*][id]'
    start = found.index(lookup)
    assert found[start + 1] == "if not !cluster_id then"
    assert found[start + 2].startswith("do new_policy = create policy cluster where")
    insert = "do blockchain insert where policy = !new_policy and local = true and master = !ledger_conn"
    assert found[start + 3] == insert


def test_the_master_keeps_the_ledger_and_syncs_without_seeding():
    text = only("nodes: [{name: m, type: master}]\n")
    found = statements(text)
    assert found.index("create table ledger where dbms = blockchain") < next(
        i for i, s in enumerate(found) if s.startswith("run blockchain sync"))
    assert "connect dbms blockchain where type = sqlite" in found
    assert not any(s.startswith("blockchain seed") for s in found)
    assert any(s.startswith("do new_policy = create policy master") for s in found)


def test_no_node_seeds_the_metadata_and_a_generic_node_does_not_sync():
    """As the official scripts: `run blockchain sync` only (a seed from an absent master fails
    and ends the script), and none on a generic node."""
    found = statements(only("nodes: [{name: q, type: query}]\n"))
    assert not any(s.startswith("blockchain seed") for s in found)
    assert any(s.startswith("run blockchain sync") for s in found)
    assert "connect dbms system_query where type = sqlite and memory = true" in found
    found = statements(only("nodes: [{name: g, type: generic}]\n"))
    assert not any(s.startswith(("run blockchain sync", "blockchain seed")) for s in found)


def test_a_generic_node_publishes_no_policy_and_runs_its_commands_last():
    text = only("nodes: [{name: g, type: generic, commands: [run scheduler 1, 'print \"done\"']}]\n")
    assert "create policy" not in text
    assert statements(text)[-2:] == ["run scheduler 1", 'print "done"']


def test_the_header_names_the_spec_and_the_version():
    text = only("nodes: [{name: g, type: generic}]\n")
    assert text.startswith("# Generated by alc 9.9 from the spec s: edit the spec, not this file.\n"
                           '# g: a generic node of "My Company", on AnyLog.\n')


def test_literal_passwords_appear_only_when_the_spec_allows_them():
    head = HEAD + "allow_literal_secrets: true\n"
    text = only("nodes: [{name: q, type: query, databases: {system_query: "
                "{type: psql, user: u, password: 'p w'}}}]\n", head)
    assert 'password = "p w"' in text


def test_every_node_type_builds_a_clean_script():
    body = ("clusters: [{name: c}]\nnodes:\n"
            "  - {name: m, type: master, broker: {port: 32050}}\n"
            "  - {name: o, type: operator, cluster: c, databases: {data: {name: d}}}\n"
            "  - {name: q, type: query}\n  - {name: p, type: publisher}\n  - {name: g, type: generic}\n")
    assert sorted(scripts(body)) == ["g.al", "m.al", "o.al", "p.al", "q.al"]
    assert "broker_port = !anylog_broker_port.int" in scripts(body)["m.al"]


def test_a_value_naming_its_own_variable_is_not_assigned_to_itself():
    head = "alc: 1\ncompany: My Company\nledger: '!ledger_conn'\n"
    text = only("nodes: [{name: q, type: query, tcp: {port: '!anylog_server_port'}}]\n", head)
    found = statements(text)
    assert "ledger_conn = !ledger_conn" not in found and "anylog_server_port = !anylog_server_port" not in found
    assert "connection = !ledger_conn" in text and "port = !anylog_server_port.int" in text
    text = only("nodes: [{name: q, type: query, tcp: {port: '!my_port'}}]\n", head)
    assert "anylog_server_port = !my_port" in statements(text)
    assert "# The master's TCP address" in text
