"""Generate realistic AnyLog scripts of a given size, with the statement mix of deployment scripts.

The mix follows the survey of the public deployment scripts: labels, inline `if ... then`,
`do` lines, assignments and command captures, `<...>` blocks with where clauses, JSON policies,
`set policy`, `process`, `print`, comments and blank lines.  All text is generated here.
"""

from __future__ import annotations

import random
import sys

TEMPLATES = [
    "# step {n}: configure the {word} service",
    "",
    "if !{var} == true then goto label-{m}",
    "if not !{var} then {var} = {word}-{n}",
    "if !{var}.int > {n} and !{var2} == {word} then",
    "do set {var} = {word}",
    "do process !local_scripts/{word}_{n}.al",
    "else print \"{word} {n} skipped\"",
    "{var} = {word}",
    "{var} = !{var2} + \":\" + {n}",
    "set {var} = \"{word} {n}\"",
    "{var} = blockchain get cluster where name = !{var2} and company = !company_name bring.first [*][id]",
    "on error goto label-{m}",
    "goto label-{m}",
    "connect dbms {word} where type = sqlite",
    "create table tsd_info where dbms = almgm",
    "blockchain insert where policy = !new_policy and local = true and master = !ledger_conn",
    "set policy new_policy [config][{word}] = !{var}",
    "print \"{word}\" !{var}",
    "process !local_scripts/policies/{word}.al",
    "schedule name = {word}{n} and time = 30 seconds and task run client (!ops) get status",
]
BLOCKS = [
    "<run tcp server where\n    external_ip = !external_ip and external_port = {n} and\n"
    "    internal_ip = !ip and internal_port = {n} and\n    bind = false and threads = 3>",
    "<run operator where\n    create_table = true and update_tsd_info = true and\n"
    "    compress_json = true and archive_json = true and\n    master_node = !ledger_conn and"
    " policy = !operator_id and\n    threads = 6>",
    "<new_policy = {{\"operator\": {{\n    \"name\": \"{word}-{n}\",\n"
    "    \"company\": !company_name,\n    \"port\": !anylog_server_port.int}}}}>",
]
WORDS = ["operator", "master", "query", "sensors", "cluster", "blobs", "almgm", "edge", "mqtt"]
VARS = ["node_type", "tcp_bind", "cluster_id", "operator_id", "db_type", "enable_ha", "ledger_conn"]


def generate(lines: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    # Real scripts set their variables before they read them (set_params.al style).
    out: list[str] = [f"{var} = {WORDS[i % len(WORDS)]}" for i, var in enumerate(VARS)]
    out.append("company_name = \"Acme Sensors\"")
    out.append('new_policy = {"config": {}}')
    out.append("ops = 10.0.0.1:32048")
    count = len(out)
    while count < lines:
        n, m = rng.randint(1, 60000), rng.randint(1, 50)
        fmt = dict(n=n, m=m, word=rng.choice(WORDS), var=rng.choice(VARS), var2=rng.choice(VARS))
        if rng.random() < 0.08:
            text = rng.choice(BLOCKS).format(**fmt)
        else:
            text = rng.choice(TEMPLATES).format(**fmt)
        out.append(text)
        count += text.count("\n") + 1
        if rng.random() < 0.03:
            out.append("end script")  # error handlers follow the main flow, as in real scripts
            count += 1
    # Every jump target exists once (labels are spread through the text, one per name).
    step = max(len(out) // 51, 1)
    for m in range(50, 0, -1):
        out.insert(min(m * step, len(out)), f":label-{m}:")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(generate(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
