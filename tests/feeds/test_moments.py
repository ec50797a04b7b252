"""Dates in the feeds as a feed reader trusts them: nothing dated after the build, no entry
newer than its feed, the feed as new as its newest entry, in Atom, RSS and JSON Feed alike."""
from __future__ import annotations

import datetime as dt
import email.utils
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from generator.model import Status
from generator.render import format_vi
from tests.conftest import TODAY, draft_text, make_site, run_policyhub
from tests.feeds.conftest import LATER, plan_of
from tests.feeds.feed_tools import A, atom_files, load_json


def moments_of(site: Path) -> dict[str, tuple[dt.datetime, list[dt.datetime]]]:
    """feed file -> (the feed's own updated time, every entry's updated and published times)."""
    out = {}
    for path in atom_files(site):
        root = etree.parse(str(path)).getroot()
        entries = [dt.datetime.fromisoformat(e.text) for e in root.iter(A + "updated", A + "published")
                   if e.getparent() is not root]
        out[path.name if path.parent.name == "feeds" else f"{path.parent.name}/{path.name}"] = (
            dt.datetime.fromisoformat(root.findtext(A + "updated")), entries)
    channel = etree.parse(str(site / "feeds" / "rss.xml")).getroot().find("channel")
    out["rss.xml"] = (email.utils.parsedate_to_datetime(channel.findtext("lastBuildDate")),
                      [email.utils.parsedate_to_datetime(i.findtext("pubDate")) for i in channel.iter("item")])
    data = load_json(site / "feeds" / "feed.json")
    items = [dt.datetime.fromisoformat(i[key]) for i in data["items"] for key in ("date_modified", "date_published")
             if key in i]
    # JSON Feed has no time of its own: its newest item stands for it
    out["feed.json"] = (max(dt.datetime.fromisoformat(i["date_modified"]) for i in data["items"]), items)
    return out


@pytest.mark.parametrize("day", [TODAY, LATER])
def test_no_entry_is_newer_than_the_build_or_than_its_feed(day, example_build, later_build):
    site = {TODAY: example_build, LATER: later_build}[day]
    now = plan_of(day).now
    for name, (feed_updated, entries) in moments_of(site).items():
        assert feed_updated <= now, name
        assert all(moment <= feed_updated for moment in entries), name
        if entries:   # the feed is exactly as new as its newest entry
            assert feed_updated == max(entries), name


def test_an_upcoming_draft_is_dated_by_its_announcement_never_by_its_opening(example_build, example_plan):
    upcoming = [v for v in example_plan.drafts if v.status is Status.UPCOMING]
    assert upcoming, "the example must have an upcoming draft, or this test proves nothing"
    assert {v.draft.consultation.announced is None for v in upcoming} == {True, False}, "both ways of dating"
    parsed = {e.link: e for e in feedparser.parse((example_build / "feeds" / "atom.xml").read_bytes()).entries}
    rss = {e.link: e for e in feedparser.parse((example_build / "feeds" / "rss.xml").read_bytes()).entries}
    json_items = {i["url"]: i for i in load_json(example_build / "feeds" / "feed.json")["items"]}
    base = example_plan.config.site.base_url
    for view in upcoming:
        link = base + view.url
        opens = view.draft.consultation.opens
        posted = view.draft.consultation.announced or opens.date() - dt.timedelta(days=1)
        announced = min(dt.datetime.combine(posted, dt.time(0), opens.tzinfo), example_plan.now)
        assert dt.datetime.fromisoformat(parsed[link].updated) == announced
        assert "published" not in parsed[link] and "date_published" not in json_items[link]
        words = f"nhận góp ý từ ngày {format_vi.date_short(opens)}"
        assert words in parsed[link].content[0].value
        assert words in rss[link].description
        assert words in json_items[link]["content_text"] and words in json_items[link]["content_html"]


def test_a_draft_announced_a_month_ahead_dates_entry_and_feed_by_the_build(tmp_path):
    """The case that made feeds claim a future update: only an upcoming draft, far ahead."""
    config = make_site(tmp_path, {"hoc-phi.md": draft_text(opens="2026-12-22", closes="2027-01-22")})
    made = []
    for day in ("2026-11-22", "2026-11-23"):
        out = tmp_path / day
        result = run_policyhub("build", "--config", str(config), "--out", str(out), "--today", day, "--quiet")
        assert result.returncode == 0, result.stderr
        root = etree.parse(str(out / "feeds" / "atom.xml")).getroot()
        entry = root.find(A + "entry")
        assert entry.findtext(A + "updated") == root.findtext(A + "updated") == f"{day}T00:00:00+07:00"
        made.append((out / "feeds" / "atom.xml").read_bytes())
        again = tmp_path / (day + "-again")
        run_policyhub("build", "--config", str(config), "--out", str(again), "--today", day, "--quiet")
        assert (again / "feeds" / "atom.xml").read_bytes() == made[-1]   # the same bytes for the same day
