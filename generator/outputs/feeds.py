"""Feeds for the press and aggregators, made from the plan: RSS 2.0, Atom 1.0 and JSON Feed 1.1.

Every draft is one entry with an id that never changes (a tag URI from the draft's `id`,
which survives a new slug) and an `updated` time that moves only when the draft's state
changes: opened, extended, closed, responded, adopted, withdrawn. The same plan and day give
byte-identical files: no build time, no generator version, sorted order everywhere.
"""
from __future__ import annotations

import datetime as dt
import functools
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

from generator.cache import published
from generator.outputs import feed_content, feed_extension, feed_splice, feed_style
from generator.outputs.entry_table import EntryTable, entry_key
from generator.plan import urls
from generator.model import Draft, Status
from generator.model.vocab import (ATOM_PATH, FEED_STYLE_PATH, JSON_FEED_PATH, OPEN_FEED_PATH, RSS_PATH,
                                   agency_feed_path, topic_feed_path)
from generator.plan.plan import DraftView, Plan

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "policyhub"
# Entry ids name drafts in their own namespace, independent of the configurable URL paths,
# so a site that renames its folders keeps every id.
TAG_NAMESPACE = "du-thao"


# -- what changed, and when ---------------------------------------------------------------

@dataclass(frozen=True)
class LifeEvent:
    """One event in a draft's life that readers of a feed should see."""

    kind: str          # announced, opened, extended, closed, responded, adopted, withdrawn
    at: dt.datetime    # aware, in the site's zone


def _start_of(day: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=tz)


def lifecycle_events(draft: Draft) -> list[LifeEvent]:
    """The dated events of a draft, oldest first, whatever the day of the build.

    A withdrawn draft with `withdrawn_on` has nothing after its withdrawal; one without it
    has no withdrawal event of its own (see `last_change`)."""
    c = draft.consultation
    tz = c.opens.tzinfo
    events = [LifeEvent("opened", c.opens)]
    if c.extended_to is not None:
        announced = _start_of(c.extended_on, tz) if c.extended_on else c.closes
        events.append(LifeEvent("extended", max(announced, c.opens)))
    # the last second of the deadline is still open (Draft.status_on): closed is the next one
    closed = c.deadline + dt.timedelta(seconds=1)
    events.append(LifeEvent("closed", closed))
    if draft.response is not None:
        # the report counts from its day, but a draft is never "responded" while still open
        events.append(LifeEvent("responded", max(_start_of(draft.response.published, tz), closed)))
    if draft.status is Status.ADOPTED and draft.outcome is not None:
        events.append(LifeEvent("adopted", _start_of(draft.outcome.date, tz)))
    if draft.status is Status.WITHDRAWN and draft.withdrawn_on is not None:
        withdrawn = _start_of(draft.withdrawn_on, tz)
        events = [e for e in events if e.at <= withdrawn] + [LifeEvent("withdrawn", withdrawn)]
    return sorted(events, key=lambda e: e.at)


def last_change(draft: Draft, now: dt.datetime) -> LifeEvent:
    """The latest event at or before `now`: the entry's `updated` time, never after `now`.

    Before anything has happened (an upcoming draft) the model has no publication date, so
    the draft counts as announced at the start of the day before it opens, or at the start
    of the build's day when that is earlier: a draft the site shows has been announced by
    then, and no entry may claim a change that has not happened yet."""
    past = [e for e in lifecycle_events(draft) if e.at <= now]
    if draft.status is Status.WITHDRAWN and draft.withdrawn_on is None and past:
        return LifeEvent("withdrawn", past[-1].at)
    if past:
        return past[-1]
    return LifeEvent("announced", announced_at(draft, now))


def announced_at(draft: Draft, now: dt.datetime) -> dt.datetime:
    """When an upcoming draft counts as announced: the start of `consultation.announced`,
    else of the day before it opens; the start of the build's day if that comes first (so
    never after `now`: without `announced`, a draft posted weeks ahead moves every day)."""
    c = draft.consultation
    tz = c.opens.tzinfo
    day = c.announced or c.opens.date() - dt.timedelta(days=1)
    return min(_start_of(day, tz), _start_of(now.astimezone(tz).date(), tz))


def entry_id(draft: Draft, base_url: str, since: int = 2026) -> str:
    """tag:host,YEAR:du-thao/<id> (RFC 4151). YEAR is the site's `since` (the year the hub
    began), so nothing about the draft but its id, and never the build day, goes in."""
    host = urllib.parse.urlsplit(base_url).hostname or "localhost"
    return f"tag:{host},{since}:{TAG_NAMESPACE}/{draft.id}"


def rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


# -- entries ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """What every feed format says about one draft."""

    view: DraftView
    id: str
    link: str
    updated: LifeEvent
    published: dt.datetime | None   # when it opened; None while upcoming
    key: str = ""                   # what its bytes in every format follow from (`entry_table`)

    @property
    def draft(self) -> Draft:
        return self.view.draft

    @functools.cached_property
    def html(self) -> str:
        """The entry's content, made once and used by every feed the draft is in."""
        return feed_content.entry_html(self)


@dataclass(frozen=True)
class FeedSpec:
    """One feed: where it lives, what it is called, the page it mirrors, its drafts."""

    path: str
    title: str
    subtitle: str
    page_url: str
    entries: tuple[Entry, ...]


def make_entries(plan: Plan) -> list[Entry]:
    """Every draft as an entry, newest change first."""
    base = plan.config.site.base_url
    out = []
    for view in plan.drafts:
        draft = view.draft
        opened = draft.consultation.opens
        updated = last_change(draft, plan.now)
        published = opened if opened <= plan.now else None
        out.append(Entry(view=view, id=entry_id(draft, base, plan.config.site.since), link=urls.absolute(view.url, base),
                         updated=updated, published=published,
                         key=entry_key(plan, view, updated.kind, rfc3339(updated.at),
                                       published and rfc3339(published))))
    return sorted(out, key=lambda e: (-e.updated.at.timestamp(), e.draft.slug))


def feed_specs(plan: Plan, entries: list[Entry] | None = None) -> list[FeedSpec]:
    """All Atom feeds: everything, open now, per agency, per topic (every one the site lists)."""
    site, paths = plan.config.site, plan.config.paths
    entries = make_entries(plan) if entries is None else entries
    about = site.description or f"Dự thảo chính sách công bố trên {site.name}."
    specs = [
        FeedSpec(ATOM_PATH, f"Tất cả dự thảo – {site.name}", about, "", tuple(entries)),
        FeedSpec(OPEN_FEED_PATH, f"Dự thảo đang lấy ý kiến – {site.name}",
                 "Các dự thảo đang lấy ý kiến góp ý của người dân, doanh nghiệp.", f"{paths.open}/",
                 tuple(e for e in entries if e.view.status is Status.OPEN)),
    ]
    for key, agency in sorted(plan.config.agencies.items()):
        specs.append(FeedSpec(agency_feed_path(key), f"Dự thảo của {agency.name} – {site.name}",
                              f"Các dự thảo do {agency.name} chủ trì soạn thảo.", f"{paths.agencies}/{key}/",
                              tuple(e for e in entries if e.draft.agency == key)))
    for key, topic in sorted(plan.config.topics.items()):
        specs.append(FeedSpec(topic_feed_path(key), f"Dự thảo lĩnh vực {topic.name} – {site.name}",
                              f"Các dự thảo thuộc lĩnh vực {topic.name}.", f"{paths.topics}/{key}/",
                              tuple(e for e in entries if key in e.draft.topics)))
    return specs


def feed_updated(plan: Plan, entries, all_entries) -> dt.datetime:
    """The newest entry's change (every entry's is at or before the build moment, see
    `last_change`), so that every entry is as old as the feed or older; an empty feed takes
    the site's newest change, so that it too stays the same from one build to the next
    while nothing happens, and a site without drafts the start of the build's day."""
    for group in (entries, all_entries):
        if group:
            return max(e.updated.at for e in group)
    return _start_of(plan.now.date(), plan.now.tzinfo)


# -- Atom and RSS with feedgen ------------------------------------------------------------------

def _generator(plan: Plan, spec: FeedSpec, feed_url: str, updated: dt.datetime) -> FeedGenerator:
    site = plan.config.site
    fg = FeedGenerator()
    fg.id(feed_url)
    fg.title(spec.title)
    fg.subtitle(spec.subtitle)
    fg.link(href=feed_url, rel="self")
    # feedgen takes the last link as the RSS channel's <link>: the page, not the feed
    fg.link(href=urls.absolute(spec.page_url, site.base_url), rel="alternate", type="text/html")
    fg.language(site.language)
    fg.author({"name": site.name, **({"email": site.contact.email} if site.contact.email else {})})
    if site.contact.email:           # RSS names the channel's editor as "address (name)"
        fg.managingEditor(f"{site.contact.email} ({site.name})")
    fg.generator(GENERATOR)          # feedgen's default names its own version
    fg.updated(updated)              # also the RSS lastBuildDate: never the wall clock
    fg.register_extension(feed_extension.EXTENSION,
                          *feed_extension.extension_classes(feed_extension.namespace(site.base_url)))
    return fg


def topics_of(plan: Plan, entry: Entry) -> list[tuple[str, str, str]]:
    """(key, name, page) of each topic of an entry: Atom and RSS name the same categories.
    The name is what readers show (Atom's `label`, the text of RSS's `category`); the key
    identifies the topic (Atom's `term` in the scheme of the topics' folder; RSS's `domain`
    is the topic's own page, that folder followed by the key)."""
    base = plan.config.site.base_url
    return [(t.key, t.name, urls.absolute(f"{plan.config.paths.topics}/{t.key}/", base)) for t in entry.view.topics]


def _state(fe, entry: Entry) -> None:
    c = entry.draft.consultation
    getattr(fe, feed_extension.EXTENSION).state(entry.view.status.value, entry.view.state.label,
                                                rfc3339(c.opens), rfc3339(c.deadline))


def _add_atom_entry(plan: Plan, fg: FeedGenerator, entry: Entry) -> None:
    base = plan.config.site.base_url
    view = entry.view
    fe = fg.add_entry(order="append")
    fe.id(entry.id)
    fe.title(entry.draft.title)
    fe.link(href=entry.link, rel="alternate", type="text/html")
    fe.updated(entry.updated.at)
    if entry.published is not None:
        fe.published(entry.published)
    fe.author({"name": view.agency.name, **({"uri": view.agency.url} if view.agency.url else {})})
    for key, name, _ in topics_of(plan, entry):
        fe.category(term=key, label=name, scheme=urls.absolute(f"{plan.config.paths.topics}/", base))
    fe.summary(entry.draft.summary, type="text")
    fe.content(entry.html, type="html")
    _state(fe, entry)


def _rss_generator(plan: Plan, entries) -> FeedGenerator:
    site = plan.config.site
    spec = FeedSpec(RSS_PATH, f"Tất cả dự thảo – {site.name}",
                    site.description or f"Dự thảo chính sách công bố trên {site.name}.", "", tuple(entries))
    fg = _generator(plan, spec, urls.absolute(RSS_PATH, site.base_url), feed_updated(plan, entries, entries))
    # RSS's own <author> must be an e-mail address, which agencies do not have: the drafting
    # agency is the item's dc:creator, which feedparser reads as the entry's author
    fg.load_extension("dc", atom=False, rss=True)
    return fg


def _add_rss_item(plan: Plan, fg: FeedGenerator, entry: Entry) -> None:
    fe = fg.add_entry(order="append")
    fe.guid(entry.id, permalink=False)
    fe.title(entry.draft.title)
    fe.link(href=entry.link)
    fe.description(entry.html)
    fe.pubDate(entry.updated.at)   # the item's date is its latest change, as in Atom
    fe.dc.dc_creator(entry.view.agency.name)
    for _, name, page in topics_of(plan, entry):
        fe.category(term=name, scheme=page)
    _state(fe, entry)


def _made_xml(plan: Plan, entries: list[Entry], rss: bool) -> list[bytes]:
    """The bytes of `entries` as feedgen writes them into every Atom feed (or the RSS feed)
    of the site: in one feed of them alone, cut apart (`feed_splice`)."""
    if rss:
        fg = _rss_generator(plan, entries)
    else:
        fg = _generator(plan, FeedSpec(ATOM_PATH, "entries", "", "", ()), ATOM_PATH, plan.now)
    for entry in entries:
        (_add_rss_item if rss else _add_atom_entry)(plan, fg, entry)
    whole = fg.rss_str(pretty=True, encoding="UTF-8") if rss else fg.atom_str(pretty=True, encoding="UTF-8")
    return feed_splice.cut_xml(whole, feed_splice.RSS if rss else feed_splice.ATOM, len(entries))


def _entries_xml(plan: Plan, entries, table: EntryTable, rss: bool = False) -> list[bytes]:
    return table.entries([e.key for e in entries], lambda missing: _made_xml(plan, [entries[i] for i in missing], rss))


def atom_xml(plan: Plan, spec: FeedSpec, all_entries, table: EntryTable | None = None) -> list[bytes]:
    """The Atom feed of `spec`, in parts (`feed_splice.spliced_xml`)."""
    table = table or EntryTable(plan, "atom", cached=False)
    fg = _generator(plan, spec, urls.absolute(spec.path, plan.config.site.base_url),
                    feed_updated(plan, spec.entries, all_entries))
    # the stylesheet goes into the frame, not the whole feed: one copy of a large feed, not three
    frame = feed_extension.with_stylesheet(fg.atom_str(pretty=True, encoding="UTF-8"), spec.path)
    return feed_splice.spliced_xml(frame, feed_splice.ATOM, _entries_xml(plan, spec.entries, table))


def rss_xml(plan: Plan, entries, table: EntryTable | None = None) -> list[bytes]:
    """The RSS feed, in parts (`feed_splice.spliced_xml`)."""
    table = table or EntryTable(plan, "rss", cached=False)
    frame = feed_extension.with_stylesheet(_rss_generator(plan, entries).rss_str(pretty=True, encoding="UTF-8"),
                                           RSS_PATH)
    return feed_splice.spliced_xml(frame, feed_splice.RSS, _entries_xml(plan, entries, table, rss=True))


# -- JSON Feed 1.1 ------------------------------------------------------------------------------

def json_item(plan: Plan, entry: Entry) -> dict:
    """One item of the JSON Feed."""
    site = plan.config.site
    base = site.base_url
    view, draft = entry.view, entry.draft
    item = {
        "id": entry.id,
        "url": entry.link,
        "title": draft.title,
        "content_html": entry.html,
        "content_text": feed_content.entry_text(entry),
        "summary": draft.summary,
        "date_modified": rfc3339(entry.updated.at),
        "authors": [{"name": view.agency.name, **({"url": view.agency.url} if view.agency.url else {})}],
        "tags": [t.name for t in view.topics],
        "language": site.language,
        "_policyhub": {
            "about": urls.absolute("api/drafts.schema.json", base),
            "draft_id": draft.id,
            "status": view.status.value,
            "status_label": view.state.label,
            "change": entry.updated.kind,
            "opens": rfc3339(draft.consultation.opens),
            "deadline": rfc3339(draft.consultation.deadline),
            "agency": view.agency.key,
            "topics": [t.key for t in view.topics],
        },
    }
    if entry.published is not None:
        item["date_published"] = rfc3339(entry.published)
    return item


def json_frame(plan: Plan) -> dict:
    """The JSON Feed without its items (its last member, `items`, empty)."""
    site = plan.config.site
    base = site.base_url
    return {
        "version": JSON_FEED_VERSION,
        "title": f"Tất cả dự thảo – {site.name}",
        "home_page_url": base,
        "feed_url": urls.absolute(JSON_FEED_PATH, base),
        "description": site.description or f"Dự thảo chính sách công bố trên {site.name}.",
        "language": site.language,
        "authors": [{"name": site.name, "url": base}],
        "items": [],
    }


json_bytes = feed_splice.json_bytes


def json_feed(plan: Plan, entries, table: EntryTable | None = None) -> list[bytes]:
    """The JSON Feed, in parts (`feed_splice.spliced_json`)."""
    table = table or EntryTable(plan, "json-feed", cached=False)
    items = table.entries([e.key for e in entries],
                          lambda missing: [feed_splice.json_entry(json_item(plan, entries[i])) for i in missing])
    return feed_splice.spliced_json(json_frame(plan), "items", items)


# -- writing ------------------------------------------------------------------------------------

def write_atom_feeds(plan: Plan, out: Path) -> None:
    """Write every Atom feed into the staged site (an EXTRA_WRITERS entry): each entry made
    once, or taken from the last build's (`entry_table`)."""
    entries = make_entries(plan)
    atom = EntryTable(plan, "atom")
    for spec in feed_specs(plan, entries):   # each written once made: a large hub's feeds are
        _put(out, spec.path, atom_xml(plan, spec, entries, atom))   # hundreds of MB together
    atom.save()


def write_rss_and_json_feeds(plan: Plan, out: Path) -> None:
    """Write the RSS feed, the JSON Feed and the feeds' stylesheet (an EXTRA_WRITERS entry,
    beside `write_atom_feeds`: at 10,000 drafts each half takes a core two seconds)."""
    entries = make_entries(plan)
    rss = EntryTable(plan, "rss")
    _put(out, RSS_PATH, rss_xml(plan, entries, rss))
    rss.save()
    del rss   # its entries, as large as the feed, before the JSON Feed's are read
    items = EntryTable(plan, "json-feed")
    _put(out, JSON_FEED_PATH, json_feed(plan, entries, items))
    items.save()
    _put(out, FEED_STYLE_PATH, [feed_style.STYLESHEET.encode("utf-8")])


def _put(out: Path, path: str, parts: list[bytes]) -> None:
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    published.put_parts(target, parts)
