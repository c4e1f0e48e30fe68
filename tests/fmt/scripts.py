"""A hypothesis strategy for realistic AnyLog scripts, built from the language's constructs.

Statements are drawn from the forms deployment scripts use (assignments, where-commands on
one line or as `<...>` blocks, captures with `bring`, `if`/`then`/`do`/`else`, jumps, JSON over
lines, `set policy`, prints with trailing comments, `&` tails), with labels, comments and
blank lines between them, and written the way people write them: uneven spaces and tabs,
`key=value` or `key = value`, trailing whitespace, indentation, CRLF files.  A few forms the
node rejects or misreads (unclosed quotes, a `#` inside a block) are mixed in.
"""

from __future__ import annotations

from hypothesis import strategies as st

NAMES = ["node_name", "tcp_port", "cluster_id", "operator_id", "db_type", "ledger_conn", "x"]
KEYS = ["external_ip", "external_port", "internal_ip", "bind", "threads", "dbms", "table",
        "name", "company", "time", "policy", "topic", "source", "dest", "connection", "type"]
VALUES = ["!external_ip", "!tcp_port.int", "$HOME", "32148", "true", "false", "sqlite",
          '"Acme Sensors"', "'!ip'", "30 seconds", "-30d", "10.0.0.1:32048", "!dir/x.al",
          "data/#", "(name = a and dbms = b)", "[*][id]", '""', "edge-a", "->", ":x", "a>"]
COMMANDS = ["run tcp server", "run rest server", "connect dbms sensors", "run operator",
            "run blockchain sync", "create table tsd_info", "run msg client", "blockchain insert"]

spaces = st.sampled_from([" ", " ", " ", "  ", "\t", " \t "])
eq = st.sampled_from([" = ", "=", " =", "= ", "  =  "])
names = st.sampled_from(NAMES)
values = st.sampled_from(VALUES)
trailing = st.sampled_from(["", "", "", " ", "  ", "\t"])
indents = st.sampled_from(["", "", "", "  ", "    ", "\t"])


@st.composite
def pairs(draw, low=1, high=8) -> list[str]:
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=low, max_size=high))
    return [k + draw(eq) + draw(values) for k in keys]


@st.composite
def where_command(draw) -> str:
    """A where-command, on one line or as a block broken at random `and`s."""
    prefix = draw(st.sampled_from(["", "", "do ", "if !x then ", "op_id = "]))
    head = prefix + draw(st.sampled_from(COMMANDS)) + " where"
    items = draw(pairs())
    bring = draw(st.sampled_from(["", "", " bring.first [*][id]", " bring [*][ip] separator = ,"]))
    if not draw(st.booleans()):
        return head + draw(spaces) + " and ".join(items) + bring
    lines = [head]
    for i, item in enumerate(items):
        sep = " and" if i < len(items) - 1 else ""
        if i and draw(st.booleans()):
            lines[-1] += " " + item + sep
        else:
            lines.append(draw(indents) + item + sep)
        if draw(st.integers(0, 9)) == 0:
            lines.append(draw(indents) + draw(st.sampled_from(["# inner note", "", ":inner:"])))
    lines[-1] += bring
    if draw(st.booleans()):
        lines.append(">")
    else:
        lines[-1] += ">"
    return "<" + "\n".join(lines)


@st.composite
def json_value(draw) -> str:
    """A JSON policy over lines, bare (bracket balance) or inside a block."""
    name = draw(names)
    fields = [f'"{k}": {draw(st.sampled_from(["!company", "1", chr(34) + "v" + chr(34), "[1, 2]"]))}'
              for k in draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=5))]
    body = [draw(indents) + f + ("," if i < len(fields) - 1 else "") for i, f in enumerate(fields)]
    inner, close = draw(st.sampled_from([('{"cluster": {', "}}"), ("{", "}")]))
    if draw(st.booleans()):
        return "<" + name + draw(eq) + inner + "\n" + "\n".join(body) + "\n" + close + ">"
    return name + draw(eq) + inner + "\n" + "\n".join(body) + draw(st.sampled_from(["", "\n"])) + close


@st.composite
def simple(draw) -> str:
    name, value = draw(names), draw(values)
    return draw(st.sampled_from([
        f"{name}{draw(eq)}{value}",
        f"set{draw(spaces)}{name}{draw(eq)}{value}",
        f"if{draw(spaces)}!{name}{draw(spaces)}=={draw(spaces)}{value} then goto setup",
        f"if !{name} == {value} and not !x then",
        f"do{draw(spaces)}print {value}",
        f"else print {value}",
        f"goto{draw(spaces)}setup",
        "on error goto setup",
        "on error ignore",
        "end script",
        f"process !local_scripts/{name}.al",
        f"print {value}{draw(spaces)}# say {value}",
        f"print {value} & print dropped",
        f"set policy p [config][{name}]{draw(eq)}{value}",
        f"{name} = blockchain get operator where name = {value} bring.first [*][id]",
        f"print \"unclosed {value}",
        f"<print {value}>",
        "schedule time = 1 day and task run client (!ops) get status",
    ]))


def line_items() -> st.SearchStrategy[str]:
    return st.one_of(
        simple(), simple(), simple(), where_command(), where_command(), json_value(),
        st.sampled_from(["", "", ":setup:", "# a comment", "    # indented comment",
                         "  :indented:", ":malformed;", ":setup: text after"]),
    )


@st.composite
def scripts(draw) -> str:
    items = draw(st.lists(line_items(), max_size=25))
    lines = []
    for item in items:
        for line in item.split("\n"):
            lines.append(draw(indents) + line + draw(trailing) if line else line)
    eol = draw(st.sampled_from(["\n", "\n", "\r\n"]))
    end = draw(st.sampled_from([eol, eol, ""]))
    return eol.join(lines) + (end if lines else "")
