"""Spread independent work over the machine's cores.

Workers are forked after the parent has built everything they read (the plan, templates,
fonts), so nothing is pickled but item indices and small results. Below a threshold, or
where fork is not available, the work runs in this process.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import gc
import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_WORK: tuple[Callable, Sequence] | None = None   # set in the parent just before forking


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@functools.lru_cache(maxsize=1)
def _trim():
    """glibc's malloc_trim, or None where the C library has none."""
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or None).malloc_trim
    except (OSError, AttributeError):
        return None


# Below this many drafts a hub frees a few megabytes at most (10 to 20 MB at 2,000 drafts, measured with
# and without), while a full collection walks every object of the process: in `serve`, or any
# program that builds one site after another, far more than the build made.
RELEASE_FROM_DRAFTS = 1000


def release_memory(drafts: int) -> None:
    """Give the memory of what is no longer used back to the system, for a hub of `drafts`
    drafts (from RELEASE_FROM_DRAFTS on). Reading and checking a hub makes and drops far more
    than it keeps (parsed files, cache lines, decoded JSON): the allocator keeps the freed
    pages for later, scattered between the objects that stay, and the process (and every
    worker forked from it) would carry them to the end."""
    if drafts < RELEASE_FROM_DRAFTS:
        return
    gc.collect()
    trim = _trim()
    if trim is not None:
        trim(0)


def _run_chunk(indices: list[int]):
    func, items = _WORK
    return func([items[i] for i in indices])


def map_chunks(func: Callable[[list[T]], R], items: Sequence[T], workers: int, minimum: int) -> list[R]:
    """func(chunk) for interleaved chunks of `items`; the results in chunk order."""
    global _WORK
    if workers <= 1 or len(items) < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return [func(list(items))]
    count = workers * 4
    chunks = [list(range(start, len(items), count)) for start in range(count)]
    _WORK = (func, items)
    # Objects made so far are moved out of the collector's reach: a collection in a worker
    # would otherwise write into every object's header and copy every page it shares with
    # the parent, so each worker would end up holding a whole copy of the plan.
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_run_chunk, chunks)
    finally:
        gc.unfreeze()
        _WORK = None
