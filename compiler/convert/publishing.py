"""The official publishing of a policy the spec declares (with ``--env``, outside strict checks).

A mixin of :class:`~compiler.convert.recognise.Recogniser`.  The official start scripts build a
policy (the node's, field by field with ``set policy``; the cluster's with ``create policy
cluster``; the config policy that ``config from policy`` runs) and then publish it the same way
each time (``publish_policy.al``)::

    on error goto <sign-error>
    validate_policy = json !new_policy
    if not !validate_policy then goto <format-error>
    on error call <declare-error>
    blockchain prepare policy !new_policy
    policy_type = from !new_policy bring [*]
    if !policy_type == config or !master_configs == true then
    do blockchain insert where policy = !new_policy and local = true
    do config_policy = !new_policy
    else blockchain insert where policy = !new_policy and local = true and master = !ledger_conn

followed by ``wait N`` (and ``blockchain reload metadata`` for a config policy).  When the policy
variable holds a policy the spec declares as its own step, that publishing is part of the step:
``alc build`` writes the spec's own ``blockchain insert`` for it.  Publishing of any other policy
(one built by statements the spec keeps) stays verbatim.  The ``on error`` lines read as part of
it are those of a file read only to publish such a policy (no other command; their handlers
only set ``error_code``, which the caller tests on values the walk decides).
"""

from __future__ import annotations

import re

from compiler.syntax import tree as T

# The variables the official scripts keep a policy's id in (`operator_id = blockchain get ...`).
POLICY_ID = re.compile(r"^(?:operator|cluster|config|master|query|publisher)_id$")

# statements a publishing file may hold besides its commands (checks are assignments)
_FLOW = (T.OnError, T.Assignment, T.SetAssignment, T.If, T.Else, T.Do, T.Goto, T.Call, T.Return,
         T.EndScript, T.ExitScripts, type(None))


def _variable(word: T.Word | None) -> str | None:
    """``!new_policy`` -> ``new_policy`` (a plain variable reference, nothing else)."""
    if word is None or word.kind != "VAR" or not word.text.startswith("!") or word.text.startswith("!!"):
        return None
    name = word.text[1:]
    return name if name.replace("_", "a").isalnum() else None


class PolicyPublishing:
    """Reads the official publishing of the spec's own policies as part of their step."""

    def policy_built(self, name: str | None) -> None:
        """A policy step read into variable ``name``: its publishing is that step's."""
        if name:
            self.policy_vars.add(name.lstrip("!"))

    def policy_replaced(self, ran) -> None:
        """A statement that is no step: one that sets a policy variable (`new_policy = {...}` of
        a policy the spec does not declare) makes what it publishes next stay verbatim; any other
        command kept here ends the publishing (a `wait` after it is not the policy's)."""
        node = ran.node
        if ran.skipped or ran.stmt.kind == "label" or self.dead(ran):
            return
        if isinstance(node, (T.Assignment, T.SetAssignment, T.SetPolicy)):
            self.policy_vars.discard(node.target.text.lstrip("!"))
        elif not (isinstance(node, T.If) and node.body is None):
            self.publishing_open = False  # a command kept between: a later `wait` is its own

    def published_in(self, reading: int) -> set[str]:
        """The policy variables a reading of a file prepares (``blockchain prepare policy !p``)."""
        self._readings()
        return self._prepared.get(reading, set())

    def publishing_file(self, reading: int) -> bool:
        """Whether a reading of a file only publishes (publish_policy.al): besides its checks,
        jumps and `on error` lines, it runs no command but `blockchain prepare` / `insert`."""
        self._readings()
        return reading in self._prepared and reading not in self._impure

    def _readings(self) -> None:
        if self._prepared is not None:
            return
        self._prepared, self._impure = {}, set()
        for ran in self.ev.ran:
            node = ran.node
            if ran.skipped or ran.stmt.kind == "label" or isinstance(node, _FLOW):
                continue
            words = [w.text.lower() for w in node.head[:3]] if isinstance(node, T.Command) else []
            if words == ["blockchain", "prepare", "policy"] and len(node.head) == 4 and _variable(node.head[3]):
                self._prepared.setdefault(ran.reading, set()).add(_variable(node.head[3]))
            elif words[:2] != ["blockchain", "insert"]:
                self._impure.add(ran.reading)

    def publishing(self, ran) -> bool:
        """Whether ``ran`` is a statement of the official publishing of a policy the spec
        declares (see the module's docs).  Only with --env outside strict checks."""
        if not self.drop_dead or ran.skipped:
            return False
        node = ran.node
        mine = bool(self.published_in(ran.reading) & self.policy_vars)
        if isinstance(node, T.OnError):
            return mine and self.publishing_file(ran.reading)
        if isinstance(node, T.Goto):  # `if not !validate_policy then goto ...`
            read = set(re.findall(r"!([A-Za-z_][A-Za-z0-9_]*)", ran.condition or ""))
            return mine and bool(read & self.policy_checks)
        if isinstance(node, T.Assignment):
            value = node.value
            if isinstance(value, T.Command) and len(value.head) >= 2 and mine:
                words = [w.text.lower() for w in value.head]
                # `validate_policy = json !p`, `policy_type = from !p bring [*]`
                if words[0] in ("json", "from") and _variable(value.head[1]) in self.policy_vars:
                    self.policy_checks.add(node.target.text.lstrip("!"))
                    return True
            word = value if isinstance(value, T.Word) else value.head[0] \
                if isinstance(value, T.Command) and len(value.head) == 1 and value.where is None else None
            return mine and _variable(word) in self.policy_vars  # `config_policy = !p`
        if not isinstance(node, T.Command) or not node.head:
            return False
        words = [w.text.lower() for w in node.head]
        if words[:3] == ["blockchain", "prepare", "policy"] and len(words) == 4:
            return _variable(node.head[3]) in self.policy_vars
        if words[:2] == ["blockchain", "insert"] and len(words) == 2 and node.where is not None:
            policy = [item for item in node.where.items if item.key.lower() == "policy"]
            return len(policy) == 1 and len(policy[0].value_words) == 1 and \
                _variable(policy[0].value_words[0]) in self.policy_vars
        if self.publishing_open and (words == ["blockchain", "reload", "metadata"]
                                            or (len(words) == 2 and words[0] == "wait" and words[1].isdigit())):
            return True  # the pause after publishing, and the config policy's reload
        return False
