"""Readers never see a missing or half-written site: while builds run, one after another or
side by side, every file of the output is always there and whole. Builds into one folder
take turns, and what a killed build left is removed by the next."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from generator.publish import swap as publish
from generator.publish.output_folder import MARKER, MARKER_TEXT
from tests.conftest import REPO, TODAY, _env, draft_text, make_site, run_policyhub
from tests.site import mounts

LATER = "2026-11-26"   # the example's insurance draft has closed by then
CHANGING = "du-thao/ho-tro-bao-hiem-y-te-2027-2030/index.html"
WATCHED = ("index.html", "404.html", "sitemap.xml", CHANGING, "api/drafts.json", "feeds/atom.xml", MARKER)
# the readers' site: what they check depends on the swaps, not on the size of the site, so
# two drafts, one of which closes between TODAY and LATER as the example's insurance draft does
CLOSING = {"2026/bao-hiem-y-te.md": draft_text(title="Dự thảo về hỗ trợ bảo hiểm y tế", opens="2026-11-01",
                                               closes="2026-11-24"),
           "2026/hoc-phi.md": draft_text()}
CLOSING_PAGE = "du-thao/bao-hiem-y-te/index.html"


def whole(name: str, data: bytes) -> bool:
    if name.endswith(".html"):
        return data.rstrip().endswith(b"</html>")
    if name.endswith(".json"):
        json.loads(data)
    elif name.endswith(".xml"):
        ElementTree.fromstring(data)
    else:
        return data == MARKER_TEXT.encode("utf-8")
    return True


class Reader(threading.Thread):
    """A reader who keeps loading pages of the site: notes every file that is missing or cut short,
    and which version of the page of the closing draft (`changing`) was read."""

    def __init__(self, out: Path, changing: str = CHANGING):
        super().__init__(daemon=True)
        self.out, self.stop, self.problems, self.rounds, self.versions = out, threading.Event(), [], 0, set()
        self.changing = changing
        self.watched = tuple(changing if name == CHANGING else name for name in WATCHED)

    def run(self) -> None:
        while not self.stop.is_set():
            for name in self.watched:
                try:
                    data = (self.out / name).read_bytes()
                    if not whole(name, data):
                        self.problems.append(f"{name}: cut short at {len(data)} bytes")
                except (OSError, ValueError, ElementTree.ParseError) as exc:
                    self.problems.append(f"{name}: {exc}")
                if name == self.changing and "Đã hết hạn góp ý".encode() in data:
                    self.versions.add("closed")
                elif name == self.changing:
                    self.versions.add("open")
            self.rounds += 1
            time.sleep(0.002)   # a reader, not a busy loop: the builds keep the cores

    def __enter__(self) -> "Reader":
        self.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        self.join()


def build_command(out: Path, today: str, config: Path = REPO / "site_config.yml") -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--config", str(config), "--out", str(out),
            "--today", today, "--quiet"]


def built_site(example_build: Path, out: Path) -> Path:
    """`out` holding the example site as a build for TODAY leaves it (marker included): the
    session's build, copied."""
    shutil.copytree(example_build, out, symlinks=True, dirs_exist_ok=True)
    return out


def exchange_works(folder: Path) -> bool:
    with tempfile.TemporaryDirectory(dir=folder) as probe:
        (Path(probe) / "a").mkdir()
        (Path(probe) / "b").mkdir()
        return publish.exchange(Path(probe) / "a", Path(probe) / "b")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site."))


def closing_site(root: Path, out: Path) -> Path:
    """The readers' site (CLOSING) written in `root`, built for TODAY into `out`; returns its config."""
    config = make_site(root, CLOSING)
    assert run_policyhub(*build_command(out, TODAY, config)[3:]).returncode == 0
    assert "Đã hết hạn góp ý" not in (out / CLOSING_PAGE).read_text(encoding="utf-8")
    return config


def rebuild_while_reading(out: Path, config: Path) -> Reader:
    with Reader(out, CLOSING_PAGE) as reader:
        for today in (LATER, TODAY):
            assert run_policyhub(*build_command(out, today, config)[3:]).returncode == 0
        # two builds at once: they take turns, neither removes the other's files
        both = [subprocess.Popen(build_command(out, today, config), env=_env(), stderr=subprocess.PIPE, text=True)
                for today in (LATER, TODAY)]
        for proc in both:
            _, err = proc.communicate(timeout=300)
            assert proc.returncode == 0, err
    return reader


def test_readers_always_find_the_whole_site_while_it_is_rebuilt(tmp_path):
    if not exchange_works(tmp_path):
        pytest.skip("this system cannot exchange two folders in one step (renameat2 with RENAME_EXCHANGE): "
                    "publishing falls back to two renames, with a moment without a site")
    out = tmp_path / "site"
    reader = rebuild_while_reading(out, closing_site(tmp_path / "sources", out))
    assert reader.problems == []
    assert reader.rounds > 100 and reader.versions == {"open", "closed"}   # it read through the swaps
    # nothing but the old site's empty folders, kept for the next build to fill
    assert leftovers(tmp_path) == [".site.spare"] and not (out.parent / ".site.lock").exists()
    assert [p for p in (tmp_path / ".site.spare").rglob("*") if not p.is_dir() or p.is_symlink()] == []


def test_readers_always_find_the_whole_site_in_a_mount_point(tmp_path):
    with mounts.tmpfs(tmp_path / "site", "64m") as out:
        reader = rebuild_while_reading(out, closing_site(tmp_path / "sources", out))
        assert reader.problems == []
        assert reader.rounds > 100 and reader.versions == {"open", "closed"}
        assert leftovers(out) == []


def test_a_build_waits_for_the_one_running_into_the_same_folder(tmp_path, example_build):
    out = built_site(example_build, tmp_path / "site")
    before = sorted(out.rglob("*"))
    running = publish.OutputLock(out, in_place=False)
    running.acquire(on_wait=lambda: None)   # as a build does for as long as it runs
    env = _env()
    env.pop("CI", None)   # progress lines are silent in CI
    proc = subprocess.Popen(build_command(out, LATER)[:-1], env=env, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr.readline().startswith(f"đang chờ lần dựng khác vào {out} chạy xong")
        time.sleep(0.5)
        assert leftovers(tmp_path) == [".site.lock"]   # it has made nothing yet, nor removed anything
        assert sorted(out.rglob("*")) == before
    finally:
        running.release()
    proc.communicate(timeout=300)
    assert proc.returncode == 0
    assert "Đã hết hạn góp ý" in (out / CHANGING).read_text(encoding="utf-8")


def test_what_killed_builds_left_is_removed_by_the_next(tmp_path, example_build):
    out = built_site(example_build, tmp_path / "site")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    proc = subprocess.Popen(build_command(out, LATER), env=_env(), start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        staging = [p for p in tmp_path.glob(".site.building-*") if any(p.iterdir())]
        if staging:
            break
        time.sleep(0.01)
    assert staging, "the build ended before it could be killed half-way"
    os.killpg(proc.pid, signal.SIGKILL)   # the build and its workers, as an out-of-memory kill would
    proc.wait()
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    (tmp_path / ".site.previous-999999").mkdir()   # another build, killed while removing the old site
    (tmp_path / ".site.previous-999999" / "index.html").write_text("cũ", encoding="utf-8")
    (tmp_path / ".site.keep").write_text("not a build's", encoding="utf-8")
    assert leftovers(tmp_path) == [f".site.building-{proc.pid}", ".site.keep", ".site.lock", ".site.previous-999999"]

    assert run_policyhub(*build_command(out, LATER)[3:]).returncode == 0
    assert leftovers(tmp_path) == [".site.keep", ".site.spare"]   # the old site's empty folders are kept
    assert "Đã hết hạn góp ý" in (out / CHANGING).read_text(encoding="utf-8")


def _publish(out: Path, text: str) -> str:
    with publish.Publication.claim(out) as publication:
        (publication.staging / "index.html").write_text(text, encoding="utf-8")
        return publication.publish()[0].words("en")


def test_without_an_exchange_the_swap_falls_back_to_two_renames(tmp_path, monkeypatch):
    out = tmp_path / "site"
    assert _publish(out, "một") == "moved into place"
    if exchange_works(tmp_path):
        assert _publish(out, "hai") == "swapped in one step"
    monkeypatch.setattr(publish, "_RENAMEAT2", None)
    assert "two renames" in _publish(out, "ba")
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "ba"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]   # no lock, staging or old site left


def test_a_mount_point_without_an_exchange_is_swapped_by_renames(tmp_path, monkeypatch):
    with mounts.tmpfs(tmp_path / "site", "4m") as out:
        (out / "lost+found").mkdir()
        assert _publish(out, "một") == "swapped file by file into the mount point"
        (out / "stale.html").write_text("cũ", encoding="utf-8")
        monkeypatch.setattr(publish, "_RENAMEAT2", None)
        assert "two renames" in _publish(out, "hai")
        assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.html", "lost+found"]
        assert (out / "index.html").read_text(encoding="utf-8") == "hai"
