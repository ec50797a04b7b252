"""Python-Markdown's table-of-contents stage, for what the dialect takes of it: the ids of
the headings and the list of them (`toc_tokens`).

The stage also builds the table of contents as HTML (`md.toc`, which no page of ours shows)
and searches the whole page for a paragraph "[TOC]" to put that table in its place: a third
of the stage's time on a draft body. Here both happen only on a text that has such a
paragraph, which then comes out exactly as before; on any other `md.toc` is an empty div.

The stage serializes every heading and runs the postprocessors over it to find its words (a
draft body has a dozen headings). A heading of plain text, with no markup, no character that
HTML escapes and no placeholder of Python-Markdown's (STX … ETX), comes out of that as its
own text: it is taken as it is. Otherwise the stage's own steps run. `run` is the stage's
(markdown 3.11.3, pinned) with that one shortcut; tests/unit/markup/test_heading_ids.py
compares both on random texts and the example site's drafts.
"""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown.extensions.toc import (TocExtension, TocTreeprocessor, escape_cdata, nest_toc_tokens,
                                     remove_fnrefs, render_inner_html, run_postprocessors, strip_tags,
                                     unescape, unique)

# what changes a heading's text on its way through the serializer and the postprocessors
_NOT_PLAIN = re.compile("[&<>\x02\x03]")
# the postprocessors that leave a text without STX … ETX placeholders as it is
_PLAIN_POSTPROCESSORS = frozenset({"raw_html", "amp_substitute", "footnote"})


class HeadingIdsTreeprocessor(TocTreeprocessor):
    """`TocTreeprocessor` that builds its table only for a text with a marker paragraph."""

    marked = True   # whether the text being converted may have a marker paragraph

    def _inner_html(self, el: etree.Element, plain: bool) -> tuple[str, str]:
        """(inner HTML, words) of a heading, as the stage finds them."""
        text = el.text
        if plain and len(el) == 0 and (text is None or not _NOT_PLAIN.search(text)):
            words = (text or "").strip()
            return words, " ".join(words.split())
        inner = render_inner_html(remove_fnrefs(el), self.md)
        return inner, strip_tags(inner)

    def run(self, doc: etree.Element) -> None:
        marker = self.marker
        # every element `replace_marker` would replace is one of these (it also needs a parent
        # that is not a heading or code)
        self.marked = bool(marker) and any(el.text and len(el) == 0 and el.text.strip() == marker
                                           for el in doc.iter())
        plain = {item.name for item in self.md.postprocessors._priority} <= _PLAIN_POSTPROCESSORS
        used_ids = {el.attrib["id"] for el in doc.iter() if "id" in el.attrib}
        id_counters: dict[str, int] = {}
        toc_tokens = []
        for el in doc.iter():
            if isinstance(el.tag, str) and self.header_rgx.match(el.tag):
                self.set_level(el)
                innerhtml, name = self._inner_html(el, plain)
                if "id" not in el.attrib:   # pre-existing ids are kept
                    el.attrib["id"] = unique(self.slugify(html.unescape(name), self.sep), used_ids, id_counters)
                data_toc_label = ''
                if 'data-toc-label' in el.attrib:
                    data_toc_label = run_postprocessors(unescape(el.attrib['data-toc-label']), self.md)
                    name = escape_cdata(strip_tags(data_toc_label))
                    del el.attrib['data-toc-label']
                if self.toc_top <= int(el.tag[-1]) <= self.toc_bottom:
                    toc_tokens.append({'level': int(el.tag[-1]), 'id': unescape(el.attrib["id"]), 'name': name,
                                       'html': innerhtml, 'data-toc-label': data_toc_label})
                if self.use_anchors:
                    self.add_anchor(el, el.attrib["id"])
                if self.use_permalinks not in [False, None]:
                    self.add_permalink(el, el.attrib["id"])
        toc_tokens = nest_toc_tokens(toc_tokens)
        div = self.build_toc_div(toc_tokens)
        if self.marker:
            self.replace_marker(doc, div)
        toc = self.md.serializer(div)
        for pp in self.md.postprocessors:
            toc = pp.run(toc)
        self.md.toc_tokens = toc_tokens
        self.md.toc = toc

    def build_toc_div(self, toc_list: list) -> etree.Element:
        if not self.marked:
            return etree.Element("div")
        return super().build_toc_div(toc_list)

    def replace_marker(self, root: etree.Element, elem: etree.Element) -> None:
        if self.marked:
            super().replace_marker(root, elem)


class HeadingIdsExtension(TocExtension):
    """The `toc` extension with the treeprocessor above; the same settings."""

    TreeProcessorClass = HeadingIdsTreeprocessor
