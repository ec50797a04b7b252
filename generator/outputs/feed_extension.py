"""The site's own elements in its Atom and RSS feeds, and the stylesheet instruction.

Atom and RSS have no place for a consultation's state or deadline, and a feed reader shows
them from the entry's content. Programs, and the stylesheet that shows a feed as a page in
a browser (`feed_style`), read them from three elements of each entry in the namespace
`<base_url>feeds/` (the "Nhận tin" page, which explains them):

    <ph:status key="open">Đang lấy ý kiến</ph:status>
    <ph:opens>2026-11-20T00:00:00+07:00</ph:opens>
    <ph:deadline>2026-12-20T23:59:59+07:00</ph:deadline>

the same values as `status`, `status_label`, `opens` and `deadline` of the JSON Feed's
`_policyhub` object and of the open data. RFC 4287 allows such foreign elements in an entry
(jing checks them against its schema); RSS 2.0 allows elements in any namespace.
"""
from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

from generator.model.vocab import FEED_STYLE_PATH, FEEDS_PAGE
from generator.plan import urls

PREFIX = "ph"
EXTENSION = "policyhub"    # the attribute feedgen gives each entry: `entry.policyhub.state(...)`


def namespace(base_url: str) -> str:
    """The namespace of the site's elements: the address of the page that explains them."""
    return urls.absolute(FEEDS_PAGE, base_url)


def extension_classes(uri: str) -> tuple[type, type]:
    """feedgen's feed and entry extension classes for the namespace `uri` (feedgen makes
    the instances itself, without arguments, so the namespace is bound here)."""

    class FeedExtension(BaseExtension):
        def extend_ns(self):
            return {PREFIX: uri}

    class EntryExtension(BaseEntryExtension):
        def __init__(self):
            self.values: tuple[str, str, str, str] | None = None

        def extend_ns(self):
            return {PREFIX: uri}

        def state(self, key: str, label: str, opens: str, deadline: str) -> None:
            self.values = (key, label, opens, deadline)

        def _extend(self, element):
            if self.values is not None:
                key, label, opens, deadline = self.values
                status = etree.SubElement(element, f"{{{uri}}}status", key=key)
                status.text = label
                etree.SubElement(element, f"{{{uri}}}opens").text = opens
                etree.SubElement(element, f"{{{uri}}}deadline").text = deadline
            return element

        def extend_atom(self, entry):
            return self._extend(entry)

        def extend_rss(self, item):
            return self._extend(item)

    return FeedExtension, EntryExtension


def stylesheet_instruction(feed_path: str) -> bytes:
    """`<?xml-stylesheet?>` naming the site's stylesheet relative to the feed: relative, so
    that it works at a domain root, under a sub-path and on any host the site is served
    from (browsers apply a stylesheet only from the feed's own origin)."""
    href = urls.relative(FEED_STYLE_PATH, feed_path)
    return f'<?xml-stylesheet type="text/xsl" href="{href}"?>\n'.encode("ascii")


def with_stylesheet(xml: bytes, feed_path: str) -> bytes:
    """The feed's bytes with the stylesheet instruction right after the XML declaration."""
    declaration, newline, rest = xml.partition(b"\n")
    if not declaration.startswith(b"<?xml ") or not newline:
        raise ValueError("a feed must start with its XML declaration on a line of its own")
    return declaration + newline + stylesheet_instruction(feed_path) + rest
