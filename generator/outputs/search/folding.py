"""Vietnamese text for search: words in their exact form, pairs of words, and folding.

Citizens often type without tone marks ("dat dai" for "đất đai"). Words are indexed as
written (NFC, lower case) and folded (đ→d, tone and vowel marks removed) when a query is
read: a query word stands for every indexed word with the same folded letters, and words
typed with marks that match exactly rank first.

Vietnamese writes a word of two syllables as two words ("học phí", "đất đai"), so the
index also holds every pair of words that stand side by side (`terms`): "hoc phi" then
finds drafts that write "học phí", not those with "học" in one place and "phí" in another.
`theme/assets/javascripts/search-engine.js` implements `normalize`, `fold`, `tokens` and
`query_syllables` the same way; tests/search/ runs one list of queries through both.
"""
from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter

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
# \w is Python's "letter, digit or underscore" (str.isalnum, i.e. categories L and N, and
# "_"); `_words` turns "_" into a separator first, so that one character class does.
_WORD = f"[\\w{_mark_ranges()}]"
_TOKEN = re.compile(f"{_WORD}+")
# Two words make a pair when only spaces stand between them, with one line break at most
# (a line of a paragraph); punctuation and blank lines part them.
_GAP = "(?:[ \\t\\u00a0]+\\n?[ \\t\\u00a0]*|\\n[ \\t\\u00a0]*)"
_JOINED = re.compile(f"{_GAP}\\Z")


def normalize(text: str) -> str:
    """NFC and lower case: the exact form of a text (JavaScript: normalize + toLowerCase)."""
    return _ASTRAL.sub(" ", unicodedata.normalize("NFC", text)).lower()


def fold(word: str) -> str:
    """The form without marks: "Đất" -> "dat", "phí" -> "phi" (word already normalized)."""
    word = word.replace("đ", "d").replace("Đ", "D")
    stripped = "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.category(c).startswith("M"))
    return unicodedata.normalize("NFC", stripped)


_UNINDEXED = STOP_WORDS | frozenset(f"{a} {b}" for a in STOP_WORDS for b in STOP_WORDS)


def _words(text: str) -> str:
    return normalize(text).replace("_", "-")


def tokens(text: str) -> list[str]:
    """Words of `text` in their exact (normalized) form, stop words left out, in order."""
    return [word for word in _TOKEN.findall(_words(text)) if word not in STOP_WORDS]


class _Gaps(dict):
    """Whether the text between two words joins them into a pair; texts repeat (" ", ", "),
    so each is judged once."""

    def __missing__(self, between: str) -> bool:
        joined = self[between] = bool(_JOINED.match(between))
        return joined


_GAPS = _Gaps()
_SPLIT = re.compile(f"({_WORD}+)")


def terms(text: str) -> Counter:
    """How often each term occurs in `text`: words (stop words left out) and pairs of words
    side by side ("học phí"), a pair of two stop words left out ("của các")."""
    parts = _SPLIT.split(_words(text))      # between, word, between, word, …, between
    words = parts[1::2]
    joined = itertools.compress(zip(words, words[1:]), map(_GAPS.__getitem__, parts[2:-1:2]))
    counts = Counter(itertools.chain(words, map(" ".join, joined)))
    for term in _UNINDEXED.intersection(counts):
        dict.__delitem__(counts, term)
    return counts


# A term as `terms` makes it: a word, or two words with one space between them.
_TERM = f"{_WORD}+(?: {_WORD}+)?"
_TERM_LINES = re.compile(f"{_TERM}(?:\\n{_TERM})*")


def are_terms(lines: str) -> bool:
    """Whether every line of `lines` is a term as `terms` makes it, with no character outside
    the BMP (`normalize` leaves none): terms read from the build cache are checked so, since
    the browser folds a term word by word and orders terms by UTF-16 unit."""
    return _TERM_LINES.fullmatch(lines) is not None and _ASTRAL.search(lines) is None


def has_astral(text: str) -> bool:
    return _ASTRAL.search(text) is not None


def query_syllables(text: str) -> list[tuple[str, bool]]:
    """A query's words in order, stop words included, each with whether it stands side by
    side with the next one (only spaces between them)."""
    text = _words(text)
    matches = list(_TOKEN.finditer(text))
    return [(match[0], i + 1 < len(matches) and bool(_JOINED.match(text, match.end(), matches[i + 1].start())))
            for i, match in enumerate(matches)]
