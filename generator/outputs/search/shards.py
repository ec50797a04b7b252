"""The search index cut into shards, so that a query downloads only the terms it asks for.

Every term (a word or a pair of words, `folding.terms`) goes into the shard of its folded
form: terms are sorted by folded form and cut into ranges of about `SHARD_POSTINGS`
postings, never between two terms with the same folded form, so that the shard of "dat dai"
holds "đất đai", "đặt đài" and every other spelling. The page reads the list of where each
shard begins (`boundaries`) and loads the shards of its query's folded terms.

A shard is a lunr 2.3.9 index of its own terms, written compactly: for each term (sorted)
and field, the documents that have it (as gaps between their numbers), the term's lunr
score for each distinct term frequency, and which of these scores each document gets.
search.js turns it into lunr's serialised form (an inverted index and, for each document,
the vector of its scores for the shard's terms: the document vectors split by shard) and
hands that to `lunr.Index.load`. The scores are lunr's own: BM25 with lunr's idf, field
boosts, rounded to three places as lunr's Builder does. Because lunr scores a field as the
dot product of query and document vectors divided by the query vector's magnitude, the
dot products of shards add up: search.js undoes each shard's division and divides the sum
by the magnitude of the whole query once (tests/search/ checks the sum against lunr.py on
one unsharded index of the same documents).
"""
from __future__ import annotations

import itertools
import math
from array import array
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from generator.outputs.search import folding

FIELDS = (("t", 10), ("s", 3), ("b", 1))   # title, what the draft is about, body; lunr field boosts
K1 = 1.2
# lunr's b: 0 turns off length normalisation, so that a term's score depends only on its
# frequency (one small table per term and field) and a long body is not found less.
B = 0.0
SHARD_POSTINGS = 12_000


class Postings:
    """Term → documents, per field, gathered one document at a time into flat arrays (a
    posting is a term's number, a field, a document and a frequency): 20,000 drafts make
    about 18 million postings, too many for a Python object each."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = defaultdict(itertools.count().__next__)   # term → its number
        self._terms, self._fields, self._documents, self._counts = array("i"), array("b"), array("i"), array("i")
        self.documents = 0

    def add(self, document: int, fields: list[dict[str, int]]) -> None:
        """Add a document (numbered from 0 in order) with its term counts per field."""
        for number, counts in enumerate(fields):
            self._terms.extend(map(self.numbers.__getitem__, counts))
            self._counts.extend(counts.values())
            self._fields.extend(itertools.repeat(number, len(counts)))
            self._documents.extend(itertools.repeat(document, len(counts)))
        self.documents += 1

    def grouped(self):
        """(terms by number, postings per term, and for each (term, field) the slice of the
        sorted arrays of documents and frequencies that holds its postings)."""
        terms = np.frombuffer(self._terms, dtype=np.int32)
        key = terms.astype(np.int64) * len(FIELDS) + np.frombuffer(self._fields, dtype=np.int8)
        order = np.argsort(key, kind="stable")          # documents stay in order within a key
        key = key[order]
        documents = np.frombuffer(self._documents, dtype=np.int32)[order]
        counts = np.frombuffer(self._counts, dtype=np.int32)[order]
        del order
        keys, starts = np.unique(key, return_index=True)
        ends = np.append(starts[1:], len(key))
        # gaps between the documents of one (term, field); the first is the document itself
        gaps = np.diff(documents, prepend=0)
        gaps[starts] = documents[starts]
        names = [""] * len(self.numbers)
        for term, number in self.numbers.items():
            names[number] = term
        slices: dict[int, list[tuple[int, int, int]]] = {}
        for k, a, b in zip(keys.tolist(), starts.tolist(), ends.tolist()):
            slices.setdefault(k // len(FIELDS), []).append((k % len(FIELDS), a, b))
        return names, slices, gaps, counts


@dataclass(frozen=True)
class Shard:
    first: str                   # the first folded form it holds: where it begins
    terms: list                  # the compact form written for search.js


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


def cut(postings: Postings, target: int | None = None) -> list[Shard]:
    """The shards, in the order of their folded forms."""
    target = target or SHARD_POSTINGS
    count = postings.documents
    names, slices, gaps, counts = postings.grouped()
    groups: dict[str, list[str]] = {}
    for term in names:
        groups.setdefault(folding.fold(term), []).append(term)
    shards: list[Shard] = []
    current: list = []
    size = 0
    first = ""
    for key in sorted(groups):
        members = sorted(groups[key])
        weight = sum(b - a for term in members for _, a, b in slices[postings.numbers[term]])
        if current and size + weight > target:
            shards.append(_shard(first, current))
            current, size = [], 0
        if not current:
            first = key if shards else ""
        for term in members:
            parts = slices[postings.numbers[term]]
            term_idf = idf(sum(b - a for _, a, b in parts), count)
            current.append([term, *(_field_entry(number, gaps[a:b].tolist(), counts[a:b].tolist(), term_idf)
                                    for number, a, b in parts)])
        size += weight
    if current or not shards:
        shards.append(_shard(first, current))
    return shards


def _shard(first: str, entries: list) -> Shard:
    # lunr wants its terms in order (its TokenSet is built from them); Python compares code
    # points and JavaScript UTF-16 units, the same order for the text we index (no astral)
    return Shard(first, sorted(entries, key=lambda entry: entry[0]))
