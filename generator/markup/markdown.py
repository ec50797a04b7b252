"""Markdown from drafts and content pages, made safe.

Draft bodies and content pages are untrusted text: raw HTML is shown as text (never
executed), links may only be relative, http(s), mailto or tel, and pictures only files of
the site, judged as a browser reads the address (`url_safety`). A link or picture that
breaks these rules becomes plain text; `unsafe_addresses` lists them for `check`. The
HTML then goes through the sanitiser (`sanitise`). Headings get stable ids from their
Vietnamese text. The same extension serves the engine for content pages, so every page
follows the same rules.
"""
from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.model.names import slugify
from generator.markup import quick_inline
from generator.markup.heading_ids import HeadingIdsExtension
from generator.markup.sanitise import sanitise
from generator.markup.url_safety import (ALLOWED_SCHEMES, as_browser_reads, has_placeholder, link_is_safe,  # noqa: F401
                                  picture_is_safe, url_is_safe)

_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "cite", "data")


@dataclass(frozen=True)
class UnsafeAddress:
    """A link or picture a text may not have, as written and as a browser would read it."""

    kind: str                      # "link" or "picture"
    written: str
    read_as: str


class SafeTreeprocessor(Treeprocessor):
    """Drop event handlers, inline styles and unsafe URLs; shift heading levels."""

    def __init__(self, md, shift_headings: int):
        super().__init__(md)
        self.shift_headings = shift_headings
        self.found: list[UnsafeAddress] = []   # of the last text; Markdown skips us for an empty one

    def run(self, root: etree.Element) -> None:
        self.found: list[UnsafeAddress] = []
        for element in list(root.iter()):
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered in ("style", "srcdoc"):
                    del element.attrib[name]
                elif lowered in _URL_ATTRIBUTES:
                    value = element.attrib[name]
                    seen = as_browser_reads(value)
                    # pictures must come from the site itself: nothing is loaded from other hosts
                    picture = element.tag == "img"
                    # a placeholder left in an address would be replaced after this check
                    if has_placeholder(seen) or not (picture_is_safe(seen) if picture else link_is_safe(seen)):
                        self.found.append(UnsafeAddress("picture" if picture else "link", value, seen))
                        _neutralise(element)
                        break
            if self.shift_headings and len(element.tag) == 2 and element.tag[0] == "h" and element.tag[1].isdigit():
                element.tag = f"h{min(int(element.tag[1]) + self.shift_headings, 6)}"


def _neutralise(element: etree.Element) -> None:
    """A link or picture we may not keep becomes plain text: a link its words, a picture
    what it showed (its alt text)."""
    if element.tag == "img":
        element.text = element.attrib.get("alt", "")
    element.tag = "span"
    element.attrib.clear()


class TableRegionTreeprocessor(Treeprocessor):
    """Put every table in a region of its own that scrolls sideways on a phone: focusable
    (`tabindex="0"`), so that a keyboard can scroll it, and named after its columns, so that a
    screen reader says what it is (WCAG 2.1.1; axe's scrollable-region-focusable)."""

    def run(self, root: etree.Element) -> None:
        number = 0
        for parent in list(root.iter()):
            for index, child in enumerate(list(parent)):
                if child.tag != "table" or parent.get("class") == "ph-table-wrap":
                    continue
                number += 1
                wrap = etree.Element("div", {"class": "ph-table-wrap", "tabindex": "0", "role": "region",
                                             "aria-label": table_name(child, number)})
                wrap.tail, child.tail = child.tail, None
                parent.remove(child)
                wrap.append(child)
                parent.insert(index, wrap)


def table_name(table: etree.Element, number: int, limit: int = 100) -> str:
    """ "Bảng 1: Cấp học, Khu vực 1 (phường), …": the table's number and its column headings."""
    row = next(table.iter("tr"), None)
    heads = [" ".join("".join(cell.itertext()).split()) for cell in row] if row is not None else []
    words = ", ".join(h for h in heads if h)
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0].rstrip(",") + " …"
    return f"Bảng {number}: {words}" if words else f"Bảng {number}"


class SafeExtension(Extension):
    """Python-Markdown extension: raw HTML becomes text, unsafe links lose their target."""

    def __init__(self, **kwargs):
        self.config = {"shift_headings": [0, "add this many levels to every heading (## -> h3 with 1)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        quick_inline.install(md)   # the same inline stage, faster on plain sentences
        # last of all: after the inline patterns (20) have made the links, after Python-Markdown
        # has put backslash-escaped characters back into them (0) and after MkDocs has rewritten
        # links between pages (0), so the addresses judged are those written out
        md.treeprocessors.register(SafeTreeprocessor(md, self.getConfig("shift_headings")), "policyhub_safe", -1)
        md.treeprocessors.register(TableRegionTreeprocessor(md), "policyhub_table_region", 5)


class GlossaryTreeprocessor(Treeprocessor):
    """Explain each glossary term where a draft first uses it: `<dfn>term</dfn>` followed by
    the explanation in brackets, as plain text of the page. A `title` tooltip would not show
    on phones or to keyboard users; brackets work everywhere, without JavaScript, and are read
    out by screen readers in their place."""

    SKIP = {"a", "code", "pre", "dfn", "abbr", "th", "sup", "script", "style",
            "h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, md, glossary):
        super().__init__(md)
        self.glossary = tuple(glossary)   # GlossaryTerm-like: .term, .explanation; longest first
        flags = [0 if t.term.upper() == t.term else re.IGNORECASE for t in self.glossary]
        words = [r"\s+".join(re.escape(p) for p in t.term.split()) for t in self.glossary]
        self.patterns = [re.compile(r"(?<!\w)" + w + r"(?!\w)", f) for w, f in zip(words, flags)]
        self.anywhere = [re.compile(w, f) for w, f in zip(words, flags)]   # the same, but at any edge

    def run(self, root: etree.Element) -> None:
        self.unused = self.terms_in(root)
        self._walk(root)

    def terms_in(self, root: etree.Element) -> set[int]:
        """The terms that may be found in this text: a term is found within one piece of
        text, so it is in all of them put together (where a piece's edges no longer bound
        its words). Most texts use none of them, and are then not searched piece by piece."""
        pieces = "\0".join(t for element in root.iter() for t in (element.text, element.tail) if t)
        return {number for number, pattern in enumerate(self.anywhere) if pattern.search(pieces)}

    def _walk(self, parent: etree.Element) -> None:
        if parent.tag in self.SKIP or not self.unused:
            return
        parent.text = self._explain(parent.text, parent, 0)
        for child in list(parent):
            self._walk(child)
            child.tail = self._explain(child.tail, parent, list(parent).index(child) + 1)

    def _explain(self, text, parent: etree.Element, index: int):
        """Split `text` at the first use of each unused term; return what stays in place."""
        if not text or not self.unused:
            return text
        found = None
        for number in sorted(self.unused):
            match = self.patterns[number].search(text)
            if match and (found is None or match.start() < found[1].start()):
                found = (number, match)
        if found is None:
            return text
        number, match = found
        self.unused.discard(number)
        after = text[match.end():]
        if after.lstrip().startswith("("):   # the editor already explains it in brackets
            return text[:match.end()] + (self._explain(after, parent, index) or "")
        term = etree.Element("dfn", {"class": "ph-term"})
        term.text = match.group(0)
        note = etree.Element("span", {"class": "ph-term__note"})
        note.text = f" ({self.glossary[number].explanation})"
        parent.insert(index, term)
        parent.insert(index + 1, note)
        note.tail = self._explain(after, parent, index + 2)
        return text[:match.start()]


class GlossaryExtension(Extension):
    def __init__(self, glossary=(), **kwargs):
        self.glossary = tuple(glossary)
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        # after the inline patterns (20) have made the text, before the safety pass (-1)
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.glossary), "policyhub_glossary", 15)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return SafeExtension(**kwargs)


def heading_id(text: str, separator: str = "-") -> str:
    return _heading_id(text)


@functools.lru_cache(maxsize=8192)
def _heading_id(text: str) -> str:
    """Drafts share many headings ("Vì sao cần chính sách này"): each text is made an id once."""
    return slugify(text) or "muc"


def extensions(shift_headings: int = 0, id_prefix: str = "", glossary=()) -> list:
    """The Markdown dialect of every page: the same for the core and the engine.

    `id_prefix` keeps heading ids of a draft's body apart from the ids of the page around it
    (a body heading "Kết quả" must not collide with the page's own #ket-qua section)."""
    def slug(text: str, separator: str = "-") -> str:
        return id_prefix + heading_id(text, separator)

    return ["tables", "sane_lists", "footnotes", "abbr", "def_list",
            HeadingIdsExtension(slugify=slug, toc_depth="2-4"),
            SafeExtension(shift_headings=shift_headings)] + ([GlossaryExtension(glossary)] if glossary else [])


@dataclass(frozen=True)
class RenderedBody:
    html: str                                      # sanitised
    headings: tuple[tuple[int, str, str], ...]    # (level as written, id, text)
    unsafe: tuple[UnsafeAddress, ...] = ()        # links and pictures made plain text


class MarkdownRenderer:
    """One reusable Markdown instance (building it is slower than converting a page)."""

    def __init__(self, shift_headings: int = 1, id_prefix: str = "", glossary=()):
        """`glossary`: terms explained on first use (draft bodies only)."""
        self._md = markdown.Markdown(extensions=extensions(shift_headings, id_prefix, glossary),
                                     output_format="html")

    def render(self, text: str) -> RenderedBody:
        self._md.reset()
        safety = self._md.treeprocessors["policyhub_safe"]
        safety.found = []
        html = sanitise(self._md.convert(text))
        headings = tuple(_flatten(getattr(self._md, "toc_tokens", [])))
        return RenderedBody(html, headings, tuple(safety.found))


_CHECKER: list[MarkdownRenderer] = []


# Where an address of our dialect starts: after "](" (inline), "]:" (a reference) or "<"
# (automatic), then maybe spaces, line breaks and "<". Markdown keeps it as written from there,
# spaces and line breaks inside included, until ")", ">" or the end of the line.
_ADDRESS_START = re.compile(r"(?:\]\(|\]:|<)\s*<?\s*([A-Za-z][A-Za-z0-9+.\-\s]*:|//)")
_REFERENCE = re.compile(r"&(?:#|[A-Za-z0-9]+;)")


def might_hold_unsafe_address(text: str) -> bool:
    """False only when no link or picture of `text` can break the rules (then it need not be
    rendered to know). Without character references and backslashes an
    address is exactly as written: it can lead to another scheme only with that scheme's
    name right where an address starts, and to another host only with one of those or //.
    (Control characters are errors of their own: a text with one is never built.)"""
    if "](" not in text and "]:" not in text and "<" not in text:
        return False   # no syntax that makes an address at all
    if "\\" in text or ("&" in text and _REFERENCE.search(text)):
        return True
    pictures = "![" in text   # then any scheme or // may be a picture's
    for match in _ADDRESS_START.finditer(text):
        start = match.group(1)
        if pictures or (start != "//" and "".join(start[:-1].split()).lower() not in ALLOWED_SCHEMES):
            return True
    return False


def unsafe_addresses(text: str) -> tuple[UnsafeAddress, ...]:
    """The links and pictures of a Markdown text that the site will not keep. Most texts
    are cleared by `might_hold_unsafe_address` without being rendered."""
    if not might_hold_unsafe_address(text):
        return ()
    if not _CHECKER:
        _CHECKER.append(MarkdownRenderer(shift_headings=0))
    return _CHECKER[0].render(text).unsafe


def _flatten(tokens):
    for token in tokens:
        yield token["level"], token["id"], token["name"]
        yield from _flatten(token.get("children", []))
