"""The charts editors declare (figures, compare, share) as accessible SVG, each with the same
numbers as a table beside it (`ChartView.table`).

Each SVG has role="img" and is labelled by its own <title> and <desc>. Numbers are written
the Vietnamese way (1.234.567 đồng, 12,5%). Charts are laid out 320 units wide and shown at
most at that size, so on a 320 px phone they shrink by less than a tenth and 14-unit text
stays above 12 px; labels are words, so nothing depends on telling colours apart.
"""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.model import CompareChart, Draft, FiguresChart, ShareChart
from generator.render.drawing.palette import BORDER, INK, MUTED, PRIMARY, SHARE_FILLS, SURFACE, WHITE
from generator.render.drawing.shapes import Drawing, Measure, Rect, Text, approx_width, wrap
from generator.render.drawing.svg import svg_markup
from generator.render.format_vi import amount, change, percent

WIDTH = 320                        # layout width of page charts, in SVG units (≈ CSS px)


# -- what a page shows ---------------------------------------------------------------------
@dataclass(frozen=True)
class Table:
    """The chart's data as a table: header cells, rows of formatted cells, and which
    columns hold numbers (right-aligned)."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    moments: tuple[str, ...] = ()  # the timeline's: each row's moment (ISO 8601), for the page's script


@dataclass(frozen=True)
class ChartView:
    kind: str                      # timeline | figures | compare | share
    id: str                        # id of the <svg>; its title and desc ids derive from it
    title: str
    svg: Markup
    table: Table
    source: str = ""
    data: tuple[tuple[str, str], ...] = ()   # data-NAME attributes of its box, for the page's script


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


