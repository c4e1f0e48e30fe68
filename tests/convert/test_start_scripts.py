"""`alc convert main.al --env FILE --root DIR`: start scripts in the manner of the official ones
(tests/fixtures/convert/start-scripts, alc's own text) give the spec of the `.env` file.

The constructs of the official node-deployment scripts: `process` of a container path (read by
its tail below the root), `if $KEY then x = $KEY` on the file's keys (a key it does not set is
unset), a `goto` on known values, `python !x.split(":")[0]`, `x = 14 days`, a config policy
built with `set policy` and run by `config from policy` (its servers and script lines), the
node's policy built field by field, and error paths the values rule out.  benchmarks/
official_scripts.py measures the same on the official scripts (not in the suite: they are
not ours).
"""

import os

import pytest

from typer.testing import CliRunner

from compiler import convert
from compiler.cli.app import app
from compiler.convert import to_spec
from compiler.convert.evaluate import evaluate
from compiler import parse
from tests.conftest import FIXTURES, ROOT

HERE = FIXTURES / "convert" / "start-scripts"
MAIN, ENV, SCRIPTS = HERE / "deploy" / "main.al", HERE / "node.env", HERE / "deploy"
GOLDEN = ROOT / "tests" / "golden" / "convert" / "start-scripts.yaml"
runner = CliRunner()


def test_the_start_scripts_with_their_env_convert_to_the_golden_spec():
    result = runner.invoke(app, ["convert", "--canonical", str(MAIN), "--env", str(ENV), "--root", str(SCRIPTS)])
    assert result.exit_code == 0, result.stderr
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == GOLDEN.read_text(encoding="utf-8")
    # nothing is kept verbatim: its one `on error ignore` is plumbing, reported once
    assert "ALC701" not in result.stderr
    assert (f"{MAIN}:3:1: ALC709 [plumbing-absorbed] 1 statement of the start scripts' error handling (the "
            "first here) is read with the steps they serve, not kept in `commands`") in result.stderr


def test_both_routes_give_the_same_settings():
    values = convert.variables([], ENV.read_text())
    node = convert.script_node(MAIN.read_text(), str(MAIN), values, str(SCRIPTS))
    scripts = to_spec.data(convert.assemble([node], str(MAIN), commands=False).network)
    direct = to_spec.data(convert.env_files([(str(ENV), ENV.read_text())]).network)
    for key in ("company", "ledger"):
        assert scripts[key] == direct[key], key
    mine, theirs = scripts["nodes"][0], direct["nodes"][0]
    for key in ("name", "type", "cluster", "tcp", "databases", "partitions", "hostname", "location", "container"):
        assert mine.get(key) == theirs.get(key), key
    # what only the container reads (no start script does) comes from the keys on both routes
    assert mine["container"] == {"test_dir": "/srv/river/tests"}
    # looked up when the node starts, as the spec's `auto`; the given keys as values
    assert (mine["hostname"], mine["location"], mine["operator"]["main"]) == (
        "auto", {"coordinates": "auto", "country": "NL", "state": "auto", "city": "Utrecht"}, "auto")
    assert mine["operator"]["main"] == theirs["operator"]["main"]
    # `config from policy` starts REST on the policy's `ip` (unbound: it listens on every
    # interface, so no internal address is said) with the node's 8 threads: this policy has no
    # `rest_threads` (the official one always has), which the direct conversion cannot know
    assert mine["rest"] == {"port": 32159, "threads": 8}
    assert theirs["rest"] == {"port": 32159}
    assert "broker" not in mine and "broker" not in theirs  # no ANYLOG_BROKER_PORT: no broker


def test_strict_conversion_takes_start_scripts_with_nothing_left_verbatim():
    strict = runner.invoke(app, ["convert", str(MAIN), "--env", str(ENV), "--root", str(SCRIPTS)])
    assert strict.exit_code == 0, strict.stderr
    assert strict.stdout == GOLDEN.read_text(encoding="utf-8")  # the spec --canonical writes
    assert "ALC707" not in strict.stderr


def test_strict_conversion_refuses_start_scripts_whose_steps_the_build_would_reorder():
    values = convert.variables([], "NODE_NAME=n1\n")
    text = "set node name n1\nrun scheduler 1\ncreate work directories\n"
    refused = convert.scripts([("m.al", text)], values, check=True)
    assert refused.network is None
    assert [(d.line, d.code, d.message) for d in refused.errors] == [
        (3, "ALC707", "`create work directories` is a step the spec writes before `run scheduler 1` (line 2), which "
                      "the scripts run first: the spec's build would run them in another order")]
    accepted = convert.scripts([("m.al", text)], values, check=True, canonical=True)
    assert accepted.network is not None and [d.code for d in accepted.errors] == []


def test_strict_conversion_refuses_start_scripts_that_keep_a_statement_before_a_step(tmp_path):
    # DEBUG_NODE makes params.al run `trace level = 1`: no setting says it, and it runs before
    # the config policy's steps, where a spec's `commands` cannot stand
    env = tmp_path / "node.env"
    env.write_text(ENV.read_text() + "DEBUG_NODE=true\n")
    result = runner.invoke(app, ["convert", str(MAIN), "--env", str(env), "--root", str(SCRIPTS)])
    assert (result.exit_code, result.stdout) == (1, "")
    params = SCRIPTS / "params.al"
    assert (f"{params}:21:1: ALC707 [not-faithful] `if $DEBUG_NODE then trace level = 1` is kept verbatim: no "
            "setting of the spec says it, and it runs before `") in result.stderr
    assert "a step the spec writes first, and a spec writes its `commands` after its steps" in result.stderr
    assert "ALC709" not in result.stderr  # nothing converted: no plumbing read either
    canonical = runner.invoke(app, ["convert", "--canonical", str(MAIN), "--env", str(env), "--root", str(SCRIPTS)])
    assert canonical.exit_code == 0 and '- "if $DEBUG_NODE then trace level = 1"' in canonical.stdout


def walk(text: str, env: str | None = None, root=None):
    return evaluate(parse(text, "m.al"), convert.variables([], env), root)


def test_a_goto_on_known_values_is_followed_and_an_unknown_one_reads_both_ways():
    ev = walk("x = 1\nif !x == 1 then goto b\ny = 2\n:b:\nz = 3\n")
    assert [r.skipped for r in ev.ran] == [False, False, True, False, False]
    # an unknown goto to a: the known goto past a is not followed, so a's lines are read
    ev = walk("v = get status\nif !v then goto a\nif 1 == 1 then goto c\n:a:\nw = 1\n:c:\n")
    assert not any(r.skipped for r in ev.ran)
    # end script ends the file; a jump back (a retry loop) is not followed
    ev = walk(":top:\nx = 1\nif !x == 1 then goto top\nend script\nprint never\n")
    assert [r.skipped for r in ev.ran] == [False, False, False, False, True]


def test_with_an_env_file_a_key_it_does_not_set_is_unset():
    ev = walk("d = none\nif $DNS then d = $DNS\n", "NODE_NAME=a\n")
    assert ev.values["d"] == "none" and "d" not in ev.unknown
    ev = walk("d = none\nif $DNS then d = $DNS\n")  # no --env: only the node knows
    assert "d" in ev.unknown


def test_values_the_official_scripts_compute():
    ev = walk('conn = 10.1.1.1:32048\nhost = python !conn.split(":")[0]\nspan = 14 days\n')
    assert (ev.values["host"], ev.values["span"]) == ("10.1.1.1", "14 days")


def test_a_container_path_is_read_by_its_tail_below_the_root(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.al").write_text("port = 32199\n")
    ev = walk("process /app/deployment-scripts/sub/x.al\n", None, str(tmp_path))
    assert ev.values["port"] == "32199"
    ev = walk("process /app/elsewhere/y.al\n", None, str(tmp_path))
    assert ev.values == {} and len(ev.ran) == 1  # nothing below the root: the statement stays


def test_labels_of_files_read_in_place_stay_unique(tmp_path):
    for name in ("a", "b"):
        (tmp_path / f"{name}.al").write_text(
            f"mode = get query mode\nif !mode then goto oops\nset compression on\n:oops:\nset reply ip = 10.1.1.{len(name)}\n")
    main = "set node name n1\nprocess a.al\nprocess b.al\nprocess a.al\n"
    values = convert.variables([], "NODE_NAME=n1\n")
    converted = convert.scripts([(str(tmp_path / "main.al"), main)], values, str(tmp_path))
    commands = to_spec.data(converted.network)["nodes"][0]["commands"]
    body = ["mode = get query mode", "if !mode then goto {}", "set compression on", ":{}:", "set reply ip = 10.1.1.1"]
    assert commands == [line.format(label, label) for label in ("oops", "oops-2", "oops-3") for line in body]


def test_a_statement_the_node_rejects_is_reported_not_carried():
    values = convert.variables([], "NODE_NAME=n1\n")
    converted = convert.scripts([("m.al", "set node name n1\nset policy p [x]\nset compression on\n")], values)
    assert to_spec.data(converted.network)["nodes"][0]["commands"] == ["set compression on"]
    assert [(d.line, d.code) for d in converted.diagnostics if d.code == "ALC702"] == [(2, "ALC702")]


def test_the_node_own_address_and_a_port_is_one_known_value():
    # the official ledger of a 127.0.0.1 LEDGER_CONN: `!ip + ":PORT"`, a value the built script
    # writes the same way; any other unknown part leaves the variable unknown
    ev = walk('sink = !ip + ":32777"\nother = !node_label + ":32777"\nlate = ":1" + !ip\n',
              "LEDGER_CONN=127.0.0.1:32777\n")
    assert ev.values["sink"] == "!ip:32777" and "sink" not in ev.unknown
    assert ev.values["other"] == ":32777"  # with --env, a variable nothing set is empty
    assert "late" in ev.unknown  # the address only leads: the node's ip after text stays unknown


def test_the_platform_is_that_of_the_env_files():
    # the start scripts of both platforms are alike: the keys' files say which one deploys
    def platform(env_text, env_path=None):
        values = convert.variables([], env_text, env_path)
        node = convert.script_node(MAIN.read_text(), str(MAIN), values, str(SCRIPTS))
        return to_spec.data(convert.assemble([node], str(MAIN), commands=False).network).get("platform")
    text = ENV.read_text()
    assert platform(text) is None  # neither platform's own keys: the spec's default
    assert platform(text + "MONITOR_NODES=false\n") == "edgelake"
    assert platform(text, "configs/base_configs.env") == "edgelake"
    assert platform(text + "IS_HIDDEN=false\n") is None  # AnyLog: the default, not written


def test_a_secret_copied_from_an_env_key_is_read_from_that_key():
    # the official scripts copy MQTT_PASSWD into a variable of their own: the spec names the key,
    # as the direct conversion of the .env file does
    text = ("hidden_word = $MQTT_PASSWD\n"
            "<run msg client where broker = 10.0.0.9 and port = 1883 and user = u1 and password = !hidden_word and\n"
            "    topic = (name = t1 and dbms = d1 and table = tb and column.v = (type = float and value = \"bring [v]\"))>\n")

    def said(env):
        node = convert.script_node(text, "m.al", convert.variables([], env), None)
        return [d.message for d in convert.assemble([node], "m.al", commands=False).diagnostics if d.code == "ALC704"]
    assert said("MQTT_PASSWD=pw-of-ours7\n") == [
        "a literal password of the message client: the spec reads $MQTT_PASSWD from the environment instead"]
    assert said(None) == []  # no --env: the variable holds `$MQTT_PASSWD`, a reference already


PUBLISH = HERE / "publish"
PUBLISH_GOLDEN = ROOT / "tests" / "golden" / "convert" / "start-scripts-publish.yaml"


def test_the_publishing_of_the_spec_s_own_policies_is_their_step():
    """The cluster and node policies are published the official way (prepare, checks, inserts,
    `on error` lines of the publishing file, `wait`, `reload`): the spec's policy steps write
    their own.  The policy no step declares keeps its whole publishing as commands."""
    result = runner.invoke(app, ["convert", "--canonical", str(PUBLISH / "main.al"), "--env",
                                 str(PUBLISH / "node.env"), "--root", str(PUBLISH)])
    assert result.exit_code == 0, result.stderr
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        PUBLISH_GOLDEN.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == PUBLISH_GOLDEN.read_text(encoding="utf-8")
    assert result.stdout.count("blockchain prepare policy") == 1  # the own policy's only
    # its insert reads `!ledger_conn`, which the build sets from the spec's ledger: the script's
    # last `ledger_conn = !ip + ":32048"` is that ledger, not a command
    assert 'ledger_conn = !ip' not in result.stdout and 'ledger: "!ip:32048"' in result.stdout
    assert "wait 3" not in result.stdout and "reload metadata" not in result.stdout


def test_ledger_lines_the_spec_ledger_states_go_when_nothing_kept_reads_them(tmp_path):
    """Without the own policy (whose insert reads `!ledger_conn`), set_params-style ledger lines
    (`if $LEDGER_CONN then`, its do lines, the taken `ledger_conn = !ip + ":32048"`) are the
    spec's ledger, not commands."""
    main = (PUBLISH / "main.al").read_text()
    main = main[:main.index(":own-policy:")] + "end script\n"
    (tmp_path / "main.al").write_text(main)
    (tmp_path / "publish.al").write_text((PUBLISH / "publish.al").read_text())
    values = convert.variables([], (PUBLISH / "node.env").read_text())
    node = convert.script_node(main, str(tmp_path / "main.al"), values, str(tmp_path))
    assert [e.text for e in node.extras] == []  # (its `on error ignore` is plumbing)
    data = to_spec.data(convert.assemble([node], str(tmp_path / "main.al")).network)
    assert data["ledger"] == "!ip:32048"
    assert data["clusters"] == [{"name": "river-cluster"}]
    assert (data["nodes"][0]["type"], data["nodes"][0]["cluster"]) == ("operator", "river-cluster")


def test_a_policy_variable_set_again_by_a_command_is_not_the_spec_s():
    values = convert.variables([], "NODE_NAME=n1\n")
    # (its `on error` line is plumbing: error handling, whatever the file does)
    text = ("set node name n1\nnew_policy = create policy cluster where name = c1 and company = k\n"
            "on error ignore\nblockchain prepare policy !new_policy\nnew_policy = {\"tag\": {\"name\": \"t\"}}\n"
            "blockchain prepare policy !new_policy\nwait 2\n")
    node = convert.script_node(text, "m.al", values, None)
    assert [e.text for e in node.extras] == [
        'new_policy = {"tag": {"name": "t"}}', "blockchain prepare policy !new_policy", "wait 2"]
    assert node.cluster == {"name": "c1", "company": "k", "declare": True}


def test_a_jump_to_a_label_no_converted_statement_declares_is_reported_not_carried():
    # the official scripts keep their error handlers where the converted commands do not reach:
    # a kept `on error goto` would jump to no label in the built script
    values = convert.variables([], "NODE_NAME=n1\n")
    main = "set node name n1\nstate = get query mode\nif !state then goto fail\nset compression on\n"
    converted = convert.scripts([("m.al", main)], values)
    assert to_spec.data(converted.network)["nodes"][0]["commands"] == ["state = get query mode", "set compression on"]
    assert [(d.line, d.column, d.code, d.message) for d in converted.diagnostics if d.code == "ALC702"] == [
        (3, 1, "ALC702", "`if !state then goto fail` is not carried: it jumps to `:fail:`, which no converted statement "
                         "declares (the official scripts keep their error handlers where the converted commands "
                         "do not reach)")]


def test_env_takes_a_folder_of_official_files_or_several_files_the_later_overriding(tmp_path):
    lines = ENV.read_text().splitlines(keepends=True)
    folder = tmp_path / "configs"
    folder.mkdir()
    (folder / "base_configs.env").write_text("".join(lines[: len(lines) // 2]))
    (folder / "advance_configs.env").write_text("".join(lines[len(lines) // 2:]) + "NODE_NAME=later-op\n")
    args = ["convert", "--canonical", str(MAIN), "--root", str(SCRIPTS)]
    both = runner.invoke(app, [*args, "--env", str(folder / "base_configs.env"),
                               "--env", str(folder / "advance_configs.env")])
    as_folder = runner.invoke(app, [*args, "--env", str(folder)])
    assert both.exit_code == 0, both.output
    assert both.stdout == as_folder.stdout
    assert "  - name: later-op\n" in both.stdout  # the later file overrides
    assert "platform: edgelake\n" in both.stdout  # the official files' names say the platform
    empty = tmp_path / "empty"
    empty.mkdir()
    refused = runner.invoke(app, [*args, "--env", str(empty)])
    assert refused.exit_code == 2
    assert f"{empty}: --env names a folder with no .env file" in refused.output


MONITOR = HERE / "monitor"


def _monitoring(env: str):
    values = convert.variables([], env)
    node = convert.script_node((MONITOR / "main.al").read_text(), str(MONITOR / "main.al"), values, str(MONITOR))
    return node, to_spec.data(convert.assemble([node], str(MONITOR / "main.al")).network)["nodes"][0]


def test_the_official_monitoring_deployment_is_the_spec_s_monitoring_step():
    """deploy_monitoring.al and the policy files it processes (publishing schedule policies and
    running them with `config from policy`) are the spec's monitoring: a flag per policy file
    that runs, the store flag and docker frequency from their variables; none of it is kept."""
    node, data = _monitoring((MONITOR / "node.env").read_text())
    assert data["monitoring"] == {"node": True, "store": True}  # no docker: its frequency says nothing
    assert node.data["monitoring"]["docker_frequency"] == 12
    assert [e.text for e in node.extras] == ["set debug off"]
    assert "monitoring" in node.steps


def test_without_a_monitoring_policy_file_there_is_no_monitoring_step():
    node, data = _monitoring((MONITOR / "node.env").read_text().replace("NODE_MONITORING=true",
                                                                         "NODE_MONITORING=false"))
    assert "monitoring" not in data and "monitoring" not in node.steps
    # `reset error log` alone is error handling (plumbing.py), not monitoring
    assert [e.text for e in node.extras] == ["set debug off"]


def test_a_lookup_only_an_official_step_s_own_lookup_replaces_goes(tmp_path):
    """The monitoring files look `is_policy` up again before they read it: an earlier lookup
    of the same name that nothing else reads is dead, not kept for the monitoring step."""
    main = tmp_path / "main.al"
    main.write_text((MONITOR / "main.al").read_text().replace(
        "run scheduler 1\n", "run scheduler 1\nis_policy = blockchain get operator where name = !node_name\n"))
    for name in ("southbound-monitoring",):
        (tmp_path / name).mkdir()
        for path in (MONITOR / name).iterdir():
            (tmp_path / name / path.name).write_text(path.read_text())
    node = convert.script_node(main.read_text(), str(main), convert.variables([], (MONITOR / "node.env").read_text()),
                               str(tmp_path))
    assert [e.text for e in node.extras] == ["set debug off"]
    # read by a kept statement before the monitoring's own lookup, it stays
    main.write_text(main.read_text().replace("!node_name\n", "!node_name\nif !is_policy then set debug on\n", 1))
    node = convert.script_node(main.read_text(), str(main), convert.variables([], (MONITOR / "node.env").read_text()),
                               str(tmp_path))
    assert "is_policy = blockchain get operator where name = !node_name" in [e.text for e in node.extras]


@pytest.mark.parametrize("after, refused", [("run blobs archiver where dbms = false and folder = true", False),
                                            ("run blockchain sync where source = master and time = 30 seconds "
                                             "and dest = file and connection = !ledger_conn", True)])
def test_system_query_is_connected_after_the_blobs_archiver_and_before_the_sync(after, refused):
    values = convert.variables([], "NODE_NAME=n1\n")
    text = ("set node name n1\n" f"{after}\n"
            "connect dbms system_query where type = sqlite and memory = true\n")
    result = convert.scripts([("m.al", text)], values, check=True)
    assert [d.code for d in result.errors] == (["ALC707"] if refused else [])


def test_an_assignment_kept_before_a_step_names_the_kept_statement_that_reads_it():
    values = convert.variables([], "NODE_NAME=n1\n")
    text = "set node name n1\nlevel = 3\ncreate work directories\ntrace level = !level\n"
    refused = convert.scripts([("m.al", text)], values, check=True)
    assert [(d.line, d.code, d.message) for d in refused.errors] == [
        (2, "ALC707", "`level = 3` is kept verbatim: no setting of the spec says it (it sets what `trace level = "
                      "!level` (line 4) reads, which is kept too), and it runs before `create work directories` "
                      "(line 3), a step the spec writes first, and a spec writes its `commands` after its steps")]
