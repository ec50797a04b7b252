"""Whoever can write the cache folder can put links in it, also while a build runs, and can
make its files as large as the disk allows: no entry is then read, written or removed
outside the cache folder, at whatever moment a link is swapped in, and an entry too large
to be one is a miss, made again, never read into memory."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.cache import manifest as site_manifest
from generator.cache import sources as source_cache
from generator.cache import store
from generator.cache.store import FileCache, read_regular, write_new

KEY, OTHER = "ab" * 32, "cd" * 32


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder` with its bytes and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def test_a_link_planted_at_the_name_of_a_half_written_entry_is_never_written_through(tmp_path):
    """The temporary name of an entry being written is predictable (the entry's name and the
    build's process id): a link placed there beforehand must not lead the write out of the cache."""
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"someone else's file")
    pages = FileCache(tmp_path / "cache" / "pages", ".html", 60)
    entry = pages.path(KEY)
    entry.parent.mkdir(parents=True)
    (entry.parent / f".{entry.name}.{os.getpid()}").symlink_to(victim)
    sources = tmp_path / "cache" / source_cache.FILE_NAME
    (sources.parent / f".{sources.name}.{os.getpid()}").symlink_to(victim)

    pages.write(KEY, b"<p>page</p>")
    write_new(sources, b"data")
    cache = source_cache.SourceCache(tmp_path / "cache" / "other.jsonl")
    (tmp_path / "cache" / f".other.jsonl.{os.getpid()}").symlink_to(victim)
    cache.put("ef" * 32, {"a": 1}, lambda value: value)
    cache.save()

    assert victim.read_bytes() == b"someone else's file"
    assert pages.read(KEY) == b"<p>page</p>" and sources.read_bytes() == b"data"
    assert (tmp_path / "cache" / "other.jsonl").is_file()


def test_reading_an_entry_never_touches_a_file_outside_the_cache(tmp_path):
    """Reading touches the entry (still in use); a link swapped in for it must not carry the
    touch to the file it points to."""
    pages = FileCache(tmp_path / "cache" / "pages", ".html", 60)
    pages.write(KEY, b"<p>page</p>")
    outside = tmp_path / "outside.html"
    outside.write_bytes(pages.path(KEY).read_bytes())
    os.utime(outside, ns=(10**18, 10**18))
    real_open = os.open

    def swapping_open(path, flags, *args, **kwargs):   # the entry is replaced by a link once opened
        fd = real_open(path, flags, *args, **kwargs)
        if os.fspath(path).endswith(f"{KEY}.html"):
            entry = pages.path(KEY)
            entry.unlink()
            entry.symlink_to(outside)
        return fd

    os.open = swapping_open
    try:
        pages.read(KEY)
    finally:
        os.open = real_open
    assert outside.stat().st_mtime_ns == 10**18


def _operations(pages: FileCache):
    yield "read", lambda: pages.read(KEY)
    yield "write", lambda: pages.write(KEY, b"<p>own</p>")
    yield "prune", lambda: pages.prune(keep=())
    yield "prune by age", lambda: pages.prune(now=10**12)


@pytest.mark.parametrize("operation", ["read", "write", "prune", "prune by age"])
@pytest.mark.parametrize("swapped", ["kind", "subfolder"])
def test_a_link_swapped_in_during_a_build_never_leads_outside_the_cache(tmp_path, operation, swapped):
    """The folder of a kind of entry (`pages/`) or one of its two-letter folders is replaced
    by a link to another folder just before the build asks the file system something, at
    each of its steps in turn: nothing outside the cache is read, written, touched or removed."""
    outside, cache = tmp_path / "outside", tmp_path / "cache"
    steps, total = -1, None   # the first round swaps nothing and counts the steps
    while total is None or steps < total:
        for folder in (outside, cache):
            shutil.rmtree(folder, ignore_errors=True)
        FileCache(outside, ".html", 60).write(KEY, b"<p>planted</p>")      # passes its check
        FileCache(outside, ".html", 60).write(OTHER, b"<p>someone else's</p>")
        for path in (outside / KEY[:2] / f"{KEY}.html", outside / OTHER[:2] / f"{OTHER}.html"):
            os.utime(path, ns=(10**18, 10**18))
        pages = FileCache(cache / "pages", ".html", 60)
        pages.write(KEY, b"<p>own</p>")
        pages.write(OTHER, b"<p>own</p>")
        before = snapshot(outside)
        target = os.fspath(pages.folder if swapped == "kind" else pages.folder / KEY[:2])
        link_to = outside if swapped == "kind" else outside / KEY[:2]
        calls = 0
        real = {name: getattr(os, name) for name in ("open", "stat", "lstat", "listdir", "scandir", "mkdir",
                                                     "unlink", "rmdir", "replace", "rename", "utime")}

        def swap_then(name):
            def call(*args, **kwargs):
                nonlocal calls
                calls += 1
                if calls == steps + 1 and steps >= 0:
                    real["rename"](target, target + "-moved")
                    os.symlink(link_to, target)
                return real[name](*args, **kwargs)
            return call

        action = dict(_operations(pages))[operation]
        for name in real:
            setattr(os, name, swap_then(name))
        try:
            found = action()
        finally:
            for name, function in real.items():
                setattr(os, name, function)
        assert snapshot(outside) == before, f"step {steps}"
        assert found in (None, b"<p>own</p>"), f"step {steps}: read {found!r}"
        total = calls if total is None else total
        steps += 1
    assert total > 1


@pytest.mark.parametrize("where", ["entry", "sources", "manifest"])
def test_an_entry_too_large_is_a_miss_never_read_into_memory(tmp_path, monkeypatch, where):
    """A cache file larger than any a build writes is not read: the entry is made again."""
    pages = FileCache(tmp_path / "pages", ".html", 60)
    pages.write(KEY, b"x" * 2000)           # written before the limit below: too large for it
    monkeypatch.setattr(store, "MAX_ENTRY_BYTES", 1000)
    monkeypatch.setattr(source_cache, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(site_manifest, "MAX_MANIFEST_BYTES", 1000)
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    if where == "entry":
        assert pages.read(KEY) is None
        pages.write(KEY, b"x" * 1000)         # with its header, more than an entry may be: not kept
        assert pages.read(KEY) is None
        pages.write(KEY, b"x" * 900)
        assert pages.read(KEY) == b"x" * 900
        pages.path(KEY).write_bytes(b"x" * 10**7)
        assert pages.read(KEY) is None
        pages.write(KEY, b"y" * 10)
        assert pages.read(KEY) == b"y" * 10
    elif where == "sources":
        path = tmp_path / source_cache.FILE_NAME
        cache = source_cache.SourceCache(path)
        cache.put("ef" * 32, "x" * 2000, lambda value: value)
        cache.save()
        assert not path.exists() or source_cache.SourceCache(path).get("ef" * 32, str) is None
        path.write_bytes(source_cache._header() + b"\n" + b"x" * 10**7)
        assert source_cache.SourceCache(path).known == 0
    else:
        path = tmp_path / "big"
        path.write_bytes(b"x" * 10**7)
        assert read_regular(path, limit=1000) is None
    assert all(n <= 10**6 for n in reads)
