"""The colours and fonts of every drawing, in the light scheme and the dark one.

Pages draw with `LIGHT`'s colours; each mark also names its colour's role in a class
(`svg.py`), and the stylesheet gives the roles `DARK`'s colours when the reader's system is
dark (theme/assets/stylesheets/policyhub.css, `--ph-draw-<role>`), so charts and the
timeline keep their contrast on a dark page. Share cards are pictures: always `LIGHT`."""
from __future__ import annotations

from generator.model import Status

FONT_STACK = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif'
INK = "#1a1a1a"
MUTED = "#3d3d3d"
PRIMARY = "#0b4f8a"
BORDER = "#8a9aab"
SURFACE = "#f4f6f8"
TODAY_FILL = "#fff4e5"
TODAY_INK = "#8a3b00"
WHITE = "#ffffff"
# parts of a share chart: neighbours differ in lightness, and each part is numbered too
SHARE_FILLS = ("#0b4f8a", "#9cc3e6", "#173f5f", "#d7e6f4", "#4f7fb0", "#ffffff")
STATUS_COLOUR = {
    Status.UPCOMING: "#0b4f8a", Status.OPEN: "#0a6b2f", Status.CLOSED: "#5c5c5c",
    Status.RESPONDED: "#6a3d9a", Status.ADOPTED: "#173f5f", Status.WITHDRAWN: "#8a1c1c",
}

# the role of each colour; the stylesheet colours the role per scheme
ROLE = {INK: "ink", MUTED: "muted", PRIMARY: "primary", BORDER: "border", SURFACE: "surface",
        WHITE: "paper", TODAY_INK: "today", TODAY_FILL: "today-bg"}
LIGHT = {role: colour for colour, role in ROLE.items()}
DARK = {"ink": "#e6e8eb", "muted": "#c3c9d0", "primary": "#9cc3ff", "border": "#8f98a3", "surface": "#1f242a",
        "paper": "#16191d", "today": "#ffb47a", "today-bg": "#3a2a1a"}
# what stands on what, and the least contrast WCAG asks of it (4.5 for text, 3 for marks):
# the same rules in both schemes. (The border role only outlines a card or the timeline
# outside the comment period, which its words say: a decoration, not a mark to be read.)
CONTRASTS = (("ink", "paper", 4.5), ("muted", "paper", 4.5), ("primary", "paper", 4.5), ("ink", "surface", 4.5),
             ("muted", "surface", 4.5), ("primary", "surface", 4.5), ("today", "today-bg", 4.5),
             ("today", "paper", 3), ("primary", "today-bg", 3))
