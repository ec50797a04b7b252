"""A drawing as accessible SVG. Text from front matter is always escaped, never pasted into
markup: `svg_markup` writes the markup straight from the drawing, escaping every text and
attribute exactly as ElementTree's serializer does (the same bytes as serializing an element
tree of the drawing, which tests/unit/render/test_svg.py checks on random drawings); building
the element tree first took half of a timeline's time."""
from __future__ import annotations

from markupsafe import Markup

from generator.render.drawing.palette import FONT_STACK, ROLE
from generator.render.drawing.shapes import Circle, Drawing, Group, Line, Rect, Text

SVG_NS = "http://www.w3.org/2000/svg"
def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _roles(shape, fill: str, stroke: str = "") -> dict[str, str]:
    """The class that names the roles of a mark's colours, for the stylesheet's schemes."""
    names = []
    if fill in ROLE and getattr(shape, "themed", True):
        names.append("ph-f-" + ROLE[fill])
    if stroke in ROLE:
        names.append("ph-s-" + ROLE[stroke])
    return {"class": " ".join(names)} if names else {}


def _parts(shape) -> tuple[str, dict[str, str], str | None]:
    """(tag, attributes in their order, text) of a shape other than a group."""
    tag, attrs, text = _plain_parts(shape)
    roles = _roles(shape, getattr(shape, "fill", ""), getattr(shape, "stroke", ""))
    if roles:   # after the class the page's script looks for (css_class), if any
        attrs["class"] = " ".join(filter(None, (attrs.get("class", ""), roles["class"])))
    return tag, attrs, text


def _group_attrs(shape: Group) -> dict[str, str]:
    attrs = {"class": shape.css_class} if shape.css_class else {}
    attrs.update((f"data-{name}", value) for name, value in shape.data)
    if shape.y:
        attrs["transform"] = f"translate(0 {_n(shape.y)})"
    return attrs


def _plain_parts(shape) -> tuple[str, dict[str, str], str | None]:
    if isinstance(shape, Rect):
        attrs = {"x": _n(shape.x), "y": _n(shape.y), "width": _n(shape.width), "height": _n(shape.height),
                 "fill": shape.fill}
        if shape.radius:
            attrs["rx"] = _n(shape.radius)
        if shape.stroke:
            attrs.update(stroke=shape.stroke, **{"stroke-width": _n(shape.stroke_width)})
        return "rect", attrs, None
    if isinstance(shape, Line):
        attrs = {"x1": _n(shape.x1), "y1": _n(shape.y1), "x2": _n(shape.x2), "y2": _n(shape.y2),
                 "stroke": shape.stroke, "stroke-width": _n(shape.width)}
        if shape.dash:
            attrs["stroke-dasharray"] = f"{shape.dash[0]} {shape.dash[1]}"
        if shape.css_class:
            attrs["class"] = shape.css_class
        return "line", attrs, None
    if isinstance(shape, Circle):
        attrs = {"cx": _n(shape.cx), "cy": _n(shape.cy), "r": _n(shape.r), "fill": shape.fill}
        if shape.stroke:
            attrs.update(stroke=shape.stroke, **{"stroke-width": _n(shape.stroke_width)})
        return "circle", attrs, None
    if isinstance(shape, Text):
        attrs = {"x": _n(shape.x), "y": _n(shape.y), "font-size": _n(shape.size), "fill": shape.fill}
        if shape.bold:
            attrs["font-weight"] = "700"
        if shape.anchor != "start":
            attrs["text-anchor"] = shape.anchor
        if shape.css_class:
            attrs["class"] = shape.css_class
        return "text", attrs, shape.text
    raise TypeError(f"not a drawing primitive: {shape!r}")


def _root_attrs(drawing: Drawing, id_base: str, css_class: str) -> dict[str, str]:
    return {"xmlns": SVG_NS, "id": id_base, "class": ("ph-svg " + css_class).strip(),
            "viewBox": f"0 0 {_n(drawing.width)} {_n(drawing.height)}",
            "width": _n(drawing.width), "height": _n(drawing.height),
            "role": "img", "aria-labelledby": f"{id_base}-tieu-de {id_base}-mo-ta",
            "font-family": FONT_STACK}


def _background(drawing: Drawing) -> Rect:
    return Rect(0, 0, drawing.width, drawing.height, fill=drawing.background)


def svg_markup(drawing: Drawing, id_base: str, title: str, desc: str, css_class: str = "") -> Markup:
    """An accessible SVG as markup for a page: role="img", labelled by its <title> and <desc>
    (ids from `id_base`); safe because every text and attribute is escaped."""
    out: list[str] = []
    _open(out, "svg", _root_attrs(drawing, id_base, css_class))
    out.append(">")
    _leaf(out, "title", {"id": f"{id_base}-tieu-de"}, title)
    _leaf(out, "desc", {"id": f"{id_base}-mo-ta"}, desc)
    if drawing.defs:
        out.append("<defs>")
        _write_all(out, drawing.defs)
        out.append("</defs>")
    if drawing.background:
        _write_all(out, (_background(drawing),))
    _write_all(out, drawing.shapes)
    out.append("</svg>")
    return Markup("".join(out))


def _write_all(out: list[str], shapes) -> None:
    for shape in shapes:
        if isinstance(shape, Group):
            _open(out, "g", _group_attrs(shape))
            if shape.shapes:
                out.append(">")
                _write_all(out, shape.shapes)
                out.append("</g>")
            else:
                out.append(" />")
        else:
            _leaf(out, *_parts(shape))


def _open(out: list[str], tag: str, attrs: dict[str, str]) -> None:
    out.append("<" + tag)
    for name, value in attrs.items():
        out.append(f' {name}="{_attribute(value)}"')


def _leaf(out: list[str], tag: str, attrs: dict[str, str], text: str | None) -> None:
    """An element without children: ElementTree writes `<x … />` unless it has text."""
    _open(out, tag, attrs)
    if text:
        out.append(f">{_character_data(text)}</{tag}>")
    else:
        out.append(" />")


def _character_data(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


_ATTRIBUTE_ESCAPES = (("\"", "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;"))


def _attribute(value: str) -> str:
    value = _character_data(value)
    for char, escaped in _ATTRIBUTE_ESCAPES:
        if char in value:
            value = value.replace(char, escaped)
    return value
