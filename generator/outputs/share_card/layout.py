"""The share card's layout: every word it shows, and where, as a drawing of primitives
(`raster.py` draws it as pixels)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.model import Draft, SiteInfo, Status
from generator.render.drawing.palette import BORDER, INK, MUTED, PRIMARY, STATUS_COLOUR, WHITE
from generator.render.drawing.shapes import Drawing, Line, Measure, Rect, Text, ellipsize, wrap
from generator.render.format_vi import date_short

SHARE_WIDTH, SHARE_HEIGHT = 1200, 630


def share_card_dates(draft: Draft, status: Status) -> str:
    """The card's date line: the close that counts, said for the state the draft is in."""
    c = draft.consultation
    if status is Status.OPEN:
        return f"Hạn góp ý: hết ngày {date_short(c.deadline)}"
    if status is Status.UPCOMING:
        return f"Góp ý từ {date_short(c.opens)} đến hết ngày {date_short(c.deadline)}"
    return f"Đã lấy ý kiến đến hết ngày {date_short(c.deadline)}"


@dataclass(frozen=True)
class CardText:
    """Every word a share card shows. The card is laid out from these alone, so they are
    what a cached card is found by."""

    site_name: str
    status: Status
    status_label: str
    title: str
    agency: str
    dates: str


def card_text(draft: Draft, agency_name: str, status: Status, status_label: str, site: SiteInfo) -> CardText:
    return CardText(site.name, status, status_label, draft.title, f"Cơ quan soạn thảo: {agency_name}",
                    share_card_dates(draft, status))


def share_card(card: CardText, measure: Measure) -> Drawing:
    """The 1200×630 share card: site name, status in words, title, agency, closing date."""
    status, status_label = card.status, card.status_label
    colour = STATUS_COLOUR[status]
    left, right = 80, SHARE_WIDTH - 64
    width = right - left
    shapes: list = [Rect(0, 0, 24, SHARE_HEIGHT, fill=colour)]
    site_lines = ellipsize(wrap(card.site_name, width, 30, True, measure), 1, width, 30, True, measure)
    shapes.append(Text(left, 78, site_lines[0], 30, PRIMARY, bold=True))
    shapes.append(Line(left, 102, right, 102, BORDER, 2))
    pill_width = measure(status_label, 28, True) + 48
    shapes.append(Rect(left, 128, pill_width, 50, fill=WHITE, stroke=colour, stroke_width=4, radius=25))
    shapes.append(Text(left + 24, 163, status_label, 28, colour, bold=True))
    shared = len(shapes)           # the same on every card of this state
    size = 52.0
    lines = wrap(card.title, width, size, True, measure)
    while len(lines) > 4 and size > 40:
        size -= 4
        lines = wrap(card.title, width, size, True, measure)
    lines = ellipsize(lines, 4, width, size, True, measure)
    y = 200 + size
    for line in lines:
        shapes.append(Text(left, y, line, size, INK, bold=True))
        y += size * 1.22
    agency = ellipsize(wrap(card.agency, width, 30, False, measure), 1, width, 30, False, measure)[0]
    shapes.append(Text(left, 498, agency, 30, MUTED))
    shapes.append(Rect(24, 530, SHARE_WIDTH - 24, 100, fill=PRIMARY))
    shapes.append(Text(left, 593, card.dates, 36, WHITE, bold=True))
    return Drawing(SHARE_WIDTH, SHARE_HEIGHT, tuple(shapes), background=WHITE, shared=shared)
