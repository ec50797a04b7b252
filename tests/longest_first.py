"""With -n, each worker starts with long tests, so that none is left running alone at the end.

`--dist worksteal` hands worker i the i-th of N equal, consecutive parts of the collection; a
worker that runs out takes the back half of the longest queue. A test file with a test of many
seconds (a fresh install, linear growth, builds side by side) that comes near the end of a part
keeps its worker busy after the other has finished. So the files whose tests took longest in
the last run (pytest's cache, `.pytest_cache/`, as the controller read it when the run began)
are dealt to the parts longest first, each part to the one with the least time so far, and
each part starts with its own; the other files keep their order, cut to fill each part up to
its size. A file is cut only where the parts are cut, as before (its module fixtures are made
once in each part that runs it); what runs does not change, only the order. Without an earlier
run, or with fewer tests than twice the parts, nothing is moved.
"""
from __future__ import annotations

import pytest

KEY = "policyhub/durations"
SHARE_OF_LONG = 0.02   # a file with a test of at least 2% of the whole run's time starts a part


_times: dict[str, float] = {}   # this run's, in the controller (or the one process without -n)


def _file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist, in the controller: every worker gets the same durations, read once (none but
    for worksteal, whose parts `arranged` fills)."""
    config = node.config
    cache = getattr(config, "cache", None)   # None with -p no:cacheprovider
    node.workerinput[KEY] = cache.get(KEY, {}) if cache is not None and config.getoption("dist") == "worksteal" else {}


def pytest_runtest_logreport(report):
    if report.when in ("setup", "call", "teardown"):
        _times[report.nodeid] = _times.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session):
    config = session.config
    if hasattr(config, "workerinput") or getattr(config, "cache", None) is None or not _times:
        return
    known = dict(config.cache.get(KEY, {}))
    known.update({nodeid: round(seconds, 3) for nodeid, seconds in _times.items()})
    config.cache.set(KEY, known)


def parts_of(count: int, workers: int) -> list[int]:
    """The sizes of the parts worksteal first hands out (each idle worker: what is left // workers left)."""
    sizes, left = [], count
    for remaining in range(workers, 0, -1):
        sizes.append(left // remaining)
        left -= sizes[-1]
    return sizes


def arranged(nodeids: list[str], durations: dict[str, float], workers: int) -> list[str]:
    """`nodeids` in the order that starts each of the `workers` parts with long files."""
    if workers < 2 or len(nodeids) < 2 * workers or not durations:
        return nodeids
    files: dict[str, list[str]] = {}
    for nodeid in nodeids:
        files.setdefault(_file(nodeid), []).append(nodeid)
    total = sum(durations.get(n, 0.0) for n in nodeids)
    longest = {name: max(durations.get(n, 0.0) for n in ids) for name, ids in files.items()}
    spent = {name: sum(durations.get(n, 0.0) for n in ids) for name, ids in files.items()}
    long = sorted((name for name in files if total and longest[name] >= SHARE_OF_LONG * total),
                  key=lambda name: (-spent[name], name))
    heads: list[list[str]] = [[] for _ in range(workers)]
    loads = [0.0] * workers
    for name in long:
        part = min(range(workers), key=lambda i: (loads[i], i))
        heads[part].extend(files[name])
        loads[part] += spent[name]
    rest = [n for n in nodeids if _file(n) not in set(long)]
    order: list[str] = []
    for head, size in zip(heads, parts_of(len(nodeids), workers)):
        fill = size - len(head)
        if fill < 0:
            return [n for head in heads for n in head] + rest   # a part is all long files: long first
        order += head + rest[:fill]
        rest = rest[fill:]
    return order + rest


@pytest.hookimpl(trylast=True)   # after deselection (-m, -k): the parts are of what runs
def pytest_collection_modifyitems(config, items):
    workerinput = getattr(config, "workerinput", None)
    if workerinput is None:
        return
    by_id = {item.nodeid: item for item in items}
    order = arranged([item.nodeid for item in items], workerinput.get(KEY, {}), workerinput["workercount"])
    items[:] = [by_id[nodeid] for nodeid in order]
