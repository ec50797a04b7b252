"""When an entry is "updated": the latest event of a draft's life at the build moment, so that
a feed reader sees a draft again exactly when its state changes."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from generator.outputs.feeds import entry_id, last_change, lifecycle_events
from generator.model import Channel, Consultation, Draft, Outcome, Response, Status

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VN)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def draft(extended=None, extended_on=None, announced=None, **fields) -> Draft:
    consultation = Consultation(opens=at("2026-11-10 00:00"), closes=at("2026-12-10 23:59:59"),
                                extended_to=at(extended) if extended else None,
                                extended_on=day(extended_on) if extended_on else None,
                                announced=day(announced) if announced else None,
                                channels=(Channel("email", address="a@b.vn"),))
    return Draft(source="drafts/x.md", slug="x", id="hoc-phi", title="X", doc_type="t", agency="a",
                 topics=("t",), summary="s", consultation=consultation, **fields)


def change(d: Draft, now: str):
    c = last_change(d, at(now))
    return c.kind, c.at


def test_an_upcoming_draft_counts_as_announced_the_day_before_it_opens():
    assert change(draft(), "2026-11-09 00:00") == ("announced", at("2026-11-09 00:00"))
    assert change(draft(), "2026-11-09 23:59") == ("announced", at("2026-11-09 00:00"))


def test_an_announcement_is_never_dated_after_the_build():
    # built days ahead, the draft is on the site already: announced by the start of that day
    assert change(draft(), "2026-11-01 00:00") == ("announced", at("2026-11-01 00:00"))
    assert change(draft(), "2026-11-01 15:30") == ("announced", at("2026-11-01 00:00"))   # the same all day
    assert change(draft(), "2026-11-08 23:59") == ("announced", at("2026-11-08 00:00"))


def test_a_draft_posted_ahead_with_its_day_keeps_one_time_until_it_opens():
    early = draft(announced="2026-10-05")
    times = {change(early, f"2026-{m}-{d:02d} 12:00") for m, d in [("10", 5), ("10", 20), ("11", 1), ("11", 9)]}
    assert times == {("announced", at("2026-10-05 00:00"))}
    # built before its own announcement day (a wrong date or an early build): never after the build
    assert change(early, "2026-10-01 08:00") == ("announced", at("2026-10-01 00:00"))
    assert change(early, "2026-11-10 00:00") == ("opened", at("2026-11-10 00:00"))


def test_opening_and_closing_move_the_time():
    assert change(draft(), "2026-11-10 00:00") == ("opened", at("2026-11-10 00:00"))
    assert change(draft(), "2026-12-10 23:00") == ("opened", at("2026-11-10 00:00"))
    assert change(draft(), "2026-12-11 00:00") == ("closed", at("2026-12-11 00:00"))


def test_an_extension_counts_from_the_day_it_was_announced():
    d = draft(extended="2026-12-20 23:59:59", extended_on="2026-12-05")
    assert change(d, "2026-12-04 12:00") == ("opened", at("2026-11-10 00:00"))
    assert change(d, "2026-12-05 00:00") == ("extended", at("2026-12-05 00:00"))
    assert change(d, "2026-12-15 00:00") == ("extended", at("2026-12-05 00:00"))   # not closed on the old date
    assert change(d, "2026-12-21 00:00") == ("closed", at("2026-12-21 00:00"))


def test_an_extension_without_its_day_counts_from_the_original_close():
    d = draft(extended="2026-12-20 23:59:59")
    assert change(d, "2026-12-12 00:00") == ("extended", at("2026-12-10 23:59:59"))


def test_response_and_adoption_each_move_the_time():
    responded = draft(response=Response(published=day("2026-12-28")))
    assert change(responded, "2026-12-27 00:00") == ("closed", at("2026-12-11 00:00"))
    assert change(responded, "2026-12-28 00:00") == ("responded", at("2026-12-28 00:00"))
    adopted = draft(response=Response(published=day("2026-12-28")), status=Status.ADOPTED,
                    outcome=Outcome("12/2027/NQ-HĐND", day("2027-01-15")))
    assert change(adopted, "2027-01-20 00:00") == ("adopted", at("2027-01-15 00:00"))


def test_a_withdrawal_with_its_day_ends_the_story():
    d = draft(status=Status.WITHDRAWN, withdrawn_on=day("2026-11-20"))
    assert change(d, "2026-11-20 00:00") == ("withdrawn", at("2026-11-20 00:00"))
    # the old deadline passing after the withdrawal is not news
    assert change(d, "2027-03-01 00:00") == ("withdrawn", at("2026-11-20 00:00"))
    assert [e.kind for e in lifecycle_events(d)] == ["opened", "withdrawn"]


def test_a_withdrawal_without_its_day_takes_the_latest_other_event():
    d = draft(status=Status.WITHDRAWN)
    assert change(d, "2026-11-20 00:00") == ("withdrawn", at("2026-11-10 00:00"))
    assert change(d, "2027-03-01 00:00") == ("withdrawn", at("2026-12-11 00:00"))


@pytest.mark.parametrize("d", [
    draft(),
    draft(extended="2026-12-20 23:59:59", extended_on="2026-12-05", response=Response(published=day("2027-01-05"))),
    draft(response=Response(published=day("2026-12-10"))),   # report on the close day: shown from the day after
    draft(status=Status.WITHDRAWN, withdrawn_on=day("2026-12-01")),
    draft(announced="2026-09-15"),
], ids=["plain", "extended-then-responded", "report-on-close-day", "withdrawn", "announced"])
def test_day_by_day_the_time_moves_exactly_when_the_state_changes(d):
    """Walk a year day by day (and the last minutes of the close day): `updated` must change
    when the status changes or an extension is announced, and at no other moment, except
    that an upcoming draft built before the day before it opens counts as announced on the
    day of the build (never later than the build, see the test above)."""
    moments = [at("2026-10-01 00:00") + dt.timedelta(days=n) for n in range(200)]
    moments += [at("2026-12-10 23:59:00"), at("2026-12-10 23:59:59"), at("2026-12-20 23:59:59")]
    # a hand-set status holds from its own day: the walk starts there
    since = {Status.WITHDRAWN: d.withdrawn_on}.get(d.status)
    moments = sorted(m for m in moments if since is None or m.date() >= since)
    extension = at("2026-12-05 00:00") if d.consultation.extended_on else None
    moved_count = 0
    for before, after in zip(moments, moments[1:]):
        moved = last_change(d, before) != last_change(d, after)
        status_moved = d.status_on(before) is not d.status_on(after)
        extended = extension is not None and before < extension <= after
        announced_early = (after.date() <= d.consultation.opens.date() - dt.timedelta(days=1)
                           and d.consultation.announced is None)
        assert moved == (status_moved or extended or announced_early), (before, after)
        assert last_change(d, after).at <= after
        moved_count += moved
    if d.status is Status.WITHDRAWN:
        assert moved_count == 0 and last_change(d, moments[-1]).kind == "withdrawn"
    else:
        assert moved_count >= 2   # at least opened and closed


def test_the_entry_id_is_a_tag_uri_from_host_site_year_and_draft_id():
    d = draft()
    assert entry_id(d, "https://duthao.lamdong.example.gov.vn/", 2026) == \
        "tag:duthao.lamdong.example.gov.vn,2026:du-thao/hoc-phi"
    # the slug, the dates and the day of the build play no part
    moved = Draft(**{**d.__dict__, "slug": "hoc-phi-moi"})
    assert entry_id(moved, "https://duthao.lamdong.example.gov.vn/sub/", 2026) == \
        entry_id(d, "https://duthao.lamdong.example.gov.vn/", 2026)
    later = dt.timedelta(days=400)
    postponed = Draft(**{**d.__dict__, "consultation": Consultation(
        opens=d.consultation.opens + later, closes=d.consultation.closes + later, channels=d.consultation.channels)})
    assert entry_id(postponed, "https://duthao.lamdong.example.gov.vn/", 2026) == \
        entry_id(d, "https://duthao.lamdong.example.gov.vn/", 2026)
