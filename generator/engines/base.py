"""The seam between the core and a page engine: what any engine adapter is handed and gives back.

The core renders what every page says; an engine builds the site's frame around it (header,
navigation, footer, its assets). Pages in the navigation, content pages and the 404 page
are built whole by the engine. Every other page shares a *frame* with the pages of its
kind at its folder depth in its section: the engine renders two pages of each frame with a
marker in each slot (title, description, canonical address, head additions, main content,
footer), `audit` proves that the two agree and that every slot sits where it belongs, and
the fill stage puts each page's own values into the slots. A page alone in its frame is
built whole.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Mapping, Protocol, runtime_checkable

from generator import messages
from generator.plan.plan import Page, Plan
from generator.render.pages import RenderedPage

# Markers the engine writes where a page's own values go; private-use characters never
# occur in checked text (validation refuses them) and pass through templates unescaped.
# Each marker begins with a character of its own (U+E000 for the title, U+E001 for the
# description …), so that even the first character a filter leaves of it names its slot.
SLOTS = ("title", "description", "canonical", "head", "content", "footer")
MARKER_END = "\ue00f"
TOKEN = {name: f"{chr(0xE000 + number)}policyhub-{name}{MARKER_END}" for number, name in enumerate(SLOTS)}
_SLOT_OF = {token: name for name, token in TOKEN.items()}
_MARKERS = re.compile("(" + "|".join(map(re.escape, TOKEN.values())) + ")")


@dataclass(frozen=True)
class Frame:
    """An engine page cut at its slots: literal text and slot markers, alternating."""

    parts: tuple[str, ...]
    digest: str

    @classmethod
    def from_html(cls, text: str) -> "Frame":
        # split keeps the markers (the capturing group) between the literal pieces
        return cls(tuple(_MARKERS.split(text)), hashlib.sha256(text.encode("utf-8")).hexdigest())

    @property
    def literal(self) -> tuple[str, ...]:
        """The text every page of the frame shares, without the markers."""
        return self.parts[0::2]

    @property
    def slots(self) -> tuple[str, ...]:
        """The slots in the order they occur (a slot may occur more than once)."""
        return tuple(_SLOT_OF[part] for part in self.parts[1::2])

    def fill(self, values: dict[str, str]) -> str:
        return "".join(values[_SLOT_OF[part]] if part in _SLOT_OF else part for part in self.parts)


class EngineError(Exception):
    """The engine failed; `reason` says why: the engine's own words (text), or words of the
    catalogue's terms (a messages.Term), put into the run's language when shown."""

    def __init__(self, reason):
        super().__init__(reason if isinstance(reason, str) else reason.words(messages.DEFAULT))
        self.reason = reason


@dataclass(frozen=True)
class EngineJob:
    """What an engine adapter is handed for one build."""

    plan: Plan
    whole: Mapping[str, RenderedPage]   # page URL -> what the core rendered, for each page built whole
    marked: tuple[Page, ...]            # pages to render with TOKEN in their slots, two of each frame
    theme_dirs: tuple[Path, ...]        # the site's own theme/ first (if any), then the shipped theme
    content_dir: Path                   # content/: the Markdown of content pages and the files they use
    work: Path                          # an empty folder the adapter may use; removed after the build
    site_dir: Path                      # where the site is written


@runtime_checkable
class Engine(Protocol):
    """What an engine adapter provides: the only code that knows a page engine (its package,
    its project files, its template names). One folder under generator/engines/ per engine,
    registered by `name` in generator/engines/__init__.py; site_config.yml chooses one with
    `engine:`. An adapter fills this protocol by having its members (it need not inherit
    from it); tests/unit/engines/test_registry.py holds every registered adapter to it.

    The adapter receives the plan (every page with its kind, title, description and URL, the
    navigation, the config), the core's rendering of each page it builds whole (main content,
    head additions, footer; content pages bring Markdown, which the engine renders with
    generator.markup.markdown and sanitises with generator.markup.sanitise), the pages it
    renders with markers, the theme folders, the content folder, a work folder and the site
    folder. It writes into the site folder every whole page, at the file `urls.file_of(url)`
    names, and the engine's own assets; it leaves nothing else there that the core writes
    (sitemap, feeds, search files), since the core's own files are written after it.

    Its frames must hold exactly the marker strings of TOKEN where the slots go, unchanged,
    with everything else that the engine writes the same for every page of a frame. The
    core checks this (`audit`) and refuses a theme that breaks it.
    """

    name: ClassVar[str]                  # as site_config.yml writes it: engine: <name>
    # how a template of this engine writes each slot, for the hints of the frame audit
    slot_sources: ClassVar[Mapping[str, str]]

    def template_of(self, kind: str) -> str:
        """The engine's template for pages of `kind` (Page.kind), as the site's theme/
        folder names it: the audit names it when a frame is wrong."""

    def build(self, job: EngineJob) -> dict[str, str]:
        """Build the site into `job.site_dir`: every page of `job.whole` complete, with the
        core's content in its frame. Return the HTML of each page of `job.marked`, by URL,
        rendered with TOKEN[slot] in place of each slot's value (title and description as
        the page's title and description, canonical as its canonical address, head, content
        and footer where the core's head additions, main content and footer go). What it
        writes at a marked page's address is replaced by the fill stage.

        Raises EngineError when the engine fails (a template that does not compile, a
        missing template, the engine's own error), with a message for the site's editor;
        OSError when a file cannot be written (the build reports a full or read-only disk)."""


def frame_key(page: Page) -> tuple[str, int, str]:
    """Pages that share a frame: same kind, same folder depth and same first folder (the
    engine shortens links into a page's own section: from linh-vuc/y-te/ the topics index
    is ../index.html, from co-quan/so-y-te/ it is ../../linh-vuc/index.html)."""
    return page.kind, page.url.count("/"), page.url.split("/", 1)[0]


def whole_and_framed(plan: Plan) -> tuple[list[Page], list[Page]]:
    """The pages an engine builds whole (the navigation's pages, content pages, the 404 page,
    and a page alone in its frame) and those it frames, in the plan's order."""
    nav_urls = {item.url for item in plan.nav}

    def own_page(page: Page) -> bool:
        return page.url in nav_urls or page.kind in ("content", "not_found")

    sizes = Counter(frame_key(page) for page in plan.pages if not own_page(page))
    whole, framed = [], []
    for page in plan.pages:
        built_whole = own_page(page) or sizes[frame_key(page)] == 1
        (whole if built_whole else framed).append(page)
    return whole, framed


def specimens(framed: list[Page]) -> dict[tuple, tuple[Page, Page]]:
    """The two pages of each frame the engine renders with markers: its first and its last,
    which differ the most (a frame's pages are in the plan's order, by address)."""
    first: dict[tuple, Page] = {}
    last: dict[tuple, Page] = {}
    for page in framed:
        first.setdefault(frame_key(page), page)
        last[frame_key(page)] = page
    return {key: (page, last[key]) for key, page in first.items()}
