"""Feeds, the calendar and the open data are written as a frame with each draft's entry put
in (`feed_splice`), so that an unchanged draft's entry can be kept from the last build: the
files are byte for byte what feedgen, icalendar and the JSON encoder write for the whole
file, also for text that looks like the markup around an entry."""
from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from generator.build import Options, load_and_validate, make_plan
from generator.outputs import calendar_ics, feed_extension, feeds, opendata
from generator.outputs.feed_splice import json_bytes
from tests.conftest import REPO, TODAY, draft_text, make_site

TRICKY = ('Tóm tắt có "ngoặc kép", & và <b>thẻ</b>:\n  <entry>\n    <item>\n</feed>\n'
          'END:VCALENDAR\n  "items": []\n}')


def plan_of(config, day: str):
    checked = load_and_validate(Options(config_path=config, today=dt.date.fromisoformat(day), quiet=True,
                                        use_cache=False))
    assert not checked.report.errors, checked.report.render_text()
    return make_plan(checked)


@pytest.fixture(scope="module", params=["example", "tricky"])
def plan(request, tmp_path_factory):
    if request.param == "example":
        return plan_of(REPO / "site_config.yml", "2026-12-06")
    drafts = {f"2026/d{n}.md": draft_text(title=f"Dự thảo {n} </title> & <entry>", opens=opens, closes=closes,
                                          summary=TRICKY, topics=topics)
              for n, (opens, closes, topics) in enumerate([("2026-11-10", "2026-12-10", ["giao-duc"]),
                                                           ("2026-12-01", "2026-12-30", ["giao-duc"]),
                                                           ("2026-10-01", "2026-10-31", ["giao-duc"])])}
    return plan_of(make_site(tmp_path_factory.mktemp("tricky"), drafts), TODAY)


def whole_atom(plan, spec, entries) -> bytes:
    fg = feeds._generator(plan, spec, feeds.urls.absolute(spec.path, plan.config.site.base_url),
                          feeds.feed_updated(plan, spec.entries, entries))
    for entry in spec.entries:
        feeds._add_atom_entry(plan, fg, entry)
    return feed_extension.with_stylesheet(fg.atom_str(pretty=True, encoding="UTF-8"), spec.path)


def test_every_atom_feed_is_what_feedgen_writes_for_the_whole_feed(plan):
    entries = feeds.make_entries(plan)
    specs = feeds.feed_specs(plan, entries)
    assert any(len(spec.entries) > 1 for spec in specs) and any(not spec.entries for spec in specs)
    for spec in specs:
        assert b"".join(feeds.atom_xml(plan, spec, entries)) == whole_atom(plan, spec, entries), spec.path


def test_the_rss_feed_is_what_feedgen_writes_for_the_whole_feed(plan):
    entries = feeds.make_entries(plan)
    fg = feeds._rss_generator(plan, entries)
    for entry in entries:
        feeds._add_rss_item(plan, fg, entry)
    whole = feed_extension.with_stylesheet(fg.rss_str(pretty=True, encoding="UTF-8"), feeds.RSS_PATH)
    assert b"".join(feeds.rss_xml(plan, entries)) == whole


def test_the_json_feed_and_the_open_data_are_what_the_encoder_writes_for_the_whole_value(plan):
    entries = feeds.make_entries(plan)
    whole = {**feeds.json_frame(plan), "items": [feeds.json_item(plan, e) for e in entries]}
    assert b"".join(feeds.json_feed(plan, entries)) == json_bytes(whole)
    assert b"".join(opendata.drafts_json(plan)) == json_bytes(opendata.drafts_data(plan))
    assert b"".join(feeds.json_feed(plan, [])) == json_bytes(feeds.json_frame(plan))


def test_the_calendar_is_what_icalendar_writes_for_the_whole_calendar(plan):
    views = calendar_ics.calendar_views(plan)
    assert views
    spliced = b"".join(calendar_ics.calendar_ics(plan))
    whole = icalendar.Calendar.from_ical(spliced)
    assert len(whole.walk("VEVENT")) == len(views)
    rebuilt = icalendar.Calendar()
    for name, value in whole.property_items(recursive=False)[1:-1]:
        rebuilt.add(name, value)
    for view in views:
        rebuilt.add_component(calendar_ics.deadline_event(view, plan))
    assert spliced == rebuilt.to_ical()
