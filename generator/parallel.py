"""Spread independent work over the machine's cores.

Workers are forked after the parent has built everything they read (the plan, templates,
fonts), so nothing is pickled but item indices and small results. Below a threshold, or
where fork is not available, the work runs in this process.
"""
from __future__ import annotations

import contextlib
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
    worker forked from it) would carry them to the end. What was dropped holds no reference
    cycles (a full collection here found none, cold or with the cache, at 2,000 and 10,000
    drafts, and walked every object for 0.2 to 0.4 s), so it is freed already; only the
    allocator is asked to give the pages back."""
    if drafts < RELEASE_FROM_DRAFTS:
        return
    trim = _trim()
    if trim is not None:
        trim(0)


class Collection:
    """The garbage collector of this process while a build runs in it (`collection_paused`).

    A build first reads, checks and plans: it makes millions of objects that it keeps to its
    end (drafts, plan, the published site's manifest), none in a reference cycle. Each time
    they had grown by a quarter the collector walked them all and found nothing to free: ten
    times in a next-day build of 10,000 drafts, 1.7 s of it (bench/RESULTS.md). So collection
    is off until `keep_what_was_made`, which moves what exists out of the collector's reach
    and turns it on again: the engine, the templates and the pools of workers that follow do
    make cycles, and they are collected by walking only what was made since."""

    def __init__(self) -> None:
        self.enabled = gc.isenabled()

    def keep_what_was_made(self) -> None:
        global _KEPT
        gc.freeze()
        _KEPT = True
        if self.enabled:
            gc.enable()

    def end(self) -> None:
        """Collection as it was before the build, and what the build dropped collected: what
        was frozen goes back to the oldest generation, where the collector would leave it
        for long (a `serve` that rebuilt a 1,000-draft hub ten times held 14 MB more after
        each build), unless the process ends with the build (`process_ends_after_build`)."""
        global _KEPT
        froze, _KEPT = _KEPT, False
        if froze:
            gc.unfreeze()
        if self.enabled:
            gc.enable()
            if froze and not _ENDS_AFTER_BUILD:
                gc.collect()


# whether the build running in this process (one at a time: `serve` rebuilds in one thread) keeps
# what it made frozen (`Collection`) until its end; a flag, since gc.get_freeze_count() walks
# every frozen object (0.04 s a call after reading 10,000 drafts)
_KEPT = False
_ENDS_AFTER_BUILD = False


def process_ends_after_build() -> None:
    """The process ends when its build is done (the `policyhub` command, `cli.run`): the
    build does not collect what it dropped, which the end of the process frees."""
    global _ENDS_AFTER_BUILD
    _ENDS_AFTER_BUILD = True


@contextlib.contextmanager
def collection_paused():
    """No automatic garbage collection in this process until the `Collection` yielded is
    told to keep what was made (workers collect as usual); afterwards, collection as it was,
    taking whatever a program that builds again and again (`serve`) left."""
    collection = Collection()
    gc.disable()
    try:
        yield collection
    finally:
        collection.end()


def _run_chunk(indices: list[int]):
    # a worker makes and drops what it renders (Markdown, templates: some of it in cycles);
    # what it shares with the parent is frozen, out of the collector's reach
    gc.enable()
    func, items = _WORK
    return func([items[i] for i in indices])


def map_chunks(func: Callable[[list[T]], R], items: Sequence[T], workers: int, minimum: int,
               in_runs: int = 0) -> list[R]:
    """func(chunk) for interleaved chunks of `items`; the results in chunk order. `in_runs`:
    instead, at most that many chunks of consecutive items, each in a process of its own."""
    global _WORK
    if workers <= 1 or len(items) < minimum or "fork" not in multiprocessing.get_all_start_methods():
        return [func(list(items))]
    if in_runs:
        size = max(1, -(-len(items) // in_runs))
        chunks = [list(range(start, min(start + size, len(items)))) for start in range(0, len(items), size)]
    else:
        count = workers * 4
        chunks = [list(range(start, len(items), count)) for start in range(count)]
    _WORK = (func, items)
    # Objects made so far are moved out of the collector's reach: a collection in a worker
    # would otherwise write into every object's header and copy every page it shares with
    # the parent, so each worker would end up holding a whole copy of the plan.
    # What a build keeps frozen (`Collection`) stays so.
    unfreeze = not _KEPT
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=1 if in_runs else None) as pool:
            return pool.map(_run_chunk, chunks, chunksize=1)
    finally:
        if unfreeze:
            gc.unfreeze()
        _WORK = None
