"""The seam between the core and a page engine: what any engine adapter is handed and gives back.

The core renders what every page says; an engine builds the site's frame around it (header,
navigation, footer, its assets). Pages in the navigation, content pages and the 404 page
are built whole by the engine. Every other page shares a *frame* with the pages of its
template at its folder depth: the engine builds one page of each frame with a marker in
each slot (title, description, canonical address, head additions, main content, footer),
and the fill stage puts each page's own values into the slots.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from generator.plan.plan import Page, Plan

# Markers the engine writes where a page's own values go; private-use characters never
# occur in checked text (validation refuses them) and pass through templates unescaped.
# Markers the engine writes where a page's own values go; private-use characters never
# occur in real text and pass through templates unescaped.
SLOTS = ("title", "description", "canonical", "head", "content", "footer")
TOKEN = {name: f"\ue000policyhub-{name}\ue001" for name in SLOTS}
_SLOT_OF = {token: name for name, token in TOKEN.items()}
_MARKERS = re.compile("(" + "|".join(map(re.escape, TOKEN.values())) + ")")


@dataclass(frozen=True)
class Frame:
    """An engine page cut at its slots: literal text and slot names, alternating."""

    parts: tuple[str, ...]
    digest: str

    @classmethod
    def from_html(cls, text: str) -> "Frame":
        # split keeps the markers (the capturing group) between the literal pieces
        return cls(tuple(_MARKERS.split(text)), hashlib.sha256(text.encode("utf-8")).hexdigest())

    def fill(self, values: dict[str, str]) -> str:
        return "".join(values[_SLOT_OF[part]] if part in _SLOT_OF else part for part in self.parts)


def frame_key(page: Page) -> tuple[str, int, str]:
    """Pages that share a frame: same engine template, same folder depth and same first
    folder (the engine shortens links into a page's own section: from linh-vuc/y-te/ the
    topics index is ../index.html, from co-quan/so-y-te/ it is ../../linh-vuc/index.html)."""
    return page.engine_template, page.url.count("/"), page.url.split("/", 1)[0]


class EngineError(Exception):
    """MkDocs failed; the message says why."""


def whole_and_framed(plan: Plan) -> tuple[list[Page], list[Page]]:
    """The pages an engine builds whole (the navigation's pages, content pages, the 404 page)
    and those it frames, in the plan's order."""
    nav_urls = {item.url for item in plan.nav}
    whole, framed = [], []
    for page in plan.pages:
        built_whole = page.url in nav_urls or page.kind in ("content", "not_found")
        (whole if built_whole else framed).append(page)
    return whole, framed
