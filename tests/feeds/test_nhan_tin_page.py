"""The "Nhận tin" page (feeds/index.html): every feed, the calendar and the open data, each
with its address to copy and a plain explanation of how to use it, reachable from every page."""
from __future__ import annotations

import lxml.html
from lxml import etree

from generator.model import vocab
from generator.plan import urls
from tests.feeds.feed_tools import feed_items


def _built_feeds(site) -> set[str]:
    made = {p.relative_to(site).as_posix() for p in (site / "feeds").rglob("*.xml")}
    return made | {vocab.JSON_FEED_PATH, vocab.CALENDAR_PATH, vocab.OPEN_DATA_PATH, vocab.OPEN_DATA_SCHEMA_PATH}


def test_the_page_lists_every_feed_the_calendar_and_the_open_data_with_their_addresses(example_build, example_plan):
    page = example_build / urls.file_of(vocab.FEEDS_PAGE)
    items = feed_items(page)
    targets = {target for target, _ in items.values()}
    assert targets == _built_feeds(example_build)
    assert len(_built_feeds(example_build)) == 4 + len(example_plan.config.agencies) + len(example_plan.config.topics) + 3
    for anchor, (target, address) in items.items():
        assert (example_build / target).is_file(), anchor
        assert address == example_plan.config.site.base_url + target, anchor   # what a reader subscribes to


def test_every_link_names_its_format(example_build):
    html = lxml.html.fromstring((example_build / urls.file_of(vocab.FEEDS_PAGE)).read_bytes())
    formats = {"application/atom+xml": "(Atom)", "application/rss+xml": "(RSS)", "application/feed+json": "(JSON Feed)",
               "text/calendar": "(lịch iCalendar)", "application/json": "(JSON)", "application/schema+json": "(JSON Schema)"}
    links = [a for a in html.iter("a") if a.get("type")]
    assert len(links) == len(_built_feeds(example_build))
    for a in links:
        assert a.text_content().endswith(formats[a.get("type")]), a.text_content()


def test_the_page_explains_feeds_and_calendars_in_plain_vietnamese(example_build):
    html = lxml.html.fromstring((example_build / urls.file_of(vocab.FEEDS_PAGE)).read_bytes())
    assert html.get("lang") == "vi"
    main = " ".join(html.find_class("ph-main")[0].text_content().split())
    for words in ("Nguồn tin là gì", "ứng dụng đọc tin", "Sao chép địa chỉ", "Trên điện thoại", "Thunderbird",
                  "Atom hay RSS?", "theo địa chỉ", "Outlook", "Google Lịch", "iPhone", "Dữ liệu mở", "JSON Schema",
                  "không cần để lại thư điện tử"):
        assert words in main, words


def test_every_page_links_to_it_from_its_footer_and_the_sitemap_names_it(example_build, example_plan):
    target = (example_build / urls.file_of(vocab.FEEDS_PAGE)).resolve()
    for page in example_plan.pages:
        if page.kind == "not_found":
            continue
        path = example_build / urls.file_of(page.url)
        footer = lxml.html.fromstring(path.read_bytes()).find_class("ph-footer__links")
        assert footer, page.url
        found = [a for a in footer[0].iter("a") if a.text_content() == "Nhận tin"]
        assert len(found) == 1 and (path.parent / found[0].get("href")).resolve() == target, page.url
    sitemap = etree.parse(str(example_build / "sitemap.xml")).getroot()
    locs = {e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert example_plan.config.site.base_url + vocab.FEEDS_PAGE in locs
