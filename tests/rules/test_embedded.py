"""Commands inside `[config][script]` lists are checked where they stand in the file."""

from compiler.lint import lint_script

SCRIPT = '''flag = true
new_policy = {"config": {}}
<set policy new_policy [config][script] = [
    "run scheduler 1",
    "!flag == true then print yes",
    "conect dbms x where type = sqlite",
    "'run tcp server where external_ip = !ip and external_port = 99999'"
]>
'''


def test_policy_script_commands_are_checked_in_place():
    found = [(d.rule, d.line, d.column, d.end_column) for d in lint_script(SCRIPT, "p.al")]
    assert found == [
        ("syntax-error", 5, 6, 11),
        ("unknown-command", 6, 6, 19),
        ("invalid-value", 7, 66, 71),
    ]
    messages = [d.message for d in lint_script(SCRIPT, "p.al")]
    assert all(m.endswith("(in a policy script)") for m in messages)


def test_variables_set_by_policy_scripts_count_as_defined():
    text = ('p = {"config": {"script": ["schedule time = 30 seconds and task usage = get disk usage ."]}}\n'
            "print !usage\n")
    assert lint_script(text, "p.al") == []
