"""Small readers of built HTML, on the standard library's parser."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

URL_ATTRIBUTES = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"),
                  ("form", "action"), ("iframe", "src"), ("video", "src"), ("audio", "src")}


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text_parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))


def parse(path: Path) -> Elements:
    parser = Elements()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def links(path: Path) -> list[tuple[str, str, str]]:
    """(tag, attribute, url) of everything a page links to or loads."""
    return [(tag, attr, attrs[attr]) for tag, attrs in parse(path).tags for (t, attr) in URL_ATTRIBUTES
            if t == tag and attrs.get(attr) is not None]


def main_content(path: Path) -> str:
    """The page's main content as the engine placed it: the inside of its <article>."""
    html = path.read_text(encoding="utf-8")
    opening = '<article class="md-content__inner md-typeset">'
    start = html.find(opening)
    assert start >= 0, f"no main content in {path}"
    # cards inside are <article>s too: the main one closes last, before the page footer
    end = html.rfind("</article>", start, html.find('<footer class="md-footer'))
    return html[start + len(opening):end].strip() + "\n"


def ids_in_order(path: Path) -> list[str]:
    return [attrs["id"] for _, attrs in parse(path).tags if "id" in attrs]
