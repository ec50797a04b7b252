"""Checks across drafts: every slug and id used once."""
from __future__ import annotations


from generator.diagnostics import Report
from generator.messages import Field
from generator.model import Draft
from generator.validate.cached_draft import Placed


def validate_site(drafts: list[tuple[Placed, Draft]], report: Report) -> list[Draft]:
    """Checks across drafts: slugs and ids must be unique. Returns the drafts that pass.
    Each draft comes with where its front matter gives `slug` and `id` (`Placed`)."""
    keep = []
    by_slug: dict[str, tuple[Placed, Draft]] = {}
    by_id: dict[str, tuple[Placed, Draft]] = {}
    for placed, draft in drafts:
        ok = True
        for value, seen, field_name in ((draft.slug, by_slug, "slug"), (draft.id, by_id, "id")):
            if value not in seen:
                seen[value] = (placed, draft)
                continue
            if not ok:
                break  # the id follows the slug: one message is enough
            first_placed, first = seen[value]
            position = getattr(placed, field_name) or (1, 1)
            first_position = getattr(first_placed, field_name)
            if first_position is not None:
                report.error(draft.source, position, f"duplicate-{field_name}", field=Field((field_name,)), value=value,
                             first=f"{first.source}:{first_position[0]}")
            else:
                report.error(draft.source, position, f"duplicate-{field_name}.file-name", field=Field((field_name,)),
                             value=value, first=first.source)
            ok = False
        if ok:
            keep.append(draft)
    return keep
