"""Cache entries are read only from plain files, and a bundle of files writes nothing unless
all of it is sound."""
from __future__ import annotations

import os
import threading

import pytest

from generator.cache.store import BadBundle, FileCache, pack_files, read_regular, unpack_files


def test_only_plain_files_are_read_never_a_folder_a_link_or_a_pipe(tmp_path):
    (tmp_path / "plain").write_bytes(b"data")
    (tmp_path / "folder").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "plain")
    os.mkfifo(tmp_path / "pipe")
    found = {}
    reader = threading.Thread(target=lambda: found.update(
        {name: read_regular(tmp_path / name) for name in ("plain", "folder", "link", "pipe", "missing")}))
    reader.start()
    reader.join(timeout=10)
    assert not reader.is_alive()   # a pipe with no writer never blocks the build
    assert found == {"plain": b"data", "folder": None, "link": None, "pipe": None, "missing": None}


def test_an_entry_counts_only_under_its_own_key_and_kind(tmp_path):
    pages, cards = FileCache(tmp_path / "pages", ".html", 60), FileCache(tmp_path / "cards", ".png", 60)
    key, other = "ab" * 32, "cd" * 32
    pages.write(key, b"<p>page</p>")
    assert pages.read(key) == b"<p>page</p>"
    moved = pages.path(other)
    moved.parent.mkdir(parents=True)
    moved.write_bytes(pages.path(key).read_bytes())
    assert pages.read(other) is None                   # moved to another key's name
    cards.path(key).parent.mkdir(parents=True)
    cards.path(key).write_bytes(pages.path(key).read_bytes())
    assert cards.read(key) is None                     # another kind's entry under the same key


def test_an_entry_larger_than_a_piece_read_reads_back_whole_and_a_cut_one_is_a_miss(tmp_path):
    pages, key = FileCache(tmp_path / "pages", ".json", 60), "ab" * 32
    data = os.urandom(3 << 20) + b"end"
    pages.write(key, data)
    assert pages.read(key) == data
    entry = pages.path(key)
    whole = entry.read_bytes()
    entry.write_bytes(whole[:-1])
    assert pages.read(key) is None
    entry.write_bytes(whole[:40])                      # not even its whole header
    assert pages.read(key) is None
    entry.write_bytes(whole + b"x")
    assert pages.read(key) is None


def test_a_bundle_gives_back_its_files(tmp_path):
    (tmp_path / "in/feeds").mkdir(parents=True)
    (tmp_path / "in/feeds/atom.xml").write_bytes(b"<feed/>")
    (tmp_path / "in/calendar.ics").write_bytes(b"BEGIN:VCALENDAR")
    unpack_files(pack_files(tmp_path / "in"), tmp_path / "out")
    assert {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes()
            for p in (tmp_path / "out").rglob("*") if p.is_file()} == {"feeds/atom.xml": b"<feed/>",
                                                                     "calendar.ics": b"BEGIN:VCALENDAR"}


@pytest.mark.parametrize("data", [
    b'[["a.txt", 1], ["../out.txt", 1]]\nab',       # a path out of the site
    b'[["a.txt", 1], ["/tmp/out.txt", 1]]\nab',     # an absolute path
    b'[["a.txt", 1], ["b/./c", 1]]\nab',            # not a plain path
    b'[["a.txt", 1], ["b\\\\c", 1]]\nab',           # a Windows separator
    b'[["a.txt", 1], ["a.txt", 1]]\nab',            # twice the same file
    b'[["a.txt", 1], ["a.txt/b", 1]]\nab',          # a file where a folder is
    b'[["a.txt", 1], ["b.txt", 5]]\nab',            # sizes past the end
    b'[["a.txt", 1], ["b.txt", true]]\nab',         # a size that is no number
    b'[["a.txt", 1]]\nab',                          # bytes left over
    b'{"a.txt": 1}\na',                             # not a list
    b'no index at all',
])
def test_an_unsound_bundle_writes_nothing(tmp_path, data):
    with pytest.raises(BadBundle):
        unpack_files(data, tmp_path / "site")
    assert not (tmp_path / "site").exists() and not (tmp_path / "out.txt").exists()


def test_entries_unused_for_long_are_pruned_at_most_once_a_day(tmp_path):
    cache = FileCache(tmp_path / "pages", ".html", 3600)
    old, new = "ab" * 32, "cd" * 32
    cache.write(old, b"old")
    cache.write(new, b"new")
    now = cache.path(new).stat().st_mtime
    os.utime(cache.path(old), (now - 7200, now - 7200))
    cache.prune(now=now)
    assert cache.read(old) is None and cache.read(new) == b"new"
    cache.write(old, b"old")
    os.utime(cache.path(old), (now - 7200, now - 7200))
    cache.prune(now=now + 3600)   # pruned an hour ago: not looked at again
    assert cache.path(old).is_file()
    cache.prune(now=now + 25 * 3600)
    assert not cache.path(old).exists() and not cache.path(new).exists()
    # an entry not to keep is removed at once, whenever it was last pruned
    cache.write(new, b"new")
    cache.prune(now=now + 25 * 3600, keep=())
    assert not cache.path(new).exists()


def test_the_prune_stamp_is_never_written_through_a_link(tmp_path):
    cache = FileCache(tmp_path / "pages", ".html", 3600)
    cache.write("ab" * 32, b"page")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep me")
    (tmp_path / "pages" / "pruned-html").symlink_to(outside)
    before = outside.stat()
    cache.prune()
    assert outside.read_bytes() == b"keep me" and outside.stat().st_mtime_ns == before.st_mtime_ns


@pytest.mark.parametrize("linked", ["kind", "subfolder"])
def test_a_link_in_the_cache_folder_never_leads_a_build_outside_it(tmp_path, linked):
    """Whoever can write the cache folder can put links in it: an entry is never read,
    written or removed through one, so nothing outside the folder is touched."""
    key, other = "ab" * 32, "cd" * 32
    outside = tmp_path / "outside"
    FileCache(outside, ".html", 60).write(key, b"<p>from outside</p>")   # passes its check
    planted = outside / key[:2] / f"{key}.html"
    victim = outside / other[:2] / f"{other}.html"
    victim.parent.mkdir()
    victim.write_bytes(b"someone else's")
    folder = tmp_path / "cache" / "pages"
    folder.parent.mkdir()
    if linked == "kind":
        folder.symlink_to(outside)
    else:
        folder.mkdir()
        for name in (key[:2], other[:2]):
            (folder / name).symlink_to(outside / name)
    before = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}
    pages = FileCache(folder, ".html", 60)
    assert pages.read(key) is None
    pages.prune(keep=())
    pages.write(other, b"<p>new</p>")
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before
    assert pages.read(other) == b"<p>new</p>" and not pages.path(other).parent.is_symlink()
    assert planted.read_bytes().endswith(b"<p>from outside</p>")
