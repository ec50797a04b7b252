"""A nightly build reads only what changed: a draft file the last build read, unchanged
since, is not read nor checked again, and an unchanged page or share card is linked from
the published site without reading the cache. Whatever changed (the draft, a document
beside it, the day, a published file) is still seen, and the site and its warnings are
those of a build from nothing."""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.cache import sources as source_cache
from generator.cache.store import FileCache
from generator.load import site_files, unchanged
from generator.validate import site_check
from tests.conftest import TODAY, counting, draft_text, make_site, tree_bytes
from tests.site.test_frames import DRAFTS
from tests.site.test_unchanged_files import NEXT_DAY, STILL_OPEN, build, cold, inodes

PDF = b"%PDF-1.4\n% du thao\n" + b"0" * 2000 + b"\n%%EOF\n"
WITH_DOCUMENT = draft_text(title="Dự thảo có tài liệu", closes="2026-12-15",
                           documents=[{"title": "Dự thảo", "file": "du-thao.pdf", "kind": "draft"}])
SITE = {**DRAFTS, "2026/tai-lieu/index.md": WITH_DOCUMENT}
CARD = "du-thao/hoc-phi/anh-chia-se.png"


@pytest.fixture
def settled_soon(monkeypatch):
    """Files count as settled 50 ms after their last change instead of two seconds, so that
    a test need not wait; it waits `settle()` after writing sources."""
    monkeypatch.setattr(unchanged, "SETTLED_NS", 50_000_000)


def settle() -> None:
    time.sleep(0.1)


def draft_reads(calls: list) -> list[str]:
    return sorted(Path(args[0]).name for args in calls if "/drafts/" in Path(args[0]).as_posix())


def site(tmp_path: Path) -> tuple[Path, Path]:
    config = make_site(tmp_path / "s", SITE, files={"drafts/2026/tai-lieu/du-thao.pdf": PDF})
    return config, tmp_path / "site"


def test_an_unchanged_draft_is_not_read_again_and_a_changed_one_is_checked_again(tmp_path, settled_soon,
                                                                                  monkeypatch):
    config, out = site(tmp_path)
    settle()
    build(config, out)                  # reads every draft, and remembers them
    read = counting(monkeypatch, site_files, "read_limited")
    checked = counting(monkeypatch, site_check, "check_draft")
    build(config, out, NEXT_DAY)
    assert draft_reads(read) == [] and checked == []
    assert tree_bytes(out) == cold(config, tmp_path, NEXT_DAY)

    # the same number of bytes, written at once after a build: the file is read and checked again
    source = config.parent / "drafts/2026/y-te.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("trạm y tế", "trạm y tễ", 1), encoding="utf-8")
    assert len(source.read_bytes()) == len(text.encode("utf-8"))
    read.clear(), checked.clear()
    build(config, out, NEXT_DAY)
    assert draft_reads(read) == ["y-te.md"] and len(checked) == 1
    assert "Dự thảo về trạm y tễ" in (out / "du-thao/y-te/index.html").read_text(encoding="utf-8")
    assert tree_bytes(out) == cold(config, tmp_path, NEXT_DAY)


def test_a_changed_document_beside_an_unchanged_draft_gets_the_draft_checked_again(tmp_path, settled_soon,
                                                                                    monkeypatch):
    config, out = site(tmp_path)
    settle()
    build(config, out)
    document = config.parent / "drafts/2026/tai-lieu/du-thao.pdf"
    document.write_bytes(PDF.replace(b"0" * 2000, b"1" * 3000))
    checked = counting(monkeypatch, site_check, "check_draft")
    build(config, out)
    assert [args[0].shown for args in checked] == ["drafts/2026/tai-lieu/index.md"]
    assert tree_bytes(out) == cold(config, tmp_path)
    document.unlink()   # and a document gone is an error again, not a page from the cache
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(NEXT_DAY),
                                             quiet=True, workers=1))
    assert [d.key for d in result.report.errors] == ["missing-file"]


def test_the_warnings_of_the_day_come_with_a_draft_taken_from_the_cache(tmp_path, settled_soon):
    # closed on 10 December: its report on comments is overdue from some day on, and says by how much
    config = make_site(tmp_path / "s", {"2026/hoc-phi.md": draft_text(), "2026/y-te.md": draft_text(
        title="Dự thảo về trạm y tế", extra="slug: tram-y-te\nid: tram-y-te\n", closes="2026-12-01")})
    settle()
    for day in ("2026-12-20", "2027-01-20", "2027-02-20"):
        options = pipeline.Options(config_path=config, today=dt.date.fromisoformat(day), quiet=True, workers=1)
        fresh = pipeline.load_and_validate(pipeline.dataclasses.replace(options, use_cache=False)).report
        for _ in range(2):   # the first fills the cache (or finds it), the second takes every draft from it
            assert pipeline.load_and_validate(options).report.render_text() == fresh.render_text()
    assert "response-overdue" in {d.code for d in fresh.warnings}


def test_a_duplicate_address_is_found_among_drafts_taken_from_the_cache(tmp_path, settled_soon):
    config = make_site(tmp_path / "s", {"2026/a.md": draft_text(extra="slug: trung\n"),
                                        "2026/b.md": draft_text(title="Dự thảo B")})
    settle()
    options = pipeline.Options(config_path=config, today=dt.date(2026, 11, 22), quiet=True, workers=1)
    pipeline.load_and_validate(options)
    (config.parent / "drafts/2026/trung.md").write_text(draft_text(title="Dự thảo C"), encoding="utf-8")
    fresh = pipeline.load_and_validate(pipeline.dataclasses.replace(options, use_cache=False)).report
    assert [d.key for d in fresh.errors] == ["duplicate-slug"]
    assert pipeline.load_and_validate(options).report.render_text() == fresh.render_text()


def test_an_unchanged_page_and_card_are_linked_without_reading_the_cache(tmp_path, monkeypatch):
    config, out = site(tmp_path)
    build(config, out)
    before = inodes(out)
    read = counting(monkeypatch, FileCache, "read")
    result = build(config, out, NEXT_DAY)
    folders = [Path(args[0].folder).name for args in read]
    assert folders.count("pages") < result.reused and "share-images" not in folders
    assert inodes(out)[STILL_OPEN] == before[STILL_OPEN] and inodes(out)[CARD] == before[CARD]
    assert tree_bytes(out) == cold(config, tmp_path, NEXT_DAY)


def test_an_edited_published_page_or_card_is_not_linked(tmp_path):
    config, out = site(tmp_path)
    build(config, out)
    for name in (STILL_OPEN, CARD):
        path = out / name
        st = path.stat()
        data = path.read_bytes()
        with open(path, "r+b") as f:   # in place, as on the web host, size and time kept
            f.seek(len(data) // 2)
            f.write(b"X" * 16)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    edited = inodes(out)
    build(config, out, NEXT_DAY)
    assert tree_bytes(out) == cold(config, tmp_path, NEXT_DAY)
    assert inodes(out)[STILL_OPEN] != edited[STILL_OPEN] and inodes(out)[CARD] != edited[CARD]


def test_a_hub_whose_cache_would_be_too_large_still_keeps_each_draft_checked_whole(tmp_path, settled_soon,
                                                                                    monkeypatch):
    # a first build keeps the parts each draft was checked from (its front matter parsed, its
    # findings) beside the draft checked whole; a next day keeps only what it used. When the
    # first build's file would be more than a build may read, the parts are what it leaves out
    config, out = site(tmp_path)
    settle()
    monkeypatch.setattr(site_check, "READ_IN_PARALLEL_FROM", 1)   # read on two cores, as on a large hub
    on_two_cores = {"workers": 2, "cache_dir": tmp_path / "first"}
    pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY), quiet=True,
                                    **on_two_cores))
    stored = tmp_path / "first" / source_cache.FILE_NAME
    with_parts = stored.stat().st_size
    build(config, out, NEXT_DAY, cache_dir=tmp_path / "first")
    whole_only = stored.stat().st_size
    assert whole_only < with_parts
    limit = (whole_only + with_parts) // 2
    monkeypatch.setattr(source_cache, "MAX_FILE_BYTES", limit)
    adopted = counting(monkeypatch, source_cache.SourceCache, "adopt")
    pipeline.build(pipeline.Options(config_path=config, out=tmp_path / "other", today=dt.date.fromisoformat(TODAY),
                                    quiet=True, workers=2, cache_dir=tmp_path / "second"))
    # the workers saw it coming: the lines of parts were not handed over only to be dropped
    assert adopted and all(not parts and all(value is not None for value, _ in values.values())
                           for _, values, parts in adopted)
    assert (tmp_path / "second" / source_cache.FILE_NAME).stat().st_size <= limit
    read = counting(monkeypatch, site_files, "read_limited")
    checked = counting(monkeypatch, site_check, "check_draft")
    build(config, tmp_path / "other", NEXT_DAY, cache_dir=tmp_path / "second")
    assert draft_reads(read) == [] and checked == []
    assert tree_bytes(tmp_path / "other") == cold(config, tmp_path, NEXT_DAY)
