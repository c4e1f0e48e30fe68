"""Script -> IR: what static evaluation knows, and that nothing is dropped silently."""

from compiler import convert
from compiler.convert import to_spec

TCP = "run tcp server where external_ip = !external_ip and external_port = {p} and internal_ip = !ip and internal_port = {p}"


def node(text: str, values=None, root=None, path="n.al"):
    converted = convert.scripts([(path, text)], values, root)
    assert converted.errors == []
    findings = [(d.line, d.code, d.message) for d in converted.diagnostics]
    return to_spec.data(converted.network)["nodes"][0], findings, converted


def test_an_if_on_known_values_keeps_the_branch_the_node_takes():
    spec, findings, _ = node("set node name e1\nmode = prod\nif !mode == prod then port = 32150\n"
                             "else port = 32160\n" + TCP.format(p="!port") + "\n")
    assert spec == {"name": "e1", "type": "generic", "tcp": {"port": 32150}}
    assert findings == [(4, "ALC705", "not converted: the known values rule this branch out, so the node "
                                      "never runs it")]


def test_an_unknown_condition_marks_what_it_sets_and_keeps_its_other_lines():
    spec, findings, converted = node("set node name e1\nif !mode == prod then\ndo " + TCP.format(p=32150)
                                     + "\ndo print prod\n")
    assert spec == {"name": "e1", "type": "generic", "tcp": {"port": 32150},
                    "commands": ["if !mode == prod then", "do print prod"]}
    assert findings == [
        (2, "ALC701", "kept verbatim in `commands` of e1 (it stood after `set node name`)"),
        (3, "ALC703", "`tcp.port`, `tcp.external_ip`, `tcp.internal_ip` set if !mode == prod (line 3): "
                      "converted as if the condition holds"),
        (4, "ALC701", "kept verbatim in `commands` of e1 (it stood after `run tcp server`)")]
    text = to_spec.yaml_text(to_spec.data(converted.network), converted.comments)
    assert "    tcp:\n      # conditional: set if !mode == prod (line 3)\n      port: 32150\n" in text


def test_defines_and_env_values_are_substituted():
    values = convert.variables(["port=32199"], "NODE_NAME=edge9\n")
    spec, findings, _ = node("set node name $NODE_NAME\n" + TCP.format(p="!port") + "\n", values)
    assert spec == {"name": "edge9", "type": "generic", "tcp": {"port": 32199}}
    assert findings == []


def test_a_literal_password_becomes_an_environment_reference():
    spec, findings, _ = node("connect dbms d where type = psql and user = u and password = pw123\n")
    assert spec["databases"] == {"data": {"name": "d", "type": "psql", "user": "u", "password": "$DB_PASSWORD"}}
    assert findings == [(1, "ALC704", "a literal password of the data database: the spec reads $DB_PASSWORD "
                                      "from the environment instead")]


def test_process_reads_an_included_script_under_the_root(tmp_path):
    (tmp_path / "ports.al").write_text("tcp_port = 32170\n")
    main = "set node name e1\nprocess !local_scripts/ports.al\n" + TCP.format(p="!tcp_port") + "\n"
    spec, findings, _ = node(main, {"local_scripts": ""}, str(tmp_path), str(tmp_path / "main.al"))
    assert spec["tcp"] == {"port": 32170}
    assert findings == []
    spec, findings, _ = node(main, {"local_scripts": ""}, None)
    assert spec["commands"] == ["process !local_scripts/ports.al"]


def test_statements_no_field_holds_are_kept_in_order_with_their_place():
    text = ("print start\nset node name e1\n" + TCP.format(p=32150) + "\nrun scheduler 1\n"
            "schedule time = 1 day task get status\n:done:\n")
    spec, findings, converted = node(text)
    assert spec["commands"] == ["print start", "run scheduler 1", "schedule time = 1 day task get status"]
    assert [f[:2] for f in findings] == [(1, "ALC701"), (4, "ALC701"), (5, "ALC701"), (6, "ALC702")]
    assert converted.comments[("nodes", 0, "commands", 1)] == "line 4, after `run tcp server`"
    assert findings[-1][2] == ("label `:done:` of e1 is not carried over: a spec's `commands` hold "
                               "statements only")


def test_a_folder_of_scripts_is_one_network_with_the_declaring_member_first():
    declare = ("set node name op-b\ncluster_id = blockchain get cluster where name = c1 and company = X "
               "bring.first [*][id]\nif not !cluster_id then\n"
               "do new_policy = create policy cluster where name = c1 and company = X\n"
               "do blockchain insert where policy = !new_policy and local = true and master = !ledger_conn\n"
               "new_policy = create policy operator where name = op-b and company = X and cluster = !cluster_id\n"
               "connect dbms d where type = sqlite\nrun operator where policy = !operator_id\n")
    lookup = declare.replace("op-b", "op-a").split("if not")[0] + \
        "new_policy = create policy operator where name = op-a and company = X and cluster = !cluster_id\n" \
        "connect dbms d where type = sqlite\n"
    converted = convert.scripts([("op-a.al", lookup), ("op-b.al", declare)])
    assert converted.errors == []
    assert [n.name.value for n in converted.network.nodes] == ["op-b", "op-a"]
    assert [(c.name.value, c.declare.value) for c in converted.network.clusters] == [("c1", True)]


def test_a_flag_only_the_node_knows_keeps_its_default_and_says_so():
    spec, findings, _ = node("set node name e1\n" + TCP.format(p=32150) + " and bind = !tcp_bind\n")
    assert spec == {"name": "e1", "type": "generic", "tcp": {"port": 32150}}
    assert findings == [(2, "ALC702", "`tcp.bind` is !tcp_bind, which only the node knows: the spec keeps "
                                      "its default")]
