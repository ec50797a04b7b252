"""The colours and fonts of every drawing: contrast checked against the page's light card."""
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
