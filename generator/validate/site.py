"""Checks across drafts: every slug and id used once."""
from __future__ import annotations


from generator.diagnostics import Report
from generator.messages import Field
from generator.load.sources import SourceFile
from generator.model import Draft


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
            position = src.positions.of((field_name,)) if field_name in src.front else (1, 1)
            if field_name in first.front:
                report.error(src.shown, position, f"duplicate-{field_name}", field=Field((field_name,)), value=value,
                             first=f"{first.shown}:{first.positions.of((field_name,))[0]}")
            else:
                report.error(src.shown, position, f"duplicate-{field_name}.file-name", field=Field((field_name,)),
                             value=value, first=first.shown)
            ok = False
        if ok:
            keep.append(draft)
    return keep
