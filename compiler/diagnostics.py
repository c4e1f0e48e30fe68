"""Diagnostics: the one shape in which alc reports anything it finds.

The JSON form is the contract other tools read (see docs/architecture.md):
``{"path", "line", "column", "end_line", "end_column", "code", "rule", "severity",
"message", "help"?, "fix"?}`` with 1-based lines and columns.  A fix is
``{"applicability", "message", "edits": [{"content", "line", "column", "end_line",
"end_column"}]}``: each edit replaces its range (end exclusive) with ``content``.
"""

from __future__ import annotations

import operator
from typing import Any

from compiler.record import record

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)

# Syntax errors are reported like any rule.  The parser classifies them into these three
# (the rule modules in compiler/rules/syntax document them); codes are stable.
SYNTAX_CODE = "ALC001"
SYNTAX_RULE = "syntax-error"
MISSING_THEN_CODE = "ALC002"
MISSING_THEN_RULE = "missing-then"
INCOMPLETE_CODE = "ALC003"
INCOMPLETE_RULE = "incomplete-statement"
PARSER_RULES = {SYNTAX_RULE: SYNTAX_CODE, MISSING_THEN_RULE: MISSING_THEN_CODE,
                INCOMPLETE_RULE: INCOMPLETE_CODE}


# How sure a fix is (ruff's words): a safe fix cannot change what the script does beyond what
# the finding says it fixes, and `alc lint --fix` applies it; an unsafe one is a best guess
# (a did-you-mean), applied only with `--unsafe-fixes`.
SAFE = "safe"
UNSAFE = "unsafe"
APPLICABILITIES = (SAFE, UNSAFE)


@record(frozen=True, slots=True)
class Edit:
    """Replace the text from ``start`` to ``end`` (file offsets, end exclusive) with
    ``content``; the 1-based lines and columns of both ends are what reports show."""

    start: int
    end: int
    content: str
    line: int
    column: int
    end_line: int
    end_column: int

    def to_dict(self) -> dict[str, Any]:
        return {"content": self.content, "line": self.line, "column": self.column,
                "end_line": self.end_line, "end_column": self.end_column}


@record(frozen=True, slots=True)
class Fix:
    """The edits that fix one finding, all or none of them applied."""

    applicability: str  # SAFE or UNSAFE
    message: str  # what the fix does, in the imperative: "insert `then`"
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"applicability": self.applicability, "message": self.message,
                "edits": [edit.to_dict() for edit in self.edits]}


@record(slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: str
    message: str
    help: str | None = None
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
        }
        if self.help is not None:
            data["help"] = self.help
        if self.fix is not None:
            data["fix"] = self.fix.to_dict() if isinstance(self.fix, Fix) else self.fix
        return data


# ``Diagnostic.sort_key`` as a C-level key: sorting a run's findings (tens of thousands over a
# large project) with it costs half as much as calling the method for each.
SORT_KEY = operator.attrgetter("path", "line", "column", "code", "message")
