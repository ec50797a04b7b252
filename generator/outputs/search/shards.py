"""The search index cut into shards, so that a query downloads only the terms it asks for.

Every term (a word or a pair of words, `folding.terms`) goes into the shard of its folded
form: terms are sorted by folded form and cut into ranges of about `SHARD_POSTINGS`
postings, never between two terms with the same folded form, so that the shard of "dat dai"
holds "đất đai", "đặt đài" and every other spelling. The page reads the list of where each
shard begins (`boundaries`) and loads the shards of its query's folded terms.

A shard is a lunr 2.3.9 index of its own terms, written compactly: for each term (sorted)
and field, the documents that have it (as gaps between their numbers), the term's lunr
score for each distinct term frequency, and which of these scores each document gets.
search-engine.js turns it into lunr's serialised form (an inverted index and, for each document,
the vector of its scores for the shard's terms: the document vectors split by shard) and
hands that to `lunr.Index.load`. The scores are lunr's own: BM25 with lunr's idf, field
boosts, rounded to three places as lunr's Builder does. Because lunr scores a field as the
dot product of query and document vectors divided by the query vector's magnitude, the
dot products of shards add up: search-engine.js undoes each shard's division and divides the sum
by the magnitude of the whole query once (tests/search/ checks the sum against lunr.py on
one unsharded index of the same documents).
"""
from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from generator.outputs.search import folding
from generator.outputs.search.postings import Postings
from generator.outputs.search.postings import folded as postings_folded

FIELDS = (("t", 10), ("s", 3), ("b", 1))   # title, what the draft is about, body; lunr field boosts
K1 = 1.2
# lunr's b: 0 turns off length normalisation, so that a term's score depends only on its
# frequency (one small table per term and field) and a long body is not found less.
B = 0.0
SHARD_POSTINGS = 12_000


@dataclass(frozen=True)
class Shard:
    first: str                   # the first folded form it holds: where it begins
    terms: list                  # the compact form written for search-engine.js


def idf(documents_with_term: int, document_count: int) -> float:
    """lunr's idf (lunr.js `lunr.idf`, lunr.py `idf`): documents counted once per field."""
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def _score(term_idf: float, tf: int, boost: int, length_ratio: float) -> float:
    # lunr.py Builder.create_field_vectors, in the same order of operations
    score = term_idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * length_ratio) + tf)
    return round(score * boost, 3)


def _field_entry(number: int, gaps: list[int], frequencies: list[int], term_idf: float) -> list:
    levels = sorted(set(frequencies))
    # b = 0: the length ratio does not change the score; 1.0 stands for any
    scores = [_score(term_idf, tf, FIELDS[number][1], 1.0) for tf in levels]
    if len(levels) == 1:
        return [number, gaps, scores]
    level_of = {tf: i for i, tf in enumerate(levels)}
    return [number, gaps, scores, list(map(level_of.__getitem__, frequencies))]


def is_shard(terms, count: int) -> bool:
    """Whether `terms` (a shard's JSON as read back) is in the form `_field_entry` writes, for
    `count` documents: terms as `folding.terms` makes them, each once and in order; each
    term's fields rising, each with at least one document, gaps between documents that stay
    below `count`, finite scores, and a score for each document."""
    if type(terms) is not list or not all(type(entry) is list and len(entry) > 1 and type(entry[0]) is str
                                          for entry in terms):
        return False
    names = [entry[0] for entry in terms]
    if names and not (folding.are_terms("\n".join(names)) and all(map(str.__lt__, names, names[1:]))):
        return False
    for entry in terms:
        field = -1
        for part in entry[1:]:
            if not (type(part) is list and len(part) in (3, 4) and type(part[0]) is int
                    and field < part[0] < len(FIELDS)):
                return False
            field, gaps, scores = part[:3]
            if not (type(gaps) is list and gaps and {*map(type, gaps)} == {int} and gaps[0] >= 0
                    and min(gaps[1:], default=1) >= 1 and sum(gaps) < count
                    and type(scores) is list and scores and {*map(type, scores)} == {float}
                    and all(map(math.isfinite, scores)) and (len(part) == 4) == (len(scores) > 1)):
                return False
            if len(part) == 4:
                levels = part[3]
                if not (type(levels) is list and len(levels) == len(gaps) and {*map(type, levels)} == {int}
                        and min(levels) >= 0 and max(levels) < len(scores)):
                    return False
    return True


def cut(postings: Postings, target: int | None = None) -> Iterator[Shard]:
    """The shards, in the order of their folded forms, one at a time: a shard's lists are
    made when it is written, not all of them at once. Uses `postings` up."""
    for batch in batches(postings, target):
        yield from map(batch.shard, range(len(batch.ranges)))


@dataclass(frozen=True)
class Batch:
    """The postings of a few shards, sorted by (rank, field, draft): each shard of it can
    be made on its own (`shard`)."""
    ranges: list[tuple[str, int, int]]   # each shard's first folded form, first rank, rank after its last
    key: np.ndarray                      # rank * 3 + field of each posting
    docs: np.ndarray
    freqs: np.ndarray
    by_rank: list[int]                   # rank → term number
    names: list[str]                     # term number → term
    count: int                           # documents

    def shard(self, number: int) -> Shard:
        first, start, end = self.ranges[number]
        # bounds of the key's own type: others would have numpy convert the whole key first
        a, b = np.searchsorted(self.key, np.array([start, end], dtype=self.key.dtype) * len(FIELDS)).tolist()
        return _shard(first, _entries(self.key[a:b], self.docs[a:b], self.freqs[a:b], self.by_rank, self.names,
                                      self.count))


@dataclass(frozen=True)
class Batches:
    """The shards in batches of a few, in the order of their folded forms: batch n is
    sorted when asked for (`self[n]`), on its own, so that the batches can be made on
    several cores (forked: they share the postings) and one at a time on each."""
    groups: list[list[tuple[str, int, int]]]   # the shards of each batch (as `Batch.ranges`)
    ranks: np.ndarray                          # each posting's term rank, in order of drafts
    postings: Postings
    by_rank: list[int]
    names: list[str]

    def __len__(self) -> int:
        return len(self.groups)

    def __iter__(self) -> Iterator[Batch]:
        return map(self.__getitem__, range(len(self.groups)))

    def __getitem__(self, number: int) -> Batch:
        batch = self.groups[number]
        ranks, low, high = self.ranks, batch[0][1], batch[-1][2]
        chosen = np.flatnonzero((ranks >= low) & (ranks < high))
        fields, docs = self.postings.places(chosen)
        # (rank, field) from the batch's first rank: a sort of 16-bit keys is a radix sort
        key = (ranks[chosen] - np.int32(low)) * np.int32(len(FIELDS)) + fields   # int32: ranks < 2**31 / 3
        if (high - low) * len(FIELDS) <= 1 << 16:
            key = key.astype(np.uint16)
        order = np.argsort(key, kind="stable")          # drafts stay in order within a key
        key = key[order].astype(np.int32) + np.int32(low * len(FIELDS))
        return Batch(batch, key, docs[order], self.postings.counts()[chosen][order], self.by_rank, self.names,
                     self.postings.documents)


def batches(postings: Postings, target: int | None = None, parts: int = 1) -> Batches:
    """The shards in batches (of at most `BATCH_POSTINGS` postings, and at least `parts`
    batches where there are as many shards). Turns the postings' term numbers into ranks."""
    target = target or SHARD_POSTINGS
    terms = postings.terms()
    names = postings.names
    weights = np.bincount(terms, minlength=len(names))
    present = np.flatnonzero(weights).tolist()
    folded = postings_folded([names[n] for n in present])
    ordered = sorted(range(len(present)), key=lambda i: (folded[i], names[present[i]]))
    by_rank = [present[i] for i in ordered]            # rank → term number
    # rank: a term's place in the order of (folded form, term); a shard is a range of ranks
    rank = np.full(len(names), -1, dtype=np.int32)
    rank[np.array(by_rank, dtype=np.int64)] = np.arange(len(by_rank), dtype=np.int32)
    for start in range(0, len(terms), BATCH_POSTINGS):   # term numbers become ranks, in place
        terms[start:start + BATCH_POSTINGS] = rank[terms[start:start + BATCH_POSTINGS]]
    del rank
    rank_weights = weights[by_rank].tolist() if by_rank else []
    ranges = _ranges([folded[i] for i in ordered], rank_weights, target)
    size = min(BATCH_POSTINGS, max(-(-len(terms) // max(parts, 1)), target))
    return Batches(list(_batches(ranges, rank_weights, size)), terms, postings, by_rank, names)


def _ranges(folded: list[str], weights: list[int], target: int) -> list[tuple[str, int, int]]:
    """(where a shard begins, its first rank, the rank after its last): runs of terms with
    one folded form are added whole while the shard stays within `target` postings."""
    out: list[tuple[str, int, int]] = []
    start = size = 0
    i = 0
    while i < len(folded):
        end, weight = i, 0
        while end < len(folded) and folded[end] == folded[i]:
            weight += weights[end]
            end += 1
        if i > start and size + weight > target:
            out.append((folded[start] if out else "", start, i))
            start, size = i, 0
        size += weight
        i = end
    out.append((folded[start] if out else "", start, len(folded)))
    return out


BATCH_POSTINGS = 2_000_000   # postings sorted at a time: a few shards' worth, not all
BATCH_TERMS = (1 << 16) // len(FIELDS)   # and terms: their keys (term and field) fit in 16 bits


def _batches(ranges: list[tuple[str, int, int]], weights: list[int], most: int):
    batch, size = [], 0
    for shard in ranges:
        weight = sum(weights[shard[1]:shard[2]])
        if batch and (size + weight > most or shard[2] - batch[0][1] > BATCH_TERMS):
            yield batch
            batch, size = [], 0
        batch.append(shard)
        size += weight
    yield batch


def _entries(key, docs, freqs, by_rank: list[int], names: list[str], count: int) -> list:
    """The compact entries of one shard's postings, sorted by (rank, field, draft)."""
    if not len(key):
        return []
    starts = np.flatnonzero(np.diff(key, prepend=-1))
    ends = np.append(starts[1:], len(key))
    gaps = np.diff(docs, prepend=0)
    gaps[starts] = docs[starts]           # the first of a (term, field) is the draft itself
    gaps, freqs = gaps.tolist(), freqs.tolist()
    entries: list = []
    current = -1
    parts: list = []
    for k, a, b in zip(key[starts].tolist(), starts.tolist(), ends.tolist()):
        term, number = divmod(k, len(FIELDS))
        if term != current:
            parts = []
            entries.append((term, parts))
            current = term
        parts.append((number, a, b))
    out = []
    for term, parts in entries:
        term_idf = idf(sum(b - a for _, a, b in parts), count)
        out.append([names[by_rank[term]], *(_field_entry(number, gaps[a:b], freqs[a:b], term_idf)
                                            for number, a, b in parts)])
    return out
def _shard(first: str, entries: list) -> Shard:
    # lunr wants its terms in order (its TokenSet is built from them); Python compares code
    # points and JavaScript UTF-16 units, the same order for the text we index (no astral)
    return Shard(first, sorted(entries, key=lambda entry: entry[0]))
