"""The consultation lifecycle told in words: status labels and the milestones of a draft.

The states themselves are derived in `model.Draft.status_on`; this module says them the
way a citizen reads them, never by colour alone. A built page says only what stays true
until the draft's state changes: the state, absolute dates ("hết ngày 05/12/2026") and which
milestones are past. Words that count days ("Còn 4 ngày để góp ý", "Hôm nay là ngày cuối
góp ý", "Mở góp ý sau 3 ngày"), the mark of a close within three days and the "Hôm nay" mark
of the timeline come from the page's script (theme/assets/javascripts/policyhub.js), which
counts days in the site's time zone from the dates on the page. So a page built yesterday
is still true today, and a nightly rebuild leaves it as it was.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from generator.model import Draft, SiteConfig, Status
from generator.model.vocab import STATUS_LABEL

CLOSED_NOTE = "Đang tổng hợp, giải trình ý kiến"


def milestones(draft: Draft) -> tuple[tuple[dt.datetime, str], ...]:
    """The moments of a draft's timeline, in order: opens, closes, the extended close, the
    response and the adoption, those that apply (kind names: opens, closes, extended,
    response, outcome). A state only ever changes at one of them."""
    c = draft.consultation
    tz = c.opens.tzinfo
    found = [(c.opens, "opens"), (c.closes, "closes")]
    if c.extended_to:
        found.append((c.extended_to, "extended"))
    if draft.response is not None:
        found.append((dt.datetime.combine(draft.response.published, dt.time(0, 0), tzinfo=tz), "response"))
    if draft.outcome is not None:
        found.append((dt.datetime.combine(draft.outcome.date, dt.time(0, 0), tzinfo=tz), "outcome"))
    return tuple(sorted(found, key=lambda m: m[0]))


@dataclass(frozen=True)
class StatusView:
    """What a page says about a draft's state: the same on every day until the state changes,
    or until another milestone of its timeline passes."""

    status: Status
    label: str
    note: str                      # what the state itself says, never a count of days: "Đang tổng hợp, giải trình ý kiến"
    as_of: dt.datetime | None      # the latest milestone at or before the build (None before the opening)


def status_view(draft: Draft, now: dt.datetime) -> StatusView:
    status = draft.status_on(now)
    past = [moment for moment, _ in milestones(draft) if moment <= now]
    note = CLOSED_NOTE if status is Status.CLOSED else ""
    return StatusView(status, STATUS_LABEL[status], note, max(past) if past else None)


def moment_of(config: SiteConfig, today: dt.date | None) -> dt.datetime:
    """The instant the site describes: the start of `today`, or now, in the site's zone."""
    tz = ZoneInfo(config.site.timezone)
    if today is None:
        return dt.datetime.now(tz).replace(microsecond=0)
    return dt.datetime.combine(today, dt.time(0, 0), tzinfo=tz)
