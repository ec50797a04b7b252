"""The second line of defence over HTML made from untrusted Markdown: nh3 (Ammonia).

`markup.markdown` already shows raw HTML as text and drops unsafe addresses. Every
fragment rendered from a draft body, a translation, the home page's introduction or a
content page then goes through Ammonia, which parses it as a browser would (html5ever)
and keeps only the elements, attributes, classes and URL schemes our Markdown dialect
produces. Should a future extension or a parser quirk let something else through, it
is removed here. For what the dialect produces, the output reads the same.
"""
from __future__ import annotations

import nh3

from generator.markup.url_safety import ALLOWED_SCHEMES, link_is_safe, picture_is_safe

# exactly what Python-Markdown with our extensions writes (tables, lists, footnotes,
# abbreviations, definition lists, glossary terms; an unsafe link or picture becomes a span)
TAGS = {"a", "abbr", "blockquote", "br", "code", "dd", "dfn", "div", "dl", "dt", "em",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "img", "li", "ol", "p", "pre", "span", "strong",
        "sup", "table", "tbody", "td", "th", "thead", "tr", "ul"}
ATTRIBUTES = {
    "*": {"id"},                       # heading ids (the table of contents), footnotes (fn:1, fnref:1)
    "div": {"tabindex", "role", "aria-label"},   # a table's scrolling region (markdown.TableRegionTreeprocessor)
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
}
CLASSES = {                            # the theme styles these; no other class can be set by a text
    "a": {"footnote-ref", "footnote-backref"},
    "div": {"footnote", "ph-table-wrap"},
    "dfn": {"ph-term"},
    "span": {"ph-term__note"},
}


_REGION = {"tabindex": "0", "role": "region", "aria-label": ""}


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """Our own rules on top of Ammonia's scheme list, on the value as the browser decodes it."""
    if tag == "img" and attribute == "src":
        return value if picture_is_safe(value) else None
    if attribute == "href":
        return value if link_is_safe(value) else None
    if tag == "div" and attribute in _REGION:   # only the values a table's region has
        return value if value == _REGION[attribute] or attribute == "aria-label" else None
    if attribute == "class":   # Ammonia would keep an empty class="" where no class is allowed
        kept = " ".join(name for name in value.split() if name in CLASSES.get(tag, ()))
        return kept or None
    return value


_CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, allowed_classes=CLASSES,
                       url_schemes=set(ALLOWED_SCHEMES), attribute_filter=_attribute_filter,
                       strip_comments=True, link_rel=None)


def sanitise(fragment: str) -> str:
    """The fragment with everything our dialect does not make removed."""
    return _CLEANER.clean(fragment)
