"""Where Vietnamese text ends a sentence, and the short teaser of a summary.

One rule for the plain-language lint (which counts the words of each sentence) and for the
cards of listings (which show a summary's first sentence): a sentence ends at . ! ? or …
followed by a space and a capital letter, a digit or an opening mark, so "01.9.2027" or
"1.620 tỷ" do not end one. The lint also ends one after "TP." (it only counts words); a
teaser does not stop after such an abbreviation ("tại TP. Đà Lạt").
"""
from __future__ import annotations

import re

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[0-9A-ZÀ-ỸĐ])")
TEASER_WORDS = 30          # words as written (Vietnamese syllables): two lines on a phone card
_TRAILING = " ,;:–—-(“\"'"
# abbreviations written before a name: a full stop after them ends no sentence
ABBREVIATIONS = frozenset({"TP", "Tp", "TX", "TT", "Q", "P", "X", "H", "GS", "PGS", "TS", "ThS", "BS", "KS", "Th", "St"})


def first_sentence(text: str) -> str:
    """The text up to the end of its first sentence, spaces collapsed."""
    text = " ".join(text.split())
    for match in SENTENCE_END.finditer(text):
        before = text[:match.start()].rstrip()
        word = before.rsplit(" ", 1)[-1].rstrip(".")
        if word not in ABBREVIATIONS:
            return before
    return text


def teaser(text: str, max_words: int = TEASER_WORDS) -> str:
    """The first sentence of `text`, or its first `max_words` words followed by "…" when that
    sentence is longer; always cut between words."""
    sentence = first_sentence(text)
    words = sentence.split()
    if len(words) <= max_words:
        return sentence
    return " ".join(words[:max_words]).rstrip(_TRAILING) + " …"
