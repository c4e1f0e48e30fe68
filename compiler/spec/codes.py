"""What ``alc build`` reports about a spec: one code and rule name per kind of problem.

Codes ALC6xx belong to specs (ALC001 is a script's syntax error; the lint rules have their own).
Where a spec check is the spec side of a lint rule, it reports under that rule's code and name
(`port-conflict`, `hardcoded-secret`, `platform-unsupported`, `blobs-storage`), so a
suppression or a `--select` means the same for scripts and specs.
"""

from __future__ import annotations

from dataclasses import dataclass

from compiler.diagnostics import ERROR, WARNING, Diagnostic
from compiler.spec.document import Mark


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    rule: str
    severity: str
    summary: str

    def at(self, path: str, mark: Mark, message: str, help: str | None = None) -> Diagnostic:
        return Diagnostic(path, mark.line, mark.column, mark.end_line, mark.end_column,
                          self.code, self.rule, self.severity, message, help)


SYNTAX = Check("ALC601", "spec-syntax-error", ERROR, "the file is not valid YAML or TOML")
YAML_TAG = Check("ALC602", "yaml-tag", ERROR, "a YAML tag: an unquoted `!value`, or a type like `!!binary`")
SCHEMA = Check("ALC603", "spec-schema", ERROR, "a key or value the spec format does not allow")
UNKNOWN_CLUSTER = Check("ALC604", "unknown-cluster", ERROR, "a node joins a cluster the spec lacks")
DUPLICATE_NAME = Check("ALC605", "duplicate-name", ERROR, "two nodes, or two clusters, with one name")
PORT_CLASH = Check("ALC408", "port-conflict", ERROR, "two services on one host and port")
LITERAL_SECRET = Check("ALC502", "hardcoded-secret", ERROR, "a password that is not a `$ENV` reference")
PLATFORM = Check("ALC306", "platform-unsupported", ERROR, "a feature the chosen platform lacks")
NODE_TYPE = Check("ALC609", "node-type-mismatch", ERROR, "a setting that the node's type lacks or needs")
INVALID_COMMAND = Check("ALC610", "invalid-command", ERROR, "an entry of `commands` that does not parse")
DATABASE = Check("ALC611", "database-settings", ERROR, "database options that do not fit its type")
BLOBS_NOWHERE = Check("ALC407", "blobs-storage", ERROR, "a blobs archiver that keeps blobs nowhere")
UNUSED_CLUSTER = Check("ALC613", "unused-cluster", WARNING, "a cluster that no node of the spec joins")
DUPLICATE_MEMBER = Check("ALC614", "duplicate-member", ERROR, "two operators of a cluster, one member number")
UNWRITABLE = Check("ALC615", "unwritable-value", ERROR,
                   "a value no script can carry unchanged: a line break, a quote, a keyword ...")
DBMS_NOT_CONNECTED = Check("ALC406", "dbms-not-connected", ERROR,
                           "a topic, partition or PLC that writes into a database the node does not connect")
MISSING_SERVICE = Check("ALC616", "missing-service", ERROR,
                        "a setting that needs a service the node does not run")
DUPLICATE_SUBSCRIPTION = Check("ALC617", "duplicate-subscription", ERROR,
                               "one topic subscribed twice on one broker")
UNKNOWN_TABLE = Check("ALC618", "unknown-table", WARNING,
                      "a partition of a table that nothing in the spec creates or feeds")
HA_WITHOUT_MEMBER = Check("ALC619", "ha-without-member", WARNING,
                          "high availability between operators that leave their member number to the node")
MESSAGE_CLIENT = Check("ALC620", "message-client-settings", ERROR,
                       "message-client options that do not fit its broker, protocol or column type")

ALL = (SYNTAX, YAML_TAG, SCHEMA, UNKNOWN_CLUSTER, DUPLICATE_NAME, PORT_CLASH, LITERAL_SECRET, PLATFORM,
       NODE_TYPE, INVALID_COMMAND, DATABASE, BLOBS_NOWHERE, UNUSED_CLUSTER, DUPLICATE_MEMBER, UNWRITABLE,
       DBMS_NOT_CONNECTED, MISSING_SERVICE, DUPLICATE_SUBSCRIPTION, UNKNOWN_TABLE, HA_WITHOUT_MEMBER,
       MESSAGE_CLIENT)

# What the checks added for the official deployment's settings (issue 13) find, in the form of a
# rule's documentation (What it does / Why it matters / Example / Use instead), for `alc explain`;
# ``dbms-not-connected`` is the spec side of the lint rule of that name.
EXPLAINED = {
    "dbms-not-connected": """
## In a spec
A message client's topic, a partition or a PLC (`southbound`) names a `dbms` that the node
does not connect: not its `databases` (data, almgm, blockchain, system_query), not
`monitoring` (with monitoring on), and no `connect dbms` in its `commands`. The node would
refuse the rows ("dbms is not connected"), or partition nothing. A topic whose `dbms` is a
`bring` template is not checked: the database comes with each message.

## Example
```yaml
databases: {data: {name: farm}}
message_clients:
  - broker: local
    topics: [{name: readings, dbms: frm, table: t1}]
```

## Use instead
```yaml
    topics: [{name: readings, table: t1}]   # dbms: the node's data database, farm
```
""",
    "missing-service": """
## What it does
Finds a setting that works through a service the node does not run: a message client on
`broker: local` without the node's own message broker (`broker:`), one on `broker: rest`
without a REST service (`rest:`), syslog monitoring without a message broker.

## Why it matters
The node accepts the command and nothing ever arrives: the messages have no server to reach.

## Example
```yaml
- name: op1
  type: operator
  message_clients: [{broker: local, topics: [{name: t, table: t1}]}]
```

## Use instead
```yaml
- name: op1
  type: operator
  broker: {port: 32150}
  message_clients: [{broker: local, topics: [{name: t, table: t1}]}]
```
""",
    "duplicate-subscription": """
## What it does
Finds one topic subscribed twice on one broker by the message clients of a node (the same
broker, port and protocol).

## Why it matters
The node refuses the second subscription ("The Topic ... was subscribed by client #1"), so
the second client does not start, and its other topics are lost with it.

## Example
```yaml
message_clients:
  - {broker: 10.0.0.5, topics: [{name: sensors, table: t1}]}
  - {broker: 10.0.0.5, topics: [{name: sensors, table: t2}]}
```

## Use instead
```yaml
message_clients:
  - {broker: 10.0.0.5, topics: [{name: sensors, table: t1}]}
```
""",
    "unknown-table": """
## What it does
Warns about a partition of a named table that no topic, PLC or `create table` of the node's
spec makes in that database (a topic whose table is a `bring` template may make any table,
so it silences the warning).

## Why it matters
A partition waits for a table of exactly that name: a misspelt table is never partitioned
and grows without limit. Data posted over REST or dropped as files also makes tables,
which is why this is a warning.

## Example
```yaml
partitions: [{table: readngs}]
message_clients: [{broker: local, topics: [{name: t, table: readings}]}]
```

## Use instead
```yaml
partitions: [{table: readings}]
```
""",
    "ha-without-member": """
## What it does
Warns when operators of one cluster run high availability (`ha`) and one of them has no
`operator.member`, leaving the number to the node.

## Why it matters
Each node picks a free member number from the ledger it has synced; two operators that
start together can pick the same one, and the ledger refuses the second policy (or the
cluster's copies mix up). Numbers given in the spec are checked for duplicates.

## Example
```yaml
- {name: op-a, type: operator, cluster: c1, ha: {}}
- {name: op-b, type: operator, cluster: c1, ha: {}}
```

## Use instead
```yaml
- {name: op-a, type: operator, cluster: c1, ha: {}, operator: {member: 1}}
- {name: op-b, type: operator, cluster: c1, ha: {}, operator: {member: 2}}
```
""",
    "message-client-settings": """
## What it does
Finds message-client options that do not fit the client: a Kafka consumer without the
broker's `port` (the default is MQTT's), `user`, `password`, `log` or `user_agent` on a Kafka
consumer, `reset` on an MQTT client, a `port` with `broker: local`
or `rest`, `user_agent` without `broker: rest`, and a column whose value is `now` but whose
type is not `timestamp`.

## Why it matters
`run kafka consumer` rejects keys it does not know; the others would be written nowhere, so
the spec would say something the node never does.

## Example
```yaml
- {protocol: kafka, broker: 10.0.0.6, port: 9092, user: app, topics: [{name: k, table: t}]}
```

## Use instead
```yaml
- {protocol: kafka, broker: 10.0.0.6, port: 9092, topics: [{name: k, table: t}]}
```
""",
}
