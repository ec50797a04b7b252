"""The collector is paused only while a build runs in the process, and never in its workers."""
from __future__ import annotations

import gc
import multiprocessing
import weakref

import pytest

from generator import parallel


@pytest.fixture
def collector_on():
    enabled = gc.isenabled()
    gc.enable()
    yield
    if not enabled:
        gc.disable()


def test_collection_is_paused_during_the_block_and_resumes_after_it(collector_on):
    with parallel.collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_what_was_made_is_kept_out_of_collection_until_the_end(collector_on):
    with parallel.collection_paused() as collection:
        collection.keep_what_was_made()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        parallel.map_chunks(_collects, list(range(8)), workers=2, minimum=0)
        assert gc.get_freeze_count() > 0   # the workers' pool leaves it frozen
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_collection_resumes_after_a_failed_build(collector_on):
    with pytest.raises(RuntimeError):
        with parallel.collection_paused():
            raise RuntimeError("the build stopped")
    assert gc.isenabled()


def test_a_program_that_had_turned_collection_off_keeps_it_off(collector_on):
    gc.disable()
    with parallel.collection_paused():
        pass
    assert not gc.isenabled()


def _collects(chunk: list[int]) -> list[bool]:
    return [gc.isenabled() for _ in chunk]


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")
def test_workers_collect_while_the_parent_is_paused(collector_on):
    with parallel.collection_paused():
        found = parallel.map_chunks(_collects, list(range(8)), workers=2, minimum=0)
        assert not gc.isenabled()
    assert [flag for chunk in found for flag in chunk] == [True] * 8


class _Node:
    pass


def _cycle() -> weakref.ref:
    node = _Node()
    node.itself = node
    return weakref.ref(node)


def test_what_a_build_dropped_is_collected_at_its_end(collector_on):
    # a program that builds again and again (`serve`) must not keep each build's garbage
    with parallel.collection_paused() as collection:
        while_paused = _cycle()
        collection.keep_what_was_made()
        after = _cycle()
        parallel.map_chunks(_collects, list(range(8)), workers=2, minimum=0)
        assert while_paused() is not None   # frozen with what the build keeps
    assert while_paused() is None and after() is None


def test_the_command_leaves_its_garbage_to_the_end_of_the_process(collector_on, monkeypatch):
    monkeypatch.setattr(parallel, "_ENDS_AFTER_BUILD", False)
    parallel.process_ends_after_build()
    with parallel.collection_paused() as collection:
        dropped = _cycle()
        collection.keep_what_was_made()
    assert dropped() is not None and gc.isenabled()
    gc.collect()
    assert dropped() is None


def _with_process(chunk: list[int]) -> tuple[int, list[int]]:
    import os
    return os.getpid(), chunk


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="workers are forked")
def test_work_in_runs_takes_consecutive_items_each_run_in_a_fresh_process():
    found = parallel.map_chunks(_with_process, list(range(10)), workers=2, minimum=0, in_runs=4)
    assert [chunk for _, chunk in found] == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9]]
    assert len({pid for pid, _ in found}) == 4   # nothing one run touched is carried into the next
    assert parallel.map_chunks(_with_process, [], workers=2, minimum=0, in_runs=4) == []
    interleaved = parallel.map_chunks(_with_process, list(range(10)), workers=2, minimum=0)
    assert sorted(i for _, chunk in interleaved for i in chunk) == list(range(10))
    assert len({pid for pid, _ in interleaved}) <= 2
