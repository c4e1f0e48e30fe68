"""The typed tree for each statement form of the language (anylog-language.md section 2)."""

import pytest

from compiler import parse
from compiler.syntax import tree as T


def node(text: str) -> T.Node:
    script = parse(text)
    assert script.diagnostics == [], script.diagnostics
    [stmt] = script.statements
    assert stmt.node is not None
    return stmt.node


def test_plain_command_with_where_clause():
    n = node("connect dbms almgm where type = sqlite")
    assert isinstance(n, T.Command)
    assert n.name == "connect dbms almgm"
    assert [(kv.key, kv.value) for kv in n.where.items] == [("type", "sqlite")]
    kv = n.where.items[0]
    assert (kv.span.line, kv.span.column, kv.span.end_column) == (1, 26, 39)


def test_where_values_may_span_words_and_quotes():
    n = node('run blockchain sync where source = master and time = 30 seconds and company = "My Co"')
    assert [(kv.key, kv.value) for kv in n.where.items] == [
        ("source", "master"), ("time", "30 seconds"), ("company", "My Co")]


def test_where_without_spaces_around_equals():
    n = node("create table tsd_info where dbms=almgm")
    assert n.where.get("dbms").value == "almgm"


def test_nested_where_groups_are_parsed():
    n = node('run msg client where broker = local and topic = (name = t1 and '
             'column.value = (type = float and value = "bring [v]"))')
    topic = n.where.get("topic")
    assert [kv.key for kv in topic.group] == ["name", "column.value"]
    inner = topic.group[1].group
    assert [(kv.key, kv.value) for kv in inner] == [("type", "float"), ("value", "bring [v]")]
    # positions inside the group point into the file
    assert inner[0].span.column == 80


def test_bring_clause_and_paths():
    n = node('cid = blockchain get cluster where name = c1 and company = "A B" bring.first [*][id]')
    assert isinstance(n, T.Assignment)
    cmd = n.value
    assert isinstance(cmd, T.Command) and cmd.name == "blockchain get cluster"
    assert cmd.bring.modifiers == ["first"]
    assert [w.text for w in cmd.bring.items] == ["[*][id]"]


def test_bring_with_literals_and_separator():
    n = node('blockchain get operator bring [operator][ip] ":" [operator][port] separator = ,')
    assert [w.text for w in n.bring.items] == ["[operator][ip]", '":"', "[operator][port]",
                                                "separator", "=", ","]


def test_assignment_forms():
    n = node("node_name = operator1")
    assert isinstance(n, T.Assignment) and n.target.text == "node_name"
    assert isinstance(n.value, T.Command) and n.value.name == "operator1"
    n = node("set company = \"My Company\"")
    assert isinstance(n, T.SetAssignment) and n.value.value == "My Company"
    n = node('ledger_conn = !ip + ":" + 32048')
    assert isinstance(n.value, T.Concat)
    assert [w.text for w in n.value.parts] == ["!ip", '":"', "32048"]
    n = node("$HOME_DIR = /app")
    assert n.target.kind == "ENV"
    n = node("config[ip] = !ip")
    assert n.target.text == "config[ip]"


def test_a_keyword_before_equals_is_a_variable_name():
    n = node("if = 1")
    assert isinstance(n, T.Assignment) and n.target.text == "if"


def test_if_then_and_condition_atoms():
    n = node("if !retries.int >= 3 and not !ready or !mode contains edge then goto retry")
    assert isinstance(n, T.If)
    atoms = n.condition.atoms
    assert [(a.left.text, a.op.text if a.op else None, a.negated) for a in atoms] == [
        ("!retries.int", ">=", False), ("!ready", None, True), ("!mode", "contains", False)]
    assert [w.text for w in n.condition.connectors] == ["and", "or"]
    assert isinstance(n.body, T.Goto) and n.body.label.text == "retry"


def test_if_without_then_and_with_bare_then():
    assert node("if !x").then is None
    n = node("if !x == 1 then")
    assert n.then is not None and n.body is None


def test_parenthesised_condition_groups():
    n = node("if (!a == 1) or (!b == 2 and !c) then print yes")
    groups = [a.group for a in n.condition.atoms]
    assert [len(g.atoms) for g in groups] == [1, 2]
    assert groups[1].atoms[1].left.text == "!c"


def test_else_if_and_do():
    n = node("else if !t == operator then print op")
    assert isinstance(n, T.Else) and isinstance(n.body, T.If)
    n = node("do set flag = true")
    assert isinstance(n, T.Do) and isinstance(n.body, T.SetAssignment)


@pytest.mark.parametrize("text,cls,attr,value", [
    ("goto done", T.Goto, "label", "done"),
    ("call report", T.Call, "label", "report"),
    ("on error goto failed", T.OnError, "mode", "goto"),
    ("on error call failed", T.OnError, "mode", "call"),
    ("on error ignore", T.OnError, "mode", "ignore"),
    ("on error end script", T.OnError, "mode", "end"),
])
def test_control_flow(text, cls, attr, value):
    n = node(text)
    assert isinstance(n, cls)
    got = getattr(n, attr)
    assert (got.text if isinstance(got, T.Word) else got) == value


def test_end_script_exit_scripts_return():
    assert isinstance(node("end script"), T.EndScript)
    assert isinstance(node("exit scripts"), T.ExitScripts)
    assert isinstance(node("return"), T.Return)
    # `exit node` is a command of its own, not `exit scripts`
    assert isinstance(node("exit node"), T.Command)


def test_process_with_concatenated_path_and_arguments():
    n = node("process !local_scripts + /policies/ + !file a1 a2")
    assert isinstance(n, T.Process)
    assert [w.text for w in n.file] == ["!local_scripts", "/policies/", "!file"]
    assert [w.text for w in n.args] == ["a1", "a2"]


def test_print_echo_python():
    assert [w.text for w in node('print "node:" !name').items] == ['"node:"', "!name"]
    assert node("echo hi").keyword.text == "echo"
    n = node('python !version.split(" ")[0]')
    assert isinstance(n, T.Python) and [w.text for w in n.items] == ['!version.split(" ")[0]']


def test_set_policy():
    n = node("set policy p [config][ip] = '!external_ip' and [config][port] = !port.int")
    assert isinstance(n, T.SetPolicy) and n.target.text == "p"
    assert [(a.key.text, a.op.text, a.value.text) for a in n.assigns] == [
        ("[config][ip]", "=", "'!external_ip'"), ("[config][port]", "=", "!port.int")]
    n = node('set policy p[config][script] + "run scheduler 1"')
    assert n.assigns[0].key is None and n.assigns[0].op.text == "+"


def test_schedule_task():
    n = node("schedule name = m1 and time = 30 seconds and task run client (!ops) get status")
    assert isinstance(n, T.Schedule)
    assert [(kv.key, kv.value) for kv in n.items] == [("name", "m1"), ("time", "30 seconds")]
    assert isinstance(n.body, T.Command) and n.body.name.startswith("run client")


def test_keywords_are_plain_words_where_the_grammar_does_not_expect_them():
    n = node("print where and then if")
    assert [w.text for w in n.items] == ["where", "and", "then", "if"]
    assert [w.kind for w in n.items] == ["WORD"] * 5 or all(w.kind == "WORD" for w in n.items)
    n = node("set msg rule r1 if ip = 10.0.0.1 then dbms = d1")
    assert isinstance(n, T.Command) and n.head[0].text == "set"


def test_variable_references_and_casts():
    n = node("x = !port.int")
    ref = n.value.head[0].reference
    assert (ref.sigil, ref.name, ref.cast) == ("!", "port", "int")
    ref = node("print !local_scripts/policies/a.al").items[0].reference
    assert (ref.name, ref.cast, ref.rest) == ("local_scripts", None, "/policies/a.al")
    ref = node("print !name[0:3]").items[0].reference
    assert (ref.name, ref.rest) == ("name", "[0:3]")
    assert node("print $HOME").items[0].reference.sigil == "$"


def test_block_statement_words_point_into_the_file():
    script = parse("<run operator where\n    threads = 3 and\n    policy = !id>\n")
    [stmt] = script.statements
    assert stmt.block and stmt.text == "run operator where threads = 3 and policy = !id"
    kv = stmt.node.where.get("policy")
    assert (kv.span.line, kv.span.column, kv.span.end_line, kv.span.end_column) == (3, 5, 3, 17)


def test_multiline_json_statement():
    script = parse('p = {"a": {\n  "b": !c}}\nprint x\n')
    first, second = script.statements
    assert first.json_lines and first.text == 'p = {"a": {"b": !c}}'
    assert isinstance(first.node, T.Assignment)
    assert (second.span.line, second.node.keyword.text) == (3, "print")


def test_ampersand_drops_the_rest():
    [stmt] = parse("print a & print b\n").statements
    assert [w.text for w in stmt.words] == ["print", "a"]
    assert (stmt.dropped.column, stmt.dropped.end_column) == (9, 18)


def test_trailing_comment_is_recorded():
    [stmt] = parse("wait 5   # pause\n").statements
    assert [w.text for w in stmt.words] == ["wait", "5"]
    assert (stmt.comment.column, stmt.comment.end_column) == (10, 17)


@pytest.mark.parametrize("nesting", ["if a == b then ", "x = ", "do ", "a = if b then "])
def test_a_statement_nested_past_any_script_is_one_finding_not_a_crash(nesting):
    """Every stage walks trees by recursion: a line of 20,000 nested commands must be refused
    at one place, not end in a RecursionError (an internal error) or a long run."""
    text = nesting * 20_000 + "print hi\nprint after\n"
    script = parse(text, "deep.al")
    assert script.to_source() == text
    [finding] = script.diagnostics
    assert (finding.rule, finding.line) == ("syntax-error", 1)
    assert finding.message.startswith("the statement nests commands too deeply at ")
    assert finding.help == "split it into several statements"
    assert [type(s.node).__name__ for s in script.statements] == ["NoneType", "Print"]


def test_the_deepest_nesting_real_scripts_use_still_parses():
    text = "if a then if b then if c then if d then x = if e then do set y = 1\n" * 2
    script = parse(text, "ok.al")
    assert script.diagnostics == []
