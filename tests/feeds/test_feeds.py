"""The feeds as the press and aggregators use them: read by real parsers, valid against the
formats' schemas, every entry pointing at a page that exists, stable from one build to the next."""
from __future__ import annotations

import copy
import email.utils
import re
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import lxml.html
from lxml import etree

from generator.outputs import feeds
from generator.model import lifecycle, vocab
from generator.plan import urls
from generator.model import Status
from generator.render import format_vi
from tests.site.html_tools import parse
from tests.conftest import TODAY, draft_text, make_site, run_policyhub
from tests.feeds.conftest import LATER, plan_of
from tests.feeds.feed_tools import (A, SCHEMAS, all_feed_files, atom_entries, atom_files, feed_items, jing,
                                    json_errors, load_json, page_file)


def test_every_feed_the_spec_lists_is_built(example_build, example_plan):
    config = example_plan.config
    expected = {"feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "feeds/dang-lay-y-kien.xml"}
    expected |= {f"feeds/co-quan/{key}.xml" for key in config.agencies}
    expected |= {f"feeds/linh-vuc/{key}.xml" for key in config.topics}
    built = {p.relative_to(example_build).as_posix() for p in (example_build / "feeds").rglob("*")
             if p.is_file() and p.suffix not in (".gz", ".br")}   # the compressed copies: tests/site/test_precompressed.py
    # the "Nhận tin" page and the stylesheet that shows a feed as a page
    expected |= {"feeds/index.html", "feeds/feed.xsl"}
    # and nothing else: no empty sitemap.xml beside the feeds for a theme script to find
    assert built == expected


def test_feedparser_reads_every_feed_cleanly_with_the_right_drafts(example_build, example_plan):
    views = example_plan.drafts
    expected = {
        "rss.xml": views, "atom.xml": views,
        "dang-lay-y-kien.xml": [v for v in views if v.status is Status.OPEN],
        **{f"co-quan/{k}.xml": [v for v in views if v.draft.agency == k] for k in example_plan.config.agencies},
        **{f"linh-vuc/{k}.xml": [v for v in views if k in v.draft.topics] for k in example_plan.config.topics},
    }
    for path in all_feed_files(example_build):
        parsed = feedparser.parse(path.read_bytes())
        name = path.relative_to(example_build / "feeds").as_posix()
        assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
        assert parsed.version in ("rss20", "atom10"), name
        assert sorted(e.link for e in parsed.entries) == sorted(
            urls.absolute(v.url, example_plan.config.site.base_url) for v in expected[name]), name
    assert any(not v.status is Status.OPEN for v in views)   # the open-now feed really filters


def test_every_atom_feed_is_valid_against_the_rfc_4287_schema(example_build):
    files = atom_files(example_build)
    assert len(files) > 10
    result = jing(*files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_atom_schema_does_catch_a_broken_feed(example_build, tmp_path):
    # an entry without <id> is invalid Atom: the check above is only worth something if jing says so
    tree = etree.parse(str(example_build / "feeds" / "atom.xml"))
    entry = tree.getroot().find(A + "entry")
    entry.remove(entry.find(A + "id"))
    broken = tmp_path / "no-id.xml"
    tree.write(str(broken), xml_declaration=True, encoding="UTF-8")
    result = jing(broken)
    assert result.returncode != 0
    assert "id" in result.stdout


def test_the_json_feed_is_valid_json_feed_1_1(example_build, example_plan):
    import json
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    data = load_json(example_build / "feeds" / "feed.json")
    assert json_errors(schema, data) == []
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert len(data["items"]) == len(example_plan.drafts)
    assert len({item["id"] for item in data["items"]}) == len(data["items"])


def test_format_checking_is_on_so_a_bad_date_fails(example_build):
    import json
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
    data = copy.deepcopy(load_json(example_build / "feeds" / "feed.json"))
    data["items"][0]["date_modified"] = "22/11/2026"
    data["items"][1]["url"] = "not a url"
    errors = json_errors(schema, data)
    assert any("date-time" in e for e in errors), errors
    assert any("uri" in e for e in errors), errors


def test_the_rss_has_unique_guids_rfc_822_dates_and_absolute_links(example_build, example_plan):
    base = example_plan.config.site.base_url
    channel = etree.parse(str(example_build / "feeds" / "rss.xml")).getroot().find("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required), required
    assert channel.findtext("link") == base
    items = channel.findall("item")
    assert len(items) == len(example_plan.drafts)
    guids = [item.findtext("guid") for item in items]
    assert len(set(guids)) == len(guids)
    assert all(item.find("guid").get("isPermaLink") == "false" for item in items)
    atom = atom_entries(example_build / "feeds" / "atom.xml")
    for item, guid in zip(items, guids):
        assert item.findtext("title") and item.findtext("description")
        assert item.findtext("link").startswith(base)
        date = item.findtext("pubDate")
        moment = email.utils.parsedate_to_datetime(date)
        assert email.utils.format_datetime(moment) == date          # RFC 822 / 2822, round trip
        assert date.endswith(" +0700")                               # the site's zone, with its offset
        assert moment.isoformat() == atom[guid]["updated"]           # the same change as the Atom entry
    for date_field in ("lastBuildDate",):
        value = channel.findtext(date_field)
        assert email.utils.format_datetime(email.utils.parsedate_to_datetime(value)) == value


def _moments(site: Path):
    import datetime as dt
    atom = [dt.datetime.fromisoformat(e["updated"]) for e in atom_entries(site / "feeds" / "atom.xml").values()]
    rss = [email.utils.parsedate_to_datetime(i.findtext("pubDate"))
           for i in etree.parse(str(site / "feeds" / "rss.xml")).getroot().iter("item")]
    json_feed = [dt.datetime.fromisoformat(i["date_modified"]) for i in load_json(site / "feeds" / "feed.json")["items"]]
    return atom, rss, json_feed


def test_newest_change_comes_first_in_every_format(example_build):
    for moments in _moments(example_build):
        assert moments == sorted(moments, reverse=True)
        assert len(set(moments)) > 5


def test_atom_times_are_rfc_3339_in_the_site_zone(example_build):
    stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
    for path in atom_files(example_build):
        root = etree.parse(str(path)).getroot()
        for element in root.iter(A + "updated", A + "published"):
            assert stamp.match(element.text), (path.name, element.text)


def test_the_feed_is_as_new_as_its_newest_change_that_has_happened(example_build, example_plan):
    import datetime as dt
    root = etree.parse(str(example_build / "feeds" / "atom.xml")).getroot()
    feed_updated = dt.datetime.fromisoformat(root.findtext(A + "updated"))
    entries = [dt.datetime.fromisoformat(e["updated"]) for e in atom_entries(example_build / "feeds" / "atom.xml").values()]
    assert feed_updated == max(m for m in entries if m <= example_plan.now)


def test_every_entry_links_to_a_page_of_the_built_site(example_build, example_plan):
    base = example_plan.config.site.base_url
    links = [e["link"] for path in atom_files(example_build) for e in atom_entries(path).values()]
    links += [i.findtext("link") for i in etree.parse(str(example_build / "feeds" / "rss.xml")).getroot().iter("item")]
    links += [i["url"] for i in load_json(example_build / "feeds" / "feed.json")["items"]]
    assert len(links) > 3 * len(example_plan.drafts)
    for link in set(links):
        assert page_file(example_build, link, base).is_file(), link


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def test_each_entry_tells_summary_status_dates_agency_and_topics(example_build, example_plan):
    parsed = feedparser.parse((example_build / "feeds" / "atom.xml").read_bytes())
    by_link = {urls.absolute(v.url, example_plan.config.site.base_url): v for v in example_plan.drafts}
    for entry in parsed.entries:
        view = by_link[entry.link]
        draft = view.draft
        assert entry.title == draft.title
        assert entry.summary == draft.summary
        content = entry.content[0].value
        assert f"Trạng thái: {lifecycle.STATUS_LABEL[view.status]}" in content
        assert f"Bắt đầu lấy ý kiến: {format_vi.date_short(draft.consultation.opens)}" in content
        assert f"hết ngày {format_vi.date_short(draft.consultation.deadline)}" in content
        assert view.agency.name in content and entry.author == view.agency.name
        assert [t.term for t in entry.tags] == list(draft.topics)
        assert [t.label for t in entry.tags] == [t.name for t in view.topics]
    extended = [v for v in example_plan.drafts if v.draft.consultation.extended_to]
    assert extended   # the example shows the words for an extension too
    item = next(e for e in parsed.entries if e.link.endswith(extended[0].url))
    assert "đã gia hạn" in item.content[0].value


def test_a_rebuild_on_a_later_day_keeps_ids_and_moves_only_changed_drafts(example_build, later_build):
    before_plan, after_plan = plan_of(TODAY), plan_of(LATER)
    base = before_plan.config.site.base_url
    before = atom_entries(example_build / "feeds" / "atom.xml")
    after = atom_entries(later_build / "feeds" / "atom.xml")
    assert set(before) == set(after)
    status_before = {feeds.entry_id(v.draft, base): v.status for v in before_plan.drafts}
    status_after = {feeds.entry_id(v.draft, base): v.status for v in after_plan.drafts}
    changed_status = {i for i in status_before if status_before[i] != status_after[i]}
    moved = {i for i in before if before[i]["updated"] != after[i]["updated"]}
    assert changed_status, "the later day must change some statuses, or this test proves nothing"
    assert moved == changed_status
    assert all(after[i]["updated"] > before[i]["updated"] for i in moved)
    # the other formats say the same
    rss_after = {i.findtext("guid"): email.utils.parsedate_to_datetime(i.findtext("pubDate")).isoformat()
                 for i in etree.parse(str(later_build / "feeds" / "rss.xml")).getroot().iter("item")}
    json_after = {i["id"]: i["date_modified"] for i in load_json(later_build / "feeds" / "feed.json")["items"]}
    assert rss_after == json_after == {i: e["updated"] for i, e in after.items()}


def test_an_entry_keeps_its_id_when_the_slug_changes(tmp_path):
    text = draft_text(id="hoc-phi-2027")
    ids = []
    for name in ("hoc-phi.md", "hoc-phi-nam-hoc-2027-2028.md"):
        root = tmp_path / name
        config = make_site(root, {name: text})
        result = run_policyhub("build", "--config", str(config), "--out", str(root / "site"),
                               "--today", "2026-11-22", "--quiet")
        assert result.returncode == 0, result.stderr
        entries = atom_entries(root / "site" / "feeds" / "atom.xml")
        ((entry_id, entry),) = entries.items()
        assert entry["link"].endswith(f"/du-thao/{name[:-3]}/")
        ids.append(entry_id)
    assert ids[0] == ids[1] == "tag:duthao.example.gov.vn,2026:du-thao/hoc-phi-2027"


def test_feeds_calendar_and_open_data_are_byte_identical_for_the_same_day(example_build, example_built_again):
    out = example_built_again
    files = [p.relative_to(example_build) for p in all_feed_files(example_build)]
    files += [Path("feeds/feed.json"), Path("calendar.ics"), Path("api/drafts.json"), Path("api/drafts.schema.json")]
    for name in files:
        assert (out / name).read_bytes() == (example_build / name).read_bytes(), name


def test_absolute_links_follow_the_base_url_option(tmp_path):
    config = make_site(tmp_path, {"hoc-phi.md": draft_text()})
    base = "https://gopy.other.example.org/duthao/"
    result = run_policyhub("build", "--config", str(config), "--out", str(tmp_path / "site"),
                           "--today", "2026-11-22", "--base-url", base, "--quiet")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for name in ("feeds/rss.xml", "feeds/atom.xml", "feeds/feed.json", "calendar.ics", "api/drafts.json"):
        text = (site / name).read_text(encoding="utf-8")
        assert "duthao.example.gov.vn" not in text, name
        assert base + "du-thao/hoc-phi/" in text.replace("\r\n ", ""), name
    (entry_id,) = atom_entries(site / "feeds" / "atom.xml")
    assert entry_id == "tag:gopy.other.example.org,2026:du-thao/hoc-phi"


def test_front_matter_text_stays_text_in_feeds(tmp_path):
    title = 'Dự thảo <script>alert("x")</script> & "phí"'
    config = make_site(tmp_path, {"x.md": draft_text(title=title, summary="<img src=x onerror=alert(1)> tóm tắt")})
    result = run_policyhub("build", "--config", str(config), "--out", str(tmp_path / "site"),
                           "--today", "2026-11-22", "--quiet")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    parsed = feedparser.parse((site / "feeds" / "atom.xml").read_bytes())
    assert not parsed.bozo
    assert parsed.entries[0].title == title
    item = load_json(site / "feeds" / "feed.json")["items"][0]
    assert item["title"] == title
    elements = _Elements()
    elements.feed(item["content_html"])
    assert "script" not in elements.tags and "img" not in elements.tags
    assert "&lt;img src=x onerror=alert(1)&gt;" in item["content_html"]


# -- the pages point to their feeds ----------------------------------------------------------------

def _resolve(site: Path, page: Path, href: str) -> Path:
    return (page.parent / href).resolve()


def _alternate_links(path: Path) -> dict[str, str]:
    return {attrs["href"]: attrs.get("type", "") for tag, attrs in parse(path).tags
            if tag == "link" and attrs.get("rel") == "alternate"}


def _html(path: Path):
    return lxml.html.fromstring(path.read_bytes())


def _visible_feed_links(path: Path) -> dict[str, str]:
    """Links in the page's text to an item of the "Nhận tin" page: href -> link text."""
    return {a.get("href"): " ".join(a.text_content().split()) for a in _html(path).iter("a")
            if "feeds/index.html#" in "/" + a.get("href", "")}


def _feed_of_item(feeds_page: Path, anchor: str) -> str:
    items = feed_items(feeds_page)
    assert anchor in items, anchor
    return items[anchor][0]


def _expected_feeds(page) -> set[str]:
    own = {"open": ["feeds/dang-lay-y-kien.xml"]}.get(page.kind, [])
    if page.kind == "agency":
        own = [vocab.agency_feed_path(page.data["agency"].key)]
    elif page.kind == "topic":
        own = [vocab.topic_feed_path(page.data["topic"].key)]
    elif page.kind == "draft":
        view = page.data["view"]
        own = [vocab.agency_feed_path(view.agency.key)] + [vocab.topic_feed_path(t.key) for t in view.topics]
    return set(own)


def test_every_page_announces_the_site_feeds_and_its_own(example_build, example_plan):
    site_feeds = {vocab.RSS_PATH, vocab.ATOM_PATH, vocab.JSON_FEED_PATH}
    checked = 0
    for page in example_plan.pages:
        if page.kind == "not_found":
            continue
        path = example_build / urls.file_of(page.url)
        announced = {
            _resolve(example_build, path, href).relative_to(example_build.resolve()).as_posix(): kind
            for href, kind in _alternate_links(path).items()}
        assert site_feeds | _expected_feeds(page) == set(announced), page.url
        assert announced[vocab.RSS_PATH] == "application/rss+xml"
        assert announced[vocab.JSON_FEED_PATH] == "application/feed+json"
        assert all((example_build / target).is_file() for target in announced), page.url
        checked += 1
    assert checked == len(example_plan.pages) - 1


def test_listing_and_draft_pages_lead_to_their_feeds_on_the_nhan_tin_page(example_build, example_plan):
    """A visible feed link leads to its feed's item on the "Nhận tin" page (the explanation
    and the address to copy), never straight to raw XML, and says which format it is."""
    kinds = {"open", "finished", "agency", "topic", "draft"}
    feeds_page = example_build / urls.file_of(vocab.FEEDS_PAGE)
    for page in (p for p in example_plan.pages if p.kind in kinds):
        path = example_build / urls.file_of(page.url)
        links = _visible_feed_links(path)
        assert links, page.url
        targets = set()
        for href, text in links.items():
            target, _, anchor = href.partition("#")
            assert _resolve(example_build, path, target) == feeds_page.resolve(), (page.url, href)
            assert re.search(r"\((nguồn tin Atom|RSS|Atom|JSON Feed|lịch iCalendar)\)", text), (page.url, text)
            targets.add(_feed_of_item(feeds_page, anchor))
        assert _expected_feeds(page) or {vocab.ATOM_PATH} <= targets, page.url
        assert _expected_feeds(page) <= targets, page.url
        for href in _alternate_links(path):   # while the head still names the feeds themselves
            assert "feeds/index.html" not in href
    home = _visible_feed_links(example_build / "index.html")
    home_targets = {_feed_of_item(feeds_page, href.partition("#")[2]): text for href, text in home.items()
                    if href.partition("#")[2] != "du-lieu-mo"}
    assert home_targets == {
        vocab.RSS_PATH: "Tin về tất cả dự thảo (RSS)", vocab.ATOM_PATH: "Tin về tất cả dự thảo (Atom)",
        vocab.JSON_FEED_PATH: "Tin về tất cả dự thảo (JSON Feed)",
        vocab.OPEN_FEED_PATH: "Tin về dự thảo đang lấy ý kiến (Atom)",
        vocab.CALENDAR_PATH: "Lịch hạn góp ý các dự thảo (lịch iCalendar)"}
    assert "RSS/Atom" not in parse(example_build / "index.html").text


def test_the_head_names_the_format_of_every_feed_it_announces(example_build, example_plan):
    words = {"application/rss+xml": "(RSS)", "application/atom+xml": "(Atom)", "application/feed+json": "(JSON Feed)"}
    for page in example_plan.pages:
        if page.kind == "not_found":
            continue
        for tag, attrs in parse(example_build / urls.file_of(page.url)).tags:
            if tag == "link" and attrs.get("rel") == "alternate":
                assert attrs.get("title", "").endswith(words[attrs["type"]]), (page.url, attrs)
