"""The postings of the index, gathered a block of drafts at a time: for each term and
field, which drafts have it and how often.

20,000 drafts make about 18 million postings, too many for a Python object each: a
posting is a term's number and its frequency in two flat arrays, and the field and the
draft of each follow from how many postings each field of each draft has. `shards.cut`
sorts them (numpy) a few shards at a time.
"""
from __future__ import annotations

import itertools
from array import array
from collections import defaultdict

import numpy as np

from generator.outputs.search import folding

FIELD_COUNT = 3


class Postings:
    """Term → drafts, per field, gathered a block of drafts at a time: a term's number for each
    posting and its frequency go into flat arrays, and how many postings each field of
    each draft has (the field and the draft of a posting follow from these lengths)."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = defaultdict(itertools.count().__next__)   # term → its number
        self._terms, self._counts, self._lengths = array("i"), array("i"), array("q")
        self.documents = 0

    def numbered(self, names: list[str]) -> np.ndarray:
        """The numbers of these terms here (new ones numbered on): to renumber a block."""
        return np.fromiter(map(self.numbers.__getitem__, names), dtype=np.int32, count=len(names))

    def add_block(self, numbers: np.ndarray, terms: bytes, counts: bytes, lengths: bytes) -> None:
        """Add the next drafts (numbered on from those added): each posting's term (int32,
        numbered as `numbers` turns into the numbers here: `numbered`) and count (int32),
        and how many postings each field of each draft has (int64), as a block's
        `counting.Counts` has them."""
        assert len(lengths) % (8 * FIELD_COUNT) == 0
        self._terms.frombytes(numbers[np.frombuffer(terms, dtype=np.int32)].tobytes())
        self._counts.frombytes(counts)
        self._lengths.frombytes(lengths)
        self.documents += len(lengths) // (8 * FIELD_COUNT)

    @property
    def names(self) -> list[str]:
        """Term number → the term."""
        names = [""] * len(self.numbers)
        for term, number in self.numbers.items():
            names[number] = term
        return names

    def terms(self) -> np.ndarray:
        """Each posting's term number, in order of drafts (writable: `shards.cut` turns them
        into ranks in place rather than hold a second array as long)."""
        return np.frombuffer(self._terms, dtype=np.int32)

    def counts(self) -> np.ndarray:
        """Each posting's frequency."""
        return np.frombuffer(self._counts, dtype=np.int32)

    def places(self, postings: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The field and the draft of each of the given postings (their places in order)."""
        lengths = np.frombuffer(self._lengths, dtype=np.int64)
        if len(postings) * 8 > len(self._terms):   # many: each posting's piece, then the chosen
            piece = np.repeat(np.arange(len(lengths), dtype=np.int32), lengths)[postings]
        else:                                      # a few: looked up among the pieces' ends
            piece = np.searchsorted(np.cumsum(lengths), postings, side="right")
        # one piece per draft and field
        return (piece % FIELD_COUNT).astype(np.int32), (piece // FIELD_COUNT).astype(np.int32)


def folded(names: list[str]) -> list[str]:
    """The folded form of each term: a pair's is its two words' folded forms (`folding.fold`
    keeps the space between them and works letter by letter), each word folded once."""
    cache: dict[str, str] = {}

    def word(text: str) -> str:
        form = cache.get(text)
        if form is None:
            form = cache[text] = folding.fold(text)
        return form

    return [" ".join(map(word, name.split(" "))) if " " in name else word(name) for name in names]
