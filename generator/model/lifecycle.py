"""The consultation lifecycle told in words: status labels, deadlines, days left.

The states themselves are derived in `model.Draft.status_on`; this module says them the
way a citizen reads them, never by colour alone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from generator.model import Draft, SiteConfig, Status
from generator.model.vocab import STATUS_LABEL


def days_left(draft: Draft, today: dt.date) -> int:
    """Whole days from `today` to the last day of comments (0 on the last day itself)."""
    return (draft.consultation.deadline.date() - today).days


def days_until_open(draft: Draft, today: dt.date) -> int:
    return (draft.consultation.opens.date() - today).days


@dataclass(frozen=True)
class StatusView:
    """What a page says about a draft's state on the day of the build."""

    status: Status
    label: str
    note: str          # "Còn 12 ngày", "Hôm nay là ngày cuối", "Mở sau 3 ngày", …
    urgent: bool       # closes within 3 days


def status_view(draft: Draft, now: dt.datetime) -> StatusView:
    status = draft.status_on(now)
    today = now.date()
    note = ""
    urgent = False
    if status is Status.OPEN:
        left = days_left(draft, today)
        urgent = left <= 3
        note = "Hôm nay là ngày cuối góp ý" if left == 0 else f"Còn {left} ngày để góp ý"
    elif status is Status.UPCOMING:
        wait = days_until_open(draft, today)
        note = "Mở góp ý từ hôm nay" if wait <= 0 else f"Mở góp ý sau {wait} ngày"
    elif status is Status.CLOSED:
        note = "Đang tổng hợp, giải trình ý kiến"
    return StatusView(status, STATUS_LABEL[status], note, urgent)


def moment_of(config: SiteConfig, today: dt.date | None) -> dt.datetime:
    """The instant the site describes: the start of `today`, or now, in the site's zone."""
    tz = ZoneInfo(config.site.timezone)
    if today is None:
        return dt.datetime.now(tz).replace(microsecond=0)
    return dt.datetime.combine(today, dt.time(0, 0), tzinfo=tz)
