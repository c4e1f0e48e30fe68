"""The formatter: one canonical layout for AnyLog scripts (see docs/style.md)."""

from compiler.fmt.layout import WIDTH
from compiler.fmt.verify import FormatError, format_text

__all__ = ["WIDTH", "FormatError", "format_text"]
