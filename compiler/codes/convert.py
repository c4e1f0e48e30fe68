"""What each conversion finding means (codes ALC7xx, defined in ``compiler/convert/codes.py``),
for `alc explain`: What it does / Why it matters / Example / Use instead, as a rule's
docstring.  The examples are the input of `alc convert`; "Use instead" says what to do.
"""

DOCS = {
    "carried-verbatim": """
carried-verbatim (ALC701)

## What it does
Reports (as information) a statement of a script that no spec field represents: it is kept
verbatim, in order, in the node's `commands`, with a comment in the YAML saying where it
stood (`# line 49, after run data consumer`).

## Why it matters
Nothing is dropped silently: the list shows what the spec still holds as raw commands
(MQTT clients, monitoring, scheduled tasks ...), which `alc build` copies back to the end
of the script rather than to the place they stood.

## Example
```
run tcp server where external_ip = !external_ip and external_port = 32148 and internal_ip = !ip and internal_port = 32148
run mqtt client where broker = local and topic = (name = sensors and dbms = data and table = readings)
```

## Use instead
Nothing to change when the order does not matter; otherwise check the node's `commands`
in the spec, or keep the script.
""",
    "not-carried": """
not-carried (ALC702)

## What it does
Reports what a spec cannot hold at all: a label of a script (a spec's `commands` hold
statements only), or a field the spec needs literally that the script reads from a
variable only the node knows; the spec keeps that field's default.

## Why it matters
A jump to the label would no longer find it in the built script, and a field left at its
default may not be what the node ran with.

## Example
```
on error goto db-error
connect dbms sensors where type = !db_type
:db-error:
```

## Use instead
Give the value with `--define db_type=psql` (or `--env FILE`), and replace jumps with the
spec's own steps, or keep the script.
""",
    "conditional-step": """
conditional-step (ALC703)

## What it does
Reports the spec fields set by a statement under a condition whose value alc cannot know
without the node (an `if` on a variable the script does not set): the step is converted as
if the condition holds, and the YAML marks those fields `# conditional: ...`.

## Why it matters
The built script runs the step always, where the original ran it only when the condition
held.

## Example
```
if !enable_ha == true then run data consumer where start_date = -30d
```

## Use instead
Give the condition's value with `--define enable_ha=true` (or `--env FILE`), or check the
marked fields of the spec by hand.
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
    "branch-not-taken": """
branch-not-taken (ALC705)

## What it does
Reports (as information) a statement on a branch that the known values rule out, such as
the `else` side of an `if` on a variable the script sets: the node never runs it, so it is
not converted.

## Why it matters
The spec describes what the node does with these values; with other values (another
`--define`), other statements would run.

## Example
```
node_type = operator
if !node_type == master then run blockchain sync where source = master
```

## Use instead
Nothing to change if the values are the deployed ones; otherwise give them with
`--define NAME=VALUE` or `--env FILE`.
""",
    "env-key-not-carried": """
env-key-not-carried (ALC706)

## What it does
Reports (as information) a key of a docker-compose `.env` file that no spec field holds,
with the reason: MQTT, partitioning, monitoring, the container's own set-up ...

## Why it matters
Every key is accounted for: none is dropped without a word, so what the spec leaves out
can be carried over by hand.

## Example
```
NODE_TYPE=operator
ENABLE_MQTT=true
```

## Use instead
Keep the key in the container's environment, or add the commands it controls to the
node's `commands` in the spec.
""",
}
