"""api/drafts.json: every draft's metadata as open data, with its JSON Schema beside it.

Field names are English and stable: a new field may be added within a schema version, but
a field is never renamed or removed without a new `schema_version`. Times are RFC 3339 in
the site's zone; links are absolute, from the site's base URL.
"""
from __future__ import annotations

from pathlib import Path

from generator.cache import published
from generator.outputs import feed_splice, feeds
from generator.outputs.entry_table import EntryTable, entry_key
from generator.plan import urls
from generator.model import Draft, Status
from generator.model.vocab import (CHANNEL_TYPES, DOCUMENT_KINDS, LIFECYCLE_CHANGES, OPEN_DATA_PATH,
                                   OPEN_DATA_SCHEMA_PATH)
from generator.plan.plan import DraftView, Plan

SCHEMA_VERSION = "1.0"


def _day(value) -> str | None:
    return value.isoformat() if value is not None else None


def _channel(channel) -> dict:
    out = {"type": channel.type}
    for name in ("url", "address", "number"):
        if getattr(channel, name):
            out[name] = getattr(channel, name)
    if channel.place:
        # the model keeps a phone line's opening hours in `place`
        out["hours" if channel.type == "phone" else "place"] = channel.place
    if channel.date is not None:
        out["date"] = feeds.rfc3339(channel.date)
    return out


def _document(doc, view: DraftView, base: str) -> dict:
    return {
        "title": doc.title,
        "kind": doc.kind,
        "url": urls.absolute(view.url + doc.file, base) if doc.file else doc.url,
        "format": doc.format or None,
        "version": doc.version or None,
        "size_bytes": doc.size,
        "sha256": doc.sha256 or None,
    }


def draft_record(view: DraftView, plan: Plan, change: feeds.LifeEvent | None = None) -> dict:
    """One draft as open data; every key is always present (null when unknown). `change`:
    its latest change at the build's moment (`feeds.last_change`), when known."""
    draft: Draft = view.draft
    base = plan.config.site.base_url
    c = draft.consultation
    change = change or feeds.last_change(draft, plan.now)
    return {
        "id": draft.id,
        "feed_id": feeds.entry_id(draft, base, plan.config.site.since),
        "slug": draft.slug,
        "url": urls.absolute(view.url, base),
        "title": draft.title,
        "summary": draft.summary,
        "doc_type": {"key": view.doc_type.key, "name": view.doc_type.name},
        "agency": {"key": view.agency.key, "name": view.agency.name, "url": view.agency.url or None},
        "topics": [{"key": t.key, "name": t.name} for t in view.topics],
        "status": view.status.value,
        "status_label": view.state.label,
        "updated": feeds.rfc3339(change.at),
        "last_change": change.kind,
        "consultation": {
            "opens": feeds.rfc3339(c.opens),
            "closes": feeds.rfc3339(c.closes),
            "extended_to": feeds.rfc3339(c.extended_to) if c.extended_to else None,
            "extended_on": _day(c.extended_on),
            "announced": _day(c.announced),
            "deadline": feeds.rfc3339(c.deadline),
            "days": c.days,
            "shortened_reason": c.shortened_reason or None,
            "channels": [_channel(ch) for ch in c.channels],
        },
        "affected": list(draft.affected),
        "key_questions": list(draft.key_questions),
        "documents": [_document(d, view, base) for d in draft.documents],
        "response": None if draft.response is None else {
            "published": _day(draft.response.published),
            "total": draft.response.total,
            "by_group": dict(sorted(draft.response.by_group.items())),
            "items": len(draft.response.items),
        },
        "outcome": None if draft.outcome is None else {
            "document_number": draft.outcome.document_number,
            "date": _day(draft.outcome.date),
            "url": draft.outcome.url or None,
        },
        "withdrawn_on": _day(draft.withdrawn_on),
        "tags": list(draft.tags),
    }


def drafts_data(plan: Plan) -> dict:
    """The whole open data file as one value."""
    return {**drafts_frame(plan), "drafts": [draft_record(view, plan) for view in _by_id(plan)]}


def _by_id(plan: Plan) -> list[DraftView]:
    return sorted(plan.drafts, key=lambda v: v.draft.id)


def drafts_frame(plan: Plan) -> dict:
    """The open data file without its drafts (its last member, `drafts`, empty)."""
    site = plan.config.site
    return {
        "schema_version": SCHEMA_VERSION,
        "$schema": urls.absolute(OPEN_DATA_SCHEMA_PATH, site.base_url),
        "site": {"name": site.name, "url": site.base_url, "language": site.language,
                 "timezone": site.timezone},
        "as_of": feeds.rfc3339(plan.now),
        "drafts": [],
    }


def drafts_json(plan: Plan, table: EntryTable | None = None) -> list[bytes]:
    """api/drafts.json: `drafts_data` as written, each draft's record made once or taken from
    the last build's (`entry_table`), in parts (`feed_splice.spliced_json`)."""
    table = table or EntryTable(plan, "open-data", cached=False)
    views = _by_id(plan)
    changes = [feeds.last_change(view.draft, plan.now) for view in views]
    keys = [entry_key(plan, view, change.kind, feeds.rfc3339(change.at)) for view, change in zip(views, changes)]
    records = table.entries(keys, lambda missing: [feed_splice.json_entry(draft_record(views[i], plan, changes[i]))
                                                   for i in missing])
    return feed_splice.spliced_json(drafts_frame(plan), "drafts", records)


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def drafts_schema(plan: Plan) -> dict:
    """JSON Schema 2020-12 of drafts.json, published next to it."""
    text = {"type": "string"}
    key = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
    moment = {"type": "string", "format": "date-time"}
    day = {"type": "string", "format": "date"}
    web = {"type": "string", "format": "uri", "pattern": "^https?://"}
    named = {"type": "object", "additionalProperties": False, "required": ["key", "name"],
             "properties": {"key": key, "name": text}}
    count = {"type": "integer", "minimum": 0}

    def closed(properties: dict, required=None) -> dict:
        return {"type": "object", "additionalProperties": False,
                "required": list(properties) if required is None else required, "properties": properties}

    draft = closed({
        "id": {**key, "description": "Stable identifier; never changes, even when the slug does."},
        "feed_id": {"type": "string", "pattern": "^tag:", "description": "The id used in every feed (RFC 4151)."},
        "slug": key,
        "url": {**web, "description": "The draft's page."},
        "title": text,
        "summary": {**text, "description": "Plain-language summary."},
        "doc_type": named,
        "agency": closed({"key": key, "name": text, "url": _nullable(web)}),
        "topics": {"type": "array", "items": named},
        "status": {"enum": [s.value for s in Status], "description": "State on the day in `as_of`."},
        "status_label": {**text, "description": "The state in Vietnamese words."},
        "updated": {**moment, "description": "Time of the latest change in the draft's life."},
        "last_change": {"enum": list(LIFECYCLE_CHANGES)},
        "consultation": closed({
            "opens": moment, "closes": moment, "extended_to": _nullable(moment),
            "extended_on": _nullable(day), "announced": _nullable(day),
            "deadline": {**moment, "description": "The close that counts: extended_to, else closes."},
            "days": count, "shortened_reason": _nullable(text),
            "channels": {"type": "array", "minItems": 1, "items": closed({
                "type": {"enum": list(CHANNEL_TYPES)}, "url": web, "address": text, "number": text,
                "hours": text, "place": text, "date": moment}, required=["type"])},
        }),
        "affected": {"type": "array", "items": text},
        "key_questions": {"type": "array", "items": text},
        "documents": {"type": "array", "items": closed({
            "title": text, "kind": {"enum": list(DOCUMENT_KINDS)}, "url": web,
            "format": _nullable(text), "version": _nullable(text), "size_bytes": _nullable(count),
            "sha256": _nullable({"type": "string", "pattern": "^[0-9a-f]{64}$"})})},
        "response": _nullable(closed({
            "published": day, "total": _nullable(count),
            "by_group": {"type": "object", "additionalProperties": False,
                         "properties": {g: count for g in ("businesses", "citizens", "organisations")}},
            "items": {**count, "description": "Number of answered comments in the report."}})),
        "outcome": _nullable(closed({"document_number": text, "date": day, "url": _nullable(web)})),
        "withdrawn_on": _nullable(day),
        "tags": {"type": "array", "items": text},
    })
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": urls.absolute(OPEN_DATA_SCHEMA_PATH, plan.config.site.base_url),
        "title": "Dự thảo chính sách: dữ liệu mở",
        "description": "Metadata of every draft policy published on the site.",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", "$schema", "site", "as_of", "drafts"],
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "$schema": {"type": "string", "format": "uri"},
            "site": closed({"name": text, "url": web, "language": text, "timezone": text}),
            "as_of": {**moment, "description": "The build moment the statuses are true for."},
            "drafts": {"type": "array", "items": {"$ref": "#/$defs/draft"}},
        },
        "$defs": {"draft": draft},
    }


def write_opendata(plan: Plan, out: Path) -> None:
    """Write api/drafts.json and its schema into the staged site (an EXTRA_WRITERS entry)."""
    folder = out / "api"
    folder.mkdir(parents=True, exist_ok=True)
    table = EntryTable(plan, "open-data")
    published.put_parts(out / OPEN_DATA_PATH, drafts_json(plan, table))
    table.save()
    published.put(out / OPEN_DATA_SCHEMA_PATH, feed_splice.json_bytes(drafts_schema(plan)))
