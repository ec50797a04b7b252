"""The frame audit: before the fill stage copies a frame into every page of its kind, prove
that it is right.

The engine rendered two pages of each frame with markers in their slots. The frame is
right when the two are the same text (so nothing of one page stands outside the slots:
`page.url` printed by a theme would differ), no marker was changed on its way through a
template (a filter such as `|upper` or `|truncate` leaves marker text or a private-use
character behind) and every slot stands where it belongs:

- title: once in the <title> of <head>;
- description: once as the content of <meta name="description"> in <head>;
- canonical: once as the href of <link rel="canonical"> in <head>;
  each of these three may also appear as text or in a quoted attribute that holds text
  (content, title, alt, aria-label …; for the canonical address also href), never in a
  script, a style, an event handler or an unquoted attribute;
- head: once, directly inside <head>;
- content and footer: once each inside <body>, where block elements may stand.

Each problem is an error naming the frame's template; the build stops before anything is
published.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.diagnostics import Report
from generator.engines.base import SLOTS, TOKEN, EngineError, Frame
from generator.messages import Term

WHAT = {"title": Term("slot.title"), "description": Term("slot.description"), "canonical": Term("slot.canonical"),
        "head": Term("slot.head"), "content": Term("slot.content"), "footer": Term("slot.footer")}
HOME = {"title": Term("frame.home.title"), "description": Term("frame.home.description"),
        "canonical": Term("frame.home.canonical"), "head": Term("frame.home.head"),
        "content": Term("frame.home.block"), "footer": Term("frame.home.block")}
WHERE = {"title": Term("frame.where.text", home=HOME["title"]),
         "description": Term("frame.where.text", home=HOME["description"]),
         "canonical": Term("frame.where.address", home=HOME["canonical"]),
         "head": Term("frame.where.once", home=HOME["head"]),
         "content": Term("frame.where.once", home=HOME["content"]),
         "footer": Term("frame.where.once", home=HOME["footer"])}
TEXT_ATTRIBUTES = {"content", "title", "alt", "aria-label", "aria-description", "aria-roledescription",
                   "placeholder", "value", "label"}
URL_ATTRIBUTES = {"href", "content", "value"}
NOT_TEXT = {"script", "style", "template", "iframe", "noembed", "noframes", "xmp", "plaintext"}
NOT_BLOCK = NOT_TEXT | {"head", "title", "textarea", "noscript", "select", "option", "p", "a", "span", "em",
                        "strong", "b", "i", "small", "label", "button", "pre", "code",
                        "h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
        "param", "keygen"}
_MARKER = re.compile("|".join(map(re.escape, TOKEN.values())))
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+)""")
# what a filter leaves of a marker: its private-use characters, or its text in any case
_LEFT_OVER = re.compile(r"[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]|policyhub-[a-z]*",
                        re.IGNORECASE)
_NAME = re.compile(r"policyhub-([a-z]*)", re.IGNORECASE)


class FrameError(EngineError):
    """Frames the fill stage must not copy: `report` holds one error per problem."""

    def __init__(self, report: Report):
        super().__init__("; ".join(d.message() for d in report.errors))
        self.report = report


@dataclass(frozen=True)
class Place:
    """Where a marker stands in the page."""

    slot: str
    where: str                       # "text", "attribute" or "elsewhere" (a tag, a comment)
    elements: tuple[str, ...]        # the open elements around it, outermost first
    tag: str = ""                    # for "attribute": the element, its attribute and all its attributes
    attribute: str = ""
    quoted: bool = True
    attributes: dict = field(default_factory=dict, compare=False)


class _Places(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.places: list[Place] = []

    def handle_starttag(self, tag, attrs):
        self._tag(tag, attrs)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._tag(tag, attrs)

    def _tag(self, tag, attrs):
        raw = self.get_starttag_text() or ""
        values = {name: value or "" for name, value in attrs}
        in_values = 0
        for match in _ATTRIBUTE.finditer(raw):
            name, value = match.group(1).lower(), match.group(2)
            for marker in _MARKER.findall(value):
                in_values += 1
                self.places.append(Place(_slot(marker), "attribute", tuple(self.open), tag, name,
                                         value[0] in "\"'", values))
        for marker in _MARKER.findall(raw)[in_values:]:
            self.places.append(Place(_slot(marker), "elsewhere", tuple(self.open)))

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data):
        for marker in _MARKER.findall(data):
            self.places.append(Place(_slot(marker), "text", tuple(self.open)))

    def _elsewhere(self, data):
        for marker in _MARKER.findall(data):
            self.places.append(Place(_slot(marker), "elsewhere", tuple(self.open)))

    handle_comment = handle_decl = handle_pi = unknown_decl = _elsewhere


def _slot(marker: str) -> str:
    return next(name for name, token in TOKEN.items() if token == marker)


def places(html: str) -> list[Place]:
    parser = _Places()
    parser.feed(html)
    parser.close()
    return parser.places


def _home(slot: str, place: Place) -> bool:
    """The one place the slot must have."""
    head = "head" in place.elements
    if slot == "title":
        return place.where == "text" and place.elements[-1:] == ("title",) and head
    if slot == "description":
        return (place.where == "attribute" and place.quoted and head and place.tag == "meta"
                and place.attribute == "content" and place.attributes.get("name", "").lower() == "description")
    if slot == "canonical":
        return (place.where == "attribute" and place.quoted and head and place.tag == "link"
                and place.attribute == "href" and "canonical" in place.attributes.get("rel", "").lower().split())
    if slot == "head":
        return place.where == "text" and place.elements[-1:] == ("head",)
    return place.where == "text" and "body" in place.elements and not NOT_BLOCK & set(place.elements)


def _also_allowed(slot: str, place: Place) -> bool:
    """Other places a text slot may appear: text, or a quoted attribute that holds text."""
    if slot not in ("title", "description", "canonical"):
        return False
    if place.where == "text":
        return not NOT_TEXT & set(place.elements)
    attributes = URL_ATTRIBUTES if slot == "canonical" else TEXT_ATTRIBUTES
    return place.where == "attribute" and place.quoted and place.attribute in attributes


def _misplaced(place: Place) -> Term:
    """Where a marker stands, in words."""
    if place.where == "attribute":
        key = "frame.in-attribute" if place.quoted else "frame.in-attribute-unquoted"
        return Term(key, attribute=place.attribute, tag=place.tag)
    if place.where == "elsewhere":
        return Term("frame.in-tag")
    return Term("frame.inside", element=place.elements[-1]) if place.elements else Term("frame.outside-html")


def audit(report: Report, path: str, template, sources, first: tuple[str, str], last: tuple[str, str]) -> Frame:
    """Check the frame of `template` (its name, or a Term that names it) from its two pages
    rendered with markers, (URL, HTML) each; every problem becomes an error of `report` at
    `path`. Returns the frame."""
    frame = Frame.from_html(first[1])
    altered = _altered(report, path, template, sources, frame)
    found = places(first[1])
    for slot in SLOTS:
        if slot in altered:
            continue
        mine = [place for place in found if place.slot == slot]
        homes = [place for place in mine if _home(slot, place)]
        said = {"template": template, "what": WHAT[slot], "source": sources[slot], "where": WHERE[slot]}
        if not mine:
            report.error(path, (1, 1), "frame-slot-missing", **said)
            continue
        wrong = [place for place in mine if not _home(slot, place) and not _also_allowed(slot, place)]
        if wrong:
            report.error(path, (1, 1), "frame-slot-misplaced", place=_misplaced(wrong[0]), **said)
        elif not homes:
            report.error(path, (1, 1), "frame-slot-misplaced.never", home=HOME[slot], **said)
        elif len(homes) > 1 or (slot in ("head", "content", "footer") and len(mine) > 1):
            report.error(path, (1, 1), "frame-slot-repeated", count=len(homes if len(homes) > 1 else mine), **said)
    if first[1] != last[1]:
        at, mine, theirs = _difference(first[1], last[1])
        report.error(path, (1, 1), "frame-page-specific", template=template,
                     first=first[0] or Term("frame.home-page"), last=last[0] or Term("frame.home-page"),
                     line=at, mine=mine, theirs=theirs, sources=", ".join(sources[s] for s in SLOTS))
    return frame


def _altered(report: Report, path: str, template, sources, frame: Frame) -> set[str]:
    """Report markers that a filter changed; returns their slots ("" for one not recognised)."""
    seen: set[str] = set()
    for text in frame.literal:
        for slot in _remains(text):
            if slot in seen:
                continue
            seen.add(slot)
            if slot:
                report.error(path, (1, 1), "frame-marker-altered", template=template, what=WHAT[slot],
                             source=sources[slot])
            else:
                report.error(path, (1, 1), "frame-marker-altered.unnamed", template=template,
                             sources=", ".join(sources[name] for name in SLOTS))
    return seen


def _remains(text: str) -> list[str]:
    """The remains of markers in literal text, each as the slot it still names ("" when too
    little is left); remains a few characters apart are one marker."""
    runs: list[list[int]] = []
    for match in _LEFT_OVER.finditer(text):
        if runs and match.start() - runs[-1][1] <= 24:
            runs[-1][1] = match.end()
        else:
            runs.append([match.start(), match.end()])
    slots = []
    for start, end in runs:
        first = text[start]
        if "\ue000" <= first < chr(0xE000 + len(SLOTS)):
            slots.append(SLOTS[ord(first) - 0xE000])
            continue
        name = _NAME.search(text, start, end)
        letters = name.group(1).lower() if name else ""
        candidates = [slot for slot in SLOTS if letters and slot.startswith(letters)]
        slots.append(candidates[0] if len(candidates) == 1 else "")
    return slots


def _difference(a: str, b: str) -> tuple[int, str, str]:
    """The line where two texts first differ, and a few words of each from there (markers
    shown as {title}, {content} …)."""
    a, b = _readable(a), _readable(b)
    start = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    begin = max(a.rfind("\n", 0, start) + 1, start - 30)
    return a.count("\n", 0, start) + 1, " ".join(a[begin:start + 40].split()), " ".join(b[begin:start + 40].split())


def _readable(text: str) -> str:
    for slot, token in TOKEN.items():
        text = text.replace(token, "{" + slot + "}")
    return text
