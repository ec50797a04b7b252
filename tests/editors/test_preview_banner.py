"""The preview's banner on a phone: one short line at the bottom of a 360 px screen, with a
link to the details, that hides nothing of the page (the page scrolls past it)."""
from __future__ import annotations

import datetime as dt
import http.server
import threading
from functools import partial

import pytest

from generator import build as pipeline
from generator.commands import preview_page, serve
from tests.conftest import TODAY, draft_text, make_site

WIDTH, HEIGHT = 360, 640


@pytest.fixture(params=["vi"])
def broken_preview(request, tmp_path):
    """A preview whose last rebuild failed with many errors, served on 127.0.0.1."""
    config = make_site(tmp_path / "s", {"a.md": draft_text(title="Dự thảo ban đầu")})
    options = pipeline.Options(config_path=config, today=dt.date.fromisoformat(TODAY), quiet=True,
                               lang=request.param)
    preview = serve.Preview(options)
    preview.rebuild()
    assert preview.count == 0
    for number in range(12):
        (tmp_path / f"s/drafts/b{number}.md").write_text(
            draft_text(title=f"Dự thảo hỏng {number}", agency="khong-co"), encoding="utf-8")
    preview.rebuild()
    assert preview.count == 12
    handler = type("Handler", (serve._Handler,), {"preview": preview})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(preview.out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield preview, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _box(page, selector):
    """Where the element is, and how many lines its text takes."""
    return page.eval_on_selector(selector, """e => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        const text = r.height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height,
                lines: Math.round(text / parseFloat(s.lineHeight))}; }""")


def test_the_banner_is_one_line_with_a_link_and_hides_nothing_at_360_px(page, broken_preview):
    preview, base = broken_preview
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(base + "du-thao/a/")
    banner = f"#{preview_page.BANNER_ID}"
    page.wait_for_selector(banner)
    assert page.inner_text(f"{banner} span") == "Bản xem trước chưa cập nhật: có 12 lỗi."
    bar = _box(page, banner)
    words = _box(page, f"{banner} span")
    link = _box(page, f"{banner} a")
    assert bar["bottom"] == HEIGHT and bar["height"] <= 48          # one row at the bottom, not half the screen
    assert words["lines"] == 1 and link["lines"] == 1
    assert 0 <= link["left"] and link["right"] <= WIDTH              # the link is on the screen, whole
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    # the page's end scrolls above the banner: nothing of it stays under the bar
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    footer = page.evaluate("""() => { const all = document.body.querySelectorAll('footer, main');
                                       return all[all.length - 1].getBoundingClientRect().bottom; }""")
    assert footer <= bar["top"] + 1
    # the link leads to every problem, in words and with its place and fix
    page.click(f"{banner} a")
    page.wait_for_url(base.rstrip("/") + preview_page.DETAILS_PATH)
    assert page.inner_text("h1") == "Những lỗi cần sửa trong bản xem trước"
    items = page.locator("li")
    assert items.count() == 12
    assert "Cơ quan chủ trì soạn thảo (agency): không có cơ quan 'khong-co'" in items.first.inner_text()
    assert "cách sửa:" in items.first.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert page.query_selector(banner) is None                       # not shown over the details themselves


@pytest.mark.parametrize("broken_preview", ["en"], indirect=True)
def test_the_banner_and_details_speak_english_when_asked(page, broken_preview):
    preview, base = broken_preview
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    page.goto(base + "du-thao/a/")
    banner = f"#{preview_page.BANNER_ID}"
    page.wait_for_selector(banner)
    assert page.inner_text(f"{banner} span") == "The preview is not up to date: 12 error(s)."
    assert page.inner_text(f"{banner} a") == "What to fix"
    page.goto(base.rstrip("/") + preview_page.DETAILS_PATH)
    assert page.inner_text("h1") == "What to fix in the preview"
    assert page.get_attribute("html", "lang") == "en"
    assert "Drafting agency (agency): there is no agency 'khong-co'" in page.locator("li").first.inner_text()


def test_a_built_site_never_has_the_banner(broken_preview):
    preview, _ = broken_preview
    for page_file in preview.out.rglob("*.html"):
        text = page_file.read_text(encoding="utf-8")
        assert preview_page.STATE_PATH not in text and preview_page.BANNER_ID not in text
