"""What each spec check finds (codes ALC6xx, defined in ``compiler/spec/codes.py``), for
`alc explain`: What it does / Why it matters / Example / Use instead, as a rule's docstring.

``SPEC_SIDE`` holds, for the checks that report under a lint rule's code and name, what the
check finds in a spec; `alc explain` adds it to the rule's own documentation.
"""

DOCS = {
    "spec-syntax-error": """
spec-syntax-error (ALC601)

## What it does
Reports a spec file that is not valid YAML or TOML, at the place the reader stopped, and
duplicate keys (which YAML readers otherwise resolve silently by keeping the last one).

## Why it matters
Nothing of a spec that does not parse can be checked or built: every other check waits
for this one.

## Example
```yaml
nodes:
  - name: op1
    type: operator: sqlite
```

## Use instead
```yaml
nodes:
  - name: op1
    type: operator
```
""",
    "yaml-tag": """
yaml-tag (ALC602)

## What it does
Finds a YAML tag in a spec: an unquoted value that starts with `!` (`!external_ip`), or a
type tag such as `!!binary`.

## Why it matters
YAML reads `!external_ip` as a tag on an empty value, not as the text "!external_ip": the
node's variable would silently become an empty string in the built script.

## Example
```yaml
tcp:
  external_ip: !external_ip
```

## Use instead
```yaml
tcp:
  external_ip: "!external_ip"
```
""",
    "spec-schema": """
spec-schema (ALC603)

## What it does
Checks a spec against the spec format (`alc schema` prints it): unknown keys, missing
required keys, values of the wrong type or out of range, with the closest valid key or
value as a did-you-mean and an example of a valid value.

## Why it matters
A misspelt key (`prot` for `port`) would otherwise be ignored and the default used in its
place; a value the node cannot take (a port of 70000) would only fail on the node.

## Example
```yaml
nodes:
  - name: op1
    type: operater
    tcp: {prot: 32148}
```

## Use instead
```yaml
nodes:
  - name: op1
    type: operator
    tcp: {port: 32148}
```
""",
    "unknown-cluster": """
unknown-cluster (ALC604)

## What it does
Finds a node whose `cluster` names a cluster that is not declared under `clusters`.

## Why it matters
The operator's policy would point at a cluster no policy declares: the operator never
receives data and queries never reach it.

## Example
```yaml
clusters:
  - name: plant-a
nodes:
  - name: op1
    type: operator
    cluster: planta
```

## Use instead
```yaml
clusters:
  - name: plant-a
nodes:
  - name: op1
    type: operator
    cluster: plant-a
```
""",
    "duplicate-name": """
duplicate-name (ALC605)

## What it does
Finds two nodes, or two clusters, with one name in a spec.

## Why it matters
Each node is written to `<name>.al` and publishes a policy under its name: the second node
would overwrite the first one's script, and the ledger would hold two policies that peers
cannot tell apart.

## Example
```yaml
nodes:
  - name: op1
    type: operator
  - name: op1
    type: operator
```

## Use instead
```yaml
nodes:
  - name: op1
    type: operator
  - name: op2
    type: operator
```
""",
    "node-type-mismatch": """
node-type-mismatch (ALC609)

## What it does
Finds a setting that the node's type does not have (`ha` on a master, `publisher` options
on a query node, partitions or monitoring on anything but an operator, message clients,
PLCs, the buffer or the archive clean-up on anything but an operator or a publisher, a
location or hostname on a generic or hidden node, a hidden operator), or lacks one that the type needs (an
operator without a cluster or a data database).

## Why it matters
The built script would either leave the setting out silently or run a command the node
type cannot use; an operator without a cluster or a database cannot store data at all.

## Example
```yaml
nodes:
  - name: m1
    type: master
    ha: {}
```

## Use instead
```yaml
nodes:
  - name: m1
    type: master
```
""",
    "invalid-command": """
invalid-command (ALC610)

## What it does
Parses each entry of a node's `commands` as the node would and reports the ones that do
not parse, with the same message `alc lint` gives for a script.

## Why it matters
`commands` are copied verbatim to the end of the built script: an entry with a syntax
error would stop the node's script there.

## Example
```yaml
commands:
  - if !x == 1 goto done
```

## Use instead
```yaml
commands:
  - if !x == 1 then goto done
```
""",
    "database-settings": """
database-settings (ALC611)

## What it does
Checks the options of each database against its type: a psql database needs a user and a
password, only sqlite can live in memory, a sqlite database has no `ip`, `port`,
`autocommit` or `unlog`, a mongo blobs database needs a name when the node has no data
database.

## Why it matters
`connect dbms` fails on a real node when its options do not fit the type, and the
operator then has nowhere to store data.

## Example
```yaml
databases:
  almgm: {type: sqlite, ip: 127.0.0.1, port: 5432}
```

## Use instead
```yaml
databases:
  almgm: {type: sqlite}
```
""",
    "unused-cluster": """
unused-cluster (ALC613)

## What it does
Finds a cluster under `clusters` that no operator of the spec joins (a warning: the build
goes on).

## Why it matters
A cluster policy is declared by its first operator: with none, the cluster is never
declared, and the entry is most likely a leftover or a misspelt `cluster` of a node.

## Example
```yaml
clusters:
  - name: c1
  - name: spare
nodes:
  - name: op1
    type: operator
    cluster: c1
```

## Use instead
```yaml
clusters:
  - name: c1
nodes:
  - name: op1
    type: operator
    cluster: c1
```
""",
    "duplicate-member": """
duplicate-member (ALC614)

## What it does
Finds two operators of one cluster with the same `member` number.

## Why it matters
The member number identifies an operator within its cluster: the ledger rejects the second
operator's policy, and that operator never joins the cluster.

## Example
```yaml
nodes:
  - {name: op1, type: operator, cluster: c1, operator: {member: 7}}
  - {name: op2, type: operator, cluster: c1, operator: {member: 7}}
```

## Use instead
```yaml
nodes:
  - {name: op1, type: operator, cluster: c1, operator: {member: 7}}
  - {name: op2, type: operator, cluster: c1, operator: {member: 8}}
```
""",
    "unwritable-value": """
unwritable-value (ALC615)

## What it does
Finds a spec value (or key) that no script can carry unchanged: a line break or another
control character, or text the node's word splitter would cut or change (a double quote,
a backslash, a keyword such as `and`, a bracket left open, `&` or `=` without a space), and
whole numbers past 64 bits.

## Why it matters
Every text of a spec ends up in a script.  A line break there starts a statement of its own
(a password could run a command), and a word the node splits differently is not the value
the spec gave.

## Example
```yaml
company: "Acme Sensors\n"
databases:
  almgm: {type: psql, user: and, password: "$DB_PASSWORD"}
```

## Use instead
```yaml
company: Acme Sensors
databases:
  almgm: {type: psql, user: anylog, password: "$DB_PASSWORD"}
```
""",
    "missing-service": """
missing-service (ALC616)

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
duplicate-subscription (ALC617)

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
unknown-table (ALC618)

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
ha-without-member (ALC619)

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
message-client-settings (ALC620)

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
    "ledger-address": """
ledger-address (ALC631)

## What it does
Compares `ledger` with the spec's master node: its port must be the master's TCP port; a
loopback address (127.0.0.1, localhost) is reported when a node runs on another host than the
master, and so is an address the spec gives another host (its name, or a literal address of
one of its services or its `networking`). A machine has addresses the spec does not list, so an
address the spec names nowhere is not reported; nor are a `!var` or `$ENV` ledger and a spec
without a master.

## Why it matters
Every node publishes its policy to the ledger and pulls the metadata from it: a wrong port
reaches the master's REST service or nothing, and 127.0.0.1 reaches the master only from its
own machine (the official default is `127.0.0.1:32048`, right only for a one-machine network).
The nodes start, but never join the network.

## Example
```yaml
ledger: 127.0.0.1:32049
nodes:
  - {name: master, type: master, host: edge-0}
  - {name: op1, type: operator, host: edge-1, cluster: c1}
```

## Use instead
```yaml
ledger: 10.0.0.10:32048       # edge-0's address, the master's TCP port
```
""",
    "cluster-ports": """
cluster-ports (ALC632)

## What it does
Warns when two operators of one cluster share a `host` and a service port of one of them is
a reference (`$ENV` or `!var`), so that alc cannot show their ports differ. Two equal
numbers are a `port-conflict` (ALC408) instead.

## Why it matters
Under `network_mode: host` (the official docker compose files, and `alc build --target
compose`) the nodes of one machine share its ports: the second operator cannot start its TCP
server. The same `$ENV` reference has one value on a machine (compose reads one
environment), so two members that both use it always clash.

## Example
```yaml
- {name: op-a, type: operator, host: edge-1, cluster: c1, tcp: {port: "$OP_PORT"}}
- {name: op-b, type: operator, host: edge-1, cluster: c1, tcp: {port: "$OP_PORT"}}
```

## Use instead
```yaml
- {name: op-a, type: operator, host: edge-1, cluster: c1, tcp: {port: 32148}}
- {name: op-b, type: operator, host: edge-1, cluster: c1, tcp: {port: 32158}}
```
""",
    "helm-release": """
helm-release (ALC633)

## What it does
Checks the Helm releases `alc build --target helm` installs: each node's release is its
name, and its volumes release `<name>-volume`; two of them with one name in one
`kubernetes.namespace` are reported. When the spec has a `kubernetes` section, a node name
that is no Kubernetes name (upper case, `_`, `.`, ending in `-`, or with `-volume` longer
than 53 characters) is reported too.

## Why it matters
Helm refuses a second release of one name in a namespace, so the second node is never
installed; and the `anylog-node` chart names the node after its release, so the release
cannot be another name than the node's.

## Example
```yaml
kubernetes: {namespace: edge}
nodes:
  - {name: query, type: query}
  - {name: query-volume, type: query, tcp: {port: 32358}, rest: {port: 32359}}
```

## Use instead
```yaml
nodes:
  - {name: query, type: query}
  - {name: query-2, type: query, tcp: {port: 32358}, rest: {port: 32359}}
```
""",
    "node-port-range": """
node-port-range (ALC634)

## What it does
Finds a node whose `kubernetes.service_type` is `NodePort` and one of whose TCP, REST or
broker ports is outside 30000-32767.

## Why it matters
With `NodePort` the `anylog-node` chart sets each port of the node as its Service's
`nodePort`, and Kubernetes (by default) gives node ports only from 30000 to 32767: `helm
install` fails for that node, after the volumes are installed.

## Example
```yaml
- {name: gate, type: query, tcp: {port: 2048}, rest: {port: 2049}, kubernetes: {service_type: NodePort}}
```

## Use instead
```yaml
- {name: gate, type: query, tcp: {port: 32348}, rest: {port: 32349}, kubernetes: {service_type: NodePort}}
```
""",
}

SPEC_SIDE = {
    "dbms-not-connected": """
A message client's topic, a partition or a PLC (`southbound`) names a `dbms` the node does not
connect (its `databases`, `monitoring` with monitoring on, or a `connect dbms` in its
`commands`): the node would refuse the rows, or partition nothing. A topic whose `dbms` is a
`bring` template is not checked: the database comes with each message. A publisher sends its
data on to the operators, so only a missing `dbms` is reported there.

```yaml
databases: {data: {name: farm}}
message_clients:
  - {broker: local, topics: [{name: readings, dbms: frm, table: t1}]}
```
Use instead: leave `dbms` out (the node's data database, farm), or `dbms: farm`.
""",
    "port-conflict": """
Two services on one `host` given one port: the TCP, REST and broker ports of every node,
defaults by node type included, and the host's Remote-CLI (`container.remote_cli`, one per
host under `alc build --target compose`).

```yaml
nodes:
  - {name: master, type: master, host: edge-0, rest: {port: 32048}}
```
Use instead: `rest: {port: 32049}` (the master's TCP service has 32048).
""",
    "hardcoded-secret": """
A database, message-broker or PLC password, or a license key, that is not a `"$ENV"`
reference would be written into the built script; `allow_literal_secrets: true` at the top of
the spec allows it.

```yaml
databases:
  data: {name: d, type: psql, user: anylog, password: secret}
```
Use instead: `password: "$DB_PASSWORD"`.
""",
    "platform-unsupported": """
A feature that the spec's `platform` lacks: `ha`, publisher nodes, a `license_key` and
AnyLog-only commands in `commands` on `platform: edgelake`.

```yaml
platform: edgelake
nodes:
  - {name: op1, type: operator, cluster: c1, ha: {start_date: -7d}}
```
Use instead: remove `ha`, or set `platform: anylog`.
""",
    "blobs-storage": """
A blobs archiver that keeps blobs nowhere: `folder: false` and no mongo database under
`databases.blobs`.

```yaml
blobs:
  folder: false
```
Use instead: `folder: true`, or add a mongo database under `databases.blobs`.
""",
}
