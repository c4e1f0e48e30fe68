"""The mission's rules on a correct operator script and on one mistake at a time."""

from pathlib import Path

import pytest

from compiler.lint import lint_script

ROOT = Path(__file__).resolve().parents[2]
OPERATOR = (ROOT / "samples" / "scripts" / "operator.al").read_text()


def findings(text: str) -> list[tuple[str, int, int]]:
    return [(d.rule, d.line, d.column) for d in lint_script(text, "node.al")]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_operator_written_from_the_guide_is_clean():
    assert findings(OPERATOR) == []


def test_bind_true_with_the_external_address_in_the_policy():
    text = OPERATOR.replace("bind = false", "bind = true")
    # local_ip = !ip names the bound address itself, so only `ip` is wrong
    assert findings(text) == [("tcp-bind-ip", line_of(text, "    ip = !external_ip and"), 10)]


def test_bind_true_reports_on_the_policy_and_names_the_server():
    text = OPERATOR.replace("bind = false", "bind = true").replace("    local_ip = !ip and\n", "")
    [diag] = lint_script(text, "node.al")
    assert (diag.rule, diag.line, diag.column) == ("tcp-bind-ip", line_of(text, "    ip = !external_ip and"), 10)
    assert f"the TCP server on line {line_of(text, '<run tcp server')}" in diag.message


def test_bind_false_with_the_internal_address_as_ip():
    text = OPERATOR.replace("    ip = !external_ip and\n    local_ip = !ip and\n", "    ip = !ip and\n")
    [diag] = lint_script(text, "node.al")
    assert (diag.rule, diag.line) == ("tcp-bind-ip", line_of(text, "    ip = !ip and"))
    assert "write `ip = !external_ip and local_ip = !ip`" == diag.help


def test_bind_false_without_local_ip():
    text = OPERATOR.replace("    local_ip = !ip and\n", "")
    [diag] = lint_script(text, "node.al")
    assert diag.rule == "tcp-bind-ip" and diag.help == "add `local_ip = !ip`"
    assert diag.line == line_of(text, "<new_policy = create policy operator")


def test_almgm_after_the_operator():
    text = OPERATOR.replace("connect dbms almgm where type = sqlite\ncreate table tsd_info where dbms = almgm\n", "")
    text = text.replace("end script\n", "connect dbms almgm where type = sqlite\n"
                                        "create table tsd_info where dbms = almgm\nend script\n")
    [diag] = lint_script(text, "node.al")
    assert (diag.rule, diag.line, diag.column) == ("ha-requires-almgm", line_of(text, "<run operator where"), 2)


def test_almgm_skipped_by_a_goto_on_one_path():
    text = OPERATOR.replace("connect dbms almgm where type = sqlite\n",
                            "if !skip_db == true then goto data-db\nconnect dbms almgm where type = sqlite\n")
    text = text.replace("# 5. The data database\n", ":data-db:\n")
    text = "skip_db = false\n" + text
    assert findings(text) == [("ha-requires-almgm", line_of(text, "<run operator where"), 2)]


def test_cluster_looked_up_under_another_name():
    text = OPERATOR.replace(
        "<cluster_id = blockchain get cluster where\n    name = !cluster_name and",
        "<cluster_id = blockchain get cluster where\n    name = other-cluster and", 1)
    assert findings(text) == [("cluster-id-mismatch", line_of(text, "cluster = !cluster_id and"), 15)]


def test_operator_id_looked_up_under_another_name():
    text = OPERATOR.replace(
        "<operator_id = blockchain get operator where\n    cluster = !cluster_id and\n    name = !node_name",
        "<operator_id = blockchain get operator where\n    cluster = !cluster_id and\n    name = operator-b")
    assert findings(text) == [("cluster-id-mismatch", line_of(text, "policy = !operator_id and"), 14)]


@pytest.mark.parametrize("line", ["run data distributor", "run data consumer where start_date = -30d"])
def test_ha_after_almgm_is_fine_and_before_is_not(line):
    ok = OPERATOR.replace("# 8. The operator service\n", f"{line}\n")
    assert findings(ok) == []
    bad = OPERATOR.replace("# 1. The TCP service", f"{line}\n# 1. The TCP service")
    assert [f[0] for f in findings(bad)] == ["ha-requires-almgm"]


def test_operators_of_one_cluster_look_it_up_with_the_same_company(tmp_path):
    from compiler.model.project import Project

    lookup = "cluster_id = blockchain get cluster where name = c1 and company = {} bring.first [*][id]\n"
    policy = "new_policy = create policy operator where name = {} and company = acme and cluster = !cluster_id\n"
    (tmp_path / "op1.al").write_text(lookup.format("acme") + policy.format("op1"))
    (tmp_path / "op2.al").write_text(lookup.format('"Acme Inc"') + policy.format("op2"))
    (tmp_path / "op3.al").write_text(lookup.format("acme") + policy.format("op3"))
    project = Project(tmp_path)
    found = {name: [(d.rule, d.line, d.column) for d in
                    lint_script((tmp_path / name).read_text(), str(tmp_path / name), project=project)]
             for name in ("op1.al", "op2.al", "op3.al")}
    assert found == {"op1.al": [("cluster-id-mismatch", 2, 87)], "op2.al": [("cluster-id-mismatch", 2, 87)],
                     "op3.al": [("cluster-id-mismatch", 2, 87)]}
