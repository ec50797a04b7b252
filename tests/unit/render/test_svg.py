"""The SVG written straight from a drawing is the SVG that ElementTree serializes from its
element tree (built here, as the module built it before it wrote markup itself): the same
bytes, with every text and attribute escaped."""
from __future__ import annotations

import xml.etree.ElementTree as etree

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.render.drawing.palette import ROLE
from generator.render.drawing.shapes import Circle, Drawing, Group, Line, Rect, Text
from generator.render.drawing import svg
from generator.render.drawing.svg import svg_markup
from tests.budget import examples

# words as front matter gives them: Vietnamese, markup characters, quotes, line breaks, tabs
words = st.text(st.sampled_from(list("aăâđêôơư ÁẠỆ&<>\"'\r\n\t;#x0")), max_size=12)
numbers = st.floats(min_value=-2000, max_value=2000, allow_nan=False)
colours = st.sampled_from(sorted(ROLE) + ["none", "", "#123456", "url(#a&b)"])
classes = st.sampled_from(["", "ph-moc", "a b", "x\"y"])

rects = st.builds(Rect, numbers, numbers, numbers, numbers, colours, colours, numbers,
                  st.sampled_from([0, 0.5, 4]), st.booleans())
lines = st.builds(Line, numbers, numbers, numbers, numbers, colours, numbers,
                  st.sampled_from([None, (4, 2)]), classes)
circles = st.builds(Circle, numbers, numbers, numbers, colours, colours, numbers)
texts = st.builds(Text, numbers, numbers, words, numbers, colours, st.booleans(),
                  st.sampled_from(["start", "middle", "end"]), st.booleans(), classes)
leaves = st.one_of(rects, lines, circles, texts)
shapes = st.recursive(leaves, lambda inner: st.builds(
    Group, numbers, st.lists(inner, max_size=4).map(tuple), classes,
    st.lists(st.tuples(st.sampled_from(["moc", "ngay"]), words), max_size=2).map(tuple)), max_leaves=12)
drawings = st.builds(Drawing, numbers, numbers, st.lists(shapes, max_size=6).map(tuple), colours,
                     st.lists(shapes, max_size=2).map(tuple))


def _element(shape) -> etree.Element:
    if isinstance(shape, Group):
        group = etree.Element("g", svg._group_attrs(shape))
        group.extend(_element(child) for child in shape.shapes)
        return group
    tag, attrs, text = svg._parts(shape)
    element = etree.Element(tag, attrs)
    if text is not None:
        element.text = text
    return element


def svg_tree(drawing: Drawing, id_base: str, title: str, desc: str, css_class: str = "") -> etree.Element:
    root = etree.Element("svg", svg._root_attrs(drawing, id_base, css_class))
    etree.SubElement(root, "title", id=f"{id_base}-tieu-de").text = title
    etree.SubElement(root, "desc", id=f"{id_base}-mo-ta").text = desc
    if drawing.defs:
        etree.SubElement(root, "defs").extend(_element(shape) for shape in drawing.defs)
    if drawing.background:
        root.append(_element(svg._background(drawing)))
    for shape in drawing.shapes:
        root.append(_element(shape))
    return root


@settings(max_examples=examples(300), deadline=None)
@given(drawings, st.sampled_from(["ph-tien-trinh", "bd-1"]), words, words, classes)
def test_written_svg_is_the_serialized_tree(drawing, id_base, title, desc, css_class):
    expected = etree.tostring(svg_tree(drawing, id_base, title, desc, css_class), encoding="unicode")
    assert str(svg_markup(drawing, id_base, title, desc, css_class)) == expected


def test_markup_in_a_title_stays_text():
    written = str(svg_markup(Drawing(10, 10, (Text(1, 2, "<script>&", 12),)), "x", "a</title><b>", 'say "hi"'))
    assert "<script>" not in written and "<b>" not in written
    assert "&lt;script&gt;&amp;" in written and "a&lt;/title&gt;&lt;b&gt;" in written
