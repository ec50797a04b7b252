"""QR codes of a draft's absolute address, as inline SVG for printed notices.

segno computes the code; the SVG is built here as an element tree from its module matrix
(one path of dark squares), so that it carries role="img", a <title> and a <desc> like
every other picture of the site.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

import segno
from markupsafe import Markup

from generator.render.drawing.svg import SVG_NS

QUIET_ZONE = 4                     # modules of white around the code, as ISO/IEC 18004 asks
ERROR_LEVEL = "m"                  # survives a smudge or a fold on a notice board
# Scanners read all eight mask patterns alike; trying each to pick the "best" one cost 24 ms
# a draft, more than everything else on its page together.
MASK = 2


def make_code(url: str) -> segno.QRCode:
    """The QR code (never a Micro QR: phone cameras read only full codes)."""
    return segno.make(url, error=ERROR_LEVEL, micro=False, mask=MASK)


def dark_modules_path(matrix) -> str:
    """SVG path data for the dark modules, one horizontal run at a time, quiet zone added."""
    parts = []
    for row, cells in enumerate(matrix):
        col = 0
        while col < len(cells):
            if cells[col]:
                start = col
                while col < len(cells) and cells[col]:
                    col += 1
                parts.append(f"M{start + QUIET_ZONE} {row + QUIET_ZONE}h{col - start}v1h-{col - start}z")
            else:
                col += 1
    return "".join(parts)


def qr_svg(url: str, id_base: str = "ph-ma-qr") -> Markup:
    """Inline SVG of the QR code of `url`, labelled by its title and description."""
    matrix = make_code(url).matrix
    size = len(matrix) + 2 * QUIET_ZONE
    title_id, desc_id = f"{id_base}-tieu-de", f"{id_base}-mo-ta"
    root = etree.Element("svg", {
        "xmlns": SVG_NS, "id": id_base, "class": "ph-qr", "viewBox": f"0 0 {size} {size}",
        "width": str(size * 4), "height": str(size * 4), "role": "img",
        "aria-labelledby": f"{title_id} {desc_id}", "shape-rendering": "crispEdges",
    })
    etree.SubElement(root, "title", id=title_id).text = "Mã QR dẫn đến trang dự thảo"
    etree.SubElement(root, "desc", id=desc_id).text = f"Quét mã bằng camera điện thoại để mở địa chỉ {url}"
    etree.SubElement(root, "rect", {"width": str(size), "height": str(size), "fill": "#ffffff"})
    etree.SubElement(root, "path", {"d": dark_modules_path(matrix), "fill": "#000000"})
    return Markup(etree.tostring(root, encoding="unicode"))
