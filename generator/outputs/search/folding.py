"""Vietnamese text for search: tokens in their exact form and folded without marks.

Citizens often type without tone marks ("dat dai" for "đất đai"), so every word is
indexed folded (lower case, đ→d, tone and vowel marks removed) and, when it carries
marks, also exactly as written, so that a query typed with marks ranks exact matches
first. `theme/assets/javascripts/search.js` implements the same three functions; the
tests in tests/search/ run one list of queries through both and compare the results.
"""
from __future__ import annotations

import re
import unicodedata

# Function words that occur in nearly every draft ("của", "các", "được"): indexing them
# costs a posting per draft and finds nothing. Compared in the exact form, so that "về"
# (about) is dropped while "vé" (ticket), which folds to the same "ve", is kept.
# The browser receives this list inside the search data: one source of truth.
STOP_WORDS = frozenset(unicodedata.normalize("NFC", word) for word in """
    ấy bị bởi cả các cái càng chỉ chiếc cho chứ chưa có cũng của cùng đã đang để đến
    đều do đó được gì hay hoặc khi là lại lúc mà mỗi một nào này nên nếu ngay như những
    nữa ở rằng rất rồi sẽ sự tại theo thì trên trong từ từng và vào vẫn về vì với vừa
    """.split())

# Characters outside the Basic Multilingual Plane become separators: Python compares
# strings by code point and JavaScript by UTF-16 unit, which agree only inside the BMP,
# and lunr needs its terms in one agreed order.
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def _mark_ranges() -> str:
    """A regex class body with every combining mark (category M) of the BMP."""
    ranges, start, prev = [], None, None
    for code in range(0x10000):
        if unicodedata.category(chr(code)).startswith("M"):
            if start is None:
                start = code
            elif code != prev + 1:
                ranges.append((start, prev))
                start = code
            prev = code
    ranges.append((start, prev))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# A token is a run of letters, digits and combining marks (JavaScript: [\p{L}\p{N}\p{M}]+).
# [^\W_] is Python's "letter or digit" (str.isalnum), i.e. categories L and N.
_TOKEN = re.compile(f"(?:[^\\W_]|[{_mark_ranges()}])+")


def normalize(text: str) -> str:
    """NFC and lower case: the exact form of a text (JavaScript: normalize + toLowerCase)."""
    return _ASTRAL.sub(" ", unicodedata.normalize("NFC", text)).lower()


def fold(word: str) -> str:
    """The form without marks: "Đất" -> "dat", "phí" -> "phi" (word already normalized)."""
    word = word.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", stripped)


def tokens(text: str) -> list[str]:
    """Words of `text` in their exact (normalized) form, stop words left out, in order."""
    return [word for word in _TOKEN.findall(normalize(text)) if word not in STOP_WORDS]

