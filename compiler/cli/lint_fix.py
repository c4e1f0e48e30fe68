"""`alc lint --fix` and `--diff` over a run: fixes applied in rounds, then written.

Each round finishes every file's findings with its project's facts, applies the fixes that
apply (``compiler.fixes.apply``) to the files' texts in memory, and lints the changed files
again (in worker processes for large inputs, as the first pass): a fix in one file can
change what another file's findings are.  Rounds end when no fix applies.  A round that
would add a syntax error to a file, or a file whose fixes do not settle, is a bug in a
rule's fix: that file keeps its text, and the run says so (exit 2).

Then each changed file is written atomically, refused if it changed on disk since alc read
it (``safe_io.write_atomic(expect=...)``); walked links were left out before linting.
Standard input is written back to standard output, fixed or not; `--diff` writes nothing
and prints a unified diff of each file instead.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field

from compiler import files
from compiler import fixes as F
from compiler.cli import parallel
from compiler.cli.lint_run import Linted, Run, finish_all
from compiler.diagnostics import PARSER_RULES


@dataclass
class Outcome:
    results: list[Linted]  # the final state: pending findings of the fixed texts
    original: dict[str, str] = field(default_factory=dict)  # path -> the text read
    current: dict[str, str] = field(default_factory=dict)  # path -> the text fixed
    fixed: Counter = field(default_factory=Counter)  # (path shown, code, rule) -> findings fixed
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> dict[str, str]:
        """path -> its fixed text, for every file a fix changed (and standard input)."""
        return {path: text for path, text in self.current.items()
                if text != self.original[path] or path == files.STDIN}

    @property
    def fixed_count(self) -> int:
        return sum(self.fixed.values())

    @property
    def fixed_files(self) -> int:
        return len({path for path, _code, _rule in self.fixed})

    def show(self) -> str:
        """`--show-fixes`: what was fixed, per file and rule (ruff's list)."""
        if not self.fixed:
            return ""
        lines = [f"Fixed {self.fixed_count} problem{'s' if self.fixed_count != 1 else ''}:"]
        for path in sorted({path for path, _code, _rule in self.fixed}):
            lines.append(f"- {path}:")
            for (where, code, rule), count in sorted(self.fixed.items()):
                if where == path:
                    lines.append(f"    {count} × {code} ({rule})")
        return "\n".join(lines) + "\n\n"


def _syntax_errors(found) -> int:
    """How many syntax errors the parser found in a file (a fix must never add one)."""
    from compiler.lint import Pending

    if isinstance(found, Pending):
        return found.syntax_errors
    return sum(1 for d in found if d.rule in PARSER_RULES or d.rule == "spec-syntax-error")


def fix_run(run: Run, paths: list[str], results: list[Linted], unsafe: bool, jobs: int) -> Outcome:
    outcome = Outcome(list(results))
    index = {path: i for i, path in enumerate(paths)}
    for path, entry in zip(paths, results):
        if entry.source is not None:
            outcome.original[path] = outcome.current[path] = entry.source[1]
    given_up: set[str] = set()
    for _round in range(F.MAX_ROUNDS):
        changed: dict[str, tuple[str, list]] = {}
        for path, entry in zip(paths, finish_all(outcome.results, run.cache, keep=False)):
            if path not in outcome.current or path in given_up:
                continue
            text, fixed = F.apply(outcome.current[path], entry.found, unsafe)
            if fixed and text != outcome.current[path]:
                changed[path] = (text, fixed)
        if not changed:
            return outcome
        run.texts = {path: text for path, (text, _fixed) in changed.items()}
        again = parallel.run_chunks(run.lint, list(changed), jobs)
        run.texts = {}
        for path, entry in zip(changed, again):
            before = outcome.results[index[path]]
            if entry.source is None or _syntax_errors(entry.found) > _syntax_errors(before.found):
                given_up.add(path)
                outcome.errors.append(f"{before.source[0]}: internal error (a fix would add a syntax "
                                      "error); the fixes of this round were not applied; please report this")
                continue
            outcome.results[index[path]] = entry
            outcome.current[path] = changed[path][0]
            for diag in changed[path][1]:
                outcome.fixed[(entry.source[0], diag.code, diag.rule)] += 1
    # Still changing after MAX_ROUNDS: a bug in a rule's fix.  Those files keep their text.
    unsettled = list(changed)
    run.texts = {path: outcome.original[path] for path in unsettled}
    for path, entry in zip(unsettled, parallel.run_chunks(run.lint, unsettled, jobs)):
        outcome.results[index[path]] = entry
        outcome.current[path] = outcome.original[path]
        shown = entry.source[0] if entry.source else path
        for key in [key for key in outcome.fixed if key[0] == shown]:
            del outcome.fixed[key]
        outcome.errors.append(f"{entry.source[0] if entry.source else path}: internal error (the fixes did not "
                              f"settle after {F.MAX_ROUNDS} rounds); the file was left unchanged; please report this")
    run.texts = {}
    return outcome


def write(outcome: Outcome, diff: bool, paths: list[str], stdin_filename: str) -> list[str]:
    """Write (or with ``diff`` print) what the fixes changed; the errors, one line each."""
    from compiler.safe_io import WriteError, write_atomic

    errors = []
    for path in paths:
        if path not in outcome.changed:
            continue
        before, after = outcome.original[path], outcome.current[path]
        shown = stdin_filename if path == files.STDIN else path
        if diff:
            if after != before:
                from compiler.cli.fmt_run import unified_diff

                sys.stdout.write(unified_diff(before, after, shown))
        elif path == files.STDIN:
            sys.stdout.flush()
            sys.stdout.buffer.write(after.encode("utf-8"))
            sys.stdout.buffer.flush()
        else:
            try:
                # A link the user named is fixed through; walked links were left out.
                write_atomic(path, after, expect=before, follow_links=True)
            except WriteError as exc:
                errors.append(str(exc))
    sys.stdout.flush()
    return errors


def finish_quietly(outcome: Outcome, errors: list[str], diff: bool, exit_non_zero_on_fix: bool, err) -> int:
    """`--diff` and `--fix-only`: no report of what remains, one line of what was (or would
    be) fixed on stderr.  Exit 1 when `--diff` shows a change (or `--fix-only` fixed one
    with `--exit-non-zero-on-fix`), 2 on an error."""
    count, files_ = outcome.fixed_count, outcome.fixed_files
    what = (f"{count} problem{'s' if count != 1 else ''} in {files_} file{'s' if files_ != 1 else ''}")
    if count:
        sys.stderr.write(f"{'Would fix' if diff else 'Fixed'} {what}.\n")
    else:
        sys.stderr.write("No fixes to apply.\n")
    for message in errors:
        err(message)
    if errors:
        return 2
    return 1 if count and (diff or exit_non_zero_on_fix) else 0
