"""Check drafts and content pages against SPEC.md's rules and build the typed model.

Every rule reports through a `FieldChecker`, so each diagnostic names the file, line and
column of the field, and all of them come out together.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from generator.checks import SLUG_RE, FieldChecker, dotted, slugify
from generator.diagnostics import Report
from generator.load import SourceFile
from generator.model import (SETTABLE_STATUSES, Channel, Consultation, Contact, Document, Draft,
                             Outcome, Response, ResponseItem, SiteConfig, Status, Translation, Version)

DRAFT_FIELDS = ("title", "id", "slug", "doc_type", "agency", "topics", "summary", "affected",
                "key_questions", "consultation", "documents", "infographics", "contact", "status",
                "outcome", "response", "versions", "translations", "tags")
DRAFT_REQUIRED = ("title", "doc_type", "agency", "topics", "summary", "consultation")
CONSULTATION_FIELDS = ("opens", "closes", "extended_to", "shortened_reason", "channels")
CHANNEL_FIELDS = {  # type -> (required field, optional fields)
    "form": (("url",), ("label",)),
    "email": (("address",), ()),
    "post": (("address",), ()),
    "phone": (("number",), ("hours",)),
    "meeting": (("date", "place"), ()),
}
DOCUMENT_KINDS = ("draft", "submission", "impact_assessment", "response_report", "other")
ACCEPTED = {True: "yes", False: "no", "yes": "yes", "no": "no", "partly": "partly"}
RESPONSE_GROUPS = ("citizens", "organisations", "businesses")
CHART_TYPES = ("figures", "compare", "share")
CONTENT_FIELDS = ("title", "description", "order")


@dataclass(frozen=True)
class ContentPage:
    """A static page from content/: about, how to comment, accessibility, privacy."""

    source: str
    slug: str                      # "" for content/index.md (the home page's introduction)
    title: str
    description: str
    order: int
    body: str
    body_line: int


def validate_draft(src: SourceFile, config: SiteConfig, root: Path, report: Report,
                   now: dt.datetime) -> Draft | None:
    """Turn one source file into a Draft, or None when it has errors (all reported).

    `now` is the moment of the build: some warnings depend on it (a response overdue)."""
    check = FieldChecker(src.shown, src.positions, report)
    if not src.has_front_matter:
        report.error(src.shown, (1, 1), "no-front-matter", "the draft has no front matter",
                     "start the file with a line '---', then the fields (title, agency, …), then a line '---'")
        return None
    fm = src.front
    errors_before = len(report.errors)
    if not check.mapping(fm, (), DRAFT_FIELDS, DRAFT_REQUIRED, "front matter"):
        return None
    tz = ZoneInfo(config.site.timezone)

    title = check.text(fm.get("title"), ("title",))
    slug = _slug(src, fm, check)
    draft_id = check.text(fm.get("id"), ("id",)) or slug
    if "id" in fm and draft_id and not SLUG_RE.match(draft_id):
        check.error(("id",), "bad-id", f"id '{draft_id}' may only contain a–z, 0–9 and hyphens",
                    f"write '{slugify(draft_id)}' (and never change it afterwards)", at_value=True)
    doc_type = check.key_of(fm.get("doc_type"), ("doc_type",), config.doc_types, "doc_types", "document type")
    agency = check.key_of(fm.get("agency"), ("agency",), config.agencies, "agencies", "agency")
    topics_raw = fm.get("topics")
    if isinstance(topics_raw, str):
        topics_raw = [topics_raw]
    topics = ()
    if isinstance(topics_raw, list):
        topics = tuple(dict.fromkeys(k for i, t in enumerate(topics_raw)
                                     if (k := check.key_of(t, ("topics", i), config.topics, "topics", "topic"))))
    elif topics_raw is not None:
        check.error(("topics",), "wrong-type", "'topics' must be a list of topic keys",
                    "write e.g. topics: [giao-duc, y-te]", at_value=True)
    summary = check.text(fm.get("summary"), ("summary",))
    words = len(summary.split())
    if words > config.rules.summary_max_words:
        check.warning(("summary",), "summary-too-long",
                      f"the summary has {words} words, more than {config.rules.summary_max_words}",
                      "keep the summary short and plain; move details into the body")

    consultation = _consultation(fm.get("consultation"), check, tz, config)
    documents = _documents(fm.get("documents"), check, src.path.parent, root)
    infographics = _infographics(fm.get("infographics"), check, src.path.parent, root)
    contact = _contact(fm.get("contact"), ("contact",), check)
    status = _status(fm.get("status"), check)
    outcome = _outcome(fm.get("outcome"), check)
    response = _response(fm.get("response"), check)
    versions = _versions(fm.get("versions"), check, src.path.parent, root)
    translations = _translations(fm.get("translations"), check, src.path.parent, root)

    if status is Status.ADOPTED and outcome is None and "outcome" not in fm:
        check.error(("status",), "adopted-without-outcome", "status 'adopted' needs an outcome",
                    "add outcome: {document_number: 12/2026/NQ-HĐND, date: YYYY-MM-DD}")
    if outcome is not None and status is not Status.ADOPTED:
        check.error(("outcome",), "outcome-without-adopted", "an outcome is given but status is not 'adopted'",
                    "add the line 'status: adopted'")
    if response is not None and consultation is not None and response.published < consultation.closes.date():
        check.error(("response", "published"), "response-before-close",
                    f"response.published ({response.published}) is before the consultation closes "
                    f"({consultation.closes.date()})",
                    "publish the report on comments after the comment period; correct the date")

    if len(report.errors) > errors_before or consultation is None:
        return None
    draft = Draft(
        source=src.shown, slug=slug, id=draft_id, title=title, doc_type=doc_type, agency=agency,
        topics=topics, summary=summary, consultation=consultation, body=src.body,
        body_line=src.body_line,
        affected=check.text_list(fm.get("affected"), ("affected",)),
        key_questions=check.text_list(fm.get("key_questions"), ("key_questions",)),
        documents=documents, infographics=infographics, contact=contact, status=status,
        outcome=outcome, response=response, versions=versions, translations=translations,
        tags=check.text_list(fm.get("tags"), ("tags",)),
    )
    _lint_on(draft, now, config, check)
    return draft


def _lint_on(draft: Draft, now: dt.datetime, config: SiteConfig, check: FieldChecker) -> None:
    """Warnings that depend on the day of the build."""
    due = config.rules.response_due_days
    if draft.status_on(now) is Status.CLOSED:
        closed_days = (now.date() - draft.consultation.deadline.date()).days
        if closed_days > due:
            check.warning(("consultation", "extended_to" if draft.consultation.extended_to else "closes"),
                          "response-overdue",
                          f"the consultation closed {closed_days} days ago and no response is published "
                          f"(due within {due} days)",
                          "add response: with the date and the report on comments received")


def _slug(src: SourceFile, fm: dict, check: FieldChecker) -> str:
    if "slug" in fm:
        slug = check.text(fm.get("slug"), ("slug",))
        if not SLUG_RE.match(slug):
            check.error(("slug",), "bad-slug",
                        f"slug '{slug}' may only contain lowercase letters a–z, digits and hyphens",
                        f"write slug: {slugify(slug) or 'ten-du-thao'}", at_value=True)
        return slug
    stem = src.path.parent.name if src.path.stem == "index" else src.path.stem
    return slugify(stem)


def _consultation(raw, check: FieldChecker, tz, config: SiteConfig) -> Consultation | None:
    path = ("consultation",)
    if raw is None or not check.mapping(raw, path, CONSULTATION_FIELDS, ("opens", "closes", "channels")):
        return None
    opens = check.datetime(raw["opens"], path + ("opens",), tz) if raw.get("opens") else None
    closes = check.datetime(raw["closes"], path + ("closes",), tz, end_of_day=True) if raw.get("closes") else None
    extended = (check.datetime(raw["extended_to"], path + ("extended_to",), tz, end_of_day=True)
                if raw.get("extended_to") is not None else None)
    reason = check.text(raw.get("shortened_reason"), path + ("shortened_reason",))
    channels = _channels(raw.get("channels"), check, tz)
    if opens is None or closes is None:
        return None
    if closes < opens:
        check.error(path + ("closes",), "closes-before-opens",
                    f"closes ({closes.date()}) is before opens ({opens.date()})",
                    f"set consultation.closes on or after {opens.date()}")
        return None
    if extended is not None and extended <= closes:
        check.error(path + ("extended_to",), "extension-not-later",
                    f"extended_to ({extended.date()}) is not after closes ({closes.date()})",
                    f"write a date after {closes.date()}, or remove extended_to")
        return None
    result = Consultation(opens=opens, closes=closes, channels=channels, extended_to=extended,
                          shortened_reason=reason)
    minimum = config.rules.min_comment_days
    if result.days < minimum and not reason:
        earliest = opens.date() + dt.timedelta(days=minimum)
        check.error(path + ("closes",), "period-too-short",
                    f"the comment period is {result.days} days, shorter than the minimum of {minimum} days",
                    f"set closes to {earliest} or later, or add consultation.shortened_reason "
                    "with the legal ground for a shorter period")
    if not channels:
        return None
    return result


def _channels(raw, check: FieldChecker, tz) -> tuple[Channel, ...]:
    path = ("consultation", "channels")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        check.error(path, "no-channels", "consultation.channels must list at least one way to respond",
                    "add e.g. '- {type: email, address: gopy@example.gov.vn}'", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = path + (i,)
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in CHANNEL_FIELDS:
            if isinstance(item, dict) and "type" in item:
                check.error(p + ("type",), "bad-channel-type", f"unknown channel type '{kind}'",
                            "use one of: " + ", ".join(CHANNEL_FIELDS), at_value=True)
            else:
                check.error(p, "bad-channel-type", f"{dotted(p)} needs a type",
                            "add type: form, email, post, phone or meeting", at_value=True)
            continue
        required, optional = CHANNEL_FIELDS[kind]
        if not check.mapping(item, p, ("type",) + required + optional, required):
            continue
        if kind == "form":
            url = check.web_url(item.get("url"), p + ("url",))
            url and out.append(Channel(kind, url=url))
        elif kind == "email":
            address = check.email(item.get("address"), p + ("address",))
            address and out.append(Channel(kind, address=address))
        elif kind == "post":
            address = check.text(item.get("address"), p + ("address",))
            address and out.append(Channel(kind, address=address))
        elif kind == "phone":
            number = check.phone(item.get("number"), p + ("number",))
            number and out.append(Channel(kind, number=number, place=check.text(item.get("hours"), p + ("hours",))))
        elif kind == "meeting" and item.get("date") is not None:
            when = check.datetime(item.get("date"), p + ("date",), tz)
            place = check.text(item.get("place"), p + ("place",))
            when and place and out.append(Channel(kind, date=when, place=place))
    return tuple(out)


def _local_file(value, path, check: FieldChecker, base: Path, root: Path, what: str) -> Path | None:
    """A file named relative to the draft: it must exist and stay inside the site folder."""
    name = check.text(value, path)
    if not name:
        return None
    if "\\" in name or PurePosixPath(name).is_absolute():
        check.error(path, "bad-file", f"{what} '{name}' must be a relative path with '/' separators",
                    "write the file name as it is next to the draft, e.g. du-thao.pdf", at_value=True)
        return None
    target = (base / name).resolve()
    try:
        target.relative_to(base.resolve())
    except ValueError:
        check.error(path, "bad-file", f"{what} '{name}' lies outside the draft's folder",
                    "put the file next to the draft (or in a folder beside it) and write its name",
                    at_value=True)
        return None
    if not target.is_file():
        near = sorted(p.name for p in base.iterdir() if p.is_file() and p.suffix != ".md") if base.is_dir() else []
        hint = f"add the file {(base / name).relative_to(root).as_posix()} or correct the name"
        if near:
            hint += " (files there: " + ", ".join(near[:8]) + ")"
        check.error(path, "missing-file", f"{what} '{name}' does not exist", hint, at_value=True)
        return None
    return target


def file_digest(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def _documents(raw, check: FieldChecker, base: Path, root: Path) -> tuple[Document, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("documents",), "wrong-type", "'documents' must be a list",
                    "write one '- {title: …, file: …, kind: draft}' per document", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("documents", i)
        if not check.mapping(item, p, ("title", "file", "url", "kind", "version"), ("title",)):
            continue
        kind = check.text(item.get("kind", "other"), p + ("kind",)) or "other"
        if kind not in DOCUMENT_KINDS:
            check.error(p + ("kind",), "bad-document-kind", f"unknown document kind '{kind}'",
                        "use one of: " + ", ".join(DOCUMENT_KINDS), at_value=True)
        has_file, has_url = bool(item.get("file")), bool(item.get("url"))
        if has_file == has_url:
            check.error(p, "document-source", f"{dotted(p)} needs exactly one of 'file' or 'url'",
                        "write file: name.pdf for a file next to the draft, or url: https://… for a link")
            continue
        title = check.text(item.get("title"), p + ("title",))
        version = check.text(item.get("version"), p + ("version",))
        if has_file:
            target = _local_file(item["file"], p + ("file",), check, base, root, "document file")
            if target is None:
                continue
            size, sha = file_digest(target)
            name = check.text(item["file"], p + ("file",))
            out.append(Document(title, kind, file=name, version=version, format=_format(name),
                                size=size, sha256=sha))
        else:
            url = check.web_url(item.get("url"), p + ("url",))
            if url:
                out.append(Document(title, kind, url=url, version=version,
                                    format=_format(url.split("?")[0].split("#")[0])))
    return tuple(out)


def _format(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    return suffix.upper() if 1 <= len(suffix) <= 5 else ""


def _infographics(raw, check: FieldChecker, base: Path, root: Path) -> tuple[dict, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("infographics",), "wrong-type", "'infographics' must be a list",
                    "write one '- …' item per chart or picture", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("infographics", i)
        if isinstance(item, dict) and "image" in item:
            if not check.mapping(item, p, ("image", "alt", "caption"), ()):
                continue
            if not check.text(item.get("alt"), p + ("alt",)):
                check.error(p + ("image",), "image-without-alt", "the infographic image has no alt text",
                            "add alt: a sentence that says what the picture shows")
                continue
            if _local_file(item["image"], p + ("image",), check, base, root, "image") is not None:
                out.append({"image": check.text(item["image"], p + ("image",)),
                            "alt": check.text(item["alt"], p + ("alt",)),
                            "caption": check.text(item.get("caption"), p + ("caption",))})
        elif isinstance(item, dict) and item.get("type") in CHART_TYPES:
            out.append(dict(item))
        else:
            check.error(p, "bad-infographic", f"{dotted(p)} is neither a chart nor an image",
                        "write {image: file.png, alt: …} or a chart with type: " + ", ".join(CHART_TYPES),
                        at_value=True)
    return tuple(out)


def _contact(raw, path, check: FieldChecker) -> Contact | None:
    if raw is None or not check.mapping(raw, path, ("name", "email", "phone")):
        return None
    return Contact(check.text(raw.get("name"), path + ("name",)), check.email(raw.get("email"), path + ("email",)),
                   check.phone(raw.get("phone"), path + ("phone",)))


def _status(raw, check: FieldChecker) -> Status | None:
    if raw is None:
        return None
    value = check.text(raw, ("status",))
    if value not in {s.value for s in SETTABLE_STATUSES}:
        check.error(("status",), "bad-status", f"status '{value}' cannot be set by hand",
                    "remove 'status' (it follows from the dates and the response) or write adopted or withdrawn",
                    at_value=True)
        return None
    return Status(value)


def _outcome(raw, check: FieldChecker) -> Outcome | None:
    path = ("outcome",)
    if raw is None or not check.mapping(raw, path, ("document_number", "date", "url"), ("document_number", "date")):
        return None
    number = check.text(raw.get("document_number"), path + ("document_number",))
    day = check.date(raw.get("date"), path + ("date",)) if raw.get("date") is not None else None
    url = check.web_url(raw.get("url"), path + ("url",))
    return Outcome(number, day, url) if number and day else None


def _response(raw, check: FieldChecker) -> Response | None:
    path = ("response",)
    if raw is None or not check.mapping(raw, path, ("published", "total", "by_group", "items"), ("published",)):
        return None
    published = check.date(raw["published"], path + ("published",)) if raw.get("published") is not None else None
    total = check.integer(raw.get("total"), path + ("total",))
    by_group = {}
    groups = raw.get("by_group")
    if groups is not None and check.mapping(groups, path + ("by_group",), RESPONSE_GROUPS):
        for key in RESPONSE_GROUPS:
            value = check.integer(groups.get(key), path + ("by_group", key))
            if value is not None:
                by_group[key] = value
        if total is not None and sum(by_group.values()) > total:
            check.error(path + ("by_group",), "response-groups-exceed-total",
                        f"the comments by group add up to {sum(by_group.values())}, more than total ({total})",
                        "correct the numbers so that citizens + organisations + businesses ≤ total")
    items = []
    raw_items = raw.get("items") or []
    if not isinstance(raw_items, list):
        check.error(path + ("items",), "wrong-type", "'response.items' must be a list",
                    "write one '- {topic: …, comment: …, answer: …, accepted: yes}' per row", at_value=True)
        raw_items = []
    for i, item in enumerate(raw_items):
        p = path + ("items", i)
        if not check.mapping(item, p, ("topic", "comment", "answer", "accepted"), ("comment", "answer", "accepted")):
            continue
        accepted = ACCEPTED.get(item.get("accepted"))
        if accepted is None:
            check.error(p + ("accepted",), "bad-accepted", f"accepted must be yes, no or partly, not '{item.get('accepted')}'",
                        "write accepted: yes, accepted: no or accepted: partly", at_value=True)
            continue
        items.append(ResponseItem(check.text(item.get("topic"), p + ("topic",)),
                                  check.text(item.get("comment"), p + ("comment",)),
                                  check.text(item.get("answer"), p + ("answer",)), accepted))
    return Response(published, total, by_group, tuple(items)) if published else None


def _versions(raw, check: FieldChecker, base: Path, root: Path) -> tuple[Version, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("versions",), "wrong-type", "'versions' must be a list",
                    "write one '- {version: \"1\", date: YYYY-MM-DD, file: du-thao-lan-1.md}' per version",
                    at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("versions", i)
        if not check.mapping(item, p, ("version", "date", "file"), ("version", "date", "file")):
            continue
        day = check.date(item["date"], p + ("date",))
        target = _local_file(item["file"], p + ("file",), check, base, root, "version file")
        if day and target:
            out.append(Version(check.text(item["version"], p + ("version",)), day,
                               check.text(item["file"], p + ("file",))))
    return tuple(out)


def _translations(raw, check: FieldChecker, base: Path, root: Path) -> tuple[Translation, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(("translations",), "wrong-type", "'translations' must be a list",
                    "write one '- {lang: en, file: ban-dich-en.md}' per translation", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = ("translations", i)
        if not check.mapping(item, p, ("lang", "file"), ("lang", "file")):
            continue
        target = _local_file(item["file"], p + ("file",), check, base, root, "translation file")
        if target:
            out.append(Translation(check.text(item["lang"], p + ("lang",)), check.text(item["file"], p + ("file",))))
    return tuple(out)


def validate_site(drafts: list[tuple[SourceFile, Draft]], report: Report) -> list[Draft]:
    """Checks across drafts: slugs and ids must be unique. Returns the drafts that pass."""
    keep = []
    by_slug: dict[str, SourceFile] = {}
    by_id: dict[str, SourceFile] = {}
    for src, draft in drafts:
        ok = True
        for value, seen, field_name in ((draft.slug, by_slug, "slug"), (draft.id, by_id, "id")):
            if value not in seen:
                seen[value] = src
                continue
            if not ok:
                break  # the id follows the slug: one message is enough
            first = seen[value]
            where = (f"{first.shown}:{first.positions.of((field_name,))[0]}" if field_name in first.front
                     else f"{first.shown} (from its file name)")
            position = src.positions.of((field_name,)) if field_name in src.front else (1, 1)
            report.error(src.shown, position, f"duplicate-{field_name}",
                         f"{field_name} '{value}' is already used by {where}",
                         f"give this draft its own {field_name}, e.g. {field_name}: {value}-2")
            ok = False
        if ok:
            keep.append(draft)
    return keep


def validate_content(src: SourceFile, content_dir: Path, report: Report) -> ContentPage | None:
    check = FieldChecker(src.shown, src.positions, report)
    fm = src.front if src.has_front_matter else {}
    if fm is None:
        fm = {}
    if not check.mapping(fm, (), CONTENT_FIELDS, (), "front matter"):
        return None
    title = check.text(fm.get("title"), ("title",))
    body = src.body
    body_line = src.body_line
    if not title:  # fall back on a leading "# Title" line
        lines = body.lstrip("\n").split("\n", 1)
        if lines and lines[0].startswith("# "):
            title = lines[0][2:].strip()
            skipped = len(body) - len(body.lstrip("\n"))
            body = lines[1] if len(lines) > 1 else ""
            body_line += skipped + 1
    if not title:
        report.error(src.shown, (1, 1), "missing-field", "the page has no title",
                     "add front matter with 'title: …' or start the page with a line '# Title'")
        return None
    order = check.integer(fm.get("order"), ("order",)) if "order" in fm else 100
    rel = src.path.relative_to(content_dir).with_suffix("")
    parts = [slugify(p) for p in rel.parts]
    if parts[-1] == "index":
        parts = parts[:-1]
    return ContentPage(source=src.shown, slug="/".join(parts), title=unicodedata.normalize("NFC", title),
                       description=check.text(fm.get("description"), ("description",)),
                       order=order if order is not None else 100, body=body, body_line=body_line)
