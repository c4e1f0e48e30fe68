"""Worker processes across files, for `alc lint` and `alc fmt` (``--jobs``).

Files go to workers in contiguous chunks of about equal bytes, and the chunks' results come
back in file order, so a command's output is the same with any number of jobs.  Workers are
forked: they inherit the parsed grammar tables and the work to do, nothing is pickled on the
way in, and only each chunk's results on the way out.
"""

from __future__ import annotations

import os
from typing import Callable

from compiler import files

# Below this many bytes of input, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 256 * 1024

_WORK: Callable[[list[str]], list] | None = None  # the chunk's work, as forked workers inherit it
used_workers = False  # the last run_chunks call used worker processes (for tests)


def default_jobs() -> int:
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def sizes_of(found: list[str]) -> list[int]:
    """The size of each file in bytes (0 when it cannot be read: it is reported later)."""
    sizes = []
    for path in found:
        try:
            sizes.append(os.path.getsize(path))
        except OSError:
            sizes.append(0)
    return sizes


def chunks(found: list[str], sizes: list[int], parts: int) -> list[list[str]]:
    """``found`` cut in up to ``parts`` runs of consecutive files of about equal bytes."""
    weights = [size + 1 for size in sizes]  # an empty file is still a file to work on
    total = sum(weights)
    out: list[list[str]] = [[]]
    done = 0
    for path, weight in zip(found, weights):
        if out[-1] and done >= total * len(out) / parts:
            out.append([])
        out[-1].append(path)
        done += weight
    return out


def worth_workers(found: list[str], jobs: int) -> list[int] | None:
    """The files' sizes when they are worth worker processes, else None."""
    if jobs <= 1 or len(found) < 2 or files.STDIN in found:
        return None
    sizes = sizes_of(found)
    return sizes if sum(sizes) >= PARALLEL_MIN_BYTES else None


def _run_chunk(chunk: list[str]) -> list:
    return _WORK(chunk)


def run_chunks(work: Callable[[list[str]], list], found: list[str], jobs: int) -> list:
    """``work(found)``: one result per file, in order; in up to ``jobs`` worker processes
    when the input is worth them.  ``work`` may be any callable (workers are forked)."""
    global _WORK, used_workers
    sizes = worth_workers(found, jobs)
    used_workers = sizes is not None
    if sizes is None:
        return work(found)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _WORK = work
    results: list = []
    try:
        # A few chunks per worker: one slow chunk does not hold the others up.
        parts = chunks(found, sizes, jobs * 4)
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(parts)), mp_context=context) as pool:
            for part in pool.map(_run_chunk, parts):
                results.extend(part)
    finally:
        _WORK = None
    return results
