"""What later builds reuse (parsed front matter, lint findings, draft bodies in HTML, QR
codes, feeds and search files) never shows stale content: a build that reuses them gives
exactly the site a build from nothing gives."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from generator import build as pipeline
from generator import parallel
from generator.validate import draft as draft_checks
from generator.validate import site_check
from generator.markup import markdown as markdown_render
from generator.load import yaml_positions
from tests.conftest import BASE_CONFIG, TODAY, counting, draft_text, make_site, tree_bytes
from tests.site.test_frames import DRAFTS

LONG = " ".join(["Người dân được góp ý"] * 12) + "."   # one sentence of 60 words


def build(config: Path, out: Path, today: str = TODAY, **options) -> pipeline.BuildResult:
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(today),
                                             quiet=True, workers=1, **options))
    assert not result.report.errors
    return result


def test_the_next_day_from_the_cache_equals_a_build_from_nothing(tmp_path, monkeypatch):
    config = make_site(tmp_path / "s", DRAFTS)
    build(config, tmp_path / "day1")
    # overnight an editor changes one draft's title and body; the day moves on
    (tmp_path / "s/drafts/2026/y-te.md").write_text(
        draft_text(title="Dự thảo về trạm y tế xã (sửa)", agency="so-y-te", topics=["y-te"], closes="2026-12-20",
                   body="## Nội dung mới\n\nTrạm y tế mở cửa cả thứ Bảy.\n"), encoding="utf-8")
    parsed = counting(monkeypatch, yaml_positions, "load")
    converted = counting(monkeypatch, markdown_render.MarkdownRenderer, "render")
    build(config, tmp_path / "day2", today="2026-11-23")
    # of the drafts, only the edited file is parsed again (the config always is); only its
    # body is converted again
    assert [args[0].splitlines()[0] for args in parsed if "consultation:" in args[0]] == [
        "title: Dự thảo về trạm y tế xã (sửa)"]
    assert [args[1].strip() for args in converted if "Nội dung" in args[1]] == ["## Nội dung mới\n\nTrạm y tế mở cửa cả thứ Bảy."]
    build(config, tmp_path / "cold", today="2026-11-23", use_cache=False)
    assert tree_bytes(tmp_path / "day2") == tree_bytes(tmp_path / "cold")
    page = (tmp_path / "day2/du-thao/y-te/index.html").read_text(encoding="utf-8")
    assert "Trạm y tế mở cửa cả thứ Bảy." in page and "Nội dung dự thảo." not in page
    feed = (tmp_path / "day2/feeds/atom.xml").read_text(encoding="utf-8")
    assert "Dự thảo về trạm y tế xã (sửa)" in feed


def test_new_plain_language_settings_check_unchanged_drafts_again(tmp_path):
    config = make_site(tmp_path / "s", {"2026/dai.md": draft_text(body=f"## Nội dung\n\n{LONG}\n")})
    first = build(config, tmp_path / "a")
    assert [d.code for d in first.report.warnings] == ["long-sentence"]
    stricter = copy.deepcopy(BASE_CONFIG)
    stricter["plain_language"] = {"sentence_max_words": 80}
    make_site(tmp_path / "s", {}, config=stricter)
    assert build(config, tmp_path / "b").report.warnings == []


def test_an_edit_the_same_day_shows_everywhere_as_in_a_build_from_nothing(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    build(config, tmp_path / "before")
    (tmp_path / "s/drafts/2026/hoc-phi.md").write_text(
        draft_text(title="Dự thảo Nghị quyết về học phí năm học 2027–2028", closes="2026-12-15"), encoding="utf-8")
    build(config, tmp_path / "after")
    build(config, tmp_path / "cold", use_cache=False)
    assert tree_bytes(tmp_path / "after") == tree_bytes(tmp_path / "cold")
    for name in ("feeds/atom.xml", "feeds/feed.json", "calendar.ics", "api/drafts.json"):
        assert "2027–2028" in (tmp_path / "after" / name).read_text(encoding="utf-8"), name


def test_reading_on_all_cores_reports_the_same_and_builds_the_same_site(tmp_path, monkeypatch):
    drafts = {**DRAFTS, "2026/dai.md": draft_text(title="Dự thảo có câu dài", body=f"## Nội dung\n\n{LONG}\n")}
    config = make_site(tmp_path / "s", drafts)
    in_order = build(config, tmp_path / "one", use_cache=False).report.warnings
    assert "long-sentence" in [d.code for d in in_order]
    monkeypatch.setattr(site_check, "READ_IN_PARALLEL_FROM", 1)
    monkeypatch.setattr(parallel, "default_workers", lambda: 2)
    result = pipeline.build(pipeline.Options(config_path=config, out=tmp_path / "two", quiet=True, use_cache=False,
                                             today=dt.date.fromisoformat(TODAY), workers=2))
    assert result.report.warnings == in_order
    assert tree_bytes(tmp_path / "one") == tree_bytes(tmp_path / "two")
    # a broken file among them: reported once, as when read in order
    (tmp_path / "s/drafts/2026/hong.md").write_text("---\ntitle: [chưa đóng\n---\n", encoding="utf-8")
    options = pipeline.Options(config_path=config, quiet=True, use_cache=False, today=dt.date.fromisoformat(TODAY))
    in_parallel = pipeline.load_and_validate(pipeline.dataclasses.replace(options, workers=2)).report.render_text()
    in_order = pipeline.load_and_validate(pipeline.dataclasses.replace(options, workers=1)).report.render_text()
    assert in_parallel == in_order and in_order.count("sai cú pháp YAML") == 1


def test_a_build_without_a_cache_checks_each_draft_once_and_stores_nothing(tmp_path, monkeypatch):
    config = make_site(tmp_path / "s", DRAFTS)
    monkeypatch.setattr(site_check, "READ_IN_PARALLEL_FROM", 1)   # as on a hub of thousands of drafts
    checked = [counting(monkeypatch, site_check, "check_draft"), counting(monkeypatch, draft_checks, "check_draft")]
    parsed = counting(monkeypatch, yaml_positions, "load")
    stored = counting(monkeypatch, site_check.cached_draft, "encode")
    build(config, tmp_path / "cold", use_cache=False)
    assert sorted(args[0].shown for calls in checked for args in calls) == sorted(f"drafts/{name}" for name in DRAFTS)
    assert len([text for text, *_ in parsed if "consultation:" in text]) == len(DRAFTS)
    assert stored == []   # nothing is made into cache entries that no build will read
    build(config, tmp_path / "cached", cache_dir=tmp_path / "cache")
    assert len(stored) == len(DRAFTS)
    assert tree_bytes(tmp_path / "cold") == tree_bytes(tmp_path / "cached")
