"""``alc clean``: remove the result cache (``compiler.cache``) of the working folder's project."""

from __future__ import annotations

import typer


def clean() -> None:
    """Remove the result cache (.alc_cache, or where ALC_CACHE_DIR or cache-dir says): the
    next `alc lint` and `alc fmt --check` read every file again. Exit 0."""
    from compiler import cache

    store = cache.store()
    if cache.clean(store.top):
        typer.echo(f"removed the cache at {store.top}")
    else:
        typer.echo(f"no cache at {store.top}")
