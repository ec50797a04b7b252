"""Spread independent work over the machine's cores.

Workers are forked after the parent has built everything they read (the plan, templates,
fonts), so nothing is pickled but item indices and small results. Below a threshold, or
where fork is not available, the work runs in this process.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_WORK: tuple[Callable, Sequence] | None = None   # set in the parent just before forking


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


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
