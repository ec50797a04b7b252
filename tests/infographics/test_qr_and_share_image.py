"""QR codes and share images: what a phone camera and a link preview get."""
from __future__ import annotations

import dataclasses
import io
import re
import xml.etree.ElementTree as etree

import pytest
import segno
from PIL import Image, ImageChops, ImageColor, ImageStat

from generator.outputs.share_card import layout
from generator.render.drawing import palette, shapes
from generator.render import qr
from generator.outputs.share_card import raster as share_image
from generator.model.lifecycle import status_view
from generator.model import SiteInfo
from tests.conftest import draft_text
from tests.infographics.helpers import assert_accessible_svg, checked

URL = "https://duthao.lamdong.example.gov.vn/du-thao/hoc-phi-2027-2028/"


def matrix_of_svg(markup: str) -> list[list[int]]:
    """Read the dark modules back from the SVG path, quiet zone removed."""
    root = etree.fromstring(str(markup))
    size = int(root.get("viewBox").split()[2])
    grid = [[0] * size for _ in range(size)]
    path = root.find("{http://www.w3.org/2000/svg}path").get("d")
    for x, y, run in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", path):
        for col in range(int(x), int(x) + int(run)):
            grid[int(y)][col] = 1
    border = qr.QUIET_ZONE
    assert not any(grid[y][x] for y in range(size) for x in range(size)
                   if min(x, y) < border or max(x, y) >= size - border), "dark module in the quiet zone"
    return [row[border:size - border] for row in grid[border:size - border]]


def test_the_qr_svg_encodes_exactly_the_absolute_address():
    markup = qr.qr_svg(URL)
    assert_accessible_svg(etree.fromstring(str(markup)))
    expected = [list(row) for row in segno.make(URL, error="m", micro=False, mask=qr.MASK).matrix]
    assert matrix_of_svg(markup) == expected
    other = [list(row) for row in segno.make(URL + "x", error="m", micro=False, mask=qr.MASK).matrix]
    assert matrix_of_svg(markup) != other
    assert URL in str(markup)


def _card(tmp_path, title="Dự thảo Nghị quyết quy định mức học phí năm học 2027–2028"):
    drafts, _, now = checked(tmp_path, {"a.md": draft_text(title=title)})
    draft = drafts["a"]
    state = status_view(draft, now)
    fonts = share_image.find_fonts()
    site = SiteInfo(name="Cổng lấy ý kiến dự thảo chính sách tỉnh Lâm Đồng", base_url="https://duthao.example.gov.vn/")
    card = layout.card_text(draft, "Sở Giáo dục và Đào tạo", state.status, state.label, site)
    return layout.share_card(card, fonts.measure), fonts


def test_the_share_image_is_a_1200_by_630_png_with_the_draft_s_words(tmp_path):
    drawing, fonts = _card(tmp_path)
    data = share_image.rasterize(drawing, fonts)
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == (1200, 630)
    words = " ".join(s.text for s in drawing.shapes if isinstance(s, shapes.Text))
    for expected in ("Cổng lấy ý kiến dự thảo chính sách tỉnh Lâm Đồng", "Đang lấy ý kiến", "học phí",
                     "Cơ quan soạn thảo: Sở Giáo dục và Đào tạo", "Hạn góp ý: hết ngày 10/12/2026"):
        assert expected in words
    # every line of text fits inside the card
    for shape in drawing.shapes:
        if isinstance(shape, shapes.Text):
            assert shape.x + fonts.measure(shape.text, shape.size, shape.bold) <= 1200 - 40, shape.text


def test_a_very_long_title_is_cut_with_an_ellipsis_not_drawn_over_the_rest(tmp_path):
    drawing, fonts = _card(tmp_path, title="Dự thảo " + "rất dài về chính sách đất đai " * 12)
    title_lines = [s for s in drawing.shapes if isinstance(s, shapes.Text) and s.size >= 40]
    assert len(title_lines) == 4 and title_lines[-1].text.endswith("…")
    assert title_lines[-1].y < 470  # above the agency line


def test_two_renders_of_the_same_card_are_byte_identical(tmp_path):
    drawing, fonts = _card(tmp_path)
    assert share_image.rasterize(drawing, fonts) == share_image.rasterize(drawing, fonts)


def test_cards_drawn_on_their_shared_start_are_the_cards_drawn_whole(tmp_path):
    """The site name and status are drawn once for the cards that share them; each card's
    bytes are those of drawing it from a blank image."""
    drawing, fonts = _card(tmp_path)
    assert drawing.shared > 0 and all(isinstance(s, (shapes.Rect, shapes.Line, shapes.Text))
                                      for s in drawing.shapes[:drawing.shared])
    other, _ = _card(tmp_path / "b", title="Dự thảo Quyết định ban hành quy chế quản lý chợ truyền thống")
    assert other.shapes[:other.shared] == drawing.shapes[:drawing.shared]
    for card in (drawing, other, drawing):
        whole = dataclasses.replace(card, shared=0)
        assert share_image.rasterize(card, fonts) == share_image.rasterize(whole, fonts)
    assert share_image.rasterize(drawing, fonts) != share_image.rasterize(other, fonts)


def _text_box(shape, fonts):
    left, top, right, bottom = fonts.font(shape.size, shape.bold).getbbox(shape.text, anchor="ls")
    return int(shape.x) + left, int(shape.y) + top, int(shape.x) + right + 1, int(shape.y) + bottom + 1


def _mean_difference(image, reference, box=None):
    if box is not None:
        image, reference = image.crop(box), reference.crop(box)
    return ImageStat.Stat(ImageChops.difference(image, reference).convert("L")).mean[0]


def test_the_share_image_looks_like_the_card_drawn_in_full_colour(tmp_path):
    drawing, fonts = _card(tmp_path)
    image = Image.open(io.BytesIO(share_image.rasterize(drawing, fonts))).convert("RGB")
    reference = share_image._rasterize_rgb(drawing, fonts)
    assert _mean_difference(image, reference) < 2
    texts = [s for s in drawing.shapes if isinstance(s, shapes.Text)]
    assert {palette.PRIMARY, palette.INK, palette.MUTED, palette.WHITE} <= {t.fill for t in texts}
    for text in texts:                       # every text in its colour, where the layout puts it
        box = _text_box(text, fonts)
        colours = {colour for _, colour in image.crop(box).getcolors(1 << 16)}
        assert ImageColor.getrgb(text.fill) in colours, text.text
        assert _mean_difference(image, reference, box) < 6, text.text
    # the title's edges are smoothed: several shades between the ink and the white card
    title = next(t for t in texts if t.size >= 40)
    ink, white = ImageColor.getrgb(title.fill), ImageColor.getrgb(palette.WHITE)
    between = {colour for _, colour in image.crop(_text_box(title, fonts)).getcolors(1 << 16)} - {ink, white}
    assert len(between) >= 4
    assert all(min(i, w) <= c <= max(i, w) for colour in between for c, i, w in zip(colour, ink, white))


def test_text_over_two_colours_is_still_drawn_right(tmp_path):
    drawing, fonts = _card(tmp_path)
    footer = next(s for s in drawing.shapes if isinstance(s, shapes.Rect) and s.fill == palette.PRIMARY)
    across = shapes.Text(300, footer.y + 12, "Dự thảo", 40, palette.INK, bold=True)
    drawing = shapes.Drawing(drawing.width, drawing.height, drawing.shapes + (across,), drawing.background)
    data = share_image.rasterize(drawing, fonts)
    assert data == share_image.rasterize(drawing, fonts)
    image = Image.open(io.BytesIO(data)).convert("RGB")
    reference = share_image._rasterize_rgb(drawing, fonts)
    assert _mean_difference(image, reference) < 2
    assert _mean_difference(image, reference, _text_box(across, fonts)) < 6


def test_without_a_font_the_error_names_the_debian_package():
    with pytest.raises(share_image.FontNotFound) as caught:
        share_image.find_fonts((("/nonexistent/Regular.ttf", "/nonexistent/Bold.ttf"),))
    assert "fonts-dejavu-core" in str(caught.value) and "/nonexistent/Regular.ttf" in str(caught.value)
