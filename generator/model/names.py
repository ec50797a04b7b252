"""What a name in an address may be: the slugs of drafts, pages, agencies and topics."""
from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")   # a–z, 0–9 and single hyphens between them


def slugify(text: str) -> str:
    """ASCII slug of Vietnamese text: "Học phí Đà Lạt" -> "hoc-phi-da-lat"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    out = "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else "-" for c in text)
    return "-".join(p for p in out.split("-") if p)
