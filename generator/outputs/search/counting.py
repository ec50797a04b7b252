"""The term counts of a block of drafts at once: `folding.terms` and `drafts.field_terms`
for many texts, with the work per word done by numpy rather than by a `Counter` per text.

Each text is still split by `folding`'s regular expression (its words and what stands
between them, which says whether two words make a pair); after that, every word becomes a
number (one dictionary look-up), a pair is two numbers, and counting, leaving out stop
words and the terms a field above already has are sorts and comparisons of integer arrays
over the whole block. Pairs get their names (`"học phí"`) once per block, not once per
occurrence. `tests/search/` checks that the counts are those of `drafts.field_terms`.
"""
from __future__ import annotations

import itertools
from array import array
from collections import defaultdict

import numpy as np

from generator.outputs.search import folding

FIELD_COUNT = 3


class Counts:
    """The postings of a run of drafts: `names` (term number → term), and for each posting
    in order of (draft, field, term number) its term's number and its count; `lengths` says
    how many postings each field of each draft has (what `postings.Postings.add_block` takes)."""

    def __init__(self, names: list[str], terms: np.ndarray, counts: np.ndarray, lengths: np.ndarray) -> None:
        self.names, self.terms, self.counts, self.lengths = names, terms, counts, lengths

    def fields(self, draft: int) -> list[dict[str, int]]:
        """One draft's term counts per field, as `drafts.field_terms` gives them."""
        ends = np.cumsum(self.lengths)
        out = []
        for piece in range(draft * FIELD_COUNT, (draft + 1) * FIELD_COUNT):
            start = int(ends[piece - 1]) if piece else 0
            out.append({self.names[t]: int(c) for t, c in zip(self.terms[start:ends[piece]].tolist(),
                                                                self.counts[start:ends[piece]].tolist())})
        return out


def count(texts: list[list[str]]) -> Counts:
    """The counts of each draft's fields (`texts`: per draft its title, about and body text),
    each field without the terms of the fields above it."""
    vocabulary: dict[str, int] = defaultdict(itertools.count().__next__)
    numbers = array("q")           # each word's number, every text one after the other
    joined = array("b")            # whether word i and word i + 1 make a pair
    sizes: list[int] = []          # words per text
    gaps = folding._GAPS
    for fields in texts:
        assert len(fields) == FIELD_COUNT
        for text in fields:
            parts = folding._SPLIT.split(folding._words(text))   # between, word, …, between
            words = parts[1::2]
            numbers.extend(map(vocabulary.__getitem__, words))
            joined.extend(map(gaps.__getitem__, parts[2:-1:2]))
            if words:
                joined.append(False)                           # no pair runs into the next text
            sizes.append(len(words))
    words = list(vocabulary)
    stop = np.fromiter((word in folding.STOP_WORDS for word in words), dtype=bool, count=len(words))
    ids = np.frombuffer(numbers, dtype=np.int64)
    piece = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)      # draft * 3 + field of each word
    # pairs: word i with word i + 1 where they stand side by side, unless both are stop words
    pair_at = np.flatnonzero(np.frombuffer(joined, dtype=np.int8))
    left, right = ids[pair_at], ids[pair_at + 1]
    kept = ~(stop[left] & stop[right])
    pair_at, left, right = pair_at[kept], left[kept], right[kept]
    pairs, pair_numbers = np.unique(left * len(words) + right, return_inverse=True)
    # a term's number: a word's own, or after every word, a pair's place among the pairs
    single = ~stop[ids]
    term = np.concatenate([ids[single], len(words) + pair_numbers.reshape(-1)])
    where = np.concatenate([piece[single], piece[pair_at]])
    term_count = len(words) + len(pairs)
    # sorted by (draft, term, field): the first of a (draft, term) is its field highest up,
    # the only one kept (a term of the title is left out of the about field and the body)
    draft, field = np.divmod(where, FIELD_COUNT)
    keys, counts = np.unique((draft * term_count + term) * FIELD_COUNT + field, return_counts=True)
    whole, field = np.divmod(keys, FIELD_COUNT)
    first = np.ones(len(keys), dtype=bool)
    first[1:] = whole[1:] != whole[:-1]
    whole, field, counts = whole[first], field[first], counts[first]
    draft, term = np.divmod(whole, term_count)
    # in order of (draft, field), terms in order within each: a stable sort of small keys
    piece = draft * FIELD_COUNT + field
    order = np.argsort(piece.astype(np.uint16) if len(sizes) <= 1 << 16 else piece, kind="stable")
    piece, term, counts = piece[order], term[order], counts[order]
    # number the terms that remain from 0, in order of their numbers above
    present = np.zeros(term_count, dtype=bool)
    present[term] = True
    used = np.flatnonzero(present)
    renumber = np.zeros(term_count, dtype=np.int32)
    renumber[used] = np.arange(len(used), dtype=np.int32)
    single_used, pairs_used = used[used < len(words)].tolist(), pairs[used[used >= len(words)] - len(words)]
    lefts, rights = np.divmod(pairs_used, max(len(words), 1))
    names = [words[n] for n in single_used] + [f"{words[a]} {words[b]}" for a, b in zip(lefts.tolist(), rights.tolist())]
    lengths = np.bincount(piece, minlength=len(sizes)).astype(np.int64)
    return Counts(names, renumber[term], counts.astype(np.int32), lengths)

