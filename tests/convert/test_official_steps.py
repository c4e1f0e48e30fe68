"""Convert reads the steps of the official deployment (issue 13) back into their spec sections.

* A hand-written operator (tests/fixtures/convert/hand-operator.al: its own spacing, quoting and
  order of `where` keys, a multi-line `<run msg client ...>` with two topics, a Kafka consumer,
  an OPC-UA client, partitions, the archive clean-up, the buffer, the query pool, networking,
  location and `main` in the policy, local scripts and the license) converts to its golden
  spec; alc's order differs, so only with --canonical, and the spec's build converts back
  strictly to the same spec.
* Statements that look like a step but are not one alc reads stay verbatim commands.
* `alc diff` of a script and a spec names a changed field of these sections.
"""

import os

import yaml
from typer.testing import CliRunner

from compiler import convert, emit, spec
from compiler.cli.app import app
from compiler.convert import to_spec
from tests.conftest import FIXTURES, ROOT

HAND = FIXTURES / "convert" / "hand-operator.al"
GOLDEN = ROOT / "tests" / "golden" / "convert"
runner = CliRunner()
NODE = ("set node name e1\nrun tcp server where external_ip = !external_ip and external_port = 32150 and "
        "internal_ip = !ip and internal_port = 32150\n")
OPERATOR = NODE + ("connect dbms d1 where type = sqlite\ncluster_id = blockchain get cluster where name = k1 "
                   "bring.first [*][id]\nrun operator where policy = !operator_id\n")


def built(nodes: str) -> str:
    """The script alc builds for a one-node spec."""
    network = spec.load(f"alc: 1\ncompany: c\nledger: 10.0.0.1:32048\nnodes:\n  - {nodes}\n", "s.yaml").network
    [text] = emit.build(network, "s").values()
    return text


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("ALC_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def node(text: str, check: bool = False):
    converted = convert.scripts([("n.al", text)], check=check)
    assert converted.network is not None, converted.errors
    return to_spec.data(converted.network)["nodes"][0], converted


def test_a_hand_written_operator_converts_with_canonical_to_its_golden_spec():
    result = runner.invoke(app, ["convert", "--canonical", str(HAND)])
    assert result.exit_code == 0, result.stderr
    golden("hand-operator.yaml", result.stdout)
    assert f"{HAND}:58:1: ALC704 [secret-to-env] a literal password of the message client: the spec reads " \
           "$MSG_PASSWORD from the environment instead" in result.stderr
    # alc writes `where` keys in its own order: each such statement is a warning, not an error
    assert f"{HAND}:49:1: ALC707 [not-faithful] the spec of line4-op would run `set buffer threshold where " \
           "time = 30 seconds and volume = 2MB and write_immediate = false` instead of" in result.stderr
    assert " error" not in result.stderr.splitlines()[-1]


def test_the_golden_spec_s_build_converts_back_strictly_to_the_same_spec():
    text = (GOLDEN / "hand-operator.yaml").read_text(encoding="utf-8")
    network = spec.load(text, "hand-operator.yaml").network
    built = emit.build(network, "hand-operator")
    converted = convert.scripts(list(built.items()), check=True)
    assert converted.errors == []
    assert converted.network == network
    assert to_spec.yaml_text(to_spec.data(converted.network)) == to_spec.yaml_text(to_spec.data(network))


def test_the_sections_are_read_whatever_the_spacing_quoting_and_key_order():
    data, _ = node(OPERATOR + 'partition d1 t1 using ts by 2 days\n'
                          'schedule name="Drop Partitions" and time=6 hours task drop partition where keep=9 and '
                          'table=t1 and dbms=d1\n'
                          '<run msg client where log=true and broker="10.0.0.2" and\n'
                          '    topic=(table=t2 and name=a/b and column.v=(value="bring [v]" and type=int))>\n')
    assert data["partitions"] == [{"table": "t1", "column": "ts", "interval": "2 days", "keep": 9,
                                   "check_every": "6 hours"}]
    assert data["message_clients"] == [{"broker": "10.0.0.2", "log": True, "topics": [
        {"name": "a/b", "table": "t2", "columns": [{"name": "v", "type": "int", "value": "bring [v]"}]}]}]


def test_lookalikes_stay_commands():
    lines = ["wait 1", "set query pool 4", "reset error log", "exit workers",
             "process !local_scripts/x.al",  # a path only the node knows
             "run msg client where broker = local and topic = (name = a and table = b and format = csv)",
             "set license where activation_key = $KEY and expire = 2030",
             "schedule name = remove_archive and time = 2 days task delete archive where days = 3",
             "partition d1 t1 using ts by 1 day"]  # its drop schedule never comes: a partition all the same
    data, _ = node(OPERATOR + "\n".join(lines) + "\n")
    assert data["commands"] == lines[:-1]
    assert data["partitions"] == [{"table": "t1", "column": "ts", "interval": "1 day"}]  # in d1, the data database


def test_a_step_a_script_runs_twice_is_read_once():
    data, _ = node(NODE + "run scheduler 1\nrun scheduler 1\nset license where activation_key = $K1\n"
                          "set license where activation_key = $K2\n")
    assert "scheduler" not in data  # the default: it runs
    assert data["license_key"] == "$K1"
    assert data["commands"] == ["run scheduler 1", "set license where activation_key = $K2"]


def test_strict_a_step_after_a_verbatim_statement_or_a_later_step_stays_verbatim():
    # strict: the spec must build what the script runs, and it writes its commands last
    generic = built("{name: e1, type: generic, scheduler: false}")
    data, _ = node(generic + "print ready\nrun scheduler 1\n", check=True)
    assert (data["scheduler"], data["commands"]) == (False, ["print ready", "run scheduler 1"])
    data, _ = node(generic + "process /app/a.al\nrun scheduler 1\n", check=True)
    assert (data["scheduler"], data["local_scripts"], data["commands"]) == (False, ["/app/a.al"],
                                                                             ["run scheduler 1"])
    # without the check (`alc diff`), every step is read where it stands
    data, _ = node(NODE + "print ready\nrun scheduler 1\n")
    assert ("scheduler" in data, data["commands"]) == (False, ["print ready"])


def test_monitoring_is_read_from_its_statements():
    text = (OPERATOR + "run message broker where external_ip = !external_ip and external_port = 32155 and "
            "internal_ip = !ip and internal_port = 32155\nreset error log\nconnect dbms monitoring where type = sqlite\n"
            "set msg rule e1 if ip = !ip then dbms = monitoring and table = syslog and extend = ip and syslog = true\n"
            "run scheduled pull where name = docker_insights and type = docker and frequency = 15 and "
            "continuous = false and dbms = monitoring and table = docker_insight\n")
    data, _ = node(text)
    assert data["monitoring"] == {"syslog": True, "docker": True, "docker_frequency": 15}
    assert "commands" not in data


def test_a_script_without_the_scheduler_buffer_or_archive_says_so():
    data, _ = node(OPERATOR)
    assert (data["scheduler"], data["buffer"], data["archive"]) == (False, False, False)


def test_diff_names_a_changed_field_of_these_sections(tmp_path):
    text = (GOLDEN / "hand-operator.yaml").read_text(encoding="utf-8")
    (tmp_path / "plant.yaml").write_text(text, encoding="utf-8")
    network = spec.load(text, "plant.yaml").network
    [script] = emit.build(network, "plant").values()
    changed = script.replace("name = fill/alarm", "name = fill/alert").replace("frequency = 10", "frequency = 20")
    (tmp_path / "line4-op.al").write_text(changed, encoding="utf-8")
    result = runner.invoke(app, ["diff", str(tmp_path / "plant.yaml"), str(tmp_path / "line4-op.al")])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:2] == [
        "line4-op: message_clients[0].topics[1].name fill/alarm -> fill/alert",
        "line4-op: southbound[0].frequency 10 -> 20"]
    assert yaml.safe_load(text)["nodes"][0]["southbound"][0]["frequency"] == 10


def test_auto_fields_convert_back_strictly_from_their_build():
    """hostname, location and `main` as `auto`: their lookups (and the guard around the
    location's) are read back as the same values, with nothing left as commands."""
    text = built("{name: e1, type: operator, cluster: k1, databases: {data: {name: d1}}, hostname: auto,\n"
                 "     location: {coordinates: auto, country: IL, state: auto}, operator: {main: auto}}\n"
                 "clusters: [{name: k1}]")
    data, converted = node(text, check=True)
    assert converted.errors == []
    assert (data["hostname"], data["location"], data["operator"], "commands" in data) == (
        "auto", {"coordinates": "auto", "country": "IL", "state": "auto"}, {"main": "auto"}, False)
    data, _ = node(built("{name: q1, type: query, hostname: box-7, location: auto}"), check=True)
    assert (data["hostname"], data["location"], "commands" in data) == ("box-7", "auto", False)


def test_lookalikes_of_the_lookups_stay_commands():
    """The lookups are read only as the official scripts (and alc) write them; a policy field
    from a variable no lookup sets is not `auto`."""
    lines = ["loc_info = rest get where url = https://example.com/where",
             "if !loc_info and not !loc then loc = from !loc_info bring [lat]",
             "on error ignore", "is_primary = blockchain get operator where cluster = !cluster_id"]
    data, _ = node(OPERATOR + "\n".join(lines) + "\nnew_policy = create policy operator where name = e1 and "
                   "company = c and cluster = !cluster_id and hostname = !hostname\n")
    assert data["commands"][:4] == lines
    assert "hostname" not in data


def test_plc_node_ids_with_equals_signs_round_trip():
    """OPC-UA ids (`ns=2;s=...`) are written quoted in the top-level `run plc client` and read
    back as they were; the build of the converted spec is the same script."""
    text = built("{name: p1, type: operator, cluster: k1, databases: {data: {name: d1}}, southbound: [{type: opcua, "
                 "name: plc1, url: 'opc.tcp://10.0.0.111:4840', table: t1, nodes: ['ns=2;s=Line 1', 'ns=2;i=1001']}]}"
                 "\nclusters: [{name: k1}]")
    assert '    node = "ns=2;s=Line 1" and\n    node = "ns=2;i=1001">' in text
    back = convert.scripts([("p1.al", text)], check=True)
    assert [d.code for d in back.errors] == []
    assert [n.value for n in back.network.nodes[0].southbound[0].nodes] == ["ns=2;s=Line 1", "ns=2;i=1001"]
    assert list(emit.build(back.network, "s").values()) == [text]
