"""calendar.ics: the comment deadlines of open and upcoming drafts, for any calendar app.

One all-day event per draft on its last day of comments (RFC 5545). The UID comes from the
draft's id, so a subscribed calendar moves the event when a deadline is extended instead of
adding a second one; DTSTAMP is the draft's latest change, never the wall clock.
"""
from __future__ import annotations

import datetime as dt
import urllib.parse
from pathlib import Path

import icalendar

from generator.cache import published
from generator.outputs import feed_splice, feeds
from generator.outputs.entry_table import EntryTable, entry_key
from generator.plan import urls
from generator.model import Status
from generator.model.vocab import CALENDAR_PATH
from generator.plan.plan import DraftView, Plan
from generator.render import format_vi

PRODID = "-//policyhub//Lich han gop y du thao//VI"


def event_uid(view: DraftView, base_url: str) -> str:
    host = urllib.parse.urlsplit(base_url).hostname or "localhost"
    return f"han-gop-y-{view.draft.id}@{host}"


def deadline_event(view: DraftView, plan: Plan, stamp: dt.datetime | None = None) -> icalendar.Event:
    """`stamp`: the draft's latest change (`feeds.last_change`), when known."""
    draft = view.draft
    base = plan.config.site.base_url
    link = urls.absolute(view.url, base)
    last_day = draft.consultation.deadline.date()
    event = icalendar.Event()
    event.add("uid", event_uid(view, base))
    stamp = stamp or feeds.last_change(draft, plan.now).at
    event.add("dtstamp", stamp.astimezone(dt.timezone.utc))
    event.add("dtstart", last_day)                       # VALUE=DATE: an all-day event
    event.add("dtend", last_day + dt.timedelta(days=1))  # exclusive end (RFC 5545 3.6.1)
    # a moved deadline is a new version of the same event for clients that track SEQUENCE
    event.add("sequence", 1 if draft.consultation.extended_to else 0)
    event.add("summary", f"Hạn góp ý: {draft.title}")
    event.add("description", "\n\n".join([
        draft.summary,
        f"{view.state.label}. Nhận góp ý đến hết ngày {format_vi.date_short(last_day)}.",
        f"Cơ quan chủ trì soạn thảo: {view.agency.name}.",
        f"Xem dự thảo và cách góp ý: {link}",
    ]))
    event.add("url", link)
    event.add("categories", [t.name for t in view.topics])
    event.add("transp", "TRANSPARENT")                   # a deadline does not make anyone busy
    event.add("status", "CONFIRMED")
    return event


def calendar_views(plan: Plan) -> list[DraftView]:
    """Drafts whose comment window is open or still to come, soonest deadline first."""
    views = [v for v in plan.drafts if v.status in (Status.OPEN, Status.UPCOMING)]
    return sorted(views, key=lambda v: (v.draft.consultation.deadline, v.draft.slug))


def calendar_ics(plan: Plan, table: EntryTable | None = None) -> list[bytes]:
    """The calendar, each draft's event made once or taken from the last build's (`entry_table`),
    in parts (`feed_splice.spliced_calendar`)."""
    site = plan.config.site
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Hạn góp ý dự thảo – {site.name}")
    cal.add("x-wr-timezone", site.timezone)
    table = table or EntryTable(plan, "calendar", cached=False)
    views = calendar_views(plan)
    stamps = [feeds.last_change(view.draft, plan.now).at for view in views]
    keys = [entry_key(plan, view, feeds.rfc3339(stamp)) for view, stamp in zip(views, stamps)]
    events = table.entries(keys, lambda missing: [deadline_event(views[i], plan, stamps[i]).to_ical()
                                                  for i in missing])
    return feed_splice.spliced_calendar(cal.to_ical(), events)


def write_calendar(plan: Plan, out: Path) -> None:
    """Write calendar.ics into the staged site (an EXTRA_WRITERS entry)."""
    table = EntryTable(plan, "calendar")
    published.put_parts(out / CALENDAR_PATH, calendar_ics(plan, table))
    table.save()
