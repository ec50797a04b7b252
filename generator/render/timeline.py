"""The consultation timeline of every draft page: opens, today, closes, an extension, the
response and the adoption, as they apply, drawn as SVG with the same dates as a table."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Draft, Status
from generator.render.charts import WIDTH, ChartView, Table
from generator.render.drawing.palette import BORDER, INK, MUTED, PRIMARY, TODAY_FILL, TODAY_INK, WHITE
from generator.render.drawing.shapes import Circle, Drawing, Line, Measure, Rect, Text, approx_width, wrap
from generator.render.drawing.svg import svg_markup
from generator.render.format_vi import date_long, has_time, time_of

@dataclass(frozen=True)
class Milestone:
    label: str
    date_text: str
    moment: dt.datetime            # for ordering and for past/future
    phase: str = ""                # "Đã qua" | "Hôm nay" | "Sắp tới"
    note: str = ""


def _when(moment: dt.datetime, end_of_day: bool) -> str:
    text = date_long(moment)
    return text + (f", lúc {time_of(moment)}" if has_time(moment, end_of_day) else "")


def milestones(draft: Draft, status: Status, note: str, now: dt.datetime) -> list[Milestone]:
    """Opens, today, closes, extended close, response, adoption: those that apply, in order."""
    c = draft.consultation
    tz = c.opens.tzinfo
    events: list[tuple[dt.datetime, str, str, str]] = [
        (c.opens, "Bắt đầu lấy ý kiến", _when(c.opens, False), f"Thời gian góp ý: {c.days} ngày"),
        (c.closes, "Hạn góp ý ban đầu" if c.extended_to else "Hết hạn góp ý", _when(c.closes, True), ""),
    ]
    if c.extended_to:
        events.append((c.extended_to, "Gia hạn góp ý đến", _when(c.extended_to, True), ""))
    if draft.response is not None:
        at = dt.datetime.combine(draft.response.published, dt.time(0, 0), tzinfo=tz)
        events.append((at, "Công bố báo cáo tiếp thu, giải trình", date_long(at), ""))
    if draft.outcome is not None:
        at = dt.datetime.combine(draft.outcome.date, dt.time(0, 0), tzinfo=tz)
        events.append((at, f"Ban hành văn bản số {draft.outcome.document_number}", date_long(at), ""))
    out = []
    # what happens at the very start of the build day counts as past; today sits right after it
    for moment, rank, label, date_text, extra in sorted(
            [(m, 0, label, when, extra) for m, label, when, extra in events]
            + [(now, 1, "Hôm nay", date_long(now), note)], key=lambda e: (e[0], e[1])):
        if rank == 1:
            out.append(Milestone(label, date_text, moment, "Hôm nay", extra))
        elif moment <= now:
            out.append(Milestone(label, date_text, moment, "Đã qua", extra))
        else:
            future = label if label.startswith(("Hạn", "Hết", "Gia hạn", "Bắt đầu")) else label + " (dự kiến)"
            out.append(Milestone(future, date_text, moment, "Sắp tới", extra))
    return out


def timeline_drawing(events: list[Milestone], opens: dt.datetime, deadline: dt.datetime,
                     measure: Measure = approx_width) -> Drawing:
    """A vertical timeline: it reads top to bottom on any screen, and every mark is labelled."""
    axis_x, text_x = 14.0, 38.0
    text_width = WIDTH - text_x - 6
    shapes: list = []
    centres: list[float] = []
    y = 6.0
    for event in events:
        today = event.phase == "Hôm nay"
        label_lines = wrap(event.label, text_width, 15, True, measure)
        body = wrap(event.date_text, text_width, 14, False, measure)
        body += wrap(event.note, text_width, 14, False, measure) if event.note else []
        height = 20 * len(label_lines) + 19 * len(body) + 4
        if today:
            shapes.append(Rect(text_x - 10, y - 2, WIDTH - text_x + 8, height + 6, fill=TODAY_FILL,
                               stroke=TODAY_INK, stroke_width=1.5, radius=4))
        centre = y + 13
        centres.append(centre)
        line_y = y + 18
        for line in label_lines:
            shapes.append(Text(text_x, line_y, line, 15, TODAY_INK if today else INK, bold=True))
            line_y += 20
        for line in body:
            shapes.append(Text(text_x, line_y - 1, line, 14, TODAY_INK if today else MUTED))
            line_y += 19
        y += height + (18 if today else 14)
    # the axis first, so that the marks sit on top of it
    axis: list = []
    for (a, b), (top, bottom) in zip(zip(events, events[1:]), zip(centres, centres[1:])):
        in_period = a.moment >= opens and b.moment <= deadline
        future = b.phase == "Sắp tới"
        axis.append(Line(axis_x, top, axis_x, bottom, PRIMARY if in_period else BORDER,
                         width=6 if in_period else 2, dash=(5, 4) if future else None))
    marks: list = []
    for event, centre in zip(events, centres):
        if event.phase == "Hôm nay":
            marks.append(Rect(axis_x - 8, centre - 8, 16, 16, fill=TODAY_INK, stroke=WHITE, stroke_width=2))
        elif event.phase == "Đã qua":
            marks.append(Circle(axis_x, centre, 7, fill=PRIMARY, stroke=WHITE, stroke_width=2))
        else:
            marks.append(Circle(axis_x, centre, 7, fill=WHITE, stroke=PRIMARY, stroke_width=3))
    return Drawing(WIDTH, round(y - 8, 2), tuple(axis + marks + shapes))


def timeline_view(draft: Draft, status: Status, note: str, now: dt.datetime) -> ChartView:
    """The consultation timeline of one draft on the day of the build."""
    c = draft.consultation
    events = milestones(draft, status, note, now)
    desc = " ".join(f"{e.label}: {e.date_text}{' – ' + e.note if e.note else ''}"
                    f"{'' if e.phase == 'Hôm nay' else ' (' + e.phase.lower() + ')'}." for e in events)
    title = "Tiến trình lấy ý kiến dự thảo"
    drawing = timeline_drawing(events, c.opens, c.deadline)
    table = Table("Các mốc lấy ý kiến", ("Mốc", "Ngày", "So với hôm nay"),
                  tuple((e.label + (f" ({e.note})" if e.note else ""), e.date_text, e.phase) for e in events),
                  (False, False, False))
    return ChartView("timeline", "ph-tien-trinh", title, svg_markup(drawing, "ph-tien-trinh", title, desc,
                                                                       "ph-svg--timeline"), table)
