"""The share card's PNG, written by `png.palette_png`, is byte for byte what Pillow writes
for the same image: for cards of every state, short and long titles, in any order (the
compressed start that cards share is reused between them), and for text over two colours."""
from __future__ import annotations

import io
import random

from PIL import Image

from generator.model import Status
from generator.outputs.share_card import layout, png
from generator.outputs.share_card import raster
from generator.render.drawing import palette, shapes

FONTS = raster.find_fonts()
SITES = ("Cổng lấy ý kiến dự thảo chính sách tỉnh Lâm Đồng", "Sở Tư pháp Khánh Hòa")
TITLES = ("Dự thảo Nghị quyết quy định mức học phí năm học 2027–2028",
          "Dự thảo Quyết định ban hành quy chế quản lý chợ truyền thống",
          "Nghị quyết",
          "Dự thảo " + "rất dài về chính sách đất đai, ẤẮẶỆ & <các> \"xã\" " * 8)


def _cards() -> list[shapes.Drawing]:
    cards = []
    for site in SITES:
        for status in Status:
            for title in TITLES:
                text = layout.CardText(site, status, f"Trạng thái {status.value}", title,
                                       "Cơ quan soạn thảo: Sở Giáo dục và Đào tạo", "Hạn góp ý: hết ngày 10/12/2026")
                cards.append(layout.share_card(text, FONTS.measure))
    return cards


def _pillow(drawing: shapes.Drawing) -> bytes:
    """The same card drawn as the rasterizer draws it, written by Pillow."""
    try:
        image, _ = raster._rasterize_palette(drawing, FONTS)
    except raster._NotFlat:   # the fallback: drawn in full colour, then given a palette
        image = raster._rasterize_rgb(drawing, FONTS).quantize(
            colors=raster.PNG_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False, compress_level=raster.PNG_COMPRESSION)
    return out.getvalue()


def test_cards_are_the_bytes_pillow_writes_in_any_order():
    cards = _cards()
    expected = {id(card): _pillow(card) for card in cards}
    order = cards + random.Random(17).sample(cards, len(cards))
    written = [raster.rasterize(card, FONTS) for card in order]
    assert all(data == expected[id(card)] for card, data in zip(order, written))
    assert len({data for data in written}) == len(cards)   # every card its own picture
    image = Image.open(io.BytesIO(written[0]))
    assert image.size == (1200, 630) and image.mode == "P"


def test_the_shared_start_is_used_and_gives_the_bytes_of_a_card_drawn_whole():
    card = _cards()[0]
    image, start = raster._rasterize_palette(card, FONTS)
    whole = png.palette_png(image, raster.PNG_COMPRESSION)
    assert whole is not None and png.palette_png(image, raster.PNG_COMPRESSION, start) == whole
    assert start._states, "the rows the cards share were not compressed once"


def test_text_over_two_colours_and_few_colours_are_left_to_pillow():
    card = _cards()[0]
    footer = next(s for s in card.shapes if isinstance(s, shapes.Rect) and s.fill == palette.PRIMARY)
    across = shapes.Text(300, footer.y + 12, "Dự thảo", 40, palette.INK, bold=True)
    mixed = shapes.Drawing(card.width, card.height, card.shapes + (across,), card.background)
    data = raster.rasterize(mixed, FONTS)
    try:
        raster._rasterize_palette(mixed, FONTS)
        raise AssertionError("expected the full-colour fallback")
    except raster._NotFlat:
        pass
    assert data == _pillow(mixed) and Image.open(io.BytesIO(data)).format == "PNG"
    plain = Image.new("P", (40, 20), 0)
    plain.putpalette(bytes([255, 255, 255, 0, 0, 0]))
    assert png.palette_png(plain, raster.PNG_COMPRESSION) is None   # packed 1-bit pixels: Pillow's way
