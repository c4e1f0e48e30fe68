"""The lint stage: parse, build the model, run the enabled rules, apply suppressions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from compiler import config as C
from compiler import rules as R
from compiler import suppress
from compiler.diagnostics import Diagnostic
from compiler.model import embedded as E
from compiler.model import script as M
from compiler.model.project import Project, find_root
from compiler.rules.context import Context
from compiler.source import SourceText, no_gc
from compiler.syntax.parser import parse

UNUSED = "unused-suppression"


def _matches(name: str, code: str, patterns: list[str]) -> bool:
    """Does a select/ignore list name this rule (ALL, its name, or a prefix of its code)?"""
    return any(p in ("ALL", "all") or p == name or code.startswith(p.upper()) for p in patterns)


def enabled(config: C.Config) -> list[type[R.Rule]]:
    rules = list(R.registry())
    if config.select:
        rules = [r for r in rules if _matches(r.name, r.code, config.select)]
    return [r for r in rules if not _matches(r.name, r.code, config.ignore)]


def lint_script(text: str, path: str, *, project: Project | None = None,
                config: C.Config | None = None) -> list[Diagnostic]:
    with no_gc():
        return _lint_script(text, path, project, config)


def _lint_script(text: str, path: str, project: Project | None, config: C.Config | None) -> list[Diagnostic]:
    config = config or C.Config()
    script = parse(text, path)
    model = M.build(script)
    if project is None:
        project = Project(None)
    project.add(path, model)
    rules = enabled(config)
    found = run_rules(script, model, path, project, config, rules)
    found.extend(_embedded(script, path, project, config, rules, model.memo.get("embedded")))
    found = _apply_suppressions(suppress.collect(script), found, path, config, rules)
    return sorted(found, key=Diagnostic.sort_key)


def run_rules(script, model, path: str, project: Project, config: C.Config,
              rules: list[type[R.Rule]]) -> list[Diagnostic]:
    """The findings of ``rules`` on one parsed script, with the configured severities."""
    ctx = Context(path, script, model, project, config)
    found: list[Diagnostic] = []
    for rule_class in rules:
        if rule_class.name == UNUSED:
            continue
        rule = rule_class()
        severity = config.severity_of(rule.name, rule.code, rule.severity)
        for finding in rule.check(ctx):
            span = finding.span
            found.append(Diagnostic(path, span.line, span.column, span.end_line, span.end_column,
                                    rule.code, rule.name, severity, finding.message, finding.help))
    return found


def lint_file(text: str, path: str, *, project: Project | None = None,
              config: C.Config | None = None) -> list[Diagnostic]:
    """Lint a script or, by its suffix, a spec."""
    from compiler.files import is_spec

    config = config or C.Config()
    if not is_spec(path):
        return lint_script(text, path, project=project, config=config)
    from compiler.lint_spec import lint_spec

    rules = enabled(config)
    found = lint_spec(text, path, config, rules)
    found = [d for d in found if not _matches(d.rule, d.code, config.ignore)
             and (not config.select or _matches(d.rule, d.code, config.select))]
    for d in found:
        d.severity = config.severity_of(d.rule, d.code, d.severity)
    found = _apply_suppressions(suppress.collect(None, SourceText(text)), found, path, config, rules)
    return sorted(found, key=Diagnostic.sort_key)


def _spec_check(name: str) -> bool:
    from compiler.spec import codes

    return any(name in (c.code, c.rule) for c in codes.ALL)


def _embedded(script, path: str, project: Project, config: C.Config,
              rules: list[type[R.Rule]], commands: list[E.Embedded] | None = None) -> list[Diagnostic]:
    """Findings in the command strings of `[config][script]` lists, placed in the file
    (``commands``: the ones the model found already)."""
    if commands is None:
        commands = E.find(script)
    if not commands:
        return []
    src = SourceText(script.text)
    embedded = [r for r in rules if r.embedded]
    found = []
    for cmd in commands:
        model = M.build(cmd.script, embedded=False)
        for diag in run_rules(cmd.script, model, path, project, config, embedded):
            start = cmd.file_offset(diag.column)
            end = cmd.file_offset(diag.end_column - 1) + 1 if diag.end_column > diag.column else start
            at = src.span(start, end)
            found.append(dataclasses.replace(diag, line=at.line, column=at.column, end_line=at.end_line,
                                             end_column=at.end_column,
                                             message=f"{diag.message} (in a policy script)"))
    return found


def _apply_suppressions(suppressions: list[suppress.Suppression], found: list[Diagnostic], path: str,
                        config: C.Config, rules: list[type[R.Rule]]) -> list[Diagnostic]:
    if not suppressions:
        return found
    kept = []
    for diag in found:
        hit = False
        for sup in suppressions:
            if not sup.covers(diag.line):
                continue
            for name in sup.names:
                if name in (diag.rule, diag.code):
                    sup.used.add(name)
                    hit = True
        if not hit:
            kept.append(diag)
    unused_rule = R.lookup(UNUSED)
    if unused_rule is None or unused_rule not in rules:
        return kept
    active = {r.name for r in rules} | {r.code for r in rules}
    severity = config.severity_of(UNUSED, unused_rule.code, unused_rule.severity)
    for sup in suppressions:
        for name, span in zip(sup.names, sup.spans):
            if name in sup.used:
                continue
            if R.lookup(name) is None and not _spec_check(name):
                message = f"`{name}` is not a rule alc knows; this suppression does nothing"
            elif R.lookup(name) is None:
                message = f"this suppression of `{name}` matches no finding; remove it"
            elif name not in active:
                continue  # the rule is not selected in this run: we cannot tell
            else:
                message = f"this suppression of `{name}` matches no finding; remove it"
            kept.append(Diagnostic(path, span.line, span.column, span.end_line, span.end_column,
                                   unused_rule.code, UNUSED, severity, message))
    return kept


def project_for(path: Path, config: C.Config, cache: dict[Path, Project],
                fallback: Path | None = None) -> Project:
    root = config.root or find_root(path) or fallback or (path if path.is_dir() else path.parent)
    key = root.resolve() if root else Path("/__none__")
    if key not in cache:
        cache[key] = Project(root.resolve() if root else None)
    return cache[key]
