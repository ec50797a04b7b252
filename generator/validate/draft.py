"""Check drafts and content pages against SPEC.md's rules and build the typed model.

Every rule reports through a `FieldChecker`, so each diagnostic names the file, line and
column of the field, and all of them come out together.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

from generator.validate import placeholders
from generator.load import site_files
from generator.validate.attachments import attached_file, check_edition
from generator.validate.fields import SLUG_RE, FieldChecker, dotted, slugify, type_name
from generator.diagnostics import ERROR, Report
from generator.load.sources import SourceFile
from generator.validate.markdown_checks import BODY_CODES, body_diagnostics, report_body_problems
from generator.cache.sources import SourceCache
from generator.validate.plain_language import FINDING_CODES, lint_draft as lint_plain_language
from generator.cache.values import decode_findings, encode_findings
from generator.model import (SETTABLE_STATUSES, Channel, CompareChart, ComparedValue, Consultation, Contact,
                             Document, Draft, FiguresChart, KeyFigure, Outcome, Picture, Response, ResponseItem,
                             SharePart, ShareChart, SiteConfig, Status, Translation, Version)

DRAFT_FIELDS = ("title", "id", "slug", "doc_type", "agency", "topics", "summary", "affected",
                "key_questions", "consultation", "documents", "infographics", "contact", "status",
                "withdrawn_on", "outcome", "response", "versions", "translations", "tags")
DRAFT_REQUIRED = ("title", "doc_type", "agency", "topics", "summary", "consultation")
CONSULTATION_FIELDS = ("opens", "closes", "extended_to", "extended_on", "shortened_reason", "channels")
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
CHART_FIELDS = {  # type -> (chart fields, fields of each item)
    "figures": (("type", "title", "items", "source"), ("label", "value", "unit", "note")),
    "compare": (("type", "title", "items", "unit", "current_label", "proposed_label", "source"),
                ("label", "current", "proposed")),
    "share": (("type", "title", "items", "unit", "source"), ("label", "value")),
}
DOCUMENT_FIELDS = ("title", "file", "url", "kind", "version")
IMAGE_FIELDS = ("image", "alt", "caption")
CONTACT_FIELDS = ("name", "email", "phone")
OUTCOME_FIELDS = ("document_number", "date", "url")
RESPONSE_FIELDS = ("published", "total", "by_group", "items")
RESPONSE_ITEM_FIELDS = ("group", "topic", "comment", "answer", "accepted")   # group: one of RESPONSE_GROUPS
VERSION_FIELDS = ("version", "date", "file")
TRANSLATION_FIELDS = ("lang", "file")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")   # BCP 47 language tags: en, kpm, zh-Hans
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
                   now: dt.datetime, cache: SourceCache | None = None) -> Draft | None:
    """Turn one source file into a Draft, or None when it has errors (all reported).

    `now` is the moment of the build: some warnings depend on it (a response overdue).
    With a `cache`, the plain-language findings of an unchanged text are taken from it."""
    check = FieldChecker(src.shown, src.positions, report)
    if not src.has_front_matter:
        report.error(src.shown, (1, 1), "no-front-matter", "the draft has no front matter",
                     "start the file with a line '---', then the fields (title, agency, …), then a line '---'")
        return None
    errors_before = report.error_count
    # a placeholder stands for a missing value: reported once here, then left out of the checks
    check.placeholders = placeholders.report(src, report, config.site.language)
    fm = placeholders.without(src.front, check.placeholders)
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
    withdrawn_on = _withdrawn_on(fm, status, check)
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

    _check_body(src, report, cache)
    if report.error_count > errors_before or consultation is None:
        return None
    draft = Draft(
        source=src.shown, slug=slug, id=draft_id, title=title, doc_type=doc_type, agency=agency,
        topics=topics, summary=summary, consultation=consultation, body=src.body,
        body_line=src.body_line,
        affected=check.text_list(fm.get("affected"), ("affected",)),
        key_questions=check.text_list(fm.get("key_questions"), ("key_questions",)),
        documents=documents, infographics=infographics, contact=contact, status=status,
        withdrawn_on=withdrawn_on, outcome=outcome, response=response, versions=versions, translations=translations,
        tags=check.text_list(fm.get("tags"), ("tags",)),
    )
    _lint_on(draft, now, config, check)
    _lint(src, draft, config, report, cache)
    return draft


def _check_body(src: SourceFile, report: Report, cache: SourceCache | None) -> None:
    """Problems of the body (`markdown_checks`); found again by the text."""
    key = SourceCache.key("body problems", src.text_key, src.shown)
    use_cache = cache is not None and src.text_key
    found = cache.get(key, lambda plain: decode_findings(plain, src.shown, src.body_line, src.body, BODY_CODES, ERROR)) \
        if use_cache else None
    if found is None:
        found = body_diagnostics(src.shown, src.body, src.body_line)
        if use_cache:
            cache.put(key, found, lambda value: encode_findings(value, src.shown, src.body_line, src.body,
                                                                 BODY_CODES, ERROR))
    report.extend(found)


def _lint(src: SourceFile, draft: Draft, config: SiteConfig, report: Report, cache: SourceCache | None) -> None:
    """The plain-language warnings: they depend only on the file's text and the settings."""
    key = SourceCache.key("plain language", src.text_key, src.shown, repr(config.plain_language))
    use_cache = cache is not None and src.text_key
    found = cache.get(key, lambda plain: decode_findings(plain, src.shown, src.body_line, src.body, FINDING_CODES)) \
        if use_cache else None
    if found is None:
        own = Report()
        lint_plain_language(src, draft, config.plain_language, own)
        found = own.diagnostics
        if use_cache:
            cache.put(key, found, lambda value: encode_findings(value, src.shown, src.body_line, src.body,
                                                                 FINDING_CODES))
    report.extend(found)


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
    slug = slugify(stem)
    if not slug:
        named = "folder" if src.path.stem == "index" else "file"
        check.report.error(src.shown, (1, 1), "empty-slug",
                           f"the {named} name '{stem}' has no letters or digits to make the draft's address from",
                           f"rename the {named} with the draft's name in words, e.g. du-thao-hoc-phi, "
                           "or add a line 'slug: du-thao-hoc-phi' to the front matter")
    return slug


def _consultation(raw, check: FieldChecker, tz, config: SiteConfig) -> Consultation | None:
    path = ("consultation",)
    if raw is None or not check.mapping(raw, path, CONSULTATION_FIELDS, ("opens", "closes", "channels")):
        return None
    opens = check.datetime(raw["opens"], path + ("opens",), tz) if raw.get("opens") else None
    closes = check.datetime(raw["closes"], path + ("closes",), tz, end_of_day=True) if raw.get("closes") else None
    extended = (check.datetime(raw["extended_to"], path + ("extended_to",), tz, end_of_day=True)
                if raw.get("extended_to") is not None else None)
    extended_on = (check.date(raw["extended_on"], path + ("extended_on",))
                   if raw.get("extended_on") is not None else None)
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
    if extended_on is not None and not _extension_day_fits(extended_on, opens, extended, check):
        return None
    result = Consultation(opens=opens, closes=closes, channels=channels, extended_to=extended,
                          extended_on=extended_on, shortened_reason=reason)
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


def _extension_day_fits(extended_on: dt.date, opens: dt.datetime, extended: dt.datetime | None,
                        check: FieldChecker) -> bool:
    """The day an extension was announced must belong to an extension inside the period."""
    path = ("consultation", "extended_on")
    if extended is None:
        check.error(path, "extended-on-without-extension",
                    "consultation.extended_on is given but the consultation is not extended",
                    "add consultation.extended_to with the new close date, or remove extended_on")
        return False
    if not opens.date() <= extended_on <= extended.date():
        check.error(path, "extended-on-outside-period",
                    f"extended_on ({extended_on}) is not between opens ({opens.date()}) "
                    f"and extended_to ({extended.date()})",
                    "write the day the extension was announced, usually on or before the original close date",
                    at_value=True)
        return False
    return True


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
        if not check.mapping(item, p, DOCUMENT_FIELDS, ("title",)):
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
            target = attached_file(item["file"], p + ("file",), check, base, root, "document file",
                                   site_files.DOCUMENT_TYPES)
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


def _chart_number(value, path, check: FieldChecker, minimum=None) -> int | float | None:
    """A number in a chart: digits with an optional decimal point (YAML reads 12.5), never text."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        hint = "write the number without thousands separators or units, e.g. 355000 or 12.5"
        if isinstance(value, str) and any(c.isdigit() for c in value):
            hint += f" (not '{value}'; the unit goes in 'unit:')"
        check.error(path, "not-a-number", f"'{dotted(path)}' must be a number, not {type_name(value)}", hint,
                    at_value=True)
        return None
    if minimum is not None and value < minimum:
        check.error(path, "negative-value", f"'{dotted(path)}' is {value}; it cannot be below {minimum}",
                    "write the amount as a positive number", at_value=True)
        return None
    return value


def _chart_items(raw, path, check: FieldChecker, fields, example, minimum=1) -> list | None:
    """The `items` list of a chart as (path, item) pairs of mappings, or None when it is
    unusable (reported)."""
    items = raw.get("items")
    if not isinstance(items, list) or len(items) < minimum:
        if "items" not in raw:
            check.error(path, "missing-field", f"missing required field '{dotted(path + ('items',))}'",
                        f"add 'items:' with one '- {example}' per line")
        else:
            check.error(path + ("items",), "chart-items",
                        f"'{dotted(path + ('items',))}' must be a list of at least {minimum} item(s)",
                        f"write one '- {example}' per line under 'items:'", at_value=True)
        return None
    pairs = [(path + ("items", i), item) for i, item in enumerate(items)
             if check.mapping(item, path + ("items", i), fields)]
    return pairs if len(pairs) == len(items) else None


def _chart_text(raw, path, check: FieldChecker, key: str, hint: str) -> str:
    """A required text of a chart (its title, an item's label), with a hint for charts."""
    text = check.text(raw.get(key), path + (key,))
    if not text and not (isinstance(raw.get(key), (dict, list, bool))):
        check.error(path if key not in raw else path + (key,), "missing-field" if key not in raw else "empty-field",
                    f"{'missing' if key not in raw else 'empty'} required field '{dotted(path + (key,))}'", hint)
    return text


_TITLE_HINT = "add 'title: …', the words that say what the chart shows, e.g. title: Học phí theo khu vực, đồng/tháng"
_LABEL_HINT = "add 'label: …', the words that say what the number is about, e.g. label: Mầm non"


def _figures(raw, p, check: FieldChecker) -> FiguresChart | None:
    if not check.mapping(raw, p, CHART_FIELDS["figures"][0]):
        return None
    title = _chart_text(raw, p, check, "title", _TITLE_HINT)
    pairs = _chart_items(raw, p, check, CHART_FIELDS["figures"][1],
                         "{label: tuyến đường được điều chỉnh giá, value: 1150}")
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", _LABEL_HINT)
        value = _chart_number(item.get("value"), ip + ("value",), check) if "value" in item else None
        if "value" not in item:
            check.error(ip, "missing-field", f"missing required field '{dotted(ip + ('value',))}'",
                        "add 'value: …', the number without units, e.g. value: 1150")
        if value is not None and label:
            out.append(KeyFigure(label, value, check.text(item.get("unit"), ip + ("unit",)),
                                 check.text(item.get("note"), ip + ("note",))))
    if not title or pairs is None or len(out) != len(pairs):
        return None
    return FiguresChart(title, tuple(out), check.text(raw.get("source"), p + ("source",)))


def _compare(raw, p, check: FieldChecker) -> CompareChart | None:
    if not check.mapping(raw, p, CHART_FIELDS["compare"][0]):
        return None
    title = _chart_text(raw, p, check, "title", _TITLE_HINT)
    pairs = _chart_items(raw, p, check, CHART_FIELDS["compare"][1],
                         "{label: Mầm non, current: 330000, proposed: 355000}")
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", _LABEL_HINT)
        values = []
        for key, what in (("current", "the value in force"), ("proposed", "the proposed value")):
            if key not in item:
                check.error(ip, "missing-field", f"missing required field '{dotted(ip + (key,))}'",
                            f"add '{key}: …', {what} as a number, e.g. {key}: 355000")
                values.append(None)
            else:
                values.append(_chart_number(item.get(key), ip + (key,), check, 0))
        if None not in values and label:
            out.append(ComparedValue(label, *values))
    if not title or pairs is None or len(out) != len(pairs):
        return None
    return CompareChart(title, tuple(out), unit=check.text(raw.get("unit"), p + ("unit",)),
                        current_label=check.text(raw.get("current_label"), p + ("current_label",)) or "Hiện hành",
                        proposed_label=check.text(raw.get("proposed_label"), p + ("proposed_label",)) or "Dự thảo",
                        source=check.text(raw.get("source"), p + ("source",)))


def _share(raw, p, check: FieldChecker) -> ShareChart | None:
    if not check.mapping(raw, p, CHART_FIELDS["share"][0]):
        return None
    title = _chart_text(raw, p, check, "title", _TITLE_HINT)
    unit = check.text(raw.get("unit"), p + ("unit",))
    pairs = _chart_items(raw, p, check, CHART_FIELDS["share"][1], "{label: Hộ gia đình, value: 45}", minimum=2)
    out = []
    for ip, item in pairs or ():
        label = _chart_text(item, ip, check, "label", _LABEL_HINT)
        value = _chart_number(item.get("value"), ip + ("value",), check, 0) if "value" in item else None
        if "value" not in item:
            check.error(ip, "missing-field", f"missing required field '{dotted(ip + ('value',))}'",
                        "add 'value: …', the size of this part as a number, e.g. value: 45")
        if value is not None and label:
            out.append(SharePart(label, value))
    if not title or pairs is None or len(out) != len(pairs):
        return None
    total = sum(part.value for part in out)
    if total <= 0:
        check.error(p + ("items",), "share-sum", "the parts of the share chart add up to 0",
                    "give at least one part a value above 0")
        return None
    if unit == "%" and abs(total - 100) > 0.5:
        check.error(p + ("items",), "share-sum",
                    f"the parts add up to {round(total, 2):g}%, not 100%",
                    "correct the percentages so that they add up to 100, or give amounts with their unit "
                    "(e.g. unit: tỷ đồng) and the chart works out the percentages")
        return None
    return ShareChart(title, tuple(out), unit, check.text(raw.get("source"), p + ("source",)))


_CHARTS = {"figures": _figures, "compare": _compare, "share": _share}


def _infographics(raw, check: FieldChecker, base: Path, root: Path) -> tuple:
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
            if not check.mapping(item, p, IMAGE_FIELDS, ()):
                continue
            if not check.text(item.get("alt"), p + ("alt",)):
                check.error(p + ("image",), "image-without-alt", "the infographic image has no alt text",
                            "add alt: a sentence that says what the picture shows")
                continue
            if attached_file(item["image"], p + ("image",), check, base, root, "image",
                             site_files.PICTURE_TYPES) is not None:
                out.append(Picture(check.text(item["image"], p + ("image",)), check.text(item["alt"], p + ("alt",)),
                                   check.text(item.get("caption"), p + ("caption",))))
        elif isinstance(item, dict) and item.get("type") in CHART_TYPES:
            chart = _CHARTS[item["type"]](item, p, check)
            chart is not None and out.append(chart)
        elif isinstance(item, dict) and "type" in item:
            check.error(p + ("type",), "bad-chart-type", f"unknown chart type '{item.get('type')}'",
                        "use one of: " + ", ".join(CHART_TYPES), at_value=True)
        else:
            check.error(p, "bad-infographic", f"{dotted(p)} is neither a chart nor an image",
                        "write {image: file.png, alt: …} or a chart with type: " + ", ".join(CHART_TYPES),
                        at_value=True)
    return tuple(out)


def _contact(raw, path, check: FieldChecker) -> Contact | None:
    if raw is None or not check.mapping(raw, path, CONTACT_FIELDS):
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


def _withdrawn_on(fm: dict, status: Status | None, check: FieldChecker) -> dt.date | None:
    """The day a draft was withdrawn; feeds show the withdrawal as a change from that day."""
    if fm.get("withdrawn_on") is None:
        return None
    day = check.date(fm["withdrawn_on"], ("withdrawn_on",))
    if day is not None and status is not Status.WITHDRAWN:
        check.error(("withdrawn_on",), "withdrawn-on-without-withdrawn",
                    "withdrawn_on is given but status is not 'withdrawn'",
                    "add the line 'status: withdrawn', or remove withdrawn_on")
        return None
    return day


def _outcome(raw, check: FieldChecker) -> Outcome | None:
    path = ("outcome",)
    if raw is None or not check.mapping(raw, path, OUTCOME_FIELDS, ("document_number", "date")):
        return None
    number = check.text(raw.get("document_number"), path + ("document_number",))
    day = check.date(raw.get("date"), path + ("date",)) if raw.get("date") is not None else None
    url = check.web_url(raw.get("url"), path + ("url",))
    return Outcome(number, day, url) if number and day else None


def _response(raw, check: FieldChecker) -> Response | None:
    path = ("response",)
    if raw is None or not check.mapping(raw, path, RESPONSE_FIELDS, ("published",)):
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
        if not check.mapping(item, p, RESPONSE_ITEM_FIELDS, ("comment", "answer", "accepted")):
            continue
        group = check.text(item.get("group"), p + ("group",))
        if group and group not in RESPONSE_GROUPS:
            check.error(p + ("group",), "bad-group", f"group must be one of {', '.join(RESPONSE_GROUPS)}, not '{group}'",
                        "write group: citizens (người dân), organisations (cơ quan, tổ chức) "
                        "or businesses (doanh nghiệp), or leave the field out", at_value=True)
            continue
        if "accepted" not in item:
            continue   # reported as missing
        accepted = ACCEPTED.get(item.get("accepted"))
        if accepted is None:
            check.error(p + ("accepted",), "bad-accepted", f"accepted must be yes, no or partly, not '{item.get('accepted')}'",
                        "write accepted: yes, accepted: no or accepted: partly", at_value=True)
            continue
        items.append(ResponseItem(check.text(item.get("topic"), p + ("topic",)),
                                  check.text(item.get("comment"), p + ("comment",)),
                                  check.text(item.get("answer"), p + ("answer",)), accepted, group))
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
        if not check.mapping(item, p, VERSION_FIELDS, VERSION_FIELDS):
            continue
        day = check.date(item["date"], p + ("date",))
        target = attached_file(item["file"], p + ("file",), check, base, root, "version file",
                               site_files.EDITION_TYPES)
        if target:
            check_edition(target, root, check.report)
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
        if not check.mapping(item, p, TRANSLATION_FIELDS, TRANSLATION_FIELDS):
            continue
        lang = check.text(item["lang"], p + ("lang",))
        if not LANG_RE.match(lang) or lang.split("-")[0] == "vi":
            check.error(p + ("lang",), "bad-lang",
                        f"'{lang}' is not the code of a language other than Vietnamese",
                        "write a language code such as en (English), fr, zh, km (Khmer) or kpm (K'Ho)", at_value=True)
            continue
        if any(t.lang.lower() == lang.lower() for t in out):
            check.error(p + ("lang",), "duplicate-lang", f"there are two translations into '{lang}'",
                        "keep one translation per language", at_value=True)
            continue
        target = attached_file(item["file"], p + ("file",), check, base, root, "translation file",
                               site_files.EDITION_TYPES)
        if target:
            check_edition(target, root, check.report)
            out.append(Translation(lang, check.text(item["file"], p + ("file",))))
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
    empty = next((name for name, part in zip(rel.parts, parts) if not part), None)
    if empty is not None:
        report.error(src.shown, (1, 1), "empty-slug",
                     f"the name '{empty}' has no letters or digits to make the page's address from",
                     "rename it with the page's name in words, e.g. gioi-thieu.md")
        return None
    errors_before = report.error_count
    report_body_problems(src.shown, body, body_line, report)
    if report.error_count > errors_before:
        return None
    return ContentPage(source=src.shown, slug="/".join(parts), title=unicodedata.normalize("NFC", title),
                       description=check.text(fm.get("description"), ("description",)),
                       order=order if order is not None else 100, body=body, body_line=body_line)
