"""The timeline and the declared charts as SVG: structure, accessibility, the numbers of
the table against the front matter, Vietnamese number formatting, escaping, readability."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from generator.render import charts as page_charts, format_vi, timeline
from generator.model.lifecycle import status_view
from generator.render.format_vi import number_vi
from tests.conftest import draft_text
from tests.infographics.helpers import assert_accessible_svg, checked, svg_root, texts

SVG = "{http://www.w3.org/2000/svg}"
GOLDEN = Path(__file__).resolve().parents[2] / "sites" / "golden" / "infographics"

CHARTS = """
infographics:
  - type: compare
    title: Học phí khu vực 1, đồng/học sinh/tháng
    unit: đồng
    current_label: Năm học 2026–2027
    proposed_label: Dự thảo
    items:
      - {label: Mầm non, current: 330000, proposed: 355000}
      - {label: Trung học phổ thông, current: 1234567, proposed: 1234567}
  - type: figures
    title: Những con số chính
    items:
      - {label: tuyến đường được điều chỉnh giá, value: 1150}
      - {label: giá đất ở tăng bình quân, value: 12.5, unit: "%", note: so với năm 2026}
  - type: share
    title: Cơ cấu chi phí
    unit: tỷ đồng
    items:
      - {label: Người dân trả, value: 380}
      - {label: Ngân sách bù, value: 240}
  - type: share
    title: Tỷ lệ ý kiến
    unit: "%"
    items:
      - {label: Đồng ý, value: 62.5}
      - {label: Không đồng ý, value: 37.5}
"""


def _timeline(draft, now):
    state = status_view(draft, now)
    return timeline.timeline_view(draft, state.status, state.note or state.label, state.as_of)


def test_number_vi_writes_numbers_the_vietnamese_way():
    assert number_vi(1234567) == "1.234.567"
    assert number_vi(12.5) == "12,5"
    assert number_vi(0.215) == "0,215"
    assert number_vi(0.1 + 0.2) == "0,3"
    assert format_vi.amount(1234567, "đồng") == "1.234.567 đồng"
    assert format_vi.amount(12.5, "%") == "12,5%"
    assert format_vi.change(330000, 355000) == "tăng 7,6%"
    assert format_vi.change(40, 30) == "giảm 25%"
    assert format_vi.change(5, 5) == "không đổi"


def test_the_timeline_of_an_extended_draft_shows_every_date_in_order_past_or_ahead(tmp_path):
    drafts, report, now = checked(tmp_path, {"a.md": draft_text(
        opens="2026-10-19", closes="2026-11-18",
        consultation={"opens": "2026-10-19", "closes": "2026-11-18", "extended_to": "2026-12-02",
                      "channels": [{"type": "email", "address": "gopy@example.gov.vn"}]})})
    assert not report.errors
    view = _timeline(drafts["a"], now)
    root = svg_root(view.svg)
    assert_accessible_svg(root)
    drawn = root.findall(f"{SVG}g[@class='ph-tl-event']")
    order = ["Bắt đầu lấy ý kiến", "Hạn góp ý ban đầu", "Gia hạn góp ý đến"]
    assert [texts(g)[0] for g in drawn] == order
    assert "Thứ Tư, 02/12/2026" in texts(drawn[2])
    assert [g.get("data-ph-past") for g in drawn] == ["1", "1", "0"]
    assert [row[2] for row in view.table.rows] == ["Đã qua", "Đã qua", "Sắp tới"]
    assert view.table.moments == ("2026-10-19T00:00:00+07:00", "2026-11-18T23:59:59+07:00",
                                  "2026-12-02T23:59:59+07:00")
    desc = root.find(f"{SVG}desc").text
    assert "Gia hạn góp ý đến: Thứ Tư, 02/12/2026 (sắp tới)" in desc


def test_the_built_timeline_has_no_today_and_stays_the_same_until_a_milestone_passes(tmp_path):
    """"Hôm nay" is the page's script's: the built drawing only carries its template."""
    drafts, report, now = checked(tmp_path, {"a.md": draft_text(opens="2026-11-05", closes="2026-12-05")})
    assert not report.errors
    draft = drafts["a"]
    days = [now + dt.timedelta(days=n) for n in range(14)]        # 22 Nov to 5 Dec: open all along
    built = {str(_timeline(draft, day).svg) for day in days}
    assert len(built) == 1
    root = svg_root(built.pop())
    shown = [text for child in root if child.tag != f"{SVG}defs" for text in texts(child)]
    assert "Hôm nay" not in shown and "22/11/2026" not in " ".join(shown)
    # the script's template of the today block: three lines, empty until it fills them
    assert [text.get("class") for text in root.find(f"{SVG}defs").iter(f"{SVG}text")] == [
        "ph-tl-word ph-f-today", "ph-tl-date ph-f-today", "ph-tl-note ph-f-today"]
    assert not any(texts(root.find(f"{SVG}defs")))
    assert [row[0] for row in _timeline(draft, now).table.rows] == [
        "Bắt đầu lấy ý kiến (Thời gian góp ý: 30 ngày)", "Hết hạn góp ý"]
    after_close = _timeline(draft, now + dt.timedelta(days=14))   # 6 December: the close has passed
    assert [row[2] for row in after_close.table.rows] == ["Đã qua", "Đã qua"]


def test_the_timeline_adds_the_response_and_the_adoption_when_they_apply(tmp_path):
    extra = """
    status: adopted
    outcome: {document_number: 19/2026/NQ-HĐND, date: 2026-11-10}
    response: {published: 2026-10-20, total: 12}
    """
    drafts, report, now = checked(tmp_path, {"a.md": draft_text(opens="2026-09-01", closes="2026-09-30", extra=extra),
                                            "b.md": draft_text(opens="2026-12-01", closes="2026-12-31")})
    assert not report.errors, report.render_text()
    adopted = _timeline(drafts["a"], now)
    assert [row[0] for row in adopted.table.rows] == [
        "Bắt đầu lấy ý kiến (Thời gian góp ý: 29 ngày)", "Hết hạn góp ý",
        "Công bố báo cáo tiếp thu, giải trình", "Ban hành văn bản số 19/2026/NQ-HĐND"]
    assert dict(adopted.data)["ph-note"] == "Đã ban hành"     # what the today block says for it
    upcoming = _timeline(drafts["b"], now)
    assert [row[0].split(" (")[0] for row in upcoming.table.rows] == ["Bắt đầu lấy ý kiến", "Hết hạn góp ý"]
    assert [row[2] for row in upcoming.table.rows] == ["Sắp tới", "Sắp tới"]
    assert dict(upcoming.data)["ph-status"] == "upcoming"


def test_timeline_and_charts_stay_readable_on_a_320_px_phone(tmp_path):
    drafts, _, now = checked(tmp_path, {"a.md": draft_text(extra=CHARTS)})
    views = [_timeline(drafts["a"], now)] + page_charts.infographic_views(drafts["a"])
    for view in views:
        root = svg_root(view.svg)
        # drawn 320 wide and never shown larger: a 288 px column scales by 0.9 at most
        assert root.get("viewBox").split()[2] == "320" and root.get("width") == "320"
        sizes = [float(t.get("font-size")) for t in root.iter("{http://www.w3.org/2000/svg}text")]
        assert sizes and min(sizes) * 288 / 320 >= 12
        for text in root.iter("{http://www.w3.org/2000/svg}text"):
            assert 0 <= float(text.get("x")) <= 320


def test_declared_charts_have_tables_with_the_front_matter_numbers(tmp_path):
    drafts, report, _ = checked(tmp_path, {"a.md": draft_text(extra=CHARTS)})
    assert not report.errors, report.render_text()
    compare, figures, share, percent_share = page_charts.infographic_views(drafts["a"])
    assert [v.id for v in (compare, figures, share, percent_share)] == [f"ph-bieu-do-{n}" for n in range(1, 5)]
    for view in (compare, figures, share, percent_share):
        assert_accessible_svg(svg_root(view.svg))
    assert compare.table.head == ("Nội dung", "Năm học 2026–2027", "Dự thảo", "Thay đổi")
    assert compare.table.rows == (("Mầm non", "330.000 đồng", "355.000 đồng", "tăng 7,6%"),
                                  ("Trung học phổ thông", "1.234.567 đồng", "1.234.567 đồng", "không đổi"))
    assert figures.table.rows == (("tuyến đường được điều chỉnh giá", "1.150", ""),
                                  ("giá đất ở tăng bình quân", "12,5%", "so với năm 2026"))
    assert share.table.rows == (("1. Người dân trả", "380 tỷ đồng", "61,3%"), ("2. Ngân sách bù", "240 tỷ đồng", "38,7%"))
    assert percent_share.table.rows == (("1. Đồng ý", "62,5%"), ("2. Không đồng ý", "37,5%"))
    # the picture says the same in words, for readers of the SVG alone
    assert "Mầm non: 330.000 đồng thành 355.000 đồng, tăng 7,6%." in svg_root(compare.svg)[1].text
    assert "1.150" in texts(svg_root(figures.svg)) and "12,5%" in texts(svg_root(figures.svg))
    assert "380 tỷ đồng (61,3%)" in texts(svg_root(share.svg))
    # each part is numbered once, on its swatch: the words beside it do not repeat the number
    share_texts = texts(svg_root(share.svg))
    assert "Người dân trả" in share_texts and "1" in share_texts
    assert not [t for t in share_texts if t.startswith(("1. ", "2. "))]


def test_text_from_front_matter_is_escaped_in_the_svg(tmp_path):
    charts = """
    infographics:
      - type: figures
        title: "<script>alert(1)</script>"
        items:
          - {label: "\\" onload=\\"alert(1)", value: 1}
    """
    drafts, report, _ = checked(tmp_path, {"a.md": draft_text(extra=charts)})
    assert not report.errors, report.render_text()
    markup = str(page_charts.infographic_views(drafts["a"])[0].svg)
    assert "<script" not in markup and "&lt;script&gt;" in markup
    root = svg_root(markup)
    assert_accessible_svg(root)
    assert '" onload="alert(1)' in texts(root)


def test_the_same_draft_and_day_give_the_same_svg(tmp_path):
    drafts, _, now = checked(tmp_path, {"a.md": draft_text(extra=CHARTS)})
    first = [str(v.svg) for v in [_timeline(drafts["a"], now)] + page_charts.infographic_views(drafts["a"])]
    again = [str(v.svg) for v in [_timeline(drafts["a"], now)] + page_charts.infographic_views(drafts["a"])]
    assert first == again


def test_golden_timeline_svg(tmp_path):
    """One timeline, byte for byte; refresh with UPDATE_GOLDEN=1 after a deliberate change."""
    drafts, _, now = checked(tmp_path, {"a.md": draft_text(
        consultation={"opens": "2026-10-19", "closes": "2026-11-18 17:00", "extended_to": "2026-12-02",
                      "channels": [{"type": "email", "address": "gopy@example.gov.vn"}]})})
    actual = str(_timeline(drafts["a"], now).svg) + "\n"
    golden = GOLDEN / "timeline-extended.svg"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")
