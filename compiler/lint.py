"""The lint stage: parse, build the model, run the enabled rules, apply suppressions."""

from __future__ import annotations

import gc
import os
from pathlib import Path
from typing import NamedTuple

from compiler import record
from compiler import config as C
from compiler import rules as R
from compiler import suppress
from compiler.diagnostics import Diagnostic
from compiler.model import embedded as E
from compiler.model import script as M
from compiler.model.project import Project, find_root
from compiler.model.summary import Facts, Summary, summarize
from compiler.rules.context import Context
from compiler.source import SourceText, no_gc
from compiler.syntax.parser import parse

UNUSED = "unused-suppression"


def _matches(name: str, code: str, patterns: list[str]) -> bool:
    """Does a select/ignore list name this rule (ALL, its name, or a prefix of its code)?"""
    return any(p in ("ALL", "all") or p == name or code.startswith(p.upper()) for p in patterns)


def enabled(config: C.Config) -> list[type[R.Rule]]:
    """The rules ``config`` selects (worked out once per select and ignore list: a run asks
    for every file, twice)."""
    key = (tuple(config.select or ()), tuple(config.ignore or ()))
    rules = _ENABLED.get(key)
    if rules is None:
        rules = list(R.registry())
        if config.select:
            rules = [r for r in rules if _matches(r.name, r.code, config.select)]
        rules = _ENABLED[key] = [r for r in rules if not _matches(r.name, r.code, config.ignore)]
    return list(rules)


_ENABLED: dict[tuple, list[type[R.Rule]]] = {}


class Pending(NamedTuple):
    """A linted script whose findings may still need the project's facts (picklable)."""

    path: str
    found: list[Diagnostic]  # the findings that needed no project facts
    # (rule name, code, severity, data, placement): ``Rule.finish(data, facts)`` gives the
    # rest; placement, for a command of a policy script, puts them in the file.
    later: list[tuple]
    suppressions: list[suppress.Suppression]
    config: C.Config
    syntax_errors: int = 0  # the parser's diagnostics: a fix must never add one


# Set by the command line, which ends with a hard exit (``cli.app.run``): the last script's
# tree and model stay alive until the next script's parse begins, so the last one (in a
# one-file run, the only one) is never freed.  Freeing a tree costs a tenth of linting it.
KEEP_LAST = False
_kept: list = [None]


def lint_script(text: str, path: str, *, project: Project | None = None,
                config: C.Config | None = None) -> list[Diagnostic]:
    """Lint a script; the project's facts (from its other scripts) are read when a rule
    needs them."""
    with no_gc():
        pending, _summary = _begin_script(text, path, project, config, defer=False)
    return finish(pending, None)


def _begin_script(text: str, path: str, project: Project | None, config: C.Config | None,
                  defer: bool) -> tuple[Pending, Summary | None]:
    """Parse, build and lint a script.  With ``defer``, what needs the project's facts is
    left in ``Pending.later`` and the script's summary is returned, for ``finish`` once the
    whole project is read; else the project's facts are read now.  The tree is dropped."""
    config = config or C.Config()
    if _kept[0] is not None:
        # The previous script's tree goes before this one is built (peak memory).  It was
        # frozen (begin_file): thawed into the oldest generation, it is freed by reference
        # counting, and a full collection would still find a cycle in it.
        gc.unfreeze()
        _kept[0] = None
    script = parse(text, path)
    model = M.build(script)
    if KEEP_LAST:
        _kept[0] = (script, model)
    if project is None:
        project = Project(None)
    summary = None
    if defer:
        summary = summarize(model, path)
    else:
        project.add(path, model)
    rules = enabled(config)
    later: list[tuple] | None = [] if defer else None
    found = run_rules(script, model, path, project, config, rules, later)
    found.extend(_embedded(script, path, project, config, rules, later, model.memo.get("embedded")))
    return Pending(path, found, later or [], suppress.collect(script), config,
                   len(script.diagnostics)), summary


def finish(pending: Pending, facts: Facts | None) -> list[Diagnostic]:
    """The findings of a script once its project's facts are known: the deferred ones
    added, suppressions applied, sorted."""
    found = list(pending.found)
    path = pending.path
    for name, code, severity, data, place in pending.later:
        for finding in R.lookup(name).finish(data, facts):
            span = finding.span
            if place is None:
                found.append(Diagnostic(path, span.line, span.column, span.end_line, span.end_column,
                                        code, name, severity, finding.message, finding.help, finding.fix))
                continue
            starts, ends = place  # (line, column) of each column's first character, and after it
            column, end_column = span.column, span.end_column
            line, col = starts[column - 1]
            end_line, end_col = ends[end_column - 2] if end_column > column else (line, col)
            found.append(Diagnostic(path, line, col, end_line, end_col, code, name, severity,
                                    f"{finding.message} (in a policy script)", finding.help))
    rules = enabled(pending.config)
    found = _apply_suppressions(pending.suppressions, found, path, pending.config, rules)
    if pending.config.adjusts_fixes:
        found = _adjust_fixes(found, pending.config)
    return sorted(found, key=Diagnostic.sort_key)


def _adjust_fixes(found: list[Diagnostic], config: C.Config) -> list[Diagnostic]:
    """`fixable` / `unfixable` drop fixes, `extend-safe-fixes` / `extend-unsafe-fixes` change
    how safe they count (as ruff's settings of those names)."""
    from compiler.diagnostics import SAFE, UNSAFE

    out = []
    for diag in found:
        fix = diag.fix
        if fix is not None:
            if (config.fixable and not _matches(diag.rule, diag.code, config.fixable)) \
                    or _matches(diag.rule, diag.code, config.unfixable):
                fix = None
            elif _matches(diag.rule, diag.code, config.extend_unsafe_fixes):
                fix = record.replace(fix, applicability=UNSAFE)
            elif _matches(diag.rule, diag.code, config.extend_safe_fixes):
                fix = record.replace(fix, applicability=SAFE)
            if fix is not diag.fix:
                diag = record.replace(diag, fix=fix)
        out.append(diag)
    return out


def run_rules(script, model, path: str, project: Project, config: C.Config,
              rules: list[type[R.Rule]], later: list[tuple] | None = None) -> list[Diagnostic]:
    """The findings of ``rules`` on one parsed script, with the configured severities.  With
    ``later`` (a list), the parts that need the project's facts are appended to it."""
    ctx = Context(path, script, model, project, config, [] if later is not None else None)
    found: list[Diagnostic] = []
    for rule_class in rules:
        if rule_class.name == UNUSED:
            continue
        rule = rule_class()
        severity = config.severity_of(rule.name, rule.code, rule.severity)
        for finding in rule.check(ctx):
            span = finding.span
            found.append(Diagnostic(path, span.line, span.column, span.end_line, span.end_column,
                                    rule.code, rule.name, severity, finding.message, finding.help,
                                    finding.fix))
        if ctx.deferred:
            later.extend((r.name, r.code, severity, data, None) for r, data in ctx.deferred)
            ctx.deferred.clear()
    return found


def lint_file(text: str, path: str, *, project: Project | None = None,
              config: C.Config | None = None) -> list[Diagnostic]:
    """Lint a script or, by its suffix, a spec."""
    from compiler.files import is_spec

    config = config or C.Config()
    if not is_spec(path):
        return lint_script(text, path, project=project, config=config)
    return _lint_spec(text, path, config)


def begin_file(text: str, path: str, project: Project, config: C.Config
               ) -> tuple[Pending | list[Diagnostic], Summary | None]:
    """``lint_file`` in `alc lint`'s one pass over a project: a script's findings that need
    the project's facts wait (``finish``), and its summary is returned for the project."""
    from compiler.files import is_spec

    if is_spec(path):
        return _lint_spec(text, path, config), None
    with no_gc():
        result = _begin_script(text, path, project, config, defer=True)
    if _kept[0] is not None:
        # A kept tree (KEEP_LAST) is all in the youngest generation, made with the collector
        # paused: frozen, no collection walks it.
        gc.freeze()
        return result
    # Reference counting has freed the tree: nothing in it refers back to itself (tests
    # check it).  Collecting the youngest generation is the safety net should a rule ever
    # leave a cycle through a tree; it costs little, as what survives a file is small.
    gc.collect(0)
    return result


def _lint_spec(text: str, path: str, config: C.Config) -> list[Diagnostic]:
    from compiler.lint_spec import lint_spec

    rules = enabled(config)
    found = lint_spec(text, path, config, rules)
    found = [d for d in found if not _matches(d.rule, d.code, config.ignore)
             and (not config.select or _matches(d.rule, d.code, config.select))]
    for d in found:
        d.severity = config.severity_of(d.rule, d.code, d.severity)
    found = _apply_suppressions(suppress.collect(None, SourceText(text)), found, path, config, rules)
    if config.adjusts_fixes:
        found = _adjust_fixes(found, config)
    return sorted(found, key=Diagnostic.sort_key)


def _spec_check(name: str) -> bool:
    from compiler.spec import codes

    return any(name in (c.code, c.rule) for c in codes.ALL)


def _embedded(script, path: str, project: Project, config: C.Config,
              rules: list[type[R.Rule]], later: list[tuple] | None = None,
              commands: list[E.Embedded] | None = None) -> list[Diagnostic]:
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
        waiting: list[tuple] | None = [] if later is not None else None
        for diag in run_rules(cmd.script, model, path, project, config, embedded, waiting):
            start = cmd.file_offset(diag.column)
            end = cmd.file_offset(diag.end_column - 1) + 1 if diag.end_column > diag.column else start
            at = src.span(start, end)
            # No fix: its edits are in the command string, not in the file (which quotes it).
            found.append(record.replace(diag, line=at.line, column=at.column, end_line=at.end_line,
                                             end_column=at.end_column,
                                             message=f"{diag.message} (in a policy script)", fix=None))
        if waiting:
            # Where each column of the command is in the file, for the findings to come.
            columns = range(1, len(cmd.text) + 3)
            place = (tuple(src.position(cmd.file_offset(c)) for c in columns),
                     tuple(src.position(cmd.file_offset(c) + 1) for c in columns))
            later.extend((name, code, severity, data, place) for name, code, severity, data, _ in waiting)
    return found


def _apply_suppressions(suppressions: list[suppress.Suppression], found: list[Diagnostic], path: str,
                        config: C.Config, rules: list[type[R.Rule]]) -> list[Diagnostic]:
    if not suppressions:
        return found
    for sup in suppressions:
        sup.used = set()  # a pending file may be finished more than once (`alc lint --fix`)
    kept = []
    for diag in found:
        hit = False
        for sup in suppressions:
            if not sup.covers(diag.line):
                continue
            for name in sup.names:
                if name == diag.rule or name.upper() == diag.code:
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
        unused = []
        for name in sup.names:
            if name in sup.used:
                continue
            rule = R.lookup(name)
            if rule is None and not _spec_check(name):
                continue  # not a rule alc knows: a usage error (lint_run), not a finding
            if rule is not None and rule.name not in active:
                continue  # the rule is not selected in this run: we cannot tell
            unused.append(name)
        for name in unused:
            span = sup.spans[sup.names.index(name)]
            kept.append(Diagnostic(path, span.line, span.column, span.end_line, span.end_column,
                                   unused_rule.code, UNUSED, severity,
                                   f"this suppression of `{name}` matches no finding; remove it",
                                   None, sup.fix_for(name, unused)))
    return kept


def suppression_errors(text: str, path: str) -> list[str]:
    """A one-line error for each name in the suppressions of ``text`` that is no rule or code
    alc knows (a usage error, as in --select): a misspelt name would suppress nothing."""
    from compiler import codes
    from compiler.rules.helpers import did_you_mean

    errors = []
    for span, name in suppress.unknown_names(text, lambda name: codes.lookup(name) is not None):
        guess = did_you_mean(name, codes.names_and_codes(), cutoff=0.6)
        hint = f"; did you mean `{guess}`?" if guess else "; `alc rules` lists them"
        errors.append(f"{path}:{span.line}:{span.column}: `{name}` in a suppression is not a rule "
                      f"or code alc knows{hint}")
    return errors


def project_for(path: Path, config: C.Config, cache: dict, fallback: Path | None = None,
                roots: dict[Path, Path | None] | None = None, named: tuple[str, ...] = ()) -> Project:
    """The project of ``path`` (``cache``: projects by root; ``roots``: find_root's memo).
    A file named on the command line (``named``: their real paths) with no project marker
    above it and no `root` is in the project of the files named so: what the user gave, not
    every script below its folder."""
    root = config.root or find_root(path, roots) or fallback
    if root is None and named and str(path) in named:
        if "named" not in cache:
            scripts = tuple(p for p in named if find_root(Path(p), roots) is None)
            folder = Path(os.path.commonpath([os.path.dirname(p) for p in scripts]))
            cache["named"] = Project(folder, named=scripts)
        return cache["named"]
    root = root or (path if path.is_dir() else path.parent)
    # A run (``roots`` given) resolves each root once, not once per file; the server, whose
    # projects outlive a run, resolves it every time.
    key = cache.get(("resolved", root)) if roots is not None else None
    if key is None:
        key = root.resolve() if root else Path("/__none__")
        if roots is not None:
            cache[("resolved", root)] = key
    resolved = None if key == Path("/__none__") else key
    if key not in cache:
        cache[key] = Project(resolved)
    return cache[key]
