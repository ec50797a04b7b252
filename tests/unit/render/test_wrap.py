"""Word wrap of drawn text (share cards, timeline, charts): greedy, one word at least a line."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from generator.outputs.share_card import raster
from generator.render.drawing.shapes import approx_width, wrap
from tests.budget import examples

FONTS = raster.find_fonts()
SYLLABLES = ["Dự", "thảo", "Nghị", "quyết", "quy", "định", "mức", "học", "phí", "năm", "2027–2028", "đồng",
             "bào", "dân", "tộc", "thiểu", "số", "ở", "các", "xã", "đặc", "biệt", "khó", "khăn", "W",
             "Khánh", "Hòa", "22/2021/QĐ-UBND", "hỗ", "trợ", "phát", "triển", "sinh", "kế", "ấy"]
texts = st.lists(st.sampled_from(SYLLABLES), min_size=0, max_size=60).map(" ".join)


def assert_greedy(lines: list[str], text: str, width: float, size: float, bold: bool, measure) -> None:
    """Every line fits (or is a single word), and no line could have taken the next word."""
    assert " ".join(lines).split() == text.split()
    if not text.split():
        assert lines == [""]
        return
    for line, following in zip(lines, lines[1:] + [None]):
        assert line and line == " ".join(line.split())
        assert len(line.split()) == 1 or measure(line, size, bold) <= width, line
        if following is not None:
            assert measure(line + " " + following.split()[0], size, bold) > width, (line, following)


@settings(max_examples=examples(300), deadline=None)
@given(text=texts, width=st.integers(min_value=20, max_value=1200), size=st.sampled_from([14, 30, 40, 52]),
       bold=st.booleans())
def test_lines_drawn_with_the_card_font_are_filled_greedily(text, width, size, bold):
    assert_greedy(wrap(text, width, size, bold, FONTS.measure), text, width, size, bold, FONTS.measure)


@settings(max_examples=examples(300), deadline=None)
@given(text=texts, width=st.integers(min_value=1, max_value=900), size=st.sampled_from([14, 15]),
       bold=st.booleans())
def test_lines_of_the_page_drawings_are_filled_greedily(text, width, size, bold):
    assert_greedy(wrap(text, width, size, bold, approx_width), text, width, size, bold, approx_width)


def test_a_word_wider_than_the_line_stands_alone_on_its_line():
    long = "22/2021/QĐ-UBND-22/2021/QĐ-UBND"
    assert FONTS.measure(long, 52, True) > 400 > FONTS.measure("Dự thảo", 52, True)
    lines = wrap(f"Dự thảo {long} quy định", 400, 52, True, FONTS.measure)
    assert lines == ["Dự thảo", long, "quy định"]
