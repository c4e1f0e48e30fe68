"""What the deployment rules need to know about a script's servers and node policies."""

from __future__ import annotations

import re

from compiler.diagnostics import Edit
from compiler.model import policies as P
from compiler.model.script import Invocation, ScriptModel
from compiler.record import record
from compiler.rules.helpers import edit_at, insert_after, replace
from compiler.syntax import tree as T

NODE_POLICY_TYPES = ("operator", "master", "query", "publisher")


@record
class Server:
    inv: Invocation
    external_ip: str | None
    internal_ip: str | None
    external_port: T.KeyValue | None
    internal_port: T.KeyValue | None
    bind: bool | None  # None when it depends on a value alc cannot know


def tcp_server(model: ScriptModel) -> Server | None:
    """The script's `run tcp server` (the first one that always runs, else the first)."""
    servers = model.commands("run tcp server")
    if not servers:
        return None
    inv = next((s for s in servers if not s.conditional), servers[0])
    ext, internal = inv.get("external_ip"), inv.get("internal_ip")
    ext_text = ext.value if ext and ext.value_words else None
    int_text = internal.value if internal and internal.value_words else None
    bind_pair = inv.get("bind")
    bind = False if bind_pair is None else model.flag(bind_pair)
    return Server(inv, ext_text or int_text, int_text or ext_text, inv.get("external_port"),
                  inv.get("internal_port"), bind)


def node_policies(model: ScriptModel) -> list[P.Policy]:
    return [p for p in P.declared(model) if p.type in NODE_POLICY_TYPES]


def strip_cast(text: str) -> str:
    return text[:-4] if text.endswith(".int") else text


# ------------------------------------------------------------------ fixes of policy fields
_AND = re.compile(r"\s+and\s+")


def field_replacement(ctx, field: P.Field | None, value: str) -> Edit | None:
    """The edit that gives a policy field (an unquoted word) another value."""
    if field is None or field.quoted or ctx.text_at(field.span) != field.value:
        return None
    return replace(field.span, value)


def pair_addition(ctx, policy: P.Policy, after: str, text: str) -> Edit | None:
    """The edit that adds ``and text`` after the pair ``after`` of a `create policy`."""
    if policy.invocation is None:
        return None  # a JSON policy: no where pairs to add to
    pair = policy.invocation.get(after)
    if pair is None or not pair.value_words:
        return None
    return insert_after(pair.value_words[-1].span, f" and {text}")


def pair_removal(ctx, policy: P.Policy, key: str) -> Edit | None:
    """The edit that removes the pair ``key`` of a `create policy` with one `and` next to it."""
    if policy.invocation is None:
        return None
    pairs = [pair for pair in policy.invocation.pairs() if pair.eq is not None and pair.value_words]
    index = next((i for i, pair in enumerate(pairs) if pair.key == key), None)
    if index is None or len(pairs) < 2:
        return None
    pair = pairs[index]
    text = ctx.script.text
    if index + 1 < len(pairs):  # `key = v and ` up to the next key
        start, end = pair.key_words[0].span.start, pairs[index + 1].key_words[0].span.start
        between = text[pair.value_words[-1].span.end:end]
    else:  # ` and key = v` from the previous value
        start, end = pairs[index - 1].value_words[-1].span.end, pair.value_words[-1].span.end
        between = text[start:pair.key_words[0].span.start]
    if not _AND.fullmatch(between):
        return None  # more than `and` between them (a comment): left to a person
    return edit_at(ctx.source, start, end, "")
