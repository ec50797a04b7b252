"""Static pages from content/: a title and an order, and a slug from the file name."""
from __future__ import annotations

import unicodedata
from pathlib import Path

from generator.diagnostics import Report
from generator.load.sources import SourceFile
from generator.model import ContentPage
from generator.model.names import slugify
from generator.validate.fields import FieldChecker
from generator.validate.markdown_checks import report_body_problems
from generator.validate.tables import CONTENT_FIELDS


def validate_content(src: SourceFile, content_dir: Path, report: Report) -> ContentPage | None:
    check = FieldChecker(src.shown, src.positions, report, scope="content")
    fm = src.front if src.has_front_matter else {}
    if fm is None:
        fm = {}
    if not check.mapping(fm, (), CONTENT_FIELDS, ()):
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
        report.error(src.shown, (1, 1), "missing-field.page-title")
        return None
    order = check.integer(fm.get("order"), ("order",)) if "order" in fm else 100
    rel = src.path.relative_to(content_dir).with_suffix("")
    parts = [slugify(p) for p in rel.parts]
    if parts[-1] == "index":
        parts = parts[:-1]
    empty = next((name for name, part in zip(rel.parts, parts) if not part), None)
    if empty is not None:
        report.error(src.shown, (1, 1), "empty-slug.page", name=empty)
        return None
    errors_before = report.error_count
    report_body_problems(src.shown, body, body_line, report)
    if report.error_count > errors_before:
        return None
    return ContentPage(source=src.shown, slug="/".join(parts), title=unicodedata.normalize("NFC", title),
                       description=check.text(fm.get("description"), ("description",)),
                       order=order if order is not None else 100, body=body, body_line=body_line)
