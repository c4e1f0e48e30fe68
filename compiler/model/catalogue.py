"""The command catalogue: which commands the node knows and what their where keys mean.

Taken from the node's own command table and key tables (anylog-language.md sections 2.1 and
3, EdgeLake ``member_cmd.py``).  The node matches a command by joining its first words one
at a time ("run", "run tcp", "run tcp server" ...) against its table; ``match`` does the same.
"""

from __future__ import annotations

from functools import lru_cache

from compiler.record import field, record

# Top-level command keys of the EdgeLake node (member_cmd.commands).
EDGELAKE_COMMANDS = frozenset("""
bucket|video|connect dbms|id|import function|pi|config from policy|debug|disconnect dbms|info view|
info table|sql|create work directories|create table|create view|drop dbms|drop network table|
drop table|drop partition|backup|event|time file|from|blockchain|suggest create|
generate insert from json|system|subprocess|delete archive|if|else|do|rest|run video stream|
run rest server|run streamer|run uns streamer|run grpc client|run opcua client|run plc client|
run msg client|flush buffers|mqtt|run tcp server|run message broker|run scheduled pull|
run kafka consumer|stream|email|sms|run smtp client|run client|file|directory|process|thread|wait|
create policy|incr|partition|task|query|job|schedule|run scheduler|run blockchain sync|run operator|
run blobs archiver|print|echo|get|reset|set|python|monitor|json|random substr|trace level|
trace method|help|end script|exit|goto|call|on error|return|stop|next|continue|streaming data|
continuous|test
""".replace("\n", "").split("|"))

# Commands of the AnyLog build that EdgeLake does not have (anylog-language.md 2.1 and 3).
ANYLOG_ONLY_COMMANDS = frozenset({"run data distributor", "run data consumer", "run publisher"})
# Commands that optional modules or the AnyLog build add (documented, not in the EdgeLake
# table): known, so not reported as unknown, but not checked further.
MODULE_COMMANDS = frozenset({"run mcp server", "tpm", "vector", "helper"})

ALL_COMMANDS = EDGELAKE_COMMANDS | ANYLOG_ONLY_COMMANDS | MODULE_COMMANDS
_MAX_WORDS = max(len(k.split()) for k in ALL_COMMANDS)


def _table(text: str) -> frozenset[str]:
    return frozenset(text.replace("\n", "").split("|")) - {""}


# The node's sub-command tables (member_cmd.commands[KEY]["methods"] of EdgeLake faba50dd): the
# words after one of these keys must start a sub-command of its table (longest first, as
# `_words_to_command` matches), or the node fails with "Error Command Structure".  EdgeLake's
# `id` table is empty.
SUBCOMMANDS: dict[str, frozenset[str]] = {
    "blockchain": _table("""
add|checkout|commit|connect|create account|create table|delete local file|delete policy|
deploy contract|drop by host|drop policy|drop table|get|insert|load metadata|prepare policy|
pull|push|query metadata|read|reload metadata|replace policy|seed from|set account info|
state|switch network|test|test cluster|update|update dbms|update file|wait"""),
    "bucket": _table("""
create|drop|file delete|file download|file upload|provider connect|provider disconnect"""),
    "file": _table("""
compress|copy|decode|decompress|delete|deliver|encode|from|get|hash|move|remove|retrieve|
store|test|to|write"""),
    "get": _table("""
access|archived files|blobs archiver|bucket file info|bucket files|bucket groups|
bucket names|cluster info|columns|compression|config policies|connected video|connections|
cpu info|cpu temperature|cpu usage|data distribution|data nodes|database|databases|datetime|
dictionary|directories|disk|dns name|dynamic stats|echo|env var|error|error log|
etherip struct|event log|file log|file timestamp|files|files count|function params|git|grpc|
grpc services|ha cluster status|hostname|imported functions|installed packages|ip|
json file struct|local broker|machine connections|mcp status|members status|memory|
metadata version|modbus values|monitored|msg|msg pool|msg rules|network databases|nics list|
node info|node name|node resources|opcua|opcua namespace|opcua struct|opcua values|operator|
operator execution|operator pool|os process|partitions|partitions info|platform info|
platforms|plc|plc values|policies diff|processes|profiler|publisher|queries time|query log|
query mode|query pool|relay|reply ip|rest calls|rest pool|rest server info|rows count|
scheduled pull|scheduler|script|servers|size|stack trace|stats|status|streaming|
streaming conditions|streaming log|synchronizer|system threads|table|tables|tcp pool|
timezone info|trace info|tsd|tsd list|unused|user threads|version|video streams stats|views|
virtual tables|watch directories"""),
    "id": _table("""
"""),
    "query": _table("""
destination|explain|status"""),
    "reset": _table("""
dynamic stats|echo queue|error log|event log|file log|function params|monitored|msg rule|
query log|query timer|reply ip|self ip|stats|streaming condition|streaming log"""),
    "set": _table("""
anylog home|buffer threshold|cli|compression|dbms config|debug|echo queue|error traceback|
exception traceback|function key|function params|internal ip|mcp client config|
monitored nodes|mqtt debug|msg client pool|msg rule|node name|output table width|policy|
profiler|query log|query mode|query pool|relay|reply ip|rest log|rest timeout|script|
self ip|servers ping|streaming condition"""),
    "test": _table("""
cluster data|cluster databases|cluster partitions|cluster setup|connection|network|
network table|node|process|table"""),
    "time file": _table("""
add|delete|drop|new|rename|update"""),
    "video": _table("""
connect|stream"""),
}
# Sub-commands of the AnyLog build that EdgeLake's tables lack (from the AnyLog documentation):
# known on `platform = "anylog"`, AnyLog-only on EdgeLake.
ANYLOG_SUBCOMMANDS: dict[str, frozenset[str]] = {
    "get": _table("""
aggregation|aggregations|aggregation configs|aggregation ingest|aggregation tables|
aggregations config|authentication|consumer|distributor|hardware id|helpers|license|
member permissions|metadata info|network info|node id|permissions|platform|private key|
private string|public key|public string|signatory|signatory name"""),
    "set": _table("""
aggregation|aggregation encoding|aggregation ingest|aggregation thresholds|aggregations|
aggregations encoding|authentication|data distribution|license|local password|
node authentication|private password|signatory|user authentication"""),
    "reset": _table("aggregations|signatory"),
    "id": _table("""
add user|authenticate|create keys|decrypt|encrypt|generate certificate|remove user|sign|
sign certificate|update user|validate"""),
    "test": _table("case|suite"),
}
_SUB_WORDS = max(len(s.split()) for table in (*SUBCOMMANDS.values(), *ANYLOG_SUBCOMMANDS.values())
                 for s in table)


@record(frozen=True)
class Subcommand:
    key: str  # the command key with a sub-command table: `file`, `get`, `time file` ...
    words: int  # how many of the command's words the key and the sub-command take
    known: str | None  # the sub-command, when the node's table has it
    anylog: str | None  # the sub-command, when only AnyLog's table has it


def subcommand(words: list[str]) -> Subcommand | None:
    """How the node reads the sub-command of ``words`` (a command's words, after any `x =`):
    None when the command has no sub-command table, or when its words are not a sub-command
    (`set x = 1`, `get !x`, a sub-command from a variable)."""
    if not words:
        return None
    key = " ".join(words[:2]) if " ".join(words[:2]) in SUBCOMMANDS else words[0]
    if key not in SUBCOMMANDS:
        return None
    rest = words[len(key.split()):]
    if not rest or rest[0][:1] in ("!", "$") or (key == "set" and rest[1:2] == ["="]):
        return None
    return _subcommand(key, tuple(rest[:_SUB_WORDS]))


@lru_cache(maxsize=4096)
def _subcommand(key: str, rest: tuple[str, ...]) -> Subcommand:
    taken = len(key.split())
    known = anylog = None
    for count in range(len(rest), 0, -1):
        name = " ".join(rest[:count])
        if known is None and name in SUBCOMMANDS[key]:
            known, taken = name, taken + count
            break
    if known is None:
        for count in range(len(rest), 0, -1):
            name = " ".join(rest[:count])
            if name in ANYLOG_SUBCOMMANDS.get(key, ()):
                anylog, taken = name, taken + count
                break
    return Subcommand(key, taken if known or anylog else taken + 1, known, anylog)


@record(frozen=True)
class Key:
    type: str = "str"  # str int bool int.time ip.port dir nested date ip port
    required: bool = False
    multi: bool = False  # may be given more than once
    allowed: tuple[str, ...] = ()
    maximum: int | None = None
    default: str | None = None


@record(frozen=True)
class Command:
    name: str
    keys: dict[str, Key] = field(default_factory=dict)
    platform: str = "all"  # all | anylog
    strict_keys: bool = True  # unknown keys are errors on the node
    one_of: tuple[tuple[str, ...], ...] = ()  # at least one key of each group
    note: str = ""
    doc: str = ""  # what the command does, one sentence (hover in editors)


_SERVER = {
    "external_ip": Key("ip"), "external_port": Key("port"), "internal_ip": Key("ip"),
    "internal_port": Key("port"), "bind": Key("bool", default="false"), "threads": Key("int"),
}
_BOOL = Key("bool")

CATALOGUE: dict[str, Command] = {c.name: c for c in [
    Command("run tcp server", _SERVER, doc="Starts the TCP server that other nodes reach this node on (`bind = true` listens on the internal address only; `threads` is accepted but ignored).",  one_of=(("external_port", "internal_port"),)),
    Command("run message broker", _SERVER, doc="Starts the node's own message broker, with the keys of `run tcp server`.",  one_of=(("external_port", "internal_port"),)),
    Command("run rest server", doc="Starts the REST server; `ssl`, `ca_org` and `server_org` go together.", keys={
        "internal_ip": Key("ip"), "internal_port": Key("port"), "external_ip": Key("ip"),
        "external_port": Key("port"), "timeout": Key("int"), "threads": Key("int"),
        "bind": Key("bool", default="false"), "ssl": _BOOL, "ca_org": Key(), "server_org": Key()}),
    Command("run operator", doc="Makes this node the operator of the policy `policy`: it ingests the files of `watch_dir` into its databases. With `update_tsd_info = true` it needs `almgm.tsd_info`, and the TCP server must be up.", keys={
        "policy": Key(required=True), "watch_dir": Key("dir"), "err_dir": Key("dir"),
        "distr_dir": Key("dir"), "file_type": Key(multi=True), "master_node": Key("ip.port"),
        "blockchain": Key(), "company": Key(), "compress_json": _BOOL, "compress_sql": _BOOL,
        "archive_json": _BOOL, "archive_sql": _BOOL, "limit_tables": Key(multi=True),
        "create_table": Key(), "update_tsd_info": _BOOL, "distributor": _BOOL,
        "flush_streaming": _BOOL, "threads": Key("int", maximum=10)}),
    Command("run blockchain sync", doc="Keeps the local copy of the metadata in step with the master (`source = master` and `connection`), a blockchain platform or a database, every `time`.", keys={
        "source": Key(required=True, allowed=("master", "blockchain", "dbms")),
        "time": Key("int.time", required=True),
        "dest": Key(required=True, multi=True, allowed=("file", "dbms")),
        "connection": Key("ip.port"), "file": Key(), "platform": Key(), "trace": _BOOL}),
    Command("run msg client", doc="Subscribes to a message broker (`broker`: an address, `local` or `rest`) and maps each `topic` to tables.", keys={
        "broker": Key(required=True), "topic": Key("nested", required=True, multi=True),
        "port": Key("port"), "user": Key(), "password": Key(), "client_id": Key(),
        "project_id": Key(), "private_key": Key(), "location": Key(), "log": _BOOL,
        "only_log": _BOOL, "log_error": _BOOL, "prep_dir": Key(), "watch_dir": Key(),
        "err_dir": Key(), "blobs_dir": Key(), "bwatch_dir": Key(), "user-agent": Key(),
        "master_node": Key("ip.port"), "blockchain": Key()}),
    Command("run kafka consumer", doc="Reads data from a Kafka broker at `ip`:`port` and maps each `topic` to tables.", keys={
        "ip": Key(required=True), "port": Key(required=True),
        "topic": Key("nested", required=True, multi=True), "threads": Key("int"),
        "reset": Key(allowed=("earliest", "latest"))}),
    Command("run blobs archiver", doc="Archives the blobs written to `bwatch_dir`: in `blobs_dir` by date (`folder`) and in the mongo database `blobs_<dbms>` (`dbms`).", keys={
        "bwatch_dir": Key(), "blobs_dir": Key(), "dbms": Key("bool", default="false"),
        "folder": Key("bool", default="true"), "compress": Key("bool", default="false"),
        "reuse_blobs": Key("bool", default="false")},
        note="the help text's `file` and `archive_dir` are not keys of the command"),
    Command("run data distributor", doc="High availability: sends this operator's data to the other members of its cluster (AnyLog only).", keys={"cluster_id": Key(), "distr_dir": Key()}, platform="anylog",
            strict_keys=False),
    Command("run data consumer", doc="High availability: fetches the data this operator misses from the other members of its cluster (AnyLog only).", keys={
        "start_date": Key("date"), "end_date": Key("date"),
        "mode": Key(allowed=("active", "suspend"))}, platform="anylog", strict_keys=False),
    Command("run publisher", doc="Runs a publisher node that sends its data to operators (AnyLog only).", keys={}, platform="anylog", strict_keys=False),
    Command("connect dbms", doc="Connects a logical database to a database engine (`type`: psql, sqlite, mongo, pi or bucket).", keys={
        "type": Key(required=True, allowed=("psql", "sqlite", "pi", "mongo", "bucket")),
        "user": Key(), "ip": Key(), "port": Key(), "password": Key(), "connection": Key(),
        "memory": _BOOL, "autocommit": _BOOL, "unlog": _BOOL, "provider": Key(),
        "network_id": Key(), "access_key": Key(), "secret_key": Key(), "region": Key(),
        "endpoint": Key()}),
    Command("blockchain insert", doc="Publishes a policy: in the local copy (`local = true`), on the master (`master`) and/or on a blockchain platform.", keys={
        "policy": Key(required=True), "local": _BOOL, "master": Key("ip.port"),
        "blockchain": Key()}, one_of=(("local", "master", "blockchain"),)),
    Command("create policy", doc="Makes a policy of a type (`with defaults` adds the node's address and ports); store it with `x = create policy ...`.", keys={}, strict_keys=False),
    Command("create table", doc="Creates a table (`tsd_info`, `ledger` ...) in the connected database `dbms`.", keys={"dbms": Key(required=True)}),
]}

FIRST_WORDS = frozenset(name.split()[0] for name in CATALOGUE)

# The where clause starts at this word for each command (the node reads by position).
def match(words: list[str]) -> str | None:
    """The command key the node dispatches ``words`` to, or None.

    Like the node, the first joined prefix that is a key wins; for ``blockchain`` and the
    other keys with sub-commands the catalogue also knows some two-word forms.
    """
    return _match(tuple(words[:_MAX_WORDS + 1]))


# Scripts repeat a few command heads many times: one prefix search per distinct head.
@lru_cache(maxsize=4096)
def _match(words: tuple[str, ...]) -> str | None:
    for count in range(1, min(len(words), _MAX_WORDS) + 1):
        key = " ".join(words[:count])
        if key in ALL_COMMANDS:
            longer = " ".join(words[:count + 1])
            if longer in CATALOGUE:  # blockchain insert, create policy ...
                return longer
            return key
    return None


def entry(words: list[str]) -> Command | None:
    """The catalogue entry (key table) for a command's words, if alc knows its keys."""
    # Most commands: no prefix of theirs can be a key (the joined words' first token, even
    # from a quoted word with spaces, must be a key's first word).
    if not words or words[0].split(" ", 1)[0] not in FIRST_WORDS:
        return None
    return _entry(tuple(words[:_MAX_WORDS]))


@lru_cache(maxsize=4096)
def _entry(words: tuple[str, ...]) -> Command | None:
    for count in range(min(len(words), _MAX_WORDS), 0, -1):
        key = " ".join(words[:count])
        if key in CATALOGUE:
            return CATALOGUE[key]
    return None


def suggestions(words: list[str]) -> list[str]:
    """Known commands that look like ``words`` (for did-you-mean)."""
    return list(_suggestions(tuple(words[:_MAX_WORDS])))


@lru_cache(maxsize=4096)
def _suggestions(words: tuple[str, ...]) -> tuple[str, ...]:
    """Cached: the same unknown command recurs over files, and difflib is slow."""
    import difflib

    text = " ".join(words)
    candidates = sorted(ALL_COMMANDS)
    best = difflib.get_close_matches(text, candidates, n=3, cutoff=0.75)
    if not best and words:
        best = difflib.get_close_matches(words[0], sorted({c.split()[0] for c in candidates}), n=1,
                                         cutoff=0.75)
    return tuple(best)
