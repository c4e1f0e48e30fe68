"""``alc schema``: print the JSON Schema of spec files (for editors and other tools)."""

from __future__ import annotations

import sys

from compiler.spec.schema import schema_text


def schema() -> None:
    """Print the JSON Schema (draft 2020-12) that spec files follow."""
    sys.stdout.write(schema_text())
