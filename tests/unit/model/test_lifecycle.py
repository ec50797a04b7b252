"""The lifecycle a citizen sees: which state a draft is in on a given day and time."""
import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from generator.model.lifecycle import STATUS_LABEL, milestones, status_view
from generator.model import Channel, Consultation, Draft, Outcome, Response, Status

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=VN)


def draft(opens="2026-11-10 00:00", closes="2026-12-10 23:59:59", extended=None, **kw) -> Draft:
    consultation = Consultation(opens=at(opens), closes=at(closes),
                                extended_to=at(extended) if extended else None,
                                channels=(Channel("email", address="a@b.vn"),))
    return Draft(source="drafts/x.md", slug="x", id="x", title="X", doc_type="t", agency="a",
                 topics=("t",), summary="s", consultation=consultation, **kw)


@pytest.mark.parametrize("now, expected", [
    ("2026-11-09 23:59:59", Status.UPCOMING),
    ("2026-11-10 00:00:00", Status.OPEN),        # opens at the start of its first day
    ("2026-12-10 00:00:00", Status.OPEN),        # the close day itself is still open …
    ("2026-12-10 23:59:00", Status.OPEN),        # … until 23:59 local time
    ("2026-12-11 00:00:00", Status.CLOSED),
])
def test_status_follows_the_days_with_the_close_day_open_until_its_end(now, expected):
    assert draft().status_on(at(now)) is expected


def test_the_close_day_is_open_until_2359_in_the_site_zone_even_when_asked_in_utc():
    # 16:30 UTC on the close day is 23:30 in Hà Nội: still open
    now = dt.datetime(2026, 12, 10, 16, 30, tzinfo=dt.timezone.utc)
    assert draft().status_on(now) is Status.OPEN
    assert draft().status_on(now + dt.timedelta(minutes=31)) is Status.CLOSED


def test_an_extension_keeps_the_draft_open_until_the_new_date():
    extended = draft(closes="2026-11-18 23:59:59", extended="2026-12-02 23:59:59")
    assert extended.status_on(at("2026-11-25 12:00")) is Status.OPEN
    assert extended.status_on(at("2026-12-03 00:00")) is Status.CLOSED
    assert extended.consultation.days == 22


def test_a_published_response_makes_it_responded_only_from_its_date():
    responded = draft(response=Response(published=dt.date(2026, 12, 20), total=3))
    assert responded.status_on(at("2026-12-19 10:00")) is Status.CLOSED
    assert responded.status_on(at("2026-12-20 00:00")) is Status.RESPONDED


def test_hand_set_states_win_over_the_dates():
    adopted = draft(status=Status.ADOPTED, outcome=Outcome("1/2026/NQ-HĐND", dt.date(2027, 1, 5)))
    withdrawn = draft(status=Status.WITHDRAWN)
    assert adopted.status_on(at("2026-11-20 00:00")) is Status.ADOPTED
    assert withdrawn.status_on(at("2026-11-01 00:00")) is Status.WITHDRAWN


def test_what_a_page_says_of_the_state_is_the_same_every_day_until_a_milestone():
    """No count of days: those are the page script's, so a page built on one day is true the next."""
    open_days = [status_view(draft(), at(f"2026-11-{day} 00:00")) for day in range(10, 31)]
    assert {(v.status, v.label, v.note, v.as_of) for v in open_days} == {
        (Status.OPEN, "Đang lấy ý kiến", "", at("2026-11-10 00:00"))}
    before = status_view(draft(), at("2026-11-07 00:00"))
    assert (before.status, before.note, before.as_of) == (Status.UPCOMING, "", None)
    closed = status_view(draft(), at("2026-12-11 00:00"))
    assert (closed.status, closed.note, closed.as_of) == (Status.CLOSED, "Đang tổng hợp, giải trình ý kiến",
                                                          at("2026-12-10 23:59:59"))


def test_an_extension_is_a_milestone_of_its_own():
    extended = draft(closes="2026-11-18 23:59:59", extended="2026-12-02 23:59:59")
    assert [kind for _, kind in milestones(extended)] == ["opens", "closes", "extended"]
    assert status_view(extended, at("2026-11-19 00:00")).as_of == at("2026-11-18 23:59:59")
    assert status_view(extended, at("2026-11-18 00:00")).as_of == at("2026-11-10 00:00")


def test_every_state_has_words():
    assert set(STATUS_LABEL) == set(Status)
    assert len(set(STATUS_LABEL.values())) == len(Status)
