"""The steps of the official deployment scripts (issue 13), read back into their spec sections.

A mixin of :class:`~compiler.convert.recognise.Recogniser`: one small handler per statement
that ``compiler/emit/script.py`` writes for the query pool, partitions, the archive clean-up,
the scheduler, the buffer, message clients, PLCs, monitoring, local scripts and the license
(the policy's location and ``main`` fields, the sync's destination and the database flags are
read by the recogniser's own handlers).  A handler takes the words the node reads, in any
spacing, quoting or order of ``where`` keys; a statement a handler cannot read is kept
verbatim, as before.  Steps that are several statements (the query pool is ``exit workers``,
``wait 1`` and ``set query pool``) take their first statements only when the rest follows, so
that a lone ``wait 1`` or ``reset error log`` stays a command.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from compiler.convert import codes
from compiler.ir.model import AUTO
from compiler.convert.plumbing import inert
from compiler.official.keys import SECRETS
from compiler.syntax import tree as T

# The monitoring schedules alc writes (compiler/emit/script.py): their names, and which flag each shows.
STATISTICS = ("get_stats", "get_timestamp", "set_node_type", "get_disk_space", "get_cpu_percent",
              "get_packets_recv", "get_packets_sent", "disk_space", "cpu_percent", "packets_recv",
              "packets_sent", "errin", "errout", "get_error_count", "error_count", "local_monitor_node",
              "clean_status", "monitor_node")
# The variables of the node's overlay address and DNS names -> their `networking` keys.
ADDRESSES = {"overlay_ip": "overlay_ip", "external_dns": "external_dns", "dns": "local_dns"}
LOCATION = {"loc": "coordinates", "country": "country", "state": "state", "city": "city"}
# The policy fields a spec may give as `auto` (an official lookup when the node starts).
AUTO_FIELDS = (*LOCATION, "hostname", "main")
_BOOL_CAST = re.compile(r"^!([A-Za-z_][A-Za-z0-9_]*)\.bool$")
_DROP_PARTITIONS = re.compile(r"^Drop Partitions(?: (\d+))?$")


@lru_cache(maxsize=None)
def _statistics() -> dict[str, tuple[str, ...]]:
    """Each statistics schedule's task, as words (what a script's task is compared with)."""
    from compiler import parse
    from compiler.emit.script import NODE_STATISTICS

    out = {}
    for name, task in NODE_STATISTICS:
        stmt = parse(f"schedule name = {name} and time = 1 day task {task}\n", "<statistics>").items[0]
        out[name] = _task_words(stmt)
    return out


def _one_word(value: T.Node) -> T.Word | None:
    """The value of an assignment that is one word (the parser reads it as a command)."""
    if isinstance(value, T.Command) and len(value.head) == 1 and value.where is None and value.bring is None:
        return value.head[0]
    return value if isinstance(value, T.Word) else None


def _task_words(stmt: T.Statement) -> tuple[str, ...]:
    node = stmt.node
    index = next(i for i, w in enumerate(stmt.words) if w is node.task)
    return tuple(w.text[1:-1] if w.kind == "DQ" else w.text for w in stmt.words[index + 1:])


class DeploymentSteps:
    """Handlers for the official deployment's steps (mixed into the Recogniser)."""

    # ------------------------------------------------------------------ helpers
    def all_pairs(self, items: list[T.KeyValue] | None) -> list[tuple[str, str, T.KeyValue]]:
        """Every ``key = value`` of a where clause or group, repeated keys included, in order."""
        return [(item.key.lower(), " ".join(self.evaluator.word(w) for w in item.value_words), item)
                for item in items or []]

    def once(self, key: str) -> bool:
        """A step the script runs once: the first statement is the step, a second is a command."""
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def following(self, *names: str) -> bool:
        """Whether the statements right after this one start with these commands (with --env,
        plumbing between them aside: ``plumbing.inert``)."""
        after = [ran for ran in self.ev.ran[self.index + 1:] if not (self.drop_dead and inert(ran))][:len(names)]
        if len(after) < len(names):
            return False
        for ran, name in zip(after, names):
            if ran.skipped or ran.nested or not isinstance(ran.node, T.Command):
                return False
            said = " ".join(w.lower() for w in ran.said)
            if not (said == name or said.startswith(name + " ")):
                return False
        return True

    def put(self, path: tuple, value: Any, at: Any) -> None:
        """A value at a path that goes through lists (``message_clients``, 0, ``topics`` ...)."""
        target: Any = self.spec.data
        for key, nxt in zip(path[:-1], path[1:]):
            if isinstance(target, list):
                while len(target) <= key:
                    target.append({})
                target = target[key]
            else:
                target = target.setdefault(key, [] if isinstance(nxt, int) else {})
        if isinstance(target, list):
            while len(target) <= path[-1]:
                target.append(None)
        target[path[-1]] = value
        self.mark_all(path, value, at)

    def mark_all(self, path: tuple, value: Any, at: Any) -> None:
        """A value and everything in it is written at ``at`` (a leaf read later may move its mark)."""
        self.mark_at(path, at)
        items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
        for key, item in items:
            self.mark_all(path + (key,), item, at)

    def mark_at(self, path: tuple, at: Any) -> None:
        from compiler.convert.recognise import mark

        self.spec.marks[path] = mark(at.span)
        if self.ran is not None:
            self.spec.mark_paths[path] = self.ran.path

    def secret(self, path: tuple, text: str, at: T.KeyValue, env: str, what: str) -> None:
        """A password becomes an environment reference, never a literal in the spec."""
        if text.startswith("$"):
            self.put(path, text, at)
            return
        env = text[1:].upper() if text.startswith("!") else (self._env_key_of(text) or env)
        self.put(path, f"${env}", at)
        said = f"the variable {text}" if text.startswith("!") else "a literal password"
        self.spec.diagnostics.append(self._at(codes.SECRET, self.ran, f"{said} of {what}: the spec reads "
                                              f"${env} from the environment instead",
                                              f"set {env} in the node's environment"))

    def _env_key_of(self, text: str) -> str | None:
        """The --env key a literal secret came from (the official scripts copy MQTT_PASSWD into
        `mqtt_passwd`): the spec names that key, as the direct `.env` conversion does."""
        values = self.ev.values if getattr(self, "ev", None) is not None else {}
        keys = sorted(k[1:] for k, v in values.items() if k.startswith("$") and v == text and text)
        return next((k for k in keys if k in SECRETS), keys[0] if keys else None)

    # ------------------------------------------------------------------ the start and the query pool
    def address(self, node: T.Assignment | T.SetAssignment, key: str) -> bool:
        """``external_dns = name`` (or ``set ...``): how the node is reached, set once."""
        item = _one_word(node.value)
        if item is None:
            return False
        text = self.evaluator.known(item)
        if not text or text.startswith(("!", "$")) or not self.once(key):
            return False
        self.put(("networking", key), text, item)
        return True

    def nic(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        if len(words) != 5 or not self.once("nic"):
            return False
        self.put(("networking", "nic"), self.words(node)[4], node.head[4])
        return None

    def exit_workers(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        if words != ["exit", "workers"] or not self.following("wait 1", "set query pool"):
            return False
        self.pool_next = True
        return None

    def wait(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        if words != ["wait", "1"] or not self.pool_next:
            return False
        return None

    def query_pool(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        from compiler.convert.recognise import scalar

        if len(words) != 4 or not self.pool_next or not self.once("query_pool"):
            return False
        self.pool_next = False
        self.put(("query_pool",), scalar(self.words(node)[3]), node.head[3])
        return None

    # ------------------------------------------------------------------ partitions and schedules
    def partition(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        said = self.words(node)
        if len(said) < 7 or words[3] != "using" or words[5] != "by":
            return False
        dbms, table, column, interval = said[1], said[2], said[4], " ".join(said[6:])
        if self.monitoring_db:
            # alc's monitoring partitions: every table, or the node's statistics
            return None if (table, column, interval) in (("*", "insert_timestamp", "12 hours"),
                                                         ("node_insight", "timestamp", "12 hours")) else False
        data = self.spec.data.get("databases", {}).get("data", {}).get("name")
        if data is not None and dbms != data:
            return False  # another database's partitions (the official monitoring): kept as written
        items = self.spec.data.setdefault("partitions", [])
        index = len(items)
        self.put(("partitions", index), {"dbms": dbms, "table": table, "column": column, "interval": interval}, node)
        self.pending_partitions.append(index)
        return None

    def schedule(self, ran, node: T.Schedule) -> bool:
        """The schedules alc writes: partitions dropped, archives deleted, monitoring."""
        from compiler.convert.recognise import scalar

        pairs = {key: (text, item) for key, text, item in reversed(self.all_pairs(node.items))}
        name = pairs.get("name", ("", None))[0]
        every = pairs.get("time", ("", None))[0]
        task = node.body
        head = [w.lower() for w in self.words(task)] if isinstance(task, T.Command) else []
        if head[:2] == ["drop", "partition"]:
            found = {key: text for key, text, _ in self.all_pairs(task.where.items if task.where else None)}
            if name == "Monitoring - Drop Partitions":
                return self.monitoring_db and found == {"dbms": "monitoring", "table": "*", "keep": "3"} \
                    and every == "12 hours" and self.once("monitoring partitions")
            if not _DROP_PARTITIONS.match(name):
                return False
            for index in self.pending_partitions:
                entry = self.spec.data["partitions"][index]
                if (entry["dbms"], entry["table"]) == (found.get("dbms"), found.get("table")) and "keep" in found:
                    self.pending_partitions.remove(index)
                    self.put(("partitions", index, "keep"), scalar(found["keep"]), task)
                    self.put(("partitions", index, "check_every"), every, pairs["time"][1])
                    return True
            return False
        if head[:2] == ["delete", "archive"] and name == "remove_archive" and every == "1 day":
            found = {key: text for key, text, _ in self.all_pairs(task.where.items if task.where else None)}
            if "days" not in found or not self.once("archive"):
                return False
            self.put(("archive", "delete_after"), scalar(found["days"]), task)
            return True
        return self.monitoring_schedule(ran, node, name, every, pairs)

    # ------------------------------------------------------------------ operator and publisher services
    def scheduler(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        if words != ["run", "scheduler", "1"] or not self.once("scheduler"):
            return False
        self.put(("scheduler",), True, node)
        return None

    def buffer(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        from compiler.convert.recognise import scalar

        found = {key: (text, item) for key, text, item in self.all_pairs(node.where.items if node.where else None)}
        if set(found) - {"time", "volume", "write_immediate"} or not self.following("run streamer") \
                or not self.once("buffer"):
            return False
        self.put(("buffer",), {}, node)
        for key, (text, item) in found.items():
            self.put(("buffer", key), scalar(text) if key == "write_immediate" else text, item)
        self.streamer_next = True
        return None

    def streamer(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        if words != ["run", "streamer"] or not self.streamer_next:
            return False
        self.streamer_next = False
        return None

    # ------------------------------------------------------------------ message clients and PLCs
    def msg_client(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        from compiler.convert.recognise import scalar

        kafka = words[:3] == ["run", "kafka", "consumer"]
        pairs = self.all_pairs(node.where.items if node.where else None)
        index = len(self.spec.data.get("message_clients", []))
        at = ("message_clients", index)
        client: dict[str, Any] = {"protocol": "kafka"} if kafka else {}
        topics = []
        fields = {"ip": "broker", "port": "port", "reset": "reset"} if kafka else \
            {"broker": "broker", "port": "port", "user-agent": "user_agent", "user": "user", "log": "log"}
        for key, text, item in pairs:
            if key == "topic" and item.group is not None:
                topic = self.topic(item.group)
                if topic is None:
                    return False
                topics.append((topic, item))
            elif key in fields and fields[key] not in client:
                client[fields[key]] = scalar(text) if key in ("port", "log") else text
            elif key == "password" and not kafka and "password" not in client:
                client["password"] = (text, item)
            else:
                return False  # a key the spec has no field for: keep the command as written
        if "broker" not in client or not topics:
            return False
        password = client.pop("password", None)
        self.put(at, client, node)
        if password is not None:
            self.secret(at + ("password",), password[0], password[1], "MSG_PASSWORD",
                        "the message client")
        self.put(at + ("topics",), [topic for topic, _ in topics], node)
        for number, (_, item) in enumerate(topics):
            self.mark_at(at + ("topics", number), item)
        return None

    def topic(self, items: list[T.KeyValue]) -> dict[str, Any] | None:
        from compiler.convert.recognise import scalar

        topic: dict[str, Any] = {}
        columns = []
        for key, text, item in self.all_pairs(items):
            parts = key.split(".")
            if parts[0] == "column" and len(parts) == 3 and parts[2] == "timestamp":
                columns.append({"name": item.key.split(".")[1], "type": "timestamp", "value": text})
            elif parts[0] == "column" and len(parts) == 2 and item.group is not None:
                column = {"name": item.key.split(".")[1]}
                inner = {k: t for k, t, _ in self.all_pairs(item.group)}
                if set(inner) - {"type", "value"} or "value" not in inner:
                    return None
                column.update({"type": inner.get("type", "str"), "value": inner["value"]})
                columns.append(column)
            elif key in ("name", "dbms", "table", "qos") and key not in topic:
                topic[key] = scalar(text) if key == "qos" else text
            else:
                return None
        if not {"name", "table"} <= set(topic):
            return None
        if columns:
            topic["columns"] = columns
        return topic

    def plc(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        from compiler.convert.recognise import scalar

        plc: dict[str, Any] = {}
        nodes, password = [], None
        for key, text, item in self.all_pairs(node.where.items if node.where else None):
            if key == "node":
                nodes.append(text)
            elif key == "password" and password is None:
                password = (text, item)
            elif key in ("type", "name", "url", "frequency", "dbms", "table", "user") and key not in plc:
                plc[key] = scalar(text) if key == "frequency" else text
            else:
                return False
        if not {"type", "name", "url", "table"} <= set(plc) or plc["type"] not in ("opcua", "etherip"):
            return False
        if nodes:
            plc["nodes"] = nodes
        at = ("southbound", len(self.spec.data.get("southbound", [])))
        self.put(at, plc, node)
        if password is not None:
            self.secret(at + ("password",), password[0], password[1], "PLC_PASSWORD", "the PLC client")
        return None

    # ------------------------------------------------------------------ monitoring
    def reset_error_log(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        if words != ["reset", "error", "log"] or not self.following("connect dbms monitoring") \
                or not self.once("reset error log"):
            return False
        self.monitoring_next = True
        return None

    def monitoring_db_connect(self, node: T.Command) -> bool:
        """``connect dbms monitoring`` right after ``reset error log``: monitoring's database."""
        if not self.monitoring_next:
            return False
        self.monitoring_next, self.monitoring_db = False, True
        return True

    def watch(self, flag: str, value: Any, at: Any) -> None:
        self.put(("monitoring", flag), value, at)

    def monitoring_schedule(self, ran, node: T.Schedule, name: str, every: str, pairs: dict) -> bool:
        if not self.monitoring_db:
            return False
        if name == "view-monitoring-dest":
            return every == "300 seconds" and self.once(name)
        expected = _statistics().get(name)
        if expected is not None:
            if _task_words(ran.stmt) != expected or not self.once(name):
                return False
            self.watch("node", True, node)
            self.watch("frequency", every, pairs["time"][1])
            return True
        if name == "operator_monitor_node" and self.once(name):
            self.watch("store", True, node)
            return True
        return False

    def view_destination(self, ran, node: T.Assignment) -> bool:
        item = _one_word(node.value)
        if not self.monitoring_db or item is None or not self.once("view_monitoring_dest"):
            return False
        self.watch("view_destination", self.evaluator.word(item), item)
        return True

    def msg_rule(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        said = " ".join(words)
        if not self.monitoring_db or not said.endswith(
                "then dbms = monitoring and table = syslog and extend = ip and syslog = true") \
                or not self.once("syslog"):
            return False
        self.watch("syslog", True, node)
        return None

    def scheduled_pull(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        from compiler.convert.recognise import scalar

        found = {key: text for key, text, _ in self.all_pairs(node.where.items if node.where else None)}
        expected = {"name": "docker_insights", "type": "docker", "continuous": "false", "dbms": "monitoring",
                    "table": "docker_insight"}
        if not self.monitoring_db or {k: found.get(k) for k in expected} != expected \
                or set(found) != set(expected) | {"frequency"} or not self.once("docker"):
            return False
        self.watch("docker", True, node)
        self.watch("docker_frequency", scalar(found["frequency"]), node)
        return None

    # ------------------------------------------------------------------ the end of the script
    def local_script(self, ran, node: T.Process) -> bool:
        if len(node.file) != 1 or node.args or node.file[0].reference is not None:
            return False  # a path only the node knows: keep the statement as written
        scripts = self.spec.data.setdefault("local_scripts", [])
        self.put(("local_scripts", len(scripts)), self.evaluator.word(node.file[0]), node.file[0])
        return True

    def authentication(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        """AnyLog's `set authentication on|off`: the node's `authentication`."""
        if words[2:] not in (["on"], ["off"]) or not self.once("authentication"):
            return False
        self.set(("authentication",), words[2] == "on", node)
        return None

    def license(self, node: T.Command, words: list[str], capture: str | None) -> bool | None:
        found = self.all_pairs(node.where.items if node.where else None)
        if [key for key, _, _ in found] != ["activation_key"] or not self.once("license"):
            return False
        text, item = found[0][1], found[0][2]
        self.secret(("license_key",), text, item, "LICENSE_KEY", "the license")
        return None

    # ------------------------------------------------------------------ policy fields
    def node_policy_line(self, node: T.SetPolicy) -> bool:
        """Whether a `set policy` line writes into the node's own policy (`[operator][...]`)."""
        from compiler.convert.recognise import NODE_POLICIES

        return any(keys and keys[0] in NODE_POLICIES for keys in map(self.policy_keys, node.assigns))

    def policy_keys(self, assign: T.PolicyAssign) -> list[str]:
        """`[!node_type][name]` as its keys, a variable key read with its value at the end."""
        keys = re.findall(r"\[([^\]]*)\]", assign.key.text) if assign.key is not None else []
        return [self.ev.values.get(key[1:], key) if key.startswith("!") else key for key in keys]

    def set_policy(self, node: T.SetPolicy) -> bool:
        """``set policy P [operator][name] = x``: the node's policy built field by field (the
        official node_policy.al), read for its type, name, company and location."""
        from compiler.convert.recognise import NODE_POLICIES

        read = False
        for assign in node.assigns:
            if assign.key is None or assign.op.text != "=":
                continue
            keys = self.policy_keys(assign)
            if not keys or keys[0] not in NODE_POLICIES or len(keys) > 2:
                continue
            read = True  # every field of the node's policy: the spec's build declares its own
            if len(keys) == 1:
                continue
            text = self.evaluator.word(assign.value)
            if keys[1] in AUTO_FIELDS and self.auto(keys[1], text):
                text = AUTO  # worked out when the node starts, as the spec's `auto` does
            elif text.startswith(("!", "$")) and keys[1] != "name":
                continue  # a value only the node knows
            field = {"name": ("name",), "company": ("company",), "hostname": ("hostname",),
                     "main": ("operator", "main")}.get(keys[1]) or \
                (("location", LOCATION[keys[1]]) if keys[1] in LOCATION else None)
            if field is None:
                continue
            self.put(("type",), keys[0], assign.key)
            self.put(field, text, assign.value)
            self.seen.add("create policy")
            read = True
        return read


    def policy_fields(self, pairs: dict[str, tuple[str, T.KeyValue]]) -> None:
        from compiler.convert.recognise import scalar

        for key, field in LOCATION.items():
            if key in pairs:
                text = AUTO if self.auto(key, pairs[key][0]) else pairs[key][0]
                self.put(("location", field), text, pairs[key][1])
        if "hostname" in pairs:
            text, item = pairs["hostname"]
            if self.auto("hostname", text):
                self.put(("hostname",), AUTO, item)
            elif not text.startswith(("!", "$")):  # a name; another variable only the node knows
                self.put(("hostname",), text, item)
        if "main" in pairs and self.auto("main", pairs["main"][0]):
            self.put(("operator", "main"), AUTO, pairs["main"][1])
        elif "main" in pairs:
            text, item = pairs["main"]
            cast = _BOOL_CAST.match(text)
            name = cast.group(1) if cast else ""
            if name in self.ev.values and name not in self.ev.unknown:  # set once, at the top
                text = self.ev.values[name]
            self.put(("operator", "main"), scalar(text), item)
