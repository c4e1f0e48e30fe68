"""cluster-id-mismatch (ALC405)

## What it does
Checks that the ids which tie an operator to its cluster come from the policies the script
declares:

* the operator policy's `cluster` must be a variable looked up with `blockchain get cluster
  where name = ... and company = ...`, with the name and company of the cluster policy the
  script declares (not a hard-coded id, not another cluster);
* the id given to `run operator where policy = ...` must be looked up from the operator
  policy the script declares (`blockchain get operator where name = ... and company = ...`
  with the same name, company and cluster), or taken from it with `from !policy bring`;
* across the scripts of a network (a project), operators that name the same cluster must
  look it up with the same company, or they end up in two different clusters.

## Why it matters
The node takes its cluster membership from the operator policy named in `run operator`.
A lookup with another name or company gives another cluster's id (or none): the operator
joins the wrong HA group, or runs as "not a member of a cluster", and its data is never
replicated.

## Example
```
cluster_policy = create policy cluster where name = cluster-a and company = acme
cluster_id = blockchain get cluster where name = cluster-b and company = acme bring.first [*][id]
operator_policy = create policy operator where name = op1 and company = acme and cluster = !cluster_id
```

## Use instead
```
cluster_policy = create policy cluster where name = cluster-a and company = acme
cluster_id = blockchain get cluster where name = cluster-a and company = acme bring.first [*][id]
operator_policy = create policy operator where name = op1 and company = acme and cluster = !cluster_id
```
"""

import os

from compiler.model import policies as P
from compiler.rules import Finding, Rule
from compiler.syntax import tree as T

KEYS = ("name", "company")


def _lookup(model, word, kind: str):
    """(command, where values) when ``word`` is a variable assigned from `blockchain get KIND`."""
    ref = word.reference if word is not None else None
    if ref is None or ref.sigil != "!":
        return None, None
    # One answer per variable and kind: a script may read the same id many times.
    cache = model.memo.setdefault("cluster_id_lookups", {})
    key = (ref.name, kind)
    if key not in cache:
        cache[key] = _lookup_name(model, ref.name, kind)
    return cache[key]


def _lookup_name(model, name: str, kind: str):
    found = model.assigned_command(name)
    for _stmt, cmd in found:
        head = [w.value for w in cmd.head]
        if head[:3] == ["blockchain", "get", kind] and cmd.where is not None:
            return cmd, {kv.key: kv for kv in cmd.where.items}
        if head[:1] == ["from"]:
            return cmd, None
    return (None, None) if not found else (found[0][1], None)


def _cluster_lookups(model, operators):
    """(name, company, field) of the cluster each operator policy looks up, when known."""
    for op in operators:
        field = op.get("cluster")
        if field is None or field.word is None:
            continue
        _cmd, where = _lookup(model, field.word, "cluster")
        if not where or "name" not in where or "company" not in where:
            continue
        name, company = model.value_of(where["name"]), model.value_of(where["company"])
        if name is not None and company is not None:
            yield name, company, field


def cluster_names(model) -> tuple[tuple[str, str], ...]:
    """(name, company) of the clusters the script's operator policies look up: kept in the
    project's summaries."""
    operators = [p for p in P.declared(model) if p.type == "operator"]
    return tuple((name, company) for name, company, _field in
                 _cluster_lookups(model, operators))


class ClusterIdMismatch(Rule):
    code = "ALC405"
    name = "cluster-id-mismatch"
    severity = "error"
    summary = "an operator's cluster id or policy id not looked up from the declared policies"

    def same(self, model, a: T.KeyValue | None, b_value: str, b_word) -> bool | None:
        """Do a lookup's value and a policy's value agree?  None when it cannot be known."""
        if a is None:
            return None
        left, right = a.value, b_value
        if left == right:
            return True
        lv = model.value_of(a)
        rv = model.literal(b_word) if b_word is not None else right
        if lv is None or rv is None:
            return None
        return lv == rv

    def _across_scripts(self, ctx, operators):
        mine = [(name, company, field.span) for name, company, field in
                _cluster_lookups(ctx.model, operators)]
        if mine:
            yield from ctx.later(self, (os.path.realpath(ctx.path), mine))

    @staticmethod
    def finish(data, facts):
        """Compare this script's cluster lookups with the other scripts' (their summaries)."""
        key, mine = data
        for name, company, span in mine:
            for other_company, path, other in facts.clusters.get(name, ()):
                if other != key and other_company != company:
                    yield Finding(span,
                                  f"operators meant to share cluster `{name}` disagree on it: this script "
                                  f"looks it up with `company = {company}`, `{path}` with "
                                  f"`company = {other_company}`, so they join two different clusters",
                                  "look the cluster up with the same company in every operator's script")
                    break

    def check(self, ctx):
        model = ctx.model
        policies = P.declared(model)
        clusters = [p for p in policies if p.type == "cluster"]
        operators = [p for p in policies if p.type == "operator"]
        for op in operators:
            field = op.get("cluster")
            if field is None:
                continue
            if field.word is not None and field.word.kind != "VAR":
                yield Finding(field.span,
                              f"`cluster = {field.value}` is a fixed id: look it up from the cluster "
                              "policy (`blockchain get cluster where name = ... and company = ... "
                              "bring.first [*][id]`) so it matches the declared cluster", None)
                continue
            cmd, where = _lookup(model, field.word, "cluster")
            if cmd is None or where is None or not clusters:
                continue
            declared = clusters[0]
            for key in KEYS:
                want = declared.get(key)
                if want is None:
                    continue
                if self.same(model, where.get(key), want.value, want.word) is False:
                    got = where[key]
                    yield Finding(field.span,
                                  f"`cluster = {field.value}` is looked up with `{key} = {got.value}` "
                                  f"(line {cmd.span.line}), but the cluster policy declared on line "
                                  f"{declared.span.line} has `{key} = {want.value}`",
                                  f"look the cluster up with `{key} = {want.value}`")
        yield from self._across_scripts(ctx, operators)
        for inv in model.commands("run operator"):
            pair = inv.get("policy")
            if pair is None or len(pair.value_words) != 1 or not operators:
                continue
            word = pair.value_words[0]
            if word.kind != "VAR":
                yield Finding(word.span,
                              f"`policy = {word.text}` is a fixed id: look it up from the operator policy "
                              "this script declares", None)
                continue
            cmd, where = _lookup(model, word, "operator")
            if cmd is None or where is None:
                continue
            declared = operators[0]
            for key in ("name", "company", "cluster"):
                want = declared.get(key)
                if want is None or key not in where:
                    continue
                if self.same(model, where.get(key), want.value, want.word) is False:
                    yield Finding(word.span,
                                  f"`policy = {word.text}` is looked up with `{key} = {where[key].value}` "
                                  f"(line {cmd.span.line}), but the operator policy declared on line "
                                  f"{declared.span.line} has `{key} = {want.value}`",
                                  f"look the operator up with `{key} = {want.value}`")
