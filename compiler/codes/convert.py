"""What each conversion finding means (codes ALC7xx, defined in ``compiler/convert/codes.py``),
for `alc explain`: What it does / Why it matters / Example / Use instead, as a rule's
docstring.  The examples are the input of `alc convert`; "Use instead" says what to do.
"""

DOCS = {
    "carried-verbatim": """
carried-verbatim (ALC701)

## What it does
Reports (as information, once per node) the statements and labels of a script that no spec
field represents: they are kept verbatim, in order, in the node's `commands` (with the
comments above them), and `alc build` writes them back in their place, after the steps.

## Why it matters
Nothing is dropped: the list shows what the spec still holds as raw commands (MQTT
clients, scheduled tasks, an `if`/`else if`/`else` chain, a label and its `goto`s ...).

## Example
```
run operator where policy = !operator_id and threads = 6
run scheduler 1
schedule time = 1 day task get status
```

## Use instead
Nothing to change; move a command into a spec field when the spec format has one.
""",
    "not-carried": """
not-carried (ALC702)

## What it does
Reports a field the spec needs literally (a bind flag, a thread count) that the script reads
from a variable only the node knows: the spec keeps that field's default.

## Why it matters
A field left at its default may not be what the node ran with (convert's own check then
refuses the spec if the built script would run the command differently).

## Example
```
run tcp server where external_ip = !external_ip and external_port = 32148 and bind = !tcp_bind
```

## Use instead
Give the value with `--define tcp_bind=true` (or `--env FILE`).
""",
    "secret-to-env": """
secret-to-env (ALC704)

## What it does
Reports a database password written in the input (a literal, or a `!variable` of the
script or a `.env` key): the spec names an environment variable instead (`$DB_PASSWORD`).

## Why it matters
Specs go into version control; a password in them would leak.  The node must then get the
password from its environment.

## Example
```
connect dbms sensors where type = psql and user = anylog and password = demo and ip = 127.0.0.1 and port = 5432
```

## Use instead
Set `DB_PASSWORD` in the node's environment: the spec reads `password: "$DB_PASSWORD"`.
""",
    "env-key-not-carried": """
env-key-not-carried (ALC706)

## What it does
Reports (as information) the settings of an official `.env` file that the spec does not turn
into script steps, with the reason: once for each feature that is off, or that the official
scripts do not run for the node's type, naming all its keys (`ENABLE_MQTT=false` and its eleven
MQTT keys are one report); and each key that no official node-deployment script applies
(`QUERY_POOL`, EdgeLake's `MONITOR_NODES`, `BLOCKCHAIN_DESTINATION` ...), which is kept as it is
in the node's `container.env` when it is not at its official default.

## Why it matters
Every key is accounted for: none is dropped without a word, and nothing the official scripts
would not run turns into a command.

## Example
```
NODE_TYPE=operator
ENABLE_MQTT=false
MQTT_BROKER=10.0.0.5
```

## Use instead
Turn the feature on (`ENABLE_MQTT=true`) if the node should run it, or write the spec's section
(`message_clients`, `southbound` ...) for what the official scripts never start.
""",
    "not-faithful": """
not-faithful (ALC707)

## What it does
`alc convert` builds the spec it made and compares what the built script runs with what the
input runs, statement by statement (the words the node reads, with the values known there;
`if`/`else if`/`else`/`do` lines as they are; labels as labels; layout and comments aside).
Each statement that would run differently, or not at all, or in another place, is reported,
and nothing is written (exit 1).

## Why it matters
A spec writes its deployment steps in one order (the settings, `set node name`, `create work
directories`, the servers, the metadata sync, the policies, the databases, the services) and
its `commands` after them: a script that runs its steps in another order, or with statements
between them, is not what a spec builds, and a spec of it would change what the node runs.

## Example
```
print starting
set node name op1
create work directories
```

## Use instead
Keep the script (`alc lint` and `alc fmt` check it), or write it in the order a spec builds:
the deployment steps first, other statements after them.  To migrate to the spec anyway,
`alc convert --canonical` writes it and reports each of these differences as a warning: the
spec then builds alc's canonical script, which you can read with `alc build` before deploying.
""",
    "plumbing-absorbed": """
plumbing-absorbed (ALC709)

## What it does
With `--env` (start scripts read on their environment, as the official node-deployment
scripts run), reports once per kind the statements that only serve the steps the spec now
holds, and are not kept in `commands`: error handling (`on error ...`, `reset error log`, and
the labels only they jump to), display (`print`, `echo`, `get ...`, `set echo queue on`), the
container's bootstrap (`set anylog home`, what a `file test` of the scripts' folder decides),
runtime checks of a step the spec writes (`if !is_table == false then create table tsd_info
where dbms=almgm`, a policy lookup's `goto`), and dead computations (an assignment with no side
effect whose variable nothing kept reads; an `if ... then` line none of whose lines is left).

## Why it matters
The spec's build writes each step with its own checks: the official scripts' wiring around
their steps changes nothing on the node once the steps are read.  A statement that changes the
node and that no setting expresses is never one of these: it stays in `commands` (ALC701).

## Example
```
on error goto db-error
version = get version
is_table = info table almgm tsd_info exists
if !is_table == false then create table tsd_info where dbms=almgm
print "almgm ready"
```

## Use instead
Nothing to change; without `--env`, a script's statements are kept as they are.
""",
    "no-node": """
no-node (ALC708)

## What it does
Reports a script in which alc recognises no deployment step (no node name, server, database,
policy or service): it configures no node, so convert refuses it and writes nothing (exit 1).

## Why it matters
A spec of it would be a node whose build starts services the script never runs (a TCP
server, the metadata sync from a master), under a company the script never names.

## Example
```
run scheduler 1
print ready
```

## Use instead
Keep the script as it is; `alc lint` and `alc fmt` check it.
""",
}
