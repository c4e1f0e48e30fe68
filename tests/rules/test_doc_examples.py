"""The documentation is a test: each rule's Example trips the rule, its Use instead does not."""

import re

import pytest

from compiler import rules as R
from compiler.config import Config
from compiler.lint import lint_script
from compiler.model.project import Project

# What some rules need to see the example as the rule's documentation means it.
SETTINGS = {
    "platform-unsupported": dict(config=Config(platform="edgelake")),
}

RULES = [r for r in R.registry() if r.name not in ("unused-suppression",)]


def settings(rule, tmp_path) -> dict:
    if rule.name == "process-missing-file":
        return dict(project=Project(tmp_path))  # an empty project: nothing to process
    return SETTINGS.get(rule.name, {})


def blocks(doc: str, heading: str) -> list[str]:
    section = doc.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.*?)```", section, re.S)


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_example_trips_the_rule(rule, tmp_path):
    [example] = blocks(rule.documentation(), "## Example")
    found = {d.rule for d in lint_script(example, "example.al", **settings(rule, tmp_path))}
    assert rule.name in found


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_use_instead_does_not(rule, tmp_path):
    for fixed in blocks(rule.documentation(), "## Use instead"):
        if "..." in fixed:
            continue  # an excerpt, not a whole script
        found = {d.rule for d in lint_script(fixed, "fixed.al", **settings(rule, tmp_path))}
        assert rule.name not in found
