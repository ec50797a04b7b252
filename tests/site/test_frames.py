"""Pages filled into the engine's frames are exactly what the engine would have built, and
the cache of filled pages changes nothing but the time a build takes."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

import pytest

from generator import build as pipeline
from generator.engines.mkdocs_material import adapter as engine
from generator.fill import frames
from generator.render import pages as render
from tests.conftest import TODAY, draft_text, make_site

DRAFTS = {
    "2026/hoc-phi.md": draft_text(title="Dự thảo Nghị quyết về học phí"),
    "2026/y-te.md": draft_text(title="Dự thảo về trạm y tế", agency="so-y-te", topics=["y-te"], closes="2026-12-20"),
    "2026/sap-mo.md": draft_text(title="Dự thảo sắp mở", opens="2026-12-01", closes="2026-12-31"),
    "2025/cu.md": draft_text(title="Dự thảo đã xong", opens="2025-03-01", closes="2025-04-01"),
}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(config: Path, out: Path, **options) -> pipeline.BuildResult:
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(TODAY),
                                             quiet=True, **options))
    assert not result.report.errors
    return result


def test_every_filled_page_equals_the_page_the_engine_builds_whole(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    result = build(config, tmp_path / "filled", use_cache=False)
    plan = result.plan
    renderer = render.PageRenderer(plan, render.theme_dirs(None))
    everything = {page.url: renderer.render(page) for page in plan.pages}
    whole = tmp_path / "whole"
    with tempfile.TemporaryDirectory() as work:
        engine.build_site(plan, everything, [], Path(work), whole, render.theme_dirs(None), tmp_path / "s/content")
    filled = files(tmp_path / "filled")
    built = files(whole)
    framed = [p for p in plan.pages if p.kind in ("draft", "notice", "topic", "agency")]
    assert len(framed) > 10
    for page in framed:
        name = page.url + "index.html"
        assert filled[name] == built[name], name


def test_a_second_build_takes_every_page_from_the_cache_and_is_byte_identical(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    first_result = build(config, tmp_path / "a")
    first = files(tmp_path / "a")
    again = build(config, tmp_path / "b")
    assert first_result.rendered > 10 and first_result.reused == 0
    assert (again.rendered, again.reused) == (0, first_result.rendered)
    assert files(tmp_path / "b") == first


def test_editing_one_draft_renders_only_the_pages_that_show_it(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    build(config, tmp_path / "a")
    (tmp_path / "s/drafts/2025/cu.md").write_text(draft_text(title="Dự thảo đã xong (sửa)", opens="2025-03-01",
                                                               closes="2025-04-01"), encoding="utf-8")
    result = build(config, tmp_path / "b")
    # its page, its agency's and its topic's listing (a finished draft has no notice to print);
    # nothing about the other drafts
    assert result.rendered == 3
    assert "Dự thảo đã xong (sửa)" in (tmp_path / "b/du-thao/cu/index.html").read_text(encoding="utf-8")


def test_parallel_filling_gives_the_same_site(tmp_path, monkeypatch):
    config = make_site(tmp_path / "s", DRAFTS)
    build(config, tmp_path / "one", use_cache=False, workers=1)
    monkeypatch.setattr(frames, "PARALLEL_FROM", 1)
    build(config, tmp_path / "two", use_cache=False, workers=2)
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_a_theme_that_drops_a_part_of_the_page_is_refused(tmp_path):
    config = make_site(tmp_path / "s", DRAFTS)
    (tmp_path / "s/theme").mkdir()
    (tmp_path / "s/theme/draft.html").write_text("{% extends 'main.html' %}{% block content %}{% endblock %}",
                                                 encoding="utf-8")
    with pytest.raises(engine.EngineError, match="draft.html does not show the page's content"):
        build(config, tmp_path / "o")
