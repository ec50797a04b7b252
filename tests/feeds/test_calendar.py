"""calendar.ics as a calendar app imports it: valid RFC 5545, one all-day event per open or
upcoming comment window on its last day, linking the draft."""
from __future__ import annotations

import datetime as dt

import icalendar

from generator.outputs import calendar_ics
from generator.plan import urls
from generator.model import Status
from tests.feeds.conftest import LATER, plan_of
from tests.feeds.feed_tools import page_file

REQUIRED_EVENT = ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "URL", "DESCRIPTION")


def _calendar(site):
    return icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())


def test_the_calendar_is_valid_icalendar(example_build):
    raw = (example_build / "calendar.ics").read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)           # folded (RFC 5545 3.1)
    assert b"\n" not in raw.replace(b"\r\n", b"")             # CRLF only
    cal = _calendar(example_build)
    assert str(cal["VERSION"]) == "2.0" and str(cal["PRODID"])
    events = cal.walk("VEVENT")
    assert events
    for event in events:
        for name in REQUIRED_EVENT:
            assert name in event, name
        assert event["DTSTAMP"].dt.tzinfo is not None and event["DTSTAMP"].dt.utcoffset() == dt.timedelta(0)
        assert event["DTSTAMP"].to_ical().endswith(b"Z")
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert type(start) is dt.date and type(end) is dt.date   # all-day: VALUE=DATE
        assert end == start + dt.timedelta(days=1)
    assert b"DTSTART;VALUE=DATE:" in raw
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_one_event_per_open_or_upcoming_draft_on_its_last_day(example_build, example_plan):
    base = example_plan.config.site.base_url
    expected = {urls.absolute(v.url, base): v for v in example_plan.drafts
                if v.status in (Status.OPEN, Status.UPCOMING)}
    events = {str(e["URL"]): e for e in _calendar(example_build).walk("VEVENT")}
    assert set(events) == set(expected)
    assert any(v.status is Status.UPCOMING for v in expected.values())
    for url, event in events.items():
        view = expected[url]
        assert event["DTSTART"].dt == view.draft.consultation.deadline.date()
        assert str(event["SUMMARY"]) == f"Hạn góp ý: {view.draft.title}"
        assert url in str(event["DESCRIPTION"]) and view.draft.summary in str(event["DESCRIPTION"])
        assert page_file(example_build, url, base).is_file()
    extended = [e for u, e in events.items() if expected[u].draft.consultation.extended_to]
    assert extended and all(int(e["SEQUENCE"]) == 1 for e in extended)   # the moved deadline is a new version


def test_a_later_build_keeps_each_event_uid_and_drops_closed_windows(example_build, later_build):
    before = {str(e["URL"]): str(e["UID"]) for e in _calendar(example_build).walk("VEVENT")}
    after = {str(e["URL"]): str(e["UID"]) for e in _calendar(later_build).walk("VEVENT")}
    kept = set(before) & set(after)
    assert kept and all(before[u] == after[u] for u in kept)
    later = plan_of(LATER)
    closed_since = {urls.absolute(v.url, later.config.site.base_url) for v in later.drafts
                    if v.status not in (Status.OPEN, Status.UPCOMING)} & set(before)
    assert closed_since and not closed_since & set(after)


def test_the_uid_comes_from_the_draft_id_and_the_host(example_plan):
    view = example_plan.drafts[0]
    assert calendar_ics.event_uid(view, "https://duthao.lamdong.example.gov.vn/") == \
        f"han-gop-y-{view.draft.id}@duthao.lamdong.example.gov.vn"
