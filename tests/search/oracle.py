"""The Python side of search, for the tests: lunr.py over the sharded index as search.js asks
lunr.js, a reference lunr.py index of the same documents in one piece, and what the drafts'
content says a query must find first (independent of lunr).

`SiteSearch.rank` is search.js's `Searcher.rank` line by line: the same units (pairs of
words side by side where the index knows them, single words elsewhere), the same shards,
one lunr query per shard with every spelling of every unit as an optional clause, the dot
products summed and divided once by the magnitude of the whole query, the same order.
It scores every draft found at once; the engine scores the groups of the first ten places
first and the rest after (search-engine.js, `Searcher.query`), which gives the same scores
and order, as the browser tests check.
"""
from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from lunr.builder import Builder
from lunr.index import Index
from lunr.query import QueryPresence

from generator.build import Options, load_and_validate, make_plan
from generator.model import Status
from generator.outputs.search import drafts as search_drafts, folding, index as search_index, shards as search_shards
from generator.outputs.search.passages import passages

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
MAX_QUERY_WORDS = 12
_DATA = re.compile(r'\APolicyhubSearchData\(("[^"]*"),(.*)\);\n\Z', re.DOTALL)


def queries() -> list[dict]:
    return json.loads((HERE / "queries.json").read_text(encoding="utf-8"))


def plan_of(config: Path, today: str = "2026-11-22"):
    checked = load_and_validate(Options(config_path=config, today=dt.date.fromisoformat(today), quiet=True))
    assert not checked.report.errors
    return make_plan(checked)


def read_data(path: Path):
    """The JSON inside one of the search's data scripts (and checks that it is only that)."""
    match = _DATA.match(path.read_text(encoding="utf-8"))
    assert match, path
    return json.loads(match[2])


def expand(terms: list, fields: list[str]) -> dict:
    """A compact shard as lunr 2.3.9's serialised index (search.js's `Shard`)."""
    inverted, vectors = [], {}
    for number, entry in enumerate(terms):
        posting = {"_index": number, **{field: {} for field in fields}}
        for part in entry[1:]:
            field, gaps, scores = fields[part[0]], part[1], part[2]
            levels = part[3] if len(part) > 3 else None
            doc = 0
            for k, gap in enumerate(gaps):
                doc += gap
                ref = search_index.ref_of(doc)
                posting[field][ref] = {}
                vectors.setdefault(f"{field}/{ref}", []).extend((number, scores[levels[k] if levels else 0]))
        inverted.append([entry[0], posting])
    return {"version": "2.3.9", "fields": fields, "fieldVectors": [[k, v] for k, v in vectors.items()],
            "invertedIndex": inverted, "pipeline": []}


@dataclass
class Hit:
    ref: str
    score: float
    tier: int          # 0 every word in the title, 1 in title or about, 2 somewhere in the body
    exact: int         # words typed with marks found as typed
    status: int        # place in the contents' statuses

    @property
    def number(self) -> int:
        return int(self.ref, 36)


@dataclass
class Unit:
    key: str
    left: int = -1
    shard: int = 0
    variants: tuple = ()


class SiteSearch:
    """lunr.py over the search files of a built site."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.contents = read_data(folder / "muc-luc.js")
        self.fields = [name for name, _ in self.contents["fields"]]
        self.stop = frozenset(self.contents["stopWords"])
        self._shards: dict[int, tuple[Index, dict]] = {}

    def shard_of(self, key: str) -> int:
        bounds = self.contents["shards"]
        return max(i for i, first in enumerate(bounds) if first <= key)

    def shard(self, number: int):
        if number not in self._shards:
            terms = read_data(self.folder / "chi-muc" / f"{number}.js")
            groups: dict[str, list[str]] = {}
            for entry in terms:
                groups.setdefault(folding.fold(entry[0]), []).append(entry[0])
            self._shards[number] = (Index.load(expand(terms, self.fields)), groups)
        return self._shards[number]

    def _variants(self, unit: Unit) -> None:
        unit.shard = self.shard_of(unit.key)
        unit.variants = tuple(self.shard(unit.shard)[1].get(unit.key, ()))

    def rank(self, text: str) -> list[Hit]:
        syllables = folding.query_syllables(text)[:MAX_QUERY_WORDS]
        words = [(word, folding.fold(word), word in self.stop) for word, _ in syllables]
        pairs_of: list[list[Unit]] = [[] for _ in words]
        for i, (word, joined) in enumerate(syllables):
            if joined and i + 1 < len(words) and not (words[i][2] and words[i + 1][2]):
                unit = Unit(f"{words[i][1]} {words[i + 1][1]}", left=i)
                self._variants(unit)
                pairs_of[i].append(unit)
                pairs_of[i + 1].append(unit)
        asked = []   # (syllable, its units, single?)
        for i, (word, folded, stop) in enumerate(words):
            known = [unit for unit in pairs_of[i] if unit.variants]
            if known:
                asked.append((i, known, False))
            elif not stop:
                unit = Unit(folded)
                self._variants(unit)
                asked.append((i, [unit], True))
        if not asked or any(single and not units[0].variants for _, units, single in asked):
            return []
        units = list({id(u): u for _, us, _ in asked for u in us}.values())
        by_shard: dict[int, set] = {}
        for unit in units:
            by_shard.setdefault(unit.shard, set()).update(unit.variants)
        docs: dict[str, list] = {}
        clauses = 0
        for number in sorted(by_shard):
            terms = sorted(by_shard[number])
            clauses += len(terms)
            index = self.shard(number)[0]
            query = index.create_query(self.fields)
            for term in terms:
                query.term(term, use_pipeline=False, presence=QueryPresence.OPTIONAL)
            for result in index.query(query):
                doc = docs.setdefault(result["ref"], [0.0, {}])
                doc[0] += result["score"] * math.sqrt(len(terms))
                for term, fields in result["match_data"].metadata.items():
                    best = min(self.fields.index(f) for f in fields)
                    doc[1][term] = min(doc[1].get(term, best), best)
        status = self.contents["status"]
        hits = []
        for ref, (dot, found) in docs.items():
            judged = _judge(asked, words, found)
            if judged:
                hits.append(Hit(ref, dot / math.sqrt(clauses), judged[0], judged[1], int(status[int(ref, 36)])))
        hits.sort(key=lambda h: (-h.exact, h.tier, min(h.status, 2), -math.floor(h.score * 1e6 + 0.5), h.number))
        return hits


def _judge(asked, words, found):
    tier = exact = 0
    for i, units, single in asked:
        best, same = None, False
        for unit in units:
            for term in unit.variants:
                if term in found:
                    best = found[term] if best is None else min(best, found[term])
                    part = term if single else term.split(" ")[0 if unit.left == i else 1]
                    same = same or part == words[i][0]
        if best is None:
            return None
        tier = max(tier, best)
        exact += same and words[i][1] != words[i][0]
    return tier, exact


# ---- one unsharded index, built by lunr.py itself -------------------------------------------

def reference_index(plan) -> Index:
    """lunr.py's own Builder over the same documents and terms, in one index: the sums of
    the sharded scores must be its scores."""
    builder = Builder()
    builder.ref("ref")
    for name, boost in search_shards.FIELDS:
        builder.field(name, boost)
    builder.k1(search_shards.K1)
    builder.b(search_shards.B)
    for number, view in enumerate(plan.drafts):
        fields = search_drafts.field_terms(view, passages(plan.body(view.draft)))
        builder.add({"ref": search_index.ref_of(number),
                     **{name: [term for term, count in sorted(counts.items()) for _ in range(count)]
                        for (name, _), counts in zip(search_shards.FIELDS, fields)}})
    return builder.build()


def reference_scores(index: Index, terms: list[str]) -> dict[str, float]:
    query = index.create_query([name for name, _ in search_shards.FIELDS])
    for term in sorted(terms):
        query.term(term, use_pipeline=False, presence=QueryPresence.OPTIONAL)
    return {result["ref"]: result["score"] for result in index.query(query)}


# ---- what the content says, without lunr ------------------------------------------------------

@dataclass(frozen=True)
class DraftTerms:
    title: str
    fields: tuple[frozenset, ...]    # terms of title, about, body (each on its own)
    status: Status


# expected_top compares the folded form of every term of every draft with each word of the
# query: each distinct word is folded once
_fold = functools.lru_cache(maxsize=None)(folding.fold)


def draft_terms(plan) -> list[DraftTerms]:
    """In ref order (a result's ref is a position in this list, base 36)."""
    out = []
    for view in plan.drafts:
        texts = [view.draft.title, "\n\n".join(search_drafts.about_texts(view)),
                 "\n\n".join(passages(plan.body(view.draft)))]
        out.append(DraftTerms(view.draft.title, tuple(frozenset(folding.terms(t)) for t in texts), view.status))
    return out


def expected_top(query: str, drafts: list[DraftTerms]) -> set[int]:
    """Positions of the drafts one of which must come first: those with every word of the
    query (beside a neighbour where some draft writes the two side by side), the most words
    typed with marks found as typed, then the best field, then open before the rest."""
    syllables = folding.query_syllables(query)[:MAX_QUERY_WORDS]
    words = [w for w, _ in syllables]
    every = [set().union(*d.fields) for d in drafts]
    folded_everywhere = {_fold(t) for terms in every for t in terms}
    stop = folding.STOP_WORDS
    pairs = [i for i, (_, joined) in enumerate(syllables)
             if joined and i + 1 < len(words) and not (words[i] in stop and words[i + 1] in stop)
             and f"{_fold(words[i])} {_fold(words[i + 1])}" in folded_everywhere]

    def judge(draft: DraftTerms):
        tier = exact = 0
        for i, word in enumerate(words):
            mine = [p for p in pairs if p in (i, i - 1)]
            if not mine and word in stop:
                continue
            best, same = None, False
            for field, terms in enumerate(draft.fields):
                for term in terms:
                    if mine:
                        parts = term.split(" ")
                        hit = [p for p in mine if len(parts) == 2 and _fold(term) ==
                               f"{_fold(words[p])} {_fold(words[p + 1])}"]
                        if hit:
                            best = field if best is None else min(best, field)
                            same = same or any(parts[0 if p == i else 1] == word for p in hit)
                    elif _fold(term) == _fold(word):
                        best = field if best is None else min(best, field)
                        same = same or term == word
            if best is None:
                return None
            tier = max(tier, best)
            exact += same and _fold(word) != word
        order = 0 if draft.status is Status.OPEN else 1 if draft.status is Status.UPCOMING else 2
        return (-exact, tier, order)

    keys = {n: judge(d) for n, d in enumerate(drafts)}
    keys = {n: k for n, k in keys.items() if k is not None}
    if not keys:
        return set()
    best = min(keys.values())
    return {n for n, k in keys.items() if k == best}
