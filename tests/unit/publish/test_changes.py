"""Comparing a new site with the published one: unchanged files keep their time, and the
list names exactly what an upload or a CDN purge must handle."""
from __future__ import annotations

import os
from pathlib import Path

from generator.publish import changes

OLD_TIME = 1_000_000_000_000_000_000   # 2001, in nanoseconds


def write(root: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        os.utime(path, ns=(OLD_TIME, OLD_TIME))


def test_only_files_whose_bytes_changed_get_a_new_time(tmp_path):
    big = os.urandom(3 * changes.CHUNK)
    write(tmp_path / "old", {"index.html": b"home", "a/index.html": b"same", "b/index.html": b"before",
                             "gone.html": b"x", "doc.pdf": big, "long.pdf": big})
    new = tmp_path / "new"
    new.mkdir()
    (new / "a").mkdir()
    (new / "b").mkdir()
    (new / "index.html").write_bytes(b"home")
    (new / "a/index.html").write_bytes(b"same")
    (new / "b/index.html").write_bytes(b"after!")       # another size
    (new / "doc.pdf").write_bytes(big)
    (new / "long.pdf").write_bytes(big[:-1] + bytes([big[-1] ^ 1]))   # same size, last byte differs
    (new / "new.html").write_bytes(b"new")
    found = changes.keep_unchanged(new, tmp_path / "old")
    assert found.added == ("new.html",)
    assert found.changed == ("b/index.html", "long.pdf")
    assert found.removed == ("gone.html",)
    assert found.unchanged == 3
    assert found.listed() == ["b/index.html", "gone.html", "long.pdf", "new.html"]
    kept = {p.relative_to(new).as_posix() for p in new.rglob("*") if p.is_file() and p.stat().st_mtime_ns == OLD_TIME}
    assert kept == {"index.html", "a/index.html", "doc.pdf"}


def test_a_first_build_adds_everything(tmp_path):
    write(tmp_path / "new", {"index.html": b"home", "x/y.html": b"y"})
    found = changes.keep_unchanged(tmp_path / "new", None)
    assert (found.added, found.changed, found.removed, found.unchanged) == (("index.html", "x/y.html"), (), (), 0)


def test_in_a_mount_point_the_staging_folder_is_no_part_of_the_old_site(tmp_path):
    out = tmp_path / "site"
    write(out, {"index.html": b"home", "lost+found/x": b"", ".site.building-1/index.html": b"home"})
    found = changes.keep_unchanged(out / ".site.building-1", out, frozenset({".site.building-1", "lost+found"}))
    assert (found.removed, found.unchanged) == ((), 1)


def test_the_list_is_written_whole_one_path_a_line(tmp_path):
    found = changes.Changes(added=("ä/index.html",), changed=("index.html",), removed=("old.html",), unchanged=9)
    target = tmp_path / "deep" / "changes.txt"
    changes.write_list(found, target)
    assert target.read_text(encoding="utf-8") == "index.html\nold.html\nä/index.html\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["changes.txt"]
