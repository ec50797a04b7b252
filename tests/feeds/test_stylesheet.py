"""A feed opened in a browser: the XSLT stylesheet shows it as a readable Vietnamese page
(what a feed is, the address to copy, the way to the "Nhận tin" page, every entry's title,
state, deadline and link), while feed readers get exactly the valid feed they got before.

Chromium 156 (Debian's, on this machine) still applies the stylesheet to a feed served over
http as XML, under a deprecation banner of its own; it shows nothing when the feed is opened
from a file (it refuses a stylesheet from file://), and the text when the host sends the
feed as application/atom+xml or application/rss+xml. That is why visible feed links lead to
the "Nhận tin" page first (tests/feeds/test_feeds.py). docs/feeds.md has the table, with
Firefox."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
from lxml import etree

from generator.model import vocab
from generator.plan import urls
from generator.render import format_vi
from tests.browser.helpers import format_violations, run_axe
from tests.conftest import draft_text, make_site, run_policyhub
from tests.feeds.feed_tools import A, all_feed_files, atom_entries, atom_files

PI = re.compile(rb'^<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>$')
PH = "{https://duthao.lamdong.example.gov.vn/feeds/}"


def stylesheet_href(feed: Path) -> str:
    second_line = feed.read_bytes().split(b"\n")[1]
    match = PI.match(second_line)
    assert match, (feed, second_line)
    return match.group(1).decode("ascii")


def as_page(site: Path, feed: Path):
    """The page a browser makes of `feed` with the stylesheet it names (libxslt, the XSLT
    engine of Chromium and Safari)."""
    style = etree.XSLT(etree.parse(str((feed.parent / stylesheet_href(feed)).resolve())))
    return lxml.html.fromstring(str(style(etree.parse(str(feed)))))


def test_every_atom_and_rss_feed_names_the_stylesheet_relative_to_itself(example_build):
    style = (example_build / vocab.FEED_STYLE_PATH).resolve()
    for feed in all_feed_files(example_build):
        href = stylesheet_href(feed)
        assert not href.startswith(("/", "http")), href   # works under a sub-path, from any host
        assert (feed.parent / href).resolve() == style, feed


def test_the_page_says_what_a_feed_is_and_lists_every_entry(example_build, example_plan):
    feeds_page = (example_build / urls.file_of(vocab.FEEDS_PAGE)).resolve()
    views = {example_plan.config.site.base_url + v.url: v for v in example_plan.drafts}
    for name in ("atom.xml", "rss.xml", "co-quan/so-xay-dung.xml", "linh-vuc/giao-duc.xml"):
        feed = example_build / "feeds" / name
        page = as_page(example_build, feed)
        root = etree.parse(str(feed)).getroot()
        title = root.findtext(A + "title") if root.tag == A + "feed" else root.find("channel").findtext("title")
        assert page.get("lang") == "vi"
        assert page.findtext(".//h1") == title
        assert page.findtext(".//title").startswith(title)
        text = " ".join(page.text_content().split())
        assert "nguồn tin (feed)" in text and "ứng dụng đọc tin" in text
        self_link = f"{example_plan.config.site.base_url}feeds/{name}"
        assert [c.text_content() for c in page.iter("code")] == [self_link]   # the address to copy
        guide = [a.get("href") for a in page.iter("a") if a.text_content().startswith("Nhận tin")]
        assert [(feed.parent / href).resolve() for href in guide] == [feeds_page], name
        items = page.findall(".//ul[@class='ph-entries']/li")
        entries = atom_entries(feed) if root.tag == A + "feed" else {
            i.findtext("guid"): {"link": i.findtext("link")} for i in root.iter("item")}
        assert len(items) == len(entries) > 0, name
        for item, entry in zip(items, entries.values()):
            link = item.find(".//h3/a")
            view = views[link.get("href")]
            assert link.get("href") == entry["link"]
            assert link.text_content() == view.draft.title
            words = " ".join(item.text_content().split())
            assert view.state.label in words
            assert format_vi.date_short(view.draft.consultation.deadline) in words
            if view.status.value == "upcoming":
                assert f"từ ngày {format_vi.date_short(view.draft.consultation.opens)}" in words
            assert view.agency.name in words


def test_each_entry_carries_its_state_and_dates_for_the_stylesheet(example_build, example_plan):
    by_link = {example_plan.config.site.base_url + v.url: v for v in example_plan.drafts}
    root = etree.parse(str(example_build / "feeds" / "atom.xml")).getroot()
    for entry in root.iter(A + "entry"):
        view = by_link[entry.find(A + "link").get("href")]
        status = entry.find(PH + "status")
        assert (status.get("key"), status.text) == (view.status.value, view.state.label)
        assert dt.datetime.fromisoformat(entry.findtext(PH + "deadline")) == view.draft.consultation.deadline
        assert dt.datetime.fromisoformat(entry.findtext(PH + "opens")) == view.draft.consultation.opens
    items = etree.parse(str(example_build / "feeds" / "rss.xml")).getroot().iter("item")
    assert all(item.find(PH + "status") is not None for item in items)


def test_an_empty_feed_says_so(example_build):
    empty = [f for f in atom_files(example_build) if not atom_entries(f)]
    assert empty, "the example must have an agency or topic without drafts"
    page = as_page(example_build, empty[0])
    assert "Hiện chưa có dự thảo nào trong nguồn tin này." in page.text_content()


def test_hostile_titles_stay_text_on_the_page(tmp_path):
    title = 'Dự thảo <script>alert("x")</script> & "phí"'
    config = make_site(tmp_path, {"x.md": draft_text(title=title, summary="<img src=x onerror=alert(1)> tóm tắt")})
    result = run_policyhub("build", "--config", str(config), "--out", str(tmp_path / "site"),
                           "--today", "2026-11-22", "--quiet")
    assert result.returncode == 0, result.stderr
    for name in ("atom.xml", "rss.xml"):
        page = as_page(tmp_path / "site", tmp_path / "site" / "feeds" / name)
        assert page.find(".//h3/a").text_content() == title
        assert not list(page.iter("script", "img"))
        assert not [k for e in page.iter() for k in e.attrib if k.startswith("on")]


# -- in Chromium ---------------------------------------------------------------------------------

def _hide_chromium_banner(page) -> bool:
    """Chromium puts its own XSLT deprecation notice (English, a popover) over the page."""
    return page.evaluate("""() => { const b = document.querySelector('xslt-warning-banner');
        if (!b) return false; if (b.hidePopover) { try { b.hidePopover(); } catch (e) {} } b.remove(); return true; }""")


def test_chromium_shows_a_feed_served_under_a_sub_path_as_a_vietnamese_page(page, site_server):
    for name in ("co-quan/so-xay-dung.xml", "rss.xml"):
        page.goto(site_server + "feeds/" + name)
        assert page.locator("html").get_attribute("lang") == "vi"
        assert page.locator("h1").inner_text().startswith(("Dự thảo của Sở Xây dựng", "Tất cả dự thảo"))
        assert page.locator(".ph-entries > li").count() > 0
        _hide_chromium_banner(page)
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            violations = run_axe(page)
            assert not violations, f"{name} ({scheme}):\n{format_violations(violations)}"
    page.emulate_media(color_scheme="light")
    page.goto(site_server + "feeds/co-quan/so-xay-dung.xml")
    page.get_by_role("link", name=re.compile("^Nhận tin")).click()
    page.wait_for_load_state()
    assert page.url == site_server + "feeds/index.html"
    assert page.locator("h1").inner_text() == "Nhận tin về dự thảo"
    assert not page.console_errors, page.console_errors


def test_without_javascript_chromium_still_shows_the_page(page_nojs, site_server):
    page_nojs.goto(site_server + "feeds/atom.xml")
    assert page_nojs.locator(".ph-entries > li").count() > 0
