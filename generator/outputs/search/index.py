"""The search data: a prebuilt lunr index and the few facts a result shows.

The browser only loads what is written here (lunr.js reads the index with
`lunr.Index.load`); nothing is indexed in the browser. Three files go into the site:

- `<search>/chi-muc.json`: lunr's serialised index (lunr 2.3.9 schema) with two fields,
  `t` the title and `x` what else helps to find a draft (summary, affected groups,
  questions, agency, topics, tags, headings of the body), as words in their exact form
  (`folding.tokens`). Folding happens when a query is read: each query word stands for
  every indexed word that folds to the same letters ("dat" for "đất", "đạt", "dát"), and
  words typed with marks that match exactly put a draft first (`rank`).
- `<search>/du-lieu.json`: for each draft its link, title, status, agency, topics, year,
  closing date and summary (results, snippets and filters), plus the stop words.
- `assets/javascripts/lunr.js`: lunr.js as mkdocs-material ships it (see `lunr_js_source`).

Indexing each word once (not folded and exact side by side) halves the index: 2,000
drafts of `make_corpus.py` give about 260 KB gzip (bench/SEARCH-RESULTS.md). `serialise_index` follows lunr.py's
`Builder` step by step and emits the same JSON; lunr.py needs about 4 s for those 2,000
drafts, this well under one. tests/search/ checks that the two agree and searches the same
index with lunr.py and with lunr.js in Chromium.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from generator.outputs.search import folding
from generator.plan import urls
from generator.model.vocab import SEARCH_DATA_FILE, SEARCH_INDEX_FILE, STATUS_LABEL, STATUS_SLUG
from generator.plan.plan import DraftView, Plan, by_relevance
from generator.render import format_vi

# (field, boost): a word in the title counts ten times a word elsewhere.
FIELDS = (("t", 10), ("x", 1))
# lunr's BM25 parameters. b = 0 turns off length normalisation: the fields are short and
# curated, and identical scores per term make the index compress to a third of its size.
K1 = 1.2
B = 0.0
LUNR_VERSION = "2.3.9"

LUNR_JS_TARGET = "assets/javascripts/lunr.js"

_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_FENCED_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_NUMBERING = re.compile(r"^(?:(?:\d+|[IVXLC]+)[.)]\s*)+|^(?:Điều|Chương|Mục|Phần)\s+\S+[.:]\s*", re.IGNORECASE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def body_headings(markdown: str) -> list[str]:
    """Text of the ATX headings of a Markdown body (outside fenced code), section numbers
    ("2.", "Điều 5.") dropped."""
    text = _FENCED_CODE.sub("", markdown) if "``" in markdown or "~~" in markdown else markdown
    return [_NUMBERING.sub("", _LINK.sub(r"\1", heading)).strip() for heading in _HEADING.findall(text)]


def boilerplate_headings(headings_per_draft: list[list[str]]) -> frozenset[str]:
    """Headings that a template gives most drafts ("sự cần thiết ban hành"): in a quarter of
    the drafts and at least ten, they tell drafts apart no better than a stop word."""
    seen: dict[str, int] = {}
    for headings in headings_per_draft:
        for heading in set(headings):
            seen[heading] = seen.get(heading, 0) + 1
    threshold = max(10, len(headings_per_draft) / 4)
    return frozenset(heading for heading, count in seen.items() if count >= threshold)


@dataclass(frozen=True)
class SearchRecord:
    """One draft as the index sees it: the words of each field, in order."""

    ref: str
    fields: dict[str, list[str]]


def record_of(view: DraftView, ref: str, headings: list[str]) -> SearchRecord:
    draft = view.draft
    texts = [draft.summary, *draft.affected, *draft.key_questions, view.agency.name, view.agency.short,
             *(topic.name for topic in view.topics), *draft.tags, *headings]
    title = folding.tokens(draft.title)
    # a word of the title is not repeated in the other field: the title already finds the
    # draft with it (at ten times the weight), and the repeat would cost a posting per draft
    in_title = set(title)
    other = [word for text in texts for word in folding.tokens(text) if word not in in_title]
    return SearchRecord(ref, {"t": title, "x": other})


def ref_of(number: int) -> str:
    """A draft's ref: its place in du-lieu.json (in the plan's order, by slug), in hex.
    Slug order keeps drafts on one subject together, which the gzip of the index likes."""
    return format(number, "x")


def records(plan: Plan) -> list[SearchRecord]:
    views = plan.drafts
    headings = [[folding.normalize(h) for h in body_headings(view.draft.body)] for view in views]
    boilerplate = boilerplate_headings(headings)
    return [record_of(view, ref_of(number), [h for h in own if h not in boilerplate])
            for number, (view, own) in enumerate(zip(views, headings))]


def _idf(documents_with_term: int, document_count: int) -> float:
    # lunr's idf (lunr/idf.py, lunr.js lunr.idf)
    x = (document_count - documents_with_term + 0.5) / (documents_with_term + 0.5)
    return math.log(1 + abs(x))


def serialise_index(records_: list[SearchRecord], fields=FIELDS, k1: float = K1, b: float = B) -> dict:
    """lunr's serialised index for `records_`, equal to what lunr.py's Builder produces for
    the same documents with an empty pipeline (see tests/search/test_index.py)."""
    names = [name for name, _ in fields]
    boosts = dict(fields)
    inverted: dict[str, dict] = {}
    frequencies: list[tuple[str, str, dict[str, int], int]] = []   # (field, ref, tf per term, length)
    totals = dict.fromkeys(names, 0)
    for record in records_:
        for name in names:
            terms = record.fields.get(name, [])
            tf: dict[str, int] = {}
            for term in terms:
                tf[term] = tf.get(term, 0) + 1
                posting = inverted.get(term)
                if posting is None:
                    posting = {field: {} for field in names}
                    posting["_index"] = len(inverted)
                    inverted[term] = posting
                posting[name].setdefault(record.ref, {})
            frequencies.append((name, record.ref, tf, len(terms)))
            totals[name] += len(terms)
    count = len(records_)
    average = {name: totals[name] / count if count else 0 for name in names}
    idf_cache: dict[str, float] = {}
    vectors = []
    for name, ref, tf, length in frequencies:
        elements = []
        for term, frequency in tf.items():
            posting = inverted[term]
            idf = idf_cache.get(term)
            if idf is None:
                idf = idf_cache[term] = _idf(sum(len(posting[f]) for f in names), count)
            score = idf * ((k1 + 1) * frequency) / (k1 * (1 - b + b * (length / average[name])) + frequency)
            score *= boosts[name]
            elements.append((posting["_index"], round(score, 3)))
        elements.sort()
        vectors.append([f"{name}/{ref}", [value for pair in elements for value in pair]])
    return {
        "version": LUNR_VERSION,
        "fields": names,
        "fieldVectors": vectors,
        "invertedIndex": [[term, inverted[term]] for term in sorted(inverted)],
        "pipeline": [],
    }


def lunr_py_index(records_: list[SearchRecord], fields=FIELDS, k1: float = K1, b: float = B):
    """The same index built by lunr.py itself: the reference `serialise_index` must match."""
    from lunr.builder import Builder

    builder = Builder()
    builder.ref("ref")
    for name, boost in fields:
        builder.field(name, boost)
    builder.k1(k1)
    builder.b(b)
    for record in records_:
        builder.add({"ref": record.ref, **{name: record.fields.get(name, []) for name, _ in fields}})
    return builder.build()


def search_data(plan: Plan) -> dict:
    """What a result shows and what the filters need, in compact rows."""
    config = plan.config
    search_url = f"{config.paths.search}/"
    statuses = list(STATUS_SLUG)
    agencies = sorted(config.agencies)
    topics = sorted(config.topics)
    place = {view.draft.slug: number for number, view in enumerate(plan.drafts)}
    drafts = []
    for view in plan.drafts:
        deadline = view.draft.consultation.deadline
        drafts.append([
            urls.relative(view.url, search_url), view.draft.title, statuses.index(view.status),
            agencies.index(view.draft.agency), [topics.index(key) for key in view.draft.topics],
            view.draft.consultation.opens.year, format_vi.date_short(deadline), view.draft.summary,
        ])
    return {
        "fields": ["url", "title", "status", "agency", "topics", "year", "closes", "summary"],
        "statuses": [[STATUS_SLUG[s], STATUS_LABEL[s], s.value] for s in statuses],
        "agencies": [[key, config.agencies[key].name] for key in agencies],
        "topics": [[key, config.topics[key].name] for key in topics],
        "stopWords": sorted(folding.STOP_WORDS),
        "fieldBoosts": dict(FIELDS),
        "drafts": drafts,
        # places in `drafts` in the order of the listings (open first, closing soonest):
        # the order of a search by filters alone
        "listing": [place[view.draft.slug] for view in by_relevance(plan.drafts)],
    }


# ---- the query, as search.js asks it ------------------------------------------------------

MAX_QUERY_WORDS = 12   # a pasted paragraph is not a query; lunr's cost grows with each word


@dataclass(frozen=True)
class QueryWord:
    word: str                   # as typed, normalized
    variants: tuple[str, ...]   # indexed words with the same folded form, sorted
    marked: bool                # typed with marks: an exact match ranks first


@dataclass(frozen=True)
class Hit:
    ref: str
    score: float
    matched: int                # query words found (any variant)
    exact: int                  # words typed with marks found exactly as typed


def variants_by_fold(terms) -> dict[str, list[str]]:
    """Indexed words grouped by their folded form ("dat" -> ["dát", "đạt", "đất"])."""
    groups: dict[str, list[str]] = {}
    for term in sorted(terms):
        groups.setdefault(folding.fold(term), []).append(term)
    return groups


def query_words(text: str, groups: dict[str, list[str]]) -> list[QueryWord]:
    words = []
    for word in folding.tokens(text):
        if word not in (w.word for w in words):
            folded = folding.fold(word)
            words.append(QueryWord(word, tuple(groups.get(folded, ())), folded != word))
    return words[:MAX_QUERY_WORDS]


def rank(index, text: str, groups: dict[str, list[str]] | None = None) -> tuple[list[Hit], bool]:
    """Search a lunr.py `Index` the way search.js searches with lunr.js.

    Every variant of every query word is an optional clause on both fields. A draft that
    has all the words comes first (if none has, drafts with some of them are returned and
    the second value is False); among them, more words typed with marks and found exactly
    as typed come first, then lunr's score (to six places, so that float noise cannot
    reorder equals), then the draft's place in the data file.
    """
    from lunr.query import QueryPresence

    if groups is None:
        groups = variants_by_fold(index.inverted_index)
    words = query_words(text, groups)
    clauses = list(dict.fromkeys(variant for word in words for variant in word.variants))
    if not clauses:
        return [], False
    query = index.create_query([name for name, _ in FIELDS])
    for variant in clauses:
        query.term(variant, use_pipeline=False, presence=QueryPresence.OPTIONAL)
    hits = []
    for result in index.query(query):
        found = set(result["match_data"].metadata)
        matched = sum(1 for word in words if found.intersection(word.variants))
        exact = sum(1 for word in words if word.marked and word.word in found)
        hits.append(Hit(result["ref"], result["score"], matched, exact))
    complete = [hit for hit in hits if hit.matched == len(words)]
    chosen = complete or hits
    chosen.sort(key=lambda hit: (-hit.matched, -hit.exact, -math.floor(hit.score * 1e6 + 0.5), int(hit.ref, 16)))
    return chosen, bool(complete)


# ---- lunr.js, from the installed mkdocs-material ----------------------------------------

# mkdocs-material bundles lunr.js into its search worker; the worker's source map carries
# the untouched file (node_modules/lunr/lunr.js). Its digest is checked so that an upgrade
# of mkdocs-material cannot silently hand the browser another lunr than lunr.py's target.
LUNR_JS_SHA256 = "9431726f05c0eae2a6e54dc197709422869f25cad44f2430d2fb7ddae80cc717"


class LunrMissing(RuntimeError):
    """lunr.js could not be found in the installed mkdocs-material."""


def lunr_js_source() -> str:
    """The text of lunr.js 2.3.9 from the installed mkdocs-material package."""
    import importlib.util

    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        raise LunrMissing("mkdocs-material is not installed: pip install -e . installs it")
    workers = Path(next(iter(spec.submodule_search_locations))) / "templates" / "assets" / "javascripts" / "workers"
    for source_map in sorted(workers.glob("search.*.min.js.map")):
        data = json.loads(source_map.read_text(encoding="utf-8"))
        for name, text in zip(data.get("sources", []), data.get("sourcesContent") or []):
            if name.endswith("node_modules/lunr/lunr.js") and text:
                if hashlib.sha256(text.encode("utf-8")).hexdigest() != LUNR_JS_SHA256:
                    raise LunrMissing(f"{source_map} carries a lunr.js other than {LUNR_VERSION}; "
                                      "update LUNR_JS_SHA256 after checking it against lunr.py's target")
                return text
    raise LunrMissing(f"no lunr.js inside {workers}: is mkdocs-material 9.x installed?")


def _dump(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write_search(plan: Plan, out: Path) -> None:
    """Write the index, the result data and lunr.js into the built site."""
    folder = out / plan.config.paths.search
    folder.mkdir(parents=True, exist_ok=True)
    (folder / SEARCH_INDEX_FILE).write_bytes(_dump(serialise_index(records(plan))))
    (folder / SEARCH_DATA_FILE).write_bytes(_dump(search_data(plan)))
    target = out / LUNR_JS_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(lunr_js_source(), encoding="utf-8")
