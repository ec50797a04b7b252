"""Infographics: the consultation timeline and the charts editors declare, as accessible SVG.

Every picture is first laid out as a `Drawing` of a few primitives (rectangles, lines,
circles, text with its baseline) and only then written out: as an SVG element tree here,
or as pixels by `share_image.py`, which draws the share card laid out by `share_card`
with the same primitives. SVG is built with xml.etree, so text from front matter is
escaped by the serializer, never pasted into markup.

Each SVG has role="img" and is labelled by its own <title> and <desc>; the page shows the
same numbers as a table beside it (`ChartView.table`). Numbers are written the Vietnamese
way (1.234.567 đồng, 12,5%). Charts are laid out 320 units wide and shown at most at that
size, so on a 320 px phone they shrink by less than a tenth and 14-unit text stays above
12 px; labels are words, so nothing depends on telling colours apart.
"""
from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from typing import Callable

from markupsafe import Markup

from generator.model import lifecycle
from generator.model import CompareChart, Draft, FiguresChart, ShareChart, SiteInfo, Status

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 320                        # layout width of page charts, in SVG units (≈ CSS px)
FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif'

INK = "#1a1a1a"
MUTED = "#3d3d3d"
PRIMARY = "#0b4f8a"
BORDER = "#8a9aab"
SURFACE = "#f4f6f8"
TODAY_FILL = "#fff4e5"
TODAY_INK = "#8a3b00"
WHITE = "#ffffff"
# parts of a share chart: neighbours differ in lightness, and each part is numbered too
SHARE_FILLS = ("#0b4f8a", "#9cc3e6", "#173f5f", "#d7e6f4", "#4f7fb0", "#ffffff")
STATUS_COLOUR = {
    Status.UPCOMING: "#0b4f8a", Status.OPEN: "#0a6b2f", Status.CLOSED: "#5c5c5c",
    Status.RESPONDED: "#6a3d9a", Status.ADOPTED: "#173f5f", Status.WITHDRAWN: "#8a1c1c",
}


# -- primitives ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float
    fill: str = "none"
    stroke: str = ""
    stroke_width: float = 0
    radius: float = 0


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = INK
    width: float = 2
    dash: tuple[int, int] | None = None    # (on, off) lengths


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    r: float
    fill: str = INK
    stroke: str = ""
    stroke_width: float = 0


@dataclass(frozen=True)
class Text:
    x: float
    y: float                       # baseline
    text: str
    size: float
    fill: str = INK
    bold: bool = False
    anchor: str = "start"          # start | middle | end


@dataclass(frozen=True)
class Drawing:
    width: float
    height: float
    shapes: tuple
    background: str = ""


Measure = Callable[[str, float, bool], float]


def approx_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of rendered text width, for layouts the browser draws."""
    return len(text) * size * (0.64 if bold else 0.56)


def wrap(text: str, width: float, size: float, bold: bool = False, measure: Measure = approx_width) -> list[str]:
    """Greedy word wrap to `width`."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if not line or measure(candidate, size, bold) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return lines + [line] if line else lines or [""]


def ellipsize(lines: list[str], keep: int, width: float, size: float, bold: bool, measure: Measure) -> list[str]:
    """At most `keep` lines; a cut shows as "…" at the end of the last one."""
    if len(lines) <= keep:
        return lines
    last = lines[keep - 1].split()
    while last and measure(" ".join(last) + " …", size, bold) > width:
        last.pop()
    return lines[:keep - 1] + [" ".join(last) + " …"]


# -- numbers -------------------------------------------------------------------------------
def number(value) -> str:
    """1234567 -> "1.234.567", 12.5 -> "12,5"."""
    from generator.render.pages import number_vi  # render imports this module: import when called
    return number_vi(value)


def amount(value, unit: str = "") -> str:
    """355000, "đồng" -> "355.000 đồng"; 12.5, "%" -> "12,5%"."""
    text = number(value)
    if unit == "%":
        return text + "%"
    return f"{text} {unit}" if unit else text


def percent(value: float) -> str:
    return number(round(value, 1)) + "%"


def change(current, proposed) -> str:
    """How the proposed value differs from the current one, in words."""
    if proposed == current:
        return "không đổi"
    if current == 0:
        return "tăng" if proposed > current else "giảm"
    delta = (proposed - current) / current * 100
    return f"{'tăng' if delta > 0 else 'giảm'} {percent(abs(delta))}"


# -- SVG -----------------------------------------------------------------------------------
def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _element(shape) -> etree.Element:
    if isinstance(shape, Rect):
        attrs = {"x": _n(shape.x), "y": _n(shape.y), "width": _n(shape.width), "height": _n(shape.height),
                 "fill": shape.fill}
        if shape.radius:
            attrs["rx"] = _n(shape.radius)
        if shape.stroke:
            attrs.update(stroke=shape.stroke, **{"stroke-width": _n(shape.stroke_width)})
        return etree.Element("rect", attrs)
    if isinstance(shape, Line):
        attrs = {"x1": _n(shape.x1), "y1": _n(shape.y1), "x2": _n(shape.x2), "y2": _n(shape.y2),
                 "stroke": shape.stroke, "stroke-width": _n(shape.width)}
        if shape.dash:
            attrs["stroke-dasharray"] = f"{shape.dash[0]} {shape.dash[1]}"
        return etree.Element("line", attrs)
    if isinstance(shape, Circle):
        attrs = {"cx": _n(shape.cx), "cy": _n(shape.cy), "r": _n(shape.r), "fill": shape.fill}
        if shape.stroke:
            attrs.update(stroke=shape.stroke, **{"stroke-width": _n(shape.stroke_width)})
        return etree.Element("circle", attrs)
    if isinstance(shape, Text):
        attrs = {"x": _n(shape.x), "y": _n(shape.y), "font-size": _n(shape.size), "fill": shape.fill}
        if shape.bold:
            attrs["font-weight"] = "700"
        if shape.anchor != "start":
            attrs["text-anchor"] = shape.anchor
        element = etree.Element("text", attrs)
        element.text = shape.text
        return element
    raise TypeError(f"not a drawing primitive: {shape!r}")


def svg_tree(drawing: Drawing, id_base: str, title: str, desc: str, css_class: str = "") -> etree.Element:
    """An accessible SVG: role="img", labelled by its <title> and <desc> (ids from `id_base`)."""
    title_id, desc_id = f"{id_base}-tieu-de", f"{id_base}-mo-ta"
    root = etree.Element("svg", {
        "xmlns": SVG_NS, "id": id_base, "class": ("ph-svg " + css_class).strip(),
        "viewBox": f"0 0 {_n(drawing.width)} {_n(drawing.height)}",
        "width": _n(drawing.width), "height": _n(drawing.height),
        "role": "img", "aria-labelledby": f"{title_id} {desc_id}",
        "font-family": FONT_STACK,
    })
    etree.SubElement(root, "title", id=title_id).text = title
    etree.SubElement(root, "desc", id=desc_id).text = desc
    if drawing.background:
        root.append(_element(Rect(0, 0, drawing.width, drawing.height, fill=drawing.background)))
    for shape in drawing.shapes:
        root.append(_element(shape))
    return root


def svg_markup(drawing: Drawing, id_base: str, title: str, desc: str, css_class: str = "") -> Markup:
    """The SVG as markup for a page; safe because the serializer escaped every text."""
    return Markup(etree.tostring(svg_tree(drawing, id_base, title, desc, css_class), encoding="unicode"))


# -- what a page shows ---------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    """The chart's data as a table: header cells, rows of formatted cells, and which
    columns hold numbers (right-aligned)."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]


@dataclass(frozen=True)
class ChartView:
    kind: str                      # timeline | figures | compare | share
    id: str                        # id of the <svg>; its title and desc ids derive from it
    title: str
    svg: Markup
    table: Table
    source: str = ""


# -- the consultation timeline -------------------------------------------------------------
@dataclass(frozen=True)
class Milestone:
    label: str
    date_text: str
    moment: dt.datetime            # for ordering and for past/future
    phase: str = ""                # "Đã qua" | "Hôm nay" | "Sắp tới"
    note: str = ""


def _when(moment: dt.datetime, end_of_day: bool) -> str:
    text = lifecycle.date_long(moment)
    return text + (f", lúc {lifecycle.time_of(moment)}" if lifecycle.has_time(moment, end_of_day) else "")


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
        events.append((at, "Công bố báo cáo tiếp thu, giải trình", lifecycle.date_long(at), ""))
    if draft.outcome is not None:
        at = dt.datetime.combine(draft.outcome.date, dt.time(0, 0), tzinfo=tz)
        events.append((at, f"Ban hành văn bản số {draft.outcome.document_number}", lifecycle.date_long(at), ""))
    out = []
    # what happens at the very start of the build day counts as past; today sits right after it
    for moment, rank, label, date_text, extra in sorted(
            [(m, 0, label, when, extra) for m, label, when, extra in events]
            + [(now, 1, "Hôm nay", lifecycle.date_long(now), note)], key=lambda e: (e[0], e[1])):
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


# -- declared charts -----------------------------------------------------------------------
def figures_drawing(chart: FiguresChart, measure: Measure = approx_width) -> Drawing:
    shapes: list = []
    y = 0.0
    pad = 14
    for item in chart.items:
        value = amount(item.value, item.unit)
        size = 28.0
        while size > 18 and measure(value, size, True) > WIDTH - 2 * pad:
            size -= 2
        label = wrap(item.label, WIDTH - 2 * pad, 15, False, measure)
        note = wrap(item.note, WIDTH - 2 * pad, 14, False, measure) if item.note else []
        height = 14 + size + 8 + 20 * len(label) + 19 * len(note) + 8
        shapes.append(Rect(0.75, y + 0.75, WIDTH - 1.5, height, fill=SURFACE, stroke=BORDER, stroke_width=1.5,
                           radius=4))
        shapes.append(Rect(0.75, y + 0.75, 6, height, fill=PRIMARY))
        line_y = y + 10 + size
        shapes.append(Text(pad + 4, line_y, value, size, PRIMARY, bold=True))
        line_y += 6
        for line in label:
            line_y += 20
            shapes.append(Text(pad + 4, line_y, line, 15, INK))
        for line in note:
            line_y += 19
            shapes.append(Text(pad + 4, line_y, line, 14, MUTED))
        y += height + 12
    return Drawing(WIDTH, round(y - 10, 2), tuple(shapes))


def compare_drawing(chart: CompareChart, measure: Measure = approx_width) -> Drawing:
    """Pairs of bars: the value in force as an outline, the proposed one filled; each bar
    has its words and number above it."""
    shapes: list = []
    y = 0.0
    for label, solid in ((chart.current_label, False), (chart.proposed_label, True)):
        shapes.append(Rect(1, y + 2, 26, 14, fill=PRIMARY if solid else WHITE, stroke=PRIMARY, stroke_width=2))
        shapes.append(Text(36, y + 14, f"{label} ({'cột đậm' if solid else 'cột viền'})", 14, INK))
        y += 22
    y += 10
    top = max(max(i.current, i.proposed) for i in chart.items) or 1
    for item in chart.items:
        # the change, right-aligned on the label's first line: "tăng 7,6%"
        moved = change(item.current, item.proposed)
        for n, line in enumerate(wrap(item.label, WIDTH - measure(moved, 14, True) - 16, 15, True, measure)):
            y += 18
            shapes.append(Text(0, y, line, 15, INK, bold=True))
            if n == 0:
                shapes.append(Text(WIDTH, y, moved, 14, PRIMARY, bold=True, anchor="end"))
        rows = ((f"{chart.current_label}: {amount(item.current, chart.unit)}", item.current, False),
                (f"{chart.proposed_label}: {amount(item.proposed, chart.unit)}", item.proposed, True))
        for text, value, solid in rows:
            for line in wrap(text, WIDTH, 14, False, measure):
                y += 19
                shapes.append(Text(0, y, line, 14, MUTED))
            y += 5
            if value > 0:
                shapes.append(Rect(1, y, max(2.0, value / top * (WIDTH - 2)), 12,
                                   fill=PRIMARY if solid else WHITE, stroke=PRIMARY, stroke_width=2))
            y += 12
        y += 14
    return Drawing(WIDTH, round(y - 10, 2), tuple(shapes))


def share_parts(chart: ShareChart) -> list[tuple[str, float, str]]:
    """(label, percent of the whole, value as written) of each part."""
    total = sum(p.value for p in chart.items)
    return [(p.label, p.value / total * 100, amount(p.value, chart.unit)) for p in chart.items]


def share_drawing(chart: ShareChart, measure: Measure = approx_width) -> Drawing:
    """One bar split into numbered parts, with a numbered legend that says each part in words."""
    shapes: list = []
    parts = share_parts(chart)
    x = 0.0
    bar = 40
    for n, (_, pct, _) in enumerate(parts, start=1):
        width = pct / 100 * WIDTH
        fill = SHARE_FILLS[(n - 1) % len(SHARE_FILLS)]
        shapes.append(Rect(x, 0, width, bar, fill=fill, stroke=INK if fill == WHITE else WHITE,
                           stroke_width=1.5))
        if width >= 22:
            shapes.append(Text(x + width / 2, 26, str(n), 15, _ink_on(fill), bold=True, anchor="middle"))
        x += width
    shapes.append(Rect(0.75, 0.75, WIDTH - 1.5, bar - 1.5, fill="none", stroke=INK, stroke_width=1.5))
    y = bar + 14
    for n, (label, pct, written) in enumerate(parts, start=1):
        fill = SHARE_FILLS[(n - 1) % len(SHARE_FILLS)]
        shapes.append(Rect(1, y, 24, 24, fill=fill, stroke=INK, stroke_width=1.5))
        shapes.append(Text(13, y + 18, str(n), 14, _ink_on(fill), bold=True, anchor="middle"))
        line_y = y + 3
        for line in wrap(f"{n}. {label}", WIDTH - 36, 15, True, measure):
            line_y += 19
            shapes.append(Text(36, line_y, line, 15, INK, bold=True))
        detail = percent(pct) if chart.unit == "%" else f"{written} ({percent(pct)})"
        line_y += 19
        shapes.append(Text(36, line_y, detail, 14, MUTED))
        y = line_y + 14
    return Drawing(WIDTH, round(y - 8, 2), tuple(shapes))


def _ink_on(fill: str) -> str:
    """Black or white text, whichever reads better on `fill`."""
    r, g, b = (int(fill[i:i + 2], 16) for i in (1, 3, 5))
    return INK if 0.299 * r + 0.587 * g + 0.114 * b > 140 else WHITE


def chart_view(chart, number_: int) -> ChartView:
    """One declared chart (figures, compare or share) with its table; ids from its position."""
    id_base = f"ph-bieu-do-{number_}"
    if isinstance(chart, FiguresChart):
        drawing = figures_drawing(chart)
        desc = "Số liệu chính. " + " ".join(
            f"{item.label}: {amount(item.value, item.unit)}{' (' + item.note + ')' if item.note else ''}."
            for item in chart.items)
        table = Table(chart.title, ("Nội dung", "Số liệu", "Ghi chú"),
                      tuple((i.label, amount(i.value, i.unit), i.note) for i in chart.items), (False, True, False))
    elif isinstance(chart, CompareChart):
        drawing = compare_drawing(chart)
        desc = (f"Biểu đồ cột so sánh {chart.current_label.lower()} và {chart.proposed_label.lower()}"
                f"{' (' + chart.unit + ')' if chart.unit else ''}. " + " ".join(
                    f"{i.label}: {amount(i.current, chart.unit)} thành {amount(i.proposed, chart.unit)}, "
                    f"{change(i.current, i.proposed)}." for i in chart.items))
        table = Table(chart.title, ("Nội dung", chart.current_label, chart.proposed_label, "Thay đổi"),
                      tuple((i.label, amount(i.current, chart.unit), amount(i.proposed, chart.unit),
                             change(i.current, i.proposed)) for i in chart.items), (False, True, True, True))
    elif isinstance(chart, ShareChart):
        drawing = share_drawing(chart)
        parts = share_parts(chart)
        desc = "Biểu đồ cơ cấu, các phần của một tổng thể. " + " ".join(
            f"Phần {n}, {label}: {percent(pct) if chart.unit == '%' else written + ', ' + percent(pct)}."
            for n, (label, pct, written) in enumerate(parts, start=1))
        if chart.unit == "%":
            table = Table(chart.title, ("Phần", "Tỷ lệ"),
                          tuple((f"{n}. {label}", percent(pct)) for n, (label, pct, _) in enumerate(parts, 1)),
                          (False, True))
        else:
            table = Table(chart.title, ("Phần", "Giá trị", "Tỷ lệ"),
                          tuple((f"{n}. {label}", written, percent(pct))
                                for n, (label, pct, written) in enumerate(parts, 1)), (False, True, True))
    else:
        raise TypeError(f"not a chart: {chart!r}")
    return ChartView(chart.kind, id_base, chart.title,
                     svg_markup(drawing, id_base, chart.title, desc, f"ph-svg--{chart.kind}"), table, chart.source)


def infographic_views(draft: Draft) -> list:
    """What the draft page shows of `infographics:`: a ChartView per chart, pictures as they are."""
    out = []
    for number_, item in enumerate(draft.infographics, start=1):
        out.append(item if item.kind == "image" else chart_view(item, number_))
    return out


# -- the share card ------------------------------------------------------------------------
SHARE_WIDTH, SHARE_HEIGHT = 1200, 630


def share_card_dates(draft: Draft, status: Status) -> str:
    """The card's date line: the close that counts, said for the state the draft is in."""
    c = draft.consultation
    if status is Status.OPEN:
        return f"Hạn góp ý: hết ngày {lifecycle.date_short(c.deadline)}"
    if status is Status.UPCOMING:
        return f"Góp ý từ {lifecycle.date_short(c.opens)} đến hết ngày {lifecycle.date_short(c.deadline)}"
    return f"Đã lấy ý kiến đến hết ngày {lifecycle.date_short(c.deadline)}"


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
    return Drawing(SHARE_WIDTH, SHARE_HEIGHT, tuple(shapes), background=WHITE)
