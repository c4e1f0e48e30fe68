"""Hypothesis strategies for scripts full of mistakes that alc's fixes fix.

``fixable_scripts`` mixes the statements of ``tests/fmt/scripts.py`` (every construct, written
as people write them) with lines that trip each fixable rule: a missing `then`, a bare
variable in a condition, malformed and indented labels, a label used as a command,
suppressions that suppress nothing, near-miss labels, variables, commands and keys, policies
whose fields contradict the TCP server, commands with no ledger.  ``mutated_scripts`` takes
a script of ``benchmarks/generate.py`` (the public scripts' statement mix) and makes the same
kinds of mistakes in it.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from benchmarks.generate import generate
from tests.fmt.scripts import indents, line_items, trailing

LABELS = ["setup", "connect-error", "finish"]
VARIABLES = ["node_type", "tcp_port", "blob_storage_type", "ledger_conn"]

DEFINITIONS = [
    "node_type = operator", "tcp_port = 32148", "blob_storage_type = mongo",
    "ledger_conn = 10.0.0.10:32048", "cluster_id = blockchain get cluster where name = c1 bring.first [*][id]",
]
MISTAKES = [
    # missing-then
    "if !node_type == operator goto setup",
    "if !node_type == query print \"query node\"",
    "if not !tcp_port goto finish",
    # bare-variable-in-condition
    "if node_type == operator then goto setup",
    "if !x == 1 and node_type == query then print q",
    "else if !node_type == master or node_type == query then goto finish",
    # malformed-label, and labels that may collide with it
    ":setup;", ":connect-error", "   :finish:", ":setup:", ":finish:", "  :connect-error;",
    # label-as-command
    "if !node_type == operator then setup", "finish", "do connect-error",
    "if !node_type == query then finish\nprint not a query\n:finish:",  # with its label
    # unused-suppression (and the invalid kind)
    "print ready  # alc: ignore[undefined-label] nothing here",
    "# alc: ignore[undefined-variable, ALC101, missing-then] several",
    "goto nowhere  # alc: ignore[undefined-label, unknown-key]",
    "print done # alc: ignore", "# alc: ignore-file[hardcoded-secret]",
    # undefined-label / undefined-variable near misses
    "goto setpu", "on error goto connect-eror", "call finsh",
    "on error goto connect-eror\nprint ready\n:connect-error:",  # with the label meant
    "print !node_typ", "if !blobs_storage_type == mongo then print m", "print !tcp_prt.int",
    # unknown-command / unknown-key near misses
    "conect dbms sensors where type = sqlite", "Run scheduler 1", "run scheduler 1",
    "run blobs archiver where dbms = false and foldr = true",
    "connect dbms logs where typ = sqlite", "run operator where thread = 3 and policy = !cluster_id",
    # deployment: servers, policies, ledgers
    "run tcp server where external_ip = !external_ip and external_port = 32148 and internal_ip = !ip "
    "and internal_port = 32148 and bind = true",
    "run tcp server where external_ip = !external_ip and external_port = !tcp_port and internal_ip = !ip "
    "and internal_port = !tcp_port and bind = false",
    "new_policy = create policy operator where name = op1 and company = acme and cluster = !cluster_id "
    "and ip = !external_ip and local_ip = !ip and port = 32150",
    "new_policy = create policy operator where name = op1 and company = acme and ip = !ip and port = !tcp_port",
    "<q_policy = create policy query where\n    name = q1 and company = acme and\n"
    "    ip = !ip and local_ip = !external_ip and port = !other_port.int>",
    'p = {"operator": {"name": "op2", "port": !tcp_port, "rest_port": "!rest_port", "member": !m}}',
    "blockchain insert where policy = !new_policy",
    "run operator where policy = !cluster_id and threads = 3",
    "<run operator where\n    policy = !cluster_id and\n    threads = 3>",
]

mistakes = st.sampled_from(MISTAKES)


@st.composite
def deployment(draw) -> str:
    """A TCP server and a node policy whose addresses and port may contradict it."""
    bind = draw(st.sampled_from(["true", "false"]))
    port = draw(st.sampled_from(["32148", "!tcp_port"]))
    server = (f"run tcp server where external_ip = !external_ip and external_port = {port} and "
              f"internal_ip = !ip and internal_port = {port} and bind = {bind}")
    fields = draw(st.sampled_from(["ip = !external_ip", "ip = !ip", "ip = !external_ip and local_ip = !ip",
                                   "ip = !ip and local_ip = !external_ip", "ip = !external_ip and local_ip = !external_ip",
                                   "local_ip = !ip and ip = !ip", "ip = 10.0.0.1"]))
    policy_port = draw(st.sampled_from(["32148", "32150", "!tcp_port", "!tcp_port.int", "!other_port.int"]))
    kind = draw(st.sampled_from(["operator", "query"]))
    policy = f"p = create policy {kind} where name = n1 and company = acme and {fields} and port = {policy_port}"
    if draw(st.booleans()):
        policy = "<" + policy.replace(" and ", " and\n    ", 2) + ">"
    return server + "\n" + policy


@st.composite
def fixable_scripts(draw) -> str:
    """A script: some definitions, then mistakes among ordinary statements."""
    items = draw(st.lists(st.sampled_from(DEFINITIONS), max_size=4))
    items += draw(st.lists(st.one_of(mistakes, mistakes, line_items(), deployment()), min_size=1, max_size=18))
    lines = []
    for item in items:
        for line in item.split("\n"):
            lines.append(draw(indents) + line + draw(trailing) if line and not line.startswith((":", " ")) else line)
    eol = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    return eol.join(lines) + draw(st.sampled_from([eol, eol, ""]))


# Mistakes made in a generated script: each pattern once, at a random match.
MUTATIONS = [
    (re.compile(r" then goto"), " goto"),                # missing-then
    (re.compile(r"if !(\w+) =="), r"if \1 =="),          # bare variable
    (re.compile(r"^:(label-\d+):$", re.M), r":\1;"),     # malformed label
    (re.compile(r"^:(label-\d+):$", re.M), r"  :\1:"),   # indented label
    (re.compile(r"goto label-(\d+)"), r"goto labl-\1"),  # near-miss label
    (re.compile(r"!node_type\b"), "!node_typ"),          # near-miss variable
    (re.compile(r"^connect dbms", re.M), "conect dbms"),  # near-miss command
    (re.compile(r"and master_node = !ledger_conn"), ""),  # missing ledger
    (re.compile(r"!anylog_server_port\.int"), "!anylog_server_port"),  # policy field type
    (re.compile(r"^(print .*)$", re.M), r"\1  # alc: ignore[undefined-label]"),  # unused suppression
]


@st.composite
def mutated_scripts(draw) -> str:
    text = generate(draw(st.integers(40, 160)), seed=draw(st.integers(0, 10**6)))
    for pattern, replacement in MUTATIONS:
        found = list(pattern.finditer(text))
        if found and draw(st.booleans()):
            m = draw(st.sampled_from(found))
            text = text[:m.start()] + m.expand(replacement) + text[m.end():]
    return text
