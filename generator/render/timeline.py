"""The consultation timeline of every draft page: opens, closes, an extension, the response
and the adoption, as they apply, drawn as SVG with the same dates as a table.

What is built stays true until the next milestone passes: each milestone is past or ahead
as of the latest one at or before the build (`StatusView.as_of`), never as of the day, so the
page of a draft is the same on every day between two of its milestones. The "Hôm nay" mark
is the page's script's (theme/assets/javascripts/policyhub.js): it copies the hidden
template of the drawing's <defs> in between the milestones of the reader's day, moves the
later ones down and splits the axis there, and adds the same row to the table. Without
JavaScript the timeline shows the milestones alone.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import Draft, Status
from generator.model.lifecycle import milestones as lifecycle_milestones
from generator.render.charts import WIDTH, ChartView, Table
from generator.render.drawing.palette import BORDER, INK, MUTED, PRIMARY, TODAY_FILL, TODAY_INK, WHITE
from generator.render.drawing.shapes import Circle, Drawing, Group, Line, Measure, Rect, Text, approx_width, wrap
from generator.render.drawing.svg import svg_markup
from generator.render.format_vi import date_long, has_time, time_of

PAST, AHEAD, TODAY = "Đã qua", "Sắp tới", "Hôm nay"
AXIS_X, TEXT_X = 14.0, 38.0
CENTRE = 13.0                      # of a milestone's mark, below the top of its block
GAP, TODAY_GAP = 14.0, 18.0        # below a milestone's block, below the today block
FUTURE_DASH = (5, 4)


@dataclass(frozen=True)
class Milestone:
    label: str
    date_text: str
    moment: dt.datetime            # for ordering and for past/ahead
    phase: str = ""                # PAST | AHEAD
    note: str = ""


def _when(moment: dt.datetime, end_of_day: bool) -> str:
    text = date_long(moment)
    return text + (f", lúc {time_of(moment)}" if has_time(moment, end_of_day) else "")


def milestones(draft: Draft, as_of: dt.datetime | None) -> list[Milestone]:
    """Opens, closes, extended close, response, adoption: those that apply, in order, each
    past when it is at or before `as_of` (the latest milestone that passed; None: none has)."""
    c = draft.consultation
    words = {
        "opens": ("Bắt đầu lấy ý kiến", _when(c.opens, False), f"Thời gian góp ý: {c.days} ngày"),
        "closes": ("Hạn góp ý ban đầu" if c.extended_to else "Hết hạn góp ý", _when(c.closes, True), ""),
        "extended": ("Gia hạn góp ý đến", _when(c.extended_to, True) if c.extended_to else "", ""),
        "response": ("Công bố báo cáo tiếp thu, giải trình", "", ""),
        "outcome": (f"Ban hành văn bản số {draft.outcome.document_number}" if draft.outcome else "", "", ""),
    }
    out = []
    for moment, kind in lifecycle_milestones(draft):
        label, date_text, note = words[kind]
        date_text = date_text or date_long(moment)
        if as_of is not None and moment <= as_of:
            out.append(Milestone(label, date_text, moment, PAST, note))
        else:
            ahead = label if kind in ("opens", "closes", "extended") else label + " (dự kiến)"
            out.append(Milestone(ahead, date_text, moment, AHEAD, note))
    return out


def today_template() -> tuple:
    """The "Hôm nay" block the script copies in: a box, a square mark on the axis, and lines
    for the word, the date and a note, empty (no text of it is read or copied before the
    script fills them; it drops the note's line when it has none), drawn at the top of its
    block like a milestone."""
    height = 20 + 19 * 2 + 4
    return (Group(0, (
        Rect(TEXT_X - 10, -2, WIDTH - TEXT_X + 8, height + 6, fill=TODAY_FILL, stroke=TODAY_INK,
             stroke_width=1.5, radius=4),
        Rect(AXIS_X - 8, CENTRE - 8, 16, 16, fill=TODAY_INK, stroke=WHITE, stroke_width=2),
        Text(TEXT_X, 18, "", 15, TODAY_INK, bold=True, css_class="ph-tl-word"),
        Text(TEXT_X, 37, "", 14, TODAY_INK, css_class="ph-tl-date"),
        Text(TEXT_X, 56, "", 14, TODAY_INK, css_class="ph-tl-note"),
    ), "ph-tl-today"),
        # the axis beyond the consultation period, for a today before the first milestone or after the last
        Line(AXIS_X, 0, AXIS_X, 0, BORDER, width=2, css_class="ph-tl-outside"))


def timeline_drawing(events: list[Milestone], opens: dt.datetime, deadline: dt.datetime,
                     measure: Measure = approx_width) -> Drawing:
    """A vertical timeline: it reads top to bottom on any screen, and every mark is labelled."""
    text_width = WIDTH - TEXT_X - 6
    blocks: list[Group] = []
    tops: list[float] = []
    y = 6.0
    for event in events:
        label_lines = wrap(event.label, text_width, 15, True, measure)
        body = wrap(event.date_text, text_width, 14, False, measure)
        body += wrap(event.note, text_width, 14, False, measure) if event.note else []
        shapes: list = []
        if event.phase == PAST:
            shapes.append(Circle(AXIS_X, CENTRE, 7, fill=PRIMARY, stroke=WHITE, stroke_width=2))
        else:
            shapes.append(Circle(AXIS_X, CENTRE, 7, fill=WHITE, stroke=PRIMARY, stroke_width=3))
        line_y = 18.0
        for line in label_lines:
            shapes.append(Text(TEXT_X, line_y, line, 15, INK, bold=True))
            line_y += 20
        for line in body:
            shapes.append(Text(TEXT_X, line_y - 1, line, 14, MUTED))
            line_y += 19
        tops.append(y)
        blocks.append(Group(y, tuple(shapes), "ph-tl-event",
                            (("ph-at", event.moment.isoformat()), ("ph-past", "1" if event.phase == PAST else "0"))))
        y += 20 * len(label_lines) + 19 * len(body) + 4 + GAP
    # the axis first, so that the marks sit on top of it; segment i joins milestones i and i + 1
    axis: list = []
    for (a, b), (top, bottom) in zip(zip(events, events[1:]), zip(tops, tops[1:])):
        in_period = a.moment >= opens and b.moment <= deadline
        axis.append(Line(AXIS_X, top + CENTRE, AXIS_X, bottom + CENTRE, PRIMARY if in_period else BORDER,
                         width=6 if in_period else 2, dash=FUTURE_DASH if b.phase == AHEAD else None))
    return Drawing(WIDTH, round(y - 8, 2), (Group(0, tuple(axis), "ph-tl-axis"), *blocks), defs=today_template())


def timeline_view(draft: Draft, status: Status, note: str, as_of: dt.datetime | None) -> ChartView:
    """The consultation timeline of one draft as of its latest milestone. `note` is what the
    script says in the today block for a state whose words count no days (closed, responded…)."""
    c = draft.consultation
    events = milestones(draft, as_of)
    desc = " ".join(f"{e.label}: {e.date_text}{' – ' + e.note if e.note else ''} ({e.phase.lower()})."
                    for e in events)
    title = "Tiến trình lấy ý kiến dự thảo"
    drawing = timeline_drawing(events, c.opens, c.deadline)
    table = Table("Các mốc lấy ý kiến", ("Mốc", "Ngày", "So với hôm nay"),
                  tuple((e.label + (f" ({e.note})" if e.note else ""), e.date_text, e.phase) for e in events),
                  (False, False, False), tuple(e.moment.isoformat() for e in events))
    return ChartView("timeline", "ph-tien-trinh", title, svg_markup(drawing, "ph-tien-trinh", title, desc,
                                                                       "ph-svg--timeline"), table,
                     data=(("ph-zone", str(c.opens.tzinfo)), ("ph-opens", c.opens.isoformat()),
                           ("ph-deadline", c.deadline.isoformat()),
                           ("ph-status", status.value), ("ph-note", note)))
