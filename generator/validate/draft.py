"""Check one draft against the rules of docs/rules.md and build its typed model.

Every rule reports through a `FieldChecker`, so each diagnostic names the file, line and
column of the field, and all of them come out together.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.validate import placeholders
from generator.model.names import SLUG_RE, slugify
from generator.validate.fields import FieldChecker
from generator.diagnostics import ERROR, Report
from generator.load.sources import SourceFile
from generator.validate.markdown_checks import BODY_CODES, body_diagnostics
from generator.cache.sources import SourceCache
from generator.validate.plain_language import FINDING_CODES, lint_draft as lint_plain_language
from generator.validate.cached_findings import decode_findings, encode_findings
from generator.validate.cached_draft import Placed
from generator.messages import Field
from generator.model import Contact, Draft, SiteConfig, Status
from generator.validate.tables import CONTACT_FIELDS, DRAFT_FIELDS, DRAFT_REQUIRED
from generator.validate.charts import check_infographics
from generator.validate.consultation import check_consultation
from generator.validate.documents import check_documents
from generator.validate.editions import check_translations, check_versions
from generator.validate.response import check_outcome, check_response, check_status, check_withdrawn_on


def validate_draft(src: SourceFile, config: SiteConfig, root: Path, report: Report,
                   now: dt.datetime, cache: SourceCache | None = None) -> Draft | None:
    """Turn one source file into a Draft, or None when it has errors (all reported).

    `now` is the moment of the build: some warnings depend on it (a response overdue).
    With a `cache`, the plain-language findings of an unchanged text are taken from it."""
    draft = check_draft(src, config, root, report, cache)
    if draft is not None:
        lint_on(draft, now, config, placed_of(src), report)
    return draft


def placed_of(src: SourceFile) -> Placed:
    """Where the checks across drafts and the warnings of the day point in this file."""
    front = src.front if isinstance(src.front, dict) else {}
    of = src.positions.of
    return Placed(slug=of(("slug",)) if "slug" in front else None, id=of(("id",)) if "id" in front else None,
                  closes=of(("consultation", "closes")), extended_to=of(("consultation", "extended_to")))


def check_draft(src: SourceFile, config: SiteConfig, root: Path, report: Report,
                cache: SourceCache | None = None) -> Draft | None:
    """`validate_draft` but for the warnings that depend on the day (`lint_on`)."""
    check = FieldChecker(src.shown, src.positions, report)
    if not src.has_front_matter:
        report.error(src.shown, (1, 1), "no-front-matter")
        return None
    errors_before = report.error_count
    # a placeholder stands for a missing value: reported once here, then left out of the checks
    check.placeholders = placeholders.report(src, report)
    fm = placeholders.without(src.front, check.placeholders)
    if not check.mapping(fm, (), DRAFT_FIELDS, DRAFT_REQUIRED):
        return None
    tz = ZoneInfo(config.site.timezone)

    title = check.text(fm.get("title"), ("title",))
    slug = _slug(src, fm, check)
    draft_id = check.text(fm.get("id"), ("id",)) or slug
    if "id" in fm and draft_id and not SLUG_RE.match(draft_id):
        check.error(("id",), "bad-id", value=draft_id, suggested=slugify(draft_id), at_value=True)
    doc_type = check.key_of(fm.get("doc_type"), ("doc_type",), config.doc_types, "doc_types",
                            "unknown-document-type")
    agency = check.key_of(fm.get("agency"), ("agency",), config.agencies, "agencies", "unknown-agency")
    topics_raw = fm.get("topics")
    if isinstance(topics_raw, str):
        topics_raw = [topics_raw]
    topics = ()
    if isinstance(topics_raw, list):
        topics = tuple(dict.fromkeys(k for i, t in enumerate(topics_raw)
                                     if (k := check.key_of(t, ("topics", i), config.topics, "topics",
                                                                 "unknown-topic"))))
    elif topics_raw is not None:
        check.error(("topics",), "wrong-type.topics", at_value=True)
    summary = check.text(fm.get("summary"), ("summary",))
    words = len(summary.split())
    if words > config.rules.summary_max_words:
        check.warning(("summary",), "summary-too-long", words=words, limit=config.rules.summary_max_words)

    consultation = check_consultation(fm.get("consultation"), check, tz, config)
    documents = check_documents(fm.get("documents"), check, src.path.parent, root)
    infographics = check_infographics(fm.get("infographics"), check, src.path.parent, root)
    contact = _contact(fm.get("contact"), ("contact",), check)
    status = check_status(fm.get("status"), check)
    withdrawn_on = check_withdrawn_on(fm, status, check)
    outcome = check_outcome(fm.get("outcome"), check)
    response = check_response(fm.get("response"), check)
    versions = check_versions(fm.get("versions"), check, src.path.parent, root)
    translations = check_translations(fm.get("translations"), check, src.path.parent, root)

    if status is Status.ADOPTED and outcome is None and "outcome" not in fm:
        check.error(("status",), "adopted-without-outcome")
    if outcome is not None and status is not Status.ADOPTED:
        check.error(("outcome",), "outcome-without-adopted")
    if response is not None and consultation is not None and response.published < consultation.closes.date():
        check.error(("response", "published"), "response-before-close", published=str(response.published),
                    closes=str(consultation.closes.date()))

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
    _lint(src, draft, config, report, cache)
    return draft


def _check_body(src: SourceFile, report: Report, cache: SourceCache | None) -> None:
    """Problems of the body (`markdown_checks`); found again by the text."""
    key = SourceCache.key("body problems", src.text_key, src.shown)
    use_cache = cache is not None and src.text_key
    found = cache.get(key, lambda plain: decode_findings(plain, src.shown, src.body_line, src.body, BODY_CODES, ERROR),
                      part=True) if use_cache else None
    if found is None:
        found = body_diagnostics(src.shown, src.body, src.body_line)
        if use_cache:
            cache.put(key, found, lambda value: encode_findings(value, src.shown, src.body_line, src.body,
                                                                 BODY_CODES, ERROR), part=True)
    report.extend(found)


def _lint(src: SourceFile, draft: Draft, config: SiteConfig, report: Report, cache: SourceCache | None) -> None:
    """The plain-language warnings: they depend only on the file's text and the settings."""
    key = SourceCache.key("plain language", src.text_key, src.shown, repr(config.plain_language))
    use_cache = cache is not None and src.text_key
    found = cache.get(key, lambda plain: decode_findings(plain, src.shown, src.body_line, src.body, FINDING_CODES),
                      part=True) if use_cache else None
    if found is None:
        own = Report()
        lint_plain_language(src, draft, config.plain_language, own)
        found = own.diagnostics
        if use_cache:
            cache.put(key, found, lambda value: encode_findings(value, src.shown, src.body_line, src.body,
                                                                 FINDING_CODES), part=True)
    report.extend(found)


def lint_on(draft: Draft, now: dt.datetime, config: SiteConfig, placed: Placed, report: Report) -> None:
    """Warnings that depend on the day of the build."""
    due = config.rules.response_due_days
    if draft.status_on(now) is Status.CLOSED:
        closed_days = (now.date() - draft.consultation.deadline.date()).days
        if closed_days > due:
            extended = bool(draft.consultation.extended_to)
            path = ("consultation", "extended_to" if extended else "closes")
            report.warning(draft.source, placed.extended_to if extended else placed.closes, "response-overdue",
                           field=Field(path, "draft"), days=closed_days, due=due)


def _slug(src: SourceFile, fm: dict, check: FieldChecker) -> str:
    if "slug" in fm:
        slug = check.text(fm.get("slug"), ("slug",))
        if not SLUG_RE.match(slug):
            check.error(("slug",), "bad-slug", value=slug, suggested=slugify(slug) or "ten-du-thao", at_value=True)
        return slug
    stem = src.path.parent.name if src.path.stem == "index" else src.path.stem
    slug = slugify(stem)
    if not slug:
        check.report.error(src.shown, (1, 1), "empty-slug.folder" if src.path.stem == "index" else "empty-slug.file",
                           name=stem)
    return slug


def _contact(raw, path, check: FieldChecker) -> Contact | None:
    if raw is None or not check.mapping(raw, path, CONTACT_FIELDS):
        return None
    return Contact(check.text(raw.get("name"), path + ("name",)), check.email(raw.get("email"), path + ("email",)),
                   check.phone(raw.get("phone"), path + ("phone",)))


