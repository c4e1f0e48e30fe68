"""Applying fixes (compiler/fixes.py), and the fixes of each rule in the cases its fixture
cannot hold: exact fixed texts, and where no fix must be offered."""

from __future__ import annotations

import pytest

from compiler import fixes as F
from compiler.diagnostics import SAFE, UNSAFE, Diagnostic, Edit, Fix
from compiler.lint import lint_script


def diag(*edits: tuple[int, int, str], applicability: str = SAFE, rule: str = "r") -> Diagnostic:
    fix = Fix(applicability, "m", tuple(Edit(s, e, c, 1, s + 1, 1, e + 1) for s, e, c in edits))
    return Diagnostic("x.al", 1, 1, 1, 1, "ALC999", rule, "error", "m", None, fix)


def test_apply_takes_fixes_in_order_and_leaves_touching_ones_for_the_next_round():
    text = "abcdef"
    a, b, c = diag((0, 1, "A")), diag((1, 2, "B")), diag((4, 4, "+"))
    fixed, applied = F.apply(text, [c, b, a])
    assert (fixed, applied) == ("Abcd+ef", [a, c])  # b touches a: it waits
    assert F.apply(text, [b, c])[0] == "aBcd+ef"


def test_identical_fixes_apply_once_and_fix_every_finding():
    a, b = diag((2, 4, "")), diag((2, 4, ""))
    fixed, applied = F.apply("abcdef", [a, b])
    assert (fixed, applied) == ("abef", [a, b])


def test_two_insertions_at_one_place_are_not_guessed_in_an_order():
    a, b = diag((3, 3, "x")), diag((3, 3, "y"))
    assert F.apply("abcdef", [a, b]) == ("abcxdef", [a])


def test_unsafe_fixes_apply_only_when_asked():
    a = diag((0, 1, "A"), applicability=UNSAFE)
    assert F.apply("abc", [a]) == ("abc", [])
    assert F.apply("abc", [a], unsafe=True) == ("Abc", [a])
    assert F.hidden(a, False) and not F.hidden(a, True) and not F.applicable(a, False)


def test_a_fix_outside_the_text_is_ignored():
    assert F.apply("abc", [diag((2, 9, ""))]) == ("abc", [])


def test_fix_text_refuses_a_round_that_adds_a_syntax_error():
    def lint(text):
        return [diag((0, 0, "goto "))] if not text.startswith("goto") else []

    result = F.fix_text("x\n", lint, syntax=lambda text: text.count("goto"))
    assert (result.text, result.error) == ("x\n", "a fix would add a syntax error")


def test_fix_text_gives_up_on_fixes_that_never_settle():
    result = F.fix_text("x", lambda text: [diag((0, 0, "x"))], syntax=lambda text: 0)
    assert result.text == "x" and result.error == f"the fixes did not settle after {F.MAX_ROUNDS} rounds"


def fixed(text: str, unsafe: bool = False) -> str:
    result = F.fix_text(text, lambda t: lint_script(t, "x.al"), unsafe=unsafe)
    assert result.error is None
    return result.text


SERVER = ("run tcp server where external_ip = !external_ip and external_port = 32148 and internal_ip = !ip "
          "and internal_port = 32148 and bind = {bind}\n")
POLICY = "p = create policy operator where name = a and company = b and {fields} and port = 32148\n"


@pytest.mark.parametrize("bind, fields, safe, unsafe", [
    ("false", "ip = !external_ip", "ip = !external_ip and local_ip = !ip", None),
    ("false", "ip = !external_ip and local_ip = !external_ip", "ip = !external_ip and local_ip = !ip", None),
    ("false", "ip = !ip", "ip = !ip", "ip = !external_ip and local_ip = !ip"),
    ("false", "ip = !ip and local_ip = !x", "ip = !ip and local_ip = !x", "ip = !external_ip and local_ip = !ip"),
    ("false", "ip = 10.0.0.1", "ip = 10.0.0.1", "ip = 10.0.0.1 and local_ip = !ip"),
    ("true", "ip = !external_ip", "ip = !external_ip", "ip = !ip"),
    ("true", "ip = !ip and local_ip = !external_ip", "ip = !ip", None),
    ("true", "local_ip = !external_ip and ip = !ip", "ip = !ip", None),
    ("true", "ip = !external_ip and local_ip = !x", "ip = !external_ip and local_ip = !x", "ip = !ip"),
])
def test_tcp_bind_ip_fixes(bind, fields, safe, unsafe):
    text = SERVER.format(bind=bind) + POLICY.format(fields=fields)
    assert fixed(text) == SERVER.format(bind=bind) + POLICY.format(fields=safe)
    assert fixed(text, unsafe=True) == SERVER.format(bind=bind) + POLICY.format(fields=unsafe or safe)


def test_tcp_bind_ip_never_adds_fields_to_a_json_policy():
    text = SERVER.format(bind="false") + 'p = {"operator": {"name": "a", "ip": !external_ip, "port": 32148}}\n'
    assert fixed(text, unsafe=True) == text


def test_missing_ledger_is_unsafe_without_ledger_conn():
    text = "run operator where policy = !id and threads = 3\n<blockchain insert where\n    policy = !p>\n"
    assert fixed(text) == text
    assert fixed(text, unsafe=True) == ("run operator where policy = !id and threads = 3 and master_node = !ledger_conn\n"
                                        "<blockchain insert where\n    policy = !p and local = true and master = !ledger_conn>\n")


@pytest.mark.parametrize("text, expected", [
    # the port as the server has it, a variable keeping the policy's cast
    ("run tcp server where external_ip = !external_ip and external_port = !tcp_port and "
     "internal_ip = !ip and internal_port = !tcp_port\np = create policy operator where name = a and ip = "
     "!external_ip and local_ip = !ip and port = !other_port.int\n", "port = !tcp_port.int"),
    # a server on two ports: no fix
    ("run tcp server where external_ip = !external_ip and external_port = 32148 and internal_ip = !ip and "
     "internal_port = 32149\np = create policy operator where name = a and ip = !external_ip and local_ip = "
     "!ip and port = 32150\n", "port = 32150"),
])
def test_policy_port_mismatch_fixes(text, expected):
    assert expected in fixed(text, unsafe=True).splitlines()[-1]


@pytest.mark.parametrize("text", [
    ":retry;\n:retry:\ngoto retry\n",          # the label exists: the malformed line would duplicate it
    ":retry;\n  :retry;\ngoto retry\n",        # two loose lines of one name
    ":retry; and more\ngoto retry\n",          # more than the label on the line
    "goto retyr\ngoto retri\n:retry:\n:retro:\n",  # two close labels for each: a person chooses
    "connect dbms d where typ = sqlite and type = sqlite\n",  # the close key is there already
    'p = {"operator": {"port": "!tcp_port.str"}}\n',  # a cast other than .int
])
def test_no_fix_where_no_one_edit_is_right(text):
    assert fixed(text, unsafe=True) == text


@pytest.mark.parametrize("text, expected", [
    ('p = {"operator": {"name": "a", "port": "!tcp_port", "rest_port": !rest_port}}\n',
     'p = {"operator": {"name": "a", "port": !tcp_port.int, "rest_port": !rest_port.int}}\n'),
    ("if not !x then fail\n:fail;\n", "if not !x then goto fail\n:fail:\n"),  # both fixes, one round
    ("print !a  # alc: ignore[undefined-variable, missing-then, ALC101]\n",
     "print !a  # alc: ignore[undefined-variable]\n"),  # two names out, over two rounds
    ("print ok\n# alc: ignore[missing-then]", "print ok\n"),  # the last line, with no line break
    ("print ok\r\n# alc: ignore[missing-then] stale\r\nprint done\r\n", "print ok\r\nprint done\r\n"),
    ("tcp_port = 1\nprint !tcp_prot\nprint !{x}\n", "tcp_port = 1\nprint !tcp_port\nprint !{x}\n"),
])
def test_fixed_texts(text, expected):
    assert fixed(text, unsafe=True) == expected


@pytest.mark.parametrize("text, safe, unsafe", [
    # `end-script` under `:end-script:` meant `end script`: a jump there would loop for ever
    (":end-script:\nend-script\n", ":end-script:\nend-script\n", ":end-script:\nend script\n"),
    # a line that always runs, naming a label above it: a loop unless something ends it
    (":again:\nprint x\nagain\n", ":again:\nprint x\nagain\n", ":again:\nprint x\nagain\n"),
    # a conditional jump back is a retry
    (":again:\nif !x then again\n", ":again:\nif !x then goto again\n", ":again:\nif !x then goto again\n"),
    ("skip\nprint x\n:skip:\n", "goto skip\nprint x\n:skip:\n", "goto skip\nprint x\n:skip:\n"),
])
def test_label_as_command_fixes(text, safe, unsafe):
    assert fixed("x = 1\n" + text) == "x = 1\n" + safe
    assert fixed("x = 1\n" + text, unsafe=True) == "x = 1\n" + unsafe
