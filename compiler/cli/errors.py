"""The one-line message for a bug in alc itself: the user gets no traceback and no damage."""

from __future__ import annotations


def internal_error(path: str, exc: Exception, outcome: str = "") -> str:
    detail = " ".join(str(exc).split())[:200]
    return f"{path}: internal error ({type(exc).__name__}: {detail}){outcome}; please report this"
