"""The start scripts' plumbing (compiler/convert/plumbing.py): with --env, what only serves the
steps (error handling, display, the container's bootstrap, runtime checks of a step the spec
writes, dead computations) is read with the steps, reported once per kind (ALC709), and never
a statement that changes the node; without --env, every statement stays as it is.

tests/fixtures/convert/start-scripts/plumbing is alc's own text with the official constructs.
"""


import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from compiler import convert, emit, parse, spec
from compiler.cli.app import app
from compiler.syntax import tree as T
from tests.conftest import FIXTURES, ROOT, matches_golden
from tests.convert.test_round_trip import without_container
from tests.emit.test_properties import specs

HERE = FIXTURES / "convert" / "start-scripts" / "plumbing"
MAIN, ENV = HERE / "main.al", HERE / "node.env"
GOLDEN = ROOT / "tests" / "golden" / "convert" / "start-scripts-plumbing.yaml"
runner = CliRunner()


def node_of(text: str, env: str | None = "NODE_NAME=n1\n"):
    values = convert.variables([], env) if env is not None else {}
    return convert.script_node(text, "m.al", values, None)


def kept(text: str, env: str | None = "NODE_NAME=n1\n") -> list[str]:
    return [extra.text for extra in node_of(text, env).extras]


def test_the_plumbing_goes_and_what_changes_the_node_stays_strictly():
    # strict (no --canonical): the two kept statements stand after every step
    result = runner.invoke(app, ["convert", str(MAIN), "--env", str(ENV), "--root", str(HERE)])
    assert result.exit_code == 0, result.stderr
    assert matches_golden(result.stdout, GOLDEN)
    notes = [line for line in result.stderr.splitlines() if line.startswith(str(MAIN))]
    assert notes == [
        f"{MAIN}:4:1: ALC709 [plumbing-absorbed] 5 statements of the start scripts' error handling (the first "
        "here) are read with the steps they serve, not kept in `commands`",
        f"{MAIN}:5:1: ALC709 [plumbing-absorbed] 4 statements of the start scripts' display (the first here) are "
        "read with the steps they serve, not kept in `commands`",
        f"{MAIN}:6:1: ALC709 [plumbing-absorbed] 6 statements of the start scripts' dead computations (the first "
        "here) are read with the steps they serve, not kept in `commands`",
        f"{MAIN}:10:1: ALC709 [plumbing-absorbed] 3 statements of the start scripts' container bootstrap (the "
        "first here) are read with the steps they serve, not kept in `commands`",
        f"{MAIN}:30:1: ALC709 [plumbing-absorbed] 1 statement of the start scripts' runtime checks of a step the "
        "spec writes (the first here) is read with the steps they serve, not kept in `commands`",
        f"{MAIN}:36:1: ALC701 [carried-verbatim] 2 statements from here on, after `connect dbms`, kept verbatim "
        "in `commands` of plumb-node"]


def test_without_env_a_script_keeps_every_statement():
    node = node_of(MAIN.read_text(), None)
    texts = [extra.text for extra in node.extras]
    assert node.absorbed == {}
    for line in ("on error call boot-failed", "set echo queue on", "build = get version", "set anylog home /srv/plant",
                 "if !has_table == false then create table tsd_info where dbms=almgm", "get processes",
                 "set compression on"):
        assert line in texts, line


def test_an_assignment_with_a_side_effect_stays_though_nothing_reads_it():
    assert kept("set node name n1\nsent = rest post where url = http://10.2.2.2/x and body = y\n") == [
        "sent = rest post where url = http://10.2.2.2/x and body = y"]
    assert kept("set node name n1\nseen = get status\n") == []
    # words that start no command are a value the node assigns; a command the node knows runs
    assert kept("set node name n1\nspan = 14 days\nwhere_at = 0.0, 0.0\n") == []
    assert kept("set node name n1\nsmtp = run smtp client where host = mail.example.org\n") == [
        "smtp = run smtp client where host = mail.example.org"]


def test_dead_values_go_as_a_chain_and_stay_while_a_kept_statement_reads_them():
    chain = "set node name n1\nraw = get version\nword = python !raw.split(\" \")[0]\nif !word == X then set is_x = true\n"
    assert kept(chain) == []
    assert kept(chain + "if !is_x == true then set compression on\n") == [
        "raw = get version", 'word = python !raw.split(" ")[0]', "if !word == X then set is_x = true",
        "if !is_x == true then set compression on"]


def test_an_if_line_stays_while_one_of_its_lines_does():
    assert kept("set node name n1\nst = get status\nif !st then\ndo set compression on\ndo print hi\n") == [
        "st = get status", "if !st then", "do set compression on"]
    assert kept("set node name n1\nst = get status\nif !st then\ndo print hi\ndo echo there\n") == []
    # a do line reads the last `if`, a one-line `if ... then print` too: that one stays
    assert kept("set node name n1\nst = get status\nif !st then\nif !st == 2 then print two\n"
                "do set compression on\n") == [
        "st = get status", "if !st == 2 then print two", "do set compression on"]


def test_a_table_check_is_the_database_step_s_only_when_the_spec_has_that_database():
    check = "has = info table almgm tsd_info exists\nif !has == false then create table tsd_info where dbms=almgm\n"
    node = node_of("set node name n1\nconnect dbms almgm where type = sqlite\n" + check)
    assert (node.extras, node.absorbed) == ([], {"runtime checks of a step the spec writes": 1,
                                                 "dead computations": 1})
    assert kept("set node name n1\n" + check) == [
        "has = info table almgm tsd_info exists", "if !has == false then create table tsd_info where dbms=almgm"]


def test_a_policy_lookup_s_goto_goes_when_the_spec_declares_the_policy():
    lookup = ("set node name n1\ncluster_id = blockchain get cluster where name = c1 and company = k bring.first [*][id]\n"
              "there = blockchain get operator where name = n1 and company = k bring.first\n"
              "if !there then goto skip\n")
    declared = lookup + ("new_policy = create policy operator where name = n1 and company = k and cluster = !cluster_id\n"
                         ":skip:\nset compression on\n")
    assert kept(declared) == ["set compression on"]
    # a label between runs nothing
    assert kept(declared.replace("new_policy =", ":between:\nnew_policy =")) == ["set compression on"]
    # a jump over a statement that stays decides whether it runs: it stays too
    over = lookup + ("set compression on\nnew_policy = create policy operator where name = n1 and company = k and "
                     "cluster = !cluster_id\n:skip:\n")
    assert kept(over) == ["there = blockchain get operator where name = n1 and company = k bring.first",
                          "if !there then goto skip", "set compression on", ":skip:"]
    # no policy the spec declares: the jump decides what runs, and stays with its label
    assert kept(lookup + "set compression on\n:skip:\n") == [
        "there = blockchain get operator where name = n1 and company = k bring.first", "if !there then goto skip",
        "set compression on", ":skip:"]


def test_the_scripts_folder_check_is_the_container_s():
    text = ("set node name n1\nd = file test /srv/x\nif !d == false then\ndo print missing\ndo goto out\n"
            "set compression on\n:out:\n")
    node = node_of(text)
    assert [e.text for e in node.extras] == ["set compression on"]
    assert node.absorbed == {"container bootstrap": 2, "display": 1, "dead computations": 1}


def test_a_kept_else_line_whose_if_is_not_kept_is_kept_as_its_command():
    # the values decide the `if` (ruled out) and take the `else`: written alone, `else` would read
    # whatever `if` the built script has before it
    text = ("set node name n1\nif $ROLE == a then role = b\nelse set role = $ROLE\n"
            "st = get status\nif !st and !role == c then set compression on\n")
    assert kept(text, "NODE_NAME=n1\nROLE=c\n") == [
        "set role = $ROLE", "st = get status", "if !st and !role == c then set compression on"]


# ---------------------------------------------------------------------------- a property

# Inert plumbing goes anywhere, between the statements of one step too; assignments and their
# `if` lines between steps (after a blank or comment line), as the official scripts place them.
INERT = ["on error ignore", "on error goto plumb-failed", 'print "step done"', "echo going on",
         "set echo queue on"]
COMPUTED = ["plumb_build = get version", 'plumb_kind = python !plumb_build.split(" ")[0]',
            "if !plumb_kind == Lake then set plumb_lake = true", "plumb_mark = 14 days"]
PLUMBING = INERT + COMPUTED


def _statement_starts(text: str, between_steps: bool) -> list[int]:
    """The lines (0-based) where a top-level statement starts that is no do/else line (one of
    those reads the `if` before it); ``between_steps``: only after a blank or comment line."""
    lines = text.splitlines()
    return [line for line in (item.span.line - 1 for item in parse(text, "s.al").items
                              if isinstance(item, T.Statement) and not isinstance(item.node, (T.Do, T.Else)))
            if not between_steps or line == 0 or not lines[line - 1].strip()
            or lines[line - 1].lstrip().startswith("#")]


# A quarter of the profile's examples: each converts every built script twice.
@settings(max_examples=settings().max_examples // 4)
@given(specs(), st.data())
def test_plumbing_added_to_built_scripts_changes_nothing_with_env(data, draw):
    """Plumbing statements put between the statements of built scripts: with --env the spec is
    the one of the scripts alone, and no plumbing is kept."""
    network = spec.load(yaml.safe_dump(without_container(data), sort_keys=False), "s.yaml").network
    built = emit.build(network, "s")
    values = convert.variables([], "")
    plain = convert.scripts(list(built.items()), values)
    wrapped = []
    for name, text in built.items():
        lines = text.splitlines()
        anywhere, between = _statement_starts(text, False), _statement_starts(text, True)
        chosen = draw.draw(st.lists(st.one_of(st.tuples(st.sampled_from(anywhere), st.sampled_from(INERT)),
                                              st.tuples(st.sampled_from(between), st.sampled_from(COMPUTED))),
                                    max_size=6))
        for line, statement in sorted(chosen, reverse=True):
            lines.insert(line, statement)
        wrapped.append((name, "\n".join(lines) + "\n"))
    converted = convert.scripts(wrapped, values)
    assert converted.network == plain.network
    for node in converted.network.nodes:
        assert not any(c.value.startswith(tuple(p.split()[0] for p in PLUMBING)) and "plumb" in c.value
                       for c in node.commands)


def test_inert_plumbing_between_the_statements_of_one_step_leaves_the_step_whole():
    text = "set node name n1\nexit workers\non error ignore\nwait 1\nprint pool\nset query pool 4\n"
    node = node_of(text)
    assert (node.data.get("query_pool"), node.extras) == (4, [])
    # without --env the statements stay as written: the step is not read across them
    assert kept(text, None)[:2] == ["exit workers", "on error ignore"]
