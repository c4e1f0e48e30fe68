"""Script -> IR: what static evaluation knows, that nothing is dropped, and convert's own check."""

from compiler import convert
from compiler.convert import to_spec

TCP = "run tcp server where external_ip = !external_ip and external_port = {p} and internal_ip = !ip and internal_port = {p}"


def node(text: str, values=None, root=None, path="n.al", check=False):
    converted = convert.scripts([(path, text)], values, root, check=check)
    findings = [(d.line, d.code, d.message) for d in converted.diagnostics]
    spec = to_spec.data(converted.network)["nodes"][0] if converted.network is not None else None
    return spec, findings, converted


def test_a_statement_under_a_condition_stays_in_its_place_with_its_condition():
    spec, findings, _ = node("set node name e1\nmode = prod\nif !mode == prod then port = 32150\n"
                             "else port = 32160\n" + TCP.format(p="!port") + "\n")
    # the step reads the value the node would have; the branches are kept, both of them
    assert spec["tcp"] == {"port": 32150}
    assert spec["commands"] == ["mode = prod", "if !mode == prod then port = 32150", "else port = 32160"]
    assert findings == [(2, "ALC701", "3 statements from here on, after `set node name`, kept verbatim in "
                                      "`commands` of e1")]


def test_else_if_lines_and_their_do_lines_are_all_kept():
    text = ("set node name e1\n" + TCP.format(p=32150) + "\nif $TRACE_LEVEL == 1 then\ndo trace level = 1\n"
            "else if $TRACE_LEVEL == 2 then\ndo trace level = 2\nelse print off\n")
    spec, _, _ = node(text)
    assert spec["commands"] == ["if $TRACE_LEVEL == 1 then", "do trace level = 1", "else if $TRACE_LEVEL == 2 then",
                                "do trace level = 2", "else print off"]


def test_a_step_under_an_unknown_condition_is_kept_as_written_not_made_a_setting():
    spec, _, _ = node("set node name e1\nif !mode == prod then\ndo " + TCP.format(p=32150) + "\ndo print prod\n")
    assert "port" not in spec.get("tcp", {})
    assert spec["commands"] == ["if !mode == prod then", "do " + TCP.format(p=32150), "do print prod"]


def test_defines_and_env_values_are_substituted():
    values = convert.variables(["port=32199"], "NODE_NAME=edge9\n")
    spec, findings, _ = node("set node name $NODE_NAME\n" + TCP.format(p="!port") + "\n", values)
    assert spec == {"name": "edge9", "type": "generic", "tcp": {"port": 32199}, "scheduler": False}
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


def test_statements_and_labels_no_field_holds_are_kept_in_order_with_their_comments():
    text = ("set node name e1\n" + TCP.format(p=32150) + "\n# every day\nprint starting\n"
            "schedule time = 1 day task get status\n:done:\nprint done\n")
    spec, findings, converted = node(text)
    assert spec["commands"] == ["print starting", "schedule time = 1 day task get status", ":done:", "print done"]
    assert [f[:2] for f in findings] == [(4, "ALC701")]
    assert converted.comments[("nodes", 0, "commands", 0)] == \
        "from line 4 on, after `run tcp server`, as written:\nevery day"


def test_a_statement_before_a_step_is_refused_by_convert_s_own_check():
    text = "print start\nset node name e1\n" + TCP.format(p=32150) + "\n"
    spec, findings, _ = node(text, check=True)
    assert spec is None
    assert (1, "ALC707", "`print start` stands before `set node name e1` (line 2), a step the spec writes "
                         "first: a spec writes its `commands` after its steps, so it cannot keep this order") in findings


def test_a_step_the_build_writes_otherwise_is_refused_with_what_it_would_run():
    # the spec's build runs the scheduler this script never runs, and writes the ports through variables
    text = "create work directories\nset node name e1\n" + TCP.format(p=32150) + "\n"
    spec, findings, _ = node(text, check=True)
    assert spec is None
    refusals = [f for f in findings if f[1] == "ALC707"]
    assert refusals[0] == (1, "ALC707", "the spec of e1 would run `anylog_server_port = 32150` here, which "
                                        "the script does not")
    assert (3, "ALC707", "the spec of e1 would run `run tcp server where external_ip = !external_ip and "
                         "external_port = !anylog_server_port and internal_ip = !ip and internal_port = "
                         "!anylog_server_port and bind = false and threads = 6` instead of `run tcp server where "
                         "external_ip = !external_ip and external_port = 32150 and internal_ip = !ip and "
                         "internal_port = 32150`") in refusals


def test_a_script_with_no_step_configures_no_node():
    spec, findings, _ = node("# notes\nrun scheduler 1\nprint ready\n", check=True)
    assert spec is None
    assert [f for f in findings if f[1] == "ALC708"] == [
        (2, "ALC708", "configures no node: alc recognises no deployment step in this script (no node name, "
                      "server, database, policy or service), and a spec would add services it never runs")]


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


def test_a_folder_s_findings_name_the_file_and_line_of_their_value(tmp_path):
    main = "set node name e1\nprocess !local_scripts/ports.al\n" + TCP.format(p="!tcp_port") + "\n"
    (tmp_path / "ports.al").write_text("# the ports\n\ntcp_port = 99999\n")
    _, findings, converted = node(main, {"local_scripts": ""}, str(tmp_path), str(tmp_path / "main.al"))
    [error] = converted.errors
    assert (error.path, error.line, error.code) == (str(tmp_path / "main.al"), 3, "ALC603")
    assert str(tmp_path / "ports.al") in converted.sources


def test_a_flag_only_the_node_knows_keeps_its_default_and_says_so():
    spec, findings, _ = node("set node name e1\n" + TCP.format(p=32150) + " and bind = !tcp_bind\n")
    assert spec == {"name": "e1", "type": "generic", "tcp": {"port": 32150}, "scheduler": False}
    assert findings == [(2, "ALC702", "`tcp.bind` is !tcp_bind, which only the node knows: the spec keeps "
                                      "its default")]
