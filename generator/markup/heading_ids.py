"""Python-Markdown's table-of-contents stage, for what the dialect takes of it: the ids of
the headings and the list of them (`toc_tokens`).

The stage also builds the table of contents as HTML (`md.toc`, which no page of ours shows)
and searches the whole page for a paragraph "[TOC]" to put that table in its place: a third
of the stage's time on a draft body. Here both happen only on a text that has such a
paragraph, which then comes out exactly as before; on any other `md.toc` is an empty div.
"""
from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions.toc import TocExtension, TocTreeprocessor


class HeadingIdsTreeprocessor(TocTreeprocessor):
    """`TocTreeprocessor` that builds its table only for a text with a marker paragraph."""

    marked = True   # whether the text being converted may have a marker paragraph

    def run(self, doc: etree.Element) -> None:
        marker = self.marker
        # every element `replace_marker` would replace is one of these (it also needs a parent
        # that is not a heading or code)
        self.marked = bool(marker) and any(el.text and len(el) == 0 and el.text.strip() == marker
                                           for el in doc.iter())
        super().run(doc)

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
