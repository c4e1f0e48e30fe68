"""Properties of convert and diff over generated scripts (hypothesis).

* convert is faithful or says why not: the spec it writes builds a script that runs the same
  statements in the same order (`trace.compare` finds nothing), else it refuses with errors
  that name statements of the input;
* a script alc built, with any statements appended by hand (`if`/`else if`/`else`/`do`,
  labels and the gotos to them), always converts, and back;
* diff misses nothing: deleting any one statement, or changing any one word of one, is
  reported, and a script is the same as itself.
"""

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler import convert, emit, parse, spec
from compiler.convert import Unit, trace
from compiler.diff import compare
from compiler.syntax import tree as T
from tests.emit.test_properties import specs
from tests.convert.test_round_trip import without_container

NAMES = ["alpha", "beta", "gamma"]
TCP = ("run tcp server where external_ip = !external_ip and external_port = {p} and "
       "internal_ip = !ip and internal_port = {p}")
# Statements of every kind, some of them deployment steps convert reads as settings.
PLAIN = [
    "print ready", "run scheduler 1", "schedule time = 1 day task get status", "trace level = 1",
    "x = 5", "set y = !x", "z = !x + \"-\" + !y", "on error ignore", "on error goto {label}", "goto {label}",
    "call {label}", "return", "end script", "wait 5", "process !local_scripts/other.al",
    "ops = blockchain get operator bring.count", "connect dbms sensors where type = sqlite",
    "<run blobs archiver where\n    dbms = false and folder = true>", "set node name {name}",
    "create work directories", TCP.format(p=32150), "blockchain seed from !ledger_conn",
    "run blockchain sync where source = master and time = 30 seconds and dest = file and connection = !ledger_conn",
    "new_policy = {{\"config\": {{\"name\": \"{name}\"}}}}",
]
CONDITIONS = ["!x == 5", "not !ops", "$TRACE_LEVEL == 2", "!y"]


@st.composite
def statements(draw, labels: list[str]) -> list[str]:
    """Lines of a script: statements, conditions with their do/else lines, labels, comments."""
    out: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["plain", "plain", "if", "inline", "label", "comment"]))
        fill = dict(label=draw(st.sampled_from(labels)), name=draw(st.sampled_from(NAMES)))
        if kind == "plain":
            out.append(draw(st.sampled_from(PLAIN)).format(**fill))
        elif kind == "inline":
            body = draw(st.sampled_from(PLAIN)).format(**fill)
            if "\n" not in body and not body.startswith("<"):
                out.append(f"if {draw(st.sampled_from(CONDITIONS))} then {body}")
        elif kind == "if":
            out.append(f"if {draw(st.sampled_from(CONDITIONS))} then")
            for _ in range(draw(st.integers(0, 3))):
                branch = draw(st.sampled_from(["do", "else", "else if"]))
                if branch == "else if":
                    out.append(f"else if {draw(st.sampled_from(CONDITIONS))} then")
                else:
                    body = draw(st.sampled_from([p for p in PLAIN if "\n" not in p and not p.startswith("<")]))
                    out.append(f"{branch} {body.format(**fill)}")
        elif kind == "label" and fill["label"] not in "\n".join(out):
            out.append(f"\n:{fill['label']}:")
        else:
            out.append("# a comment")
    return out


@st.composite
def scripts(draw) -> str:
    labels = draw(st.lists(st.sampled_from(["done", "retry", "error-handler"]), min_size=1, max_size=3, unique=True))
    return "\n".join(draw(statements(labels))) + "\n"


def runs(text: str, path: str, values=None) -> list:
    return trace.of_text(text, path, values or {})


def built_script(network) -> str:
    [text] = emit.build(network, "generated").values()
    return text


# ---------------------------------------------------------------------------- convert


@given(scripts())
def test_convert_is_faithful_or_names_the_statements_it_cannot_keep(text):
    converted = convert.scripts([("s.al", text)], check=True)
    if converted.network is not None:
        assert trace.compare(runs(text, "s.al"), runs(built_script(converted.network), "built.al")) == []
        return
    assert converted.errors
    lines = text.count("\n") + 1
    for error in converted.errors:
        assert error.path == "s.al" and 1 <= error.line <= lines, error


# A quarter of the profile's examples: each builds, converts, builds and compares.
@settings(max_examples=settings().max_examples // 4)
@given(specs(), st.data())
def test_a_built_script_with_statements_appended_by_hand_always_converts_and_back(data, draw):
    _built_and_appended(without_container(data), draw)


def _built_and_appended(data, draw):
    network = spec.load(yaml.safe_dump(data, sort_keys=False), "s.yaml").network
    labels = ["done", "retry"]
    for node in network.nodes[:1]:
        network.nodes = [node]
        network.clusters = [c for c in network.clusters if node.cluster and c.name.value == node.cluster.value]
        if node.cluster is not None and not network.clusters:
            return
        text = built_script(network)
        appended = draw.draw(statements(labels))
        steps = ("set node name", "create work directories", "run tcp server", "blockchain seed",
                 "run blockchain sync", "connect dbms", "run blobs archiver", "ops = blockchain get")
        appended = [line for line in appended if not any(s in line for s in steps)]
        script = text + "\n" + "\n".join(appended + [":done:", ":retry:", "print end"]) + "\n"
        name = f"{node.name.value}.al"
        converted = convert.scripts([(name, script)], check=True)
        assert converted.errors == [], converted.errors
        assert trace.compare(runs(script, name), runs(built_script(converted.network), name)) == []


# ---------------------------------------------------------------------------- diff


def units(text: str, path: str) -> list[Unit]:
    return [Unit("n", path, runs(text, path))]


def mutations(text: str) -> list[str]:
    """The script with one statement deleted, and with one word of one statement changed."""
    script = parse(text, "m.al")
    out = []
    for item in script.items:
        if isinstance(item, T.Statement) or (isinstance(item, T.LineItem) and item.kind == "label"):
            start, end = item.extent
            out.append(text[:start] + text[end:])
        if isinstance(item, T.Statement) and item.words:
            word = item.words[-1]
            at = item.file_offset(word.offset + len(word.text))
            if text[at - 1:at] not in ("", "\n"):
                out.append(text[:at] + "9" + text[at:])
    return out


@given(scripts())
def test_diff_reports_every_deleted_or_changed_statement(text):
    assert compare(None, None, units(text, "a.al"), units(text, "b.al")).equal
    for mutated in mutations(text):
        result = compare(None, None, units(text, "a.al"), units(mutated, "b.al"))
        assert result.statements, (text, mutated)


def test_the_mutations_are_what_they_say():
    text = "x = 5\n<print\n    !x>\n:done:\n"
    assert mutations(text) == ["<print\n    !x>\n:done:\n", "x = 59\n<print\n    !x>\n:done:\n",
                               "x = 5\n:done:\n", "x = 5\n<print\n    !x9>\n:done:\n", "x = 5\n<print\n    !x>\n"]


def test_a_label_among_the_commands_is_built_and_read_back_as_planned():
    from compiler.emit import verify
    from compiler.emit.script import verbatim

    text = "alc: 1\ncompany: A\nledger: 10.0.0.1:32048\nnodes:\n  - name: g1\n    type: generic\n" \
           "    commands: [\"goto done\", \"print skipped\", \":done:\", \"print end\"]\n"
    [built] = emit.build(spec.load(text, "g.yaml").network, "g").values()
    assert built.endswith("goto done\nprint skipped\n\n:done:\nprint end\n")
    assert verbatim(":done:").words == (verify.LABEL, "done")
    with pytest.raises(verify.BuildError, match="declares a label nobody planned"):
        verify.check("print a\n:x:\n", [("print", "a"), (verify.LABEL, "y")], "x.al")
