"""The exact text `alc build` writes for each setting of the official deployment (issue 13):
the commands EdgeLake's node-deployment scripts run for it, in their order.

Each test builds a small spec and compares one step, from its comment line to the blank line
after it, with the text the official scripts' commands take in alc's layout.
"""

from compiler import emit, parse, spec

HEAD = "alc: 1\ncompany: My Company\nledger: 10.0.0.10:32048\n"
OPERATOR = ("clusters: [{name: c1}]\nnodes:\n  - name: op1\n    type: operator\n    cluster: c1\n"
            "    databases: {data: {name: farm}}\n")


def build(body: str, head: str = HEAD) -> str:
    loaded = spec.load(head + body, "s.yaml")
    assert loaded.errors == [], loaded.errors
    (text,) = emit.build(loaded.network, "s", version="9.9").values()
    assert parse(text, "s.al").diagnostics == []
    return text


def operator(extra: str) -> str:
    return build(OPERATOR + extra)


def step(text: str, first: str) -> str:
    """The lines from the one that starts with ``first`` to the next blank line."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = lines.index("", start)
    return "\n".join(lines[start:end]) + "\n"


def statements(text: str) -> list[str]:
    return [s.text for s in parse(text).statements]


def test_query_pool_stops_the_nodes_own_pool_first():
    assert step(operator("    query_pool: 6\n"), "# 6 query") == (
        "# 6 query threads: stop the node's own pool first\n"
        "exit workers\n"
        "wait 1\n"
        "set query pool 6\n")


def test_the_nic_gives_the_internal_address_right_after_the_node_name():
    assert step(operator("    networking: {nic: eth0}\n"), "# The work directories") == (
        "# The work directories must exist before any database connects\n"
        "create work directories\n"
        "set node name op1\n"
        "# The internal address (!ip) is the address of eth0\n"
        "set internal ip with eth0\n")


def test_partitions_and_their_drop_schedules():
    text = operator("    partitions:\n      - {}\n      - {table: readings, column: timestamp, interval: month,"
                    " keep: 6, check_every: 12 hours}\n    southbound: [{type: etherip, name: p, url: 10.0.0.3,"
                    " table: readings}]\n")
    assert step(text, "# Partitions") == (
        "# Partitions by time, and a schedule that drops the oldest ones\n"
        "partition farm * using insert_timestamp by 14 days\n"
        '<schedule time = 1 day and name = "Drop Partitions" task drop partition where\n'
        "    dbms = farm and\n"
        "    table = * and\n"
        "    keep = 3>\n"
        "partition farm readings using timestamp by month\n"
        '<schedule time = 12 hours and name = "Drop Partitions 2" task drop partition where\n'
        "    dbms = farm and\n"
        "    table = readings and\n"
        "    keep = 6>\n")
    # Right after the data database, as configure_dbms_operator.al does.
    found = statements(text)
    assert found.index("connect dbms farm where type = sqlite") + 1 == \
        found.index("partition farm * using insert_timestamp by 14 days")


def test_the_archive_clean_up_follows_the_partitions_on_an_operator():
    assert step(operator("    archive: {delete_after: 7}\n"), "# Every day") == (
        "# Every day, delete archived files older than 7 days\n"
        "schedule name = remove_archive and time = 1 day task delete archive where days = 7\n")


def test_the_archive_clean_up_follows_run_publisher_on_a_publisher():
    text = build("nodes:\n  - {name: p1, type: publisher, archive: {delete_after: 3}}\n")
    found = statements(text)
    assert found[-1] == "schedule name = remove_archive and time = 1 day task delete archive where days = 3"
    assert found[-2].startswith("run publisher where")


def test_the_scheduler_and_the_buffer_come_before_run_operator():
    text = operator("    buffer: {time: 30 seconds, volume: 1MB, write_immediate: false}\n")
    assert step(text, "# The user scheduler") == (
        "# The user scheduler: it runs the schedules (partitions, archive, monitoring ...)\n"
        "run scheduler 1\n")
    assert step(text, "# Streamed data") == (
        "# Streamed data: write a buffer when it is this old or this large\n"
        "set buffer threshold where time = 30 seconds and volume = 1MB and write_immediate = false\n"
        "run streamer\n")
    found = statements(text)
    assert found.index("run scheduler 1") < found.index("run streamer") < \
        next(i for i, s in enumerate(found) if s.startswith("run operator"))


def test_a_publisher_buffers_without_writing_at_once():
    text = build("nodes:\n  - {name: p1, type: publisher}\n")
    assert "set buffer threshold where time = 60 seconds and volume = 10KB and write_immediate = false" \
        in statements(text)


def test_false_turns_the_buffer_the_archive_and_the_scheduler_off():
    found = statements(operator("    buffer: false\n    archive: false\n    scheduler: false\n"))
    assert not [s for s in found if s.startswith(("set buffer", "run streamer", "schedule", "run scheduler"))]


def test_location_and_main_go_into_the_operator_policy():
    text = operator("    location: {coordinates: '32.8, 35.0', country: IL, state: Haifa District, city: Haifa}\n"
                    "    operator: {main: true}\n")
    assert step(text, "# The master's TCP address") == (
        "# The master's TCP address, and the values the policy needs (read back with .int / .bool)\n"
        "ledger_conn = 10.0.0.10:32048\n"
        "anylog_server_port = 32148\n"
        "is_main = true\n")
    assert step(text, "if not !operator_id") == (
        "if not !operator_id then\n"
        "<do new_policy = create policy operator where\n"
        "    name = op1 and\n"
        '    company = "My Company" and\n'
        "    cluster = !cluster_id and\n"
        "    ip = !external_ip and\n"
        "    local_ip = !ip and\n"
        "    port = !anylog_server_port.int and\n"
        "    main = !is_main.bool and\n"
        '    loc = "32.8, 35.0" and\n'
        "    country = IL and\n"
        '    state = "Haifa District" and\n'
        "    city = Haifa>\n"
        "do blockchain insert where policy = !new_policy and local = true and master = !ledger_conn\n")


MESSAGE_CLIENTS = """\
    broker: {port: 32150}
    rest: {}
    message_clients:
      - broker: local
        topics:
          - name: farm-readings
            table: "bring [sensor]"
            columns:
              - {name: timestamp, type: timestamp, value: now}
              - {name: value, type: float, value: "bring [value]"}
      - broker: 10.0.0.5
        port: 1884
        user: anyloguser
        password: "$MQTT_PASSWD"
        log: true
        topics: [{name: a/b, dbms: "bring [dbms]", table: t1, qos: 1}, {name: c, table: t2}]
      - {broker: rest, topics: [{name: r, table: t3}]}
      - {protocol: kafka, broker: 10.0.0.6, port: 9092, reset: earliest, topics: [{name: k, table: t4}]}
"""


def test_message_clients_and_their_topic_mapping():
    text = operator(MESSAGE_CLIENTS)
    # The official basic_msg_client.al mapping: a timestamp and one value column.
    assert step(text, "# Data published to this node's message broker") == (
        "# Data published to this node's message broker\n"
        "<run msg client where\n"
        "    broker = local and\n"
        "    log = false and\n"
        '    topic = (name = farm-readings and dbms = farm and table = "bring [sensor]" and '
        'column.timestamp.timestamp = now and column.value = (type = float and value = "bring [value]"))>\n')
    assert step(text, "# Data from the MQTT broker") == (
        "# Data from the MQTT broker at 10.0.0.5\n"
        "<run msg client where\n"
        "    broker = 10.0.0.5 and\n"
        "    port = 1884 and\n"
        "    user = anyloguser and\n"
        "    password = $MQTT_PASSWD and\n"
        "    log = true and\n"
        '    topic = (name = a/b and dbms = "bring [dbms]" and table = t1 and qos = 1) and\n'
        "    topic = (name = c and dbms = farm and table = t2)>\n")
    assert step(text, "# Data posted") == (
        "# Data posted to this node's REST service\n"
        "<run msg client where\n"
        "    broker = rest and\n"
        "    user-agent = anylog and\n"
        "    log = false and\n"
        "    topic = (name = r and dbms = farm and table = t3)>\n")
    assert step(text, "# Data from the Kafka broker") == (
        "# Data from the Kafka broker at 10.0.0.6\n"
        "<run kafka consumer where\n"
        "    ip = 10.0.0.6 and\n"
        "    port = 9092 and\n"
        "    reset = earliest and\n"
        "    topic = (name = k and dbms = farm and table = t4)>\n")
    found = statements(text)
    assert next(i for i, s in enumerate(found) if s.startswith("run operator")) < \
        next(i for i, s in enumerate(found) if s.startswith("run msg client"))


def test_plc_clients():
    text = operator("    southbound:\n      - {type: opcua, name: plc1, url: 'opc.tcp://10.0.0.111:4840', frequency: 20,"
                    " table: plc1, nodes: [Temperature, 'ns=2;i=1001'], user: plc, password: '$PLC_PASSWORD'}\n"
                    "      - {type: etherip, name: plc2, url: 10.0.0.30, table: plc2}\n")
    assert step(text, "# Tags of the OPC-UA") == (
        "# Tags of the OPC-UA PLC plc1\n"
        "<run plc client where\n"
        "    type = opcua and\n"
        "    name = plc1 and\n"
        "    url = opc.tcp://10.0.0.111:4840 and\n"
        "    frequency = 20 and\n"
        "    dbms = farm and\n"
        "    table = plc1 and\n"
        "    node = Temperature and\n"
        '    node = "ns=2;i=1001" and\n'
        "    user = plc and\n"
        "    password = $PLC_PASSWORD>\n")
    assert step(text, "# Tags of the EtherIP") == (
        "# Tags of the EtherIP PLC plc2\n"
        "<run plc client where\n"
        "    type = etherip and\n"
        "    name = plc2 and\n"
        "    url = 10.0.0.30 and\n"
        "    frequency = 5 and\n"
        "    dbms = farm and\n"
        "    table = plc2>\n")


MONITORING = ("    broker: {port: 32150}\n    partitions: [{}]\n"
              "    monitoring: {node: true, store: true, syslog: true, docker: true, frequency: 1 minute,"
              " docker_frequency: 10}\n")


def test_monitoring_its_database_and_partitions():
    assert step(operator(MONITORING), "# Monitoring") == (
        "# Monitoring: the node's own statistics, syslog and docker data go to the monitoring database\n"
        "# (errors are counted from this start on)\n"
        "reset error log\n"
        "connect dbms monitoring where type = sqlite\n"
        "partition monitoring * using insert_timestamp by 12 hours\n"
        '<schedule time = 12 hours and name = "Monitoring - Drop Partitions" task drop partition where\n'
        "    dbms = monitoring and\n"
        "    table = * and\n"
        "    keep = 3>\n")


def test_node_monitoring_gathers_the_official_statistics():
    every = "and time = 1 minute task"
    assert step(operator(MONITORING), "# The node's statistics") == (
        "# The node's statistics, gathered every 1 minute and sent to a query node\n"
        "partition monitoring node_insight using timestamp by 12 hours\n"
        "schedule name = view-monitoring-dest and time = 300 seconds task if not !view_monitoring_dest then "
        "view_monitoring_dest = blockchain get query bring.ip_port\n"
        f"<schedule name = get_stats {every} node_insight = get stats where\n"
        "    service = operator and\n"
        "    topic = summary and\n"
        "    format = json>\n"
        f"schedule name = get_timestamp {every} node_insight[timestamp] = get datetime local now()\n"
        f"schedule name = set_node_type {every} set node_insight[node type] = operator\n"
        f"schedule name = get_disk_space {every} disk_space = get disk percentage .\n"
        f"schedule name = get_cpu_percent {every} cpu_percent = get node info cpu_percent\n"
        f"schedule name = get_packets_recv {every} packets_recv = get node info net_io_counters packets_recv\n"
        f"schedule name = get_packets_sent {every} packets_sent = get node info net_io_counters packets_sent\n"
        f"schedule name = disk_space {every} if !disk_space then node_insight[Free Space Percent] = "
        "!disk_space.float\n"
        f"schedule name = cpu_percent {every} if !cpu_percent then node_insight[CPU Percent] = !cpu_percent.float\n"
        f"schedule name = packets_recv {every} if !packets_recv then node_insight[Packets Recv] = "
        "!packets_recv.int\n"
        f"schedule name = packets_sent {every} if !packets_sent then node_insight[Packets Sent] = "
        "!packets_sent.int\n"
        f"schedule name = errin {every} errin = get node info net_io_counters errin\n"
        f"schedule name = errout {every} errout = get node info net_io_counters errout\n"
        f"schedule name = get_error_count {every} if !errin and !errout then error_count = python int(!errin) "
        "+ int(!errout)\n"
        f"schedule name = error_count {every} if !error_count then node_insight[Network Error] = "
        "!error_count.int\n"
        f"schedule name = local_monitor_node {every} monitor operators where info = !node_insight\n"
        f"schedule name = clean_status {every} node_insight[status] = Active\n"
        f"schedule name = monitor_node {every} if !view_monitoring_dest then run client (!view_monitoring_dest) "
        "monitor operators where info = !node_insight\n"
        f"<schedule name = operator_monitor_node {every} stream !node_insight where\n"
        "    dbms = monitoring and\n"
        "    table = node_insight>\n")


def test_a_given_query_node_takes_the_place_of_the_lookup():
    text = operator("    monitoring: {node: true, view_destination: '10.0.0.4:32348'}\n")
    found = statements(text)
    assert "view_monitoring_dest = 10.0.0.4:32348" in found
    assert not any("view-monitoring-dest" in s or "operator_monitor_node" in s for s in found)


def test_syslog_and_docker_monitoring():
    text = operator(MONITORING)
    assert step(text, "# Syslog") == (
        "# Syslog messages sent to the message broker from this address\n"
        "set msg rule op1 if ip = !ip then dbms = monitoring and table = syslog and extend = ip and syslog = true\n")
    assert step(text, "# Docker") == (
        "# Docker statistics (the container needs the docker socket)\n"
        "<run scheduled pull where\n"
        "    name = docker_insights and\n"
        "    type = docker and\n"
        "    frequency = 10 and\n"
        "    continuous = false and\n"
        "    dbms = monitoring and\n"
        "    table = docker_insight>\n")


# the official license_policy.al's lookup: the policy's key, then its terms, as `set license` reads them
LICENSE_LOOKUP = ("activation_key = blockchain get license bring.last [license][activation_key] \"{'company':'\" "
                  "[license][company] \"','expiration':'\" [license][expiration] \"','type':'\" [license][type] "
                  "\"'}\"")


def test_local_scripts_and_the_license_come_last():
    text = operator("    local_scripts: [/app/scripts/a.al, scripts/b.al]\n    license_key: '$LICENSE_KEY'\n"
                    "    commands: [print done]\n")
    assert step(text, "# The node's own scripts") == (
        "# The node's own scripts\n"
        "process /app/scripts/a.al\n"
        "process scripts/b.al\n")
    assert step(text, "# The AnyLog license") == (
        "# The AnyLog license: the key of the network's license policy; without one on the ledger,\n"
        "# the policy is declared from this key (256 characters of key, then its terms as JSON)\n"
        "license_key = $LICENSE_KEY\n"
        f"{LICENSE_LOOKUP}\n"
        "license_key_num = !license_key[:256]\n"
        "license_type = from !license_key[256:] bring [type]\n"
        "expiration = from !license_key[256:] bring [expiration]\n"
        "owner = from !license_key[256:] bring [company]\n"
        '<new_policy = {"license": {\n'
        '    "company": !owner,\n'
        '    "expiration": !expiration,\n'
        '    "type": !license_type,\n'
        '    "activation_key": !license_key_num}}>\n'
        "<if not !activation_key then blockchain insert where\n"
        "    policy = !new_policy and\n"
        "    local = true and\n"
        "    master = !ledger_conn>\n"
        f"{LICENSE_LOOKUP}\n"
        "set license where activation_key = !activation_key\n")
    found = statements(text)
    assert found[-2:] == ["set license where activation_key = !activation_key", "print done"]
    assert found[found.index("license_key = $LICENSE_KEY") - 2:][:2] == ["process /app/scripts/a.al",
                                                                         "process scripts/b.al"]


def test_an_auto_license_activates_the_ledgers_policy_only():
    text = operator("    license_key: auto\n")
    assert step(text, "# The AnyLog license") == (
        "# The AnyLog license: the key of the network's license policy on the ledger\n"
        f"{LICENSE_LOOKUP}\n"
        "if !activation_key then set license where activation_key = !activation_key\n"
        'else print "No license policy on the ledger: the node is not activated"\n')
    assert "license_key =" not in text and "blockchain insert where policy=!new_policy and local=true" \
        not in text.split("# The AnyLog license")[1]


def test_a_psql_system_query_with_autocommit_and_unlog():
    text = build("nodes:\n  - {name: q1, type: query, databases: {system_query: {type: psql, user: anylog,"
                 " password: '$DB_PASSWD', autocommit: false, unlog: true}}}\n")
    assert step(text, "# system_query") == (
        "# system_query: where the query node assembles query results\n"
        "<connect dbms system_query where\n"
        "    type = psql and\n"
        "    ip = 127.0.0.1 and\n"
        "    port = 5432 and\n"
        "    user = anylog and\n"
        "    password = $DB_PASSWD and\n"
        "    autocommit = false and\n"
        "    unlog = true>\n")
    found = statements(text)
    assert found.index(next(s for s in found if s.startswith("connect dbms system_query"))) < \
        found.index(next(s for s in found if s.startswith("run blockchain sync")))


def test_a_hidden_node_publishes_no_policy():
    text = build("nodes:\n  - {name: q1, type: query, hidden: true}\n")
    assert "create policy" not in text and "blockchain insert" not in text
    assert statements(text)[-1] == "run scheduler 1"


def test_overlay_and_dns_are_the_default_addresses_of_the_services_and_the_policy():
    text = build("nodes:\n  - {name: q1, type: query, rest: {}, networking: {overlay_ip: 10.10.1.15,"
                 " external_dns: q1.example.com}}\n")
    # named through the variables the official scripts use, so that convert reads them back
    assert step(text, "# How the node") == ("# How the node is reached: its services and its policy name these "
                                            "addresses\noverlay_ip = 10.10.1.15\nexternal_dns = q1.example.com\n")
    servers = [s for s in statements(text) if s.startswith(("run tcp server", "run rest server"))]
    assert len(servers) == 2
    assert all("external_ip = !external_dns" in s and "internal_ip = !overlay_ip" in s for s in servers)
    policy = next(s for s in statements(text) if "create policy query" in s)
    assert "ip = !external_dns and local_ip = !overlay_ip" in policy
    # a local DNS name comes before the overlay address; an address the spec gives is written as it is
    text = build("nodes:\n  - {name: q1, type: query, tcp: {external_ip: 10.0.0.9}, networking: "
                 "{overlay_ip: 10.10.1.15, local_dns: q1.local}}\n")
    assert "dns = q1.local\n" in text
    server = next(s for s in statements(text) if s.startswith("run tcp server"))
    assert "external_ip = 10.0.0.9" in server and "internal_ip = !dns" in server


def test_the_metadata_destination():
    text = build("blockchain: {destination: dbms}\nnodes:\n  - {name: m1, type: master}\n")
    assert step(text, "<run blockchain sync") == (
        "<run blockchain sync where\n"
        "    source = master and\n"
        "    time = 30 seconds and\n"
        "    dest = dbms and\n"
        "    connection = !ledger_conn>\n")


def test_container_settings_change_no_script():
    plain = operator("")
    assert operator("    container: {image: anylogco/edgelake-network, env: {MONITOR_NODES: 'true'}}\n") == plain
    assert build("container: {tag: '1.3'}\n" + OPERATOR) == plain


def test_auto_fields_are_worked_out_at_the_start_as_the_official_scripts_do():
    """`auto` (issue 13): the machine's name (`get hostname`), the location looked up on
    ipinfo.io with the official fallbacks (the failing lookup guarded, so that the script goes
    on without the network), and `main` decided on the ledger, right before the policy."""
    text = operator("    hostname: auto\n    location: {coordinates: '32.8, 35.0', country: auto, city: auto}\n"
                    "    operator: {main: auto}\n")
    assert step(text, "# The master's TCP address") == (
        "# The master's TCP address, and the numbers the policy needs (read back with .int)\n"
        "ledger_conn = 10.0.0.10:32048\n"
        "anylog_server_port = 32148\n")
    assert step(text, "# The machine's name") == (
        "# The machine's name, for the policy\n"
        "hostname = get hostname\n"
        "# Where the node stands, looked up as the official scripts do (no answer: 0.0, 0.0 and Unknown)\n"
        "on error ignore\n"
        "loc_info = rest get where url = https://ipinfo.io/json\n"
        "on error end script\n"
        "if !loc_info and not !country then country = from !loc_info bring [country]\n"
        "if not !loc_info and not !country then country = Unknown\n"
        "if !loc_info and not !city then city = from !loc_info bring [city]\n"
        "if not !loc_info and not !city then city = Unknown\n")
    assert step(text, "# The operator policy") == (
        "# The operator policy in its cluster: declared unless the ledger has it already\n"
        "# main: true for the first operator of its cluster on the ledger (as the official scripts)\n"
        "if not !is_main then is_primary = blockchain get operator where cluster = !cluster_id\n"
        "if not !is_main and !is_primary then set is_main = false\n"
        "else if not !is_main and not !is_primary then set is_main = true\n"
        "<operator_id = blockchain get operator where\n"
        "    cluster = !cluster_id and\n"
        "    name = op1 and\n"
        '    company = "My Company"\n'
        "    bring.last [*][id]>\n"
        "if not !operator_id then\n"
        "<do new_policy = create policy operator where\n"
        "    name = op1 and\n"
        '    company = "My Company" and\n'
        "    hostname = !hostname and\n"
        "    cluster = !cluster_id and\n"
        "    ip = !external_ip and\n"
        "    local_ip = !ip and\n"
        "    port = !anylog_server_port.int and\n"
        "    main = !is_main.bool and\n"
        '    loc = "32.8, 35.0" and\n'
        "    country = !country and\n"
        "    city = !city>\n"
        "do blockchain insert where policy = !new_policy and local = true and master = !ledger_conn\n")


def test_location_auto_looks_up_all_four_and_a_hostname_is_a_value():
    text = build("nodes:\n  - {name: q1, type: query, hostname: 'edge box', location: auto}\n")
    assert [line for line in text.splitlines() if line.startswith("if ")] == [
        f"if {neg}!loc_info and not !{v} then {v} = {what}"
        for v, key, fallback in (("loc", "loc", "0.0, 0.0"), ("country", "country", "Unknown"),
                                 ("state", "region", "Unknown"), ("city", "city", "Unknown"))
        for neg, what in (("", f"from !loc_info bring [{key}]"), ("not ", fallback))] + ["if not !query_id then"]
    assert "hostname = get hostname" not in text
    assert '    hostname = "edge box" and\n    ip = ' in text
    assert "    loc = !loc and\n    country = !country and\n    state = !state and\n    city = !city>\n" in text


def test_a_hostname_needs_a_node_policy_to_go_into():
    loaded = spec.load(HEAD + "nodes:\n  - {name: q1, type: query, hidden: true, hostname: auto}\n"
                       "  - {name: g1, type: generic, hostname: auto}\n", "s.yaml")
    assert [(d.code, d.line, d.column, d.message) for d in loaded.errors] == [
        ("ALC609", 5, 53, "`nodes[0].hostname`: `q1` is hidden: it publishes no policy, so its hostname would go "
                          "nowhere"),
        ("ALC609", 6, 41, "`nodes[1].hostname`: a hostname (a policy field) applies to operator, master, query "
                          "and publisher nodes only, and `g1` is a generic node")]
