"""A drawing as accessible SVG, built as an element tree: text from front matter is escaped by
the serializer, never pasted into markup."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markupsafe import Markup

from generator.render.drawing.palette import FONT_STACK
from generator.render.drawing.shapes import Circle, Drawing, Group, Line, Rect, Text

SVG_NS = "http://www.w3.org/2000/svg"
def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _element(shape) -> etree.Element:
    if isinstance(shape, Group):
        attrs = {"class": shape.css_class} if shape.css_class else {}
        attrs.update((f"data-{name}", value) for name, value in shape.data)
        if shape.y:
            attrs["transform"] = f"translate(0 {_n(shape.y)})"
        group = etree.Element("g", attrs)
        group.extend(_element(child) for child in shape.shapes)
        return group
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
        if shape.css_class:
            attrs["class"] = shape.css_class
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
        if shape.css_class:
            attrs["class"] = shape.css_class
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
    if drawing.defs:
        etree.SubElement(root, "defs").extend(_element(shape) for shape in drawing.defs)
    if drawing.background:
        root.append(_element(Rect(0, 0, drawing.width, drawing.height, fill=drawing.background)))
    for shape in drawing.shapes:
        root.append(_element(shape))
    return root


def svg_markup(drawing: Drawing, id_base: str, title: str, desc: str, css_class: str = "") -> Markup:
    """The SVG as markup for a page; safe because the serializer escaped every text."""
    return Markup(etree.tostring(svg_tree(drawing, id_base, title, desc, css_class), encoding="unicode"))
