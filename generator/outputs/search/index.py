"""The search files: the sharded lunr index, what a result shows, and the filters.

The browser only loads what is written here; nothing is indexed in the browser. Every file
is a small script that hands its data to the search engine, search-engine.js
(`PolicyhubSearchData(name, data)`), so that a page opened from disk (`file://`), where browsers refuse `fetch`, searches too:

- `<search>/muc-luc.js`: where each shard of the index begins, the state of every draft
  (for the order of results), the stop words and the fields. Loaded with the page.
- `<search>/chi-muc/<n>.js`: shard n of the index (`shards.py`): the terms whose folded
  form falls in its range, with their documents and lunr scores. A query loads the shards
  of its terms only.
- `<search>/du-thao/<ref>.js`: one draft as a result shows it: link, title, agency, the
  dates that matter for each state, summary and the passages of the body for the snippet.
  Loaded for the results on screen only.
- `<search>/bo-loc.js`: agency, topics and year of every draft and the order of the
  listings, for the filters; loaded when a filter is used.

Three fields are indexed (`shards.FIELDS`): `t` the title, `s` what the draft is about
(summary, affected groups, questions, tags, topics, agency), `b` the body, every word of
it (`passages.py`). A term already in a field above is left out of the fields below: the
draft is found by it there, in the better place, and the repeat would cost a posting.
"""
from __future__ import annotations

import json
from pathlib import Path

from generator.model.vocab import SEARCH_INDEX_FILE, STATUS_LABEL, STATUS_SLUG
from generator.outputs.search import folding, postings, shards
from generator.outputs.search.passages import passages
from generator.plan import urls
from generator.plan.plan import DraftView, Plan, by_relevance
from generator.render import format_vi

LUNR_VERSION = "2.3.9"
FORMAT = 1                     # of the files below, written in the contents: bump when their layout changes
SHARD_FOLDER = "chi-muc"
DRAFT_FOLDER = "du-thao"
FILTERS_FILE = "bo-loc.js"
CALLBACK = "PolicyhubSearchData"


def ref_of(number: int) -> str:
    """A draft's ref in the index: its place in the plan's order (by slug), base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def about_texts(view: DraftView) -> list[str]:
    draft = view.draft
    return [draft.summary, *draft.affected, *draft.key_questions, *draft.tags,
            *(topic.name for topic in view.topics), view.agency.name, view.agency.short]


def field_terms(view: DraftView, body: list[str]) -> list[dict[str, int]]:
    """Term counts of the title, the about field and the body, each without the terms of
    the fields above it."""
    title = folding.terms(view.draft.title)
    about = folding.terms("\n\n".join(about_texts(view)))
    text = folding.terms("\n\n".join(body))
    for term in title.keys() & about.keys():
        dict.__delitem__(about, term)
    for term in (title.keys() | about.keys()) & text.keys():
        dict.__delitem__(text, term)
    return [title, about, text]


def _date(moment) -> str:
    return format_vi.date_short(moment) if moment is not None else ""


def draft_card(view: DraftView, body: list[str], search_url: str) -> dict:
    """What a result shows of a draft; search.js says the dates that matter for its state."""
    draft = view.draft
    consultation = draft.consultation
    return {
        "url": urls.relative(view.url, search_url),
        "title": draft.title,
        "agency": view.agency.name,
        "opens": _date(consultation.opens),
        "closes": _date(consultation.deadline),
        "answered": _date(draft.response.published if draft.response else None),
        "adopted": _date(draft.outcome.date if draft.outcome else None),
        "number": draft.outcome.document_number if draft.outcome else "",
        "withdrawn": _date(draft.withdrawn_on),
        "summary": draft.summary,
        "body": body,
    }


def script(name: str, data) -> bytes:
    """A data file: one call of search-engine.js's loader with JSON. JSON is a literal of
    JavaScript; U+2028 and U+2029 are escaped for engines older than ES2019."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"{CALLBACK}({json.dumps(name)},{text});\n".encode("utf-8")


def status_order(view: DraftView) -> int:
    return list(STATUS_SLUG).index(view.status)


def contents(plan: Plan, boundaries: list[str]) -> dict:
    """muc-luc.js: the index's table of contents and each draft's state."""
    return {
        "format": FORMAT,
        "lunr": LUNR_VERSION,
        "fields": [list(field) for field in shards.FIELDS],
        "stopWords": sorted(folding.STOP_WORDS),
        "shards": boundaries,
        "statuses": [[STATUS_SLUG[s], STATUS_LABEL[s], s.value] for s in STATUS_SLUG],
        # one digit per draft in ref order: its place in `statuses`
        "status": "".join(str(status_order(view)) for view in plan.drafts),
        "count": len(plan.drafts),
    }


def filters(plan: Plan) -> dict:
    """bo-loc.js: agency, topics and year of each draft, and the listings' order."""
    config = plan.config
    agencies = sorted(config.agencies)
    topics = sorted(config.topics)
    place = {view.draft.slug: number for number, view in enumerate(plan.drafts)}
    return {
        "agencies": [[key, config.agencies[key].name] for key in agencies],
        "topics": [[key, config.topics[key].name] for key in topics],
        "drafts": [[agencies.index(view.draft.agency), [topics.index(key) for key in view.draft.topics],
                    view.draft.consultation.opens.year] for view in plan.drafts],
        # places in `drafts` in the order of the listings (open first, closing soonest):
        # the order of a search by filters alone
        "listing": [place[view.draft.slug] for view in by_relevance(plan.drafts)],
    }


def build(plan: Plan, folder: Path | None = None) -> dict:
    """Index every draft and write its result file into `folder` (when given) on the way,
    so that no body is held longer than its own turn; then write each shard as soon as it
    is cut. Returns the contents."""
    search_url = f"{plan.config.paths.search}/"
    gathered = postings.Postings()
    if folder is not None:
        (folder / DRAFT_FOLDER).mkdir(parents=True, exist_ok=True)
        (folder / SHARD_FOLDER).mkdir(exist_ok=True)
    for number, view in enumerate(plan.drafts):
        body = passages(view.draft.body)
        gathered.add(field_terms(view, body))
        if folder is not None:
            ref = ref_of(number)
            (folder / DRAFT_FOLDER / f"{ref}.js").write_bytes(
                script(f"{DRAFT_FOLDER}/{ref}", draft_card(view, body, search_url)))
    boundaries = []
    for number, shard in enumerate(shards.cut(gathered)):
        boundaries.append(shard.first)
        if folder is not None:
            (folder / SHARD_FOLDER / f"{number}.js").write_bytes(script(f"{SHARD_FOLDER}/{number}", shard.terms))
    return contents(plan, boundaries)


def write_search(plan: Plan, out: Path) -> None:
    """Write every search file into the built site."""
    folder = out / plan.config.paths.search
    folder.mkdir(parents=True, exist_ok=True)
    table = build(plan, folder)
    (folder / SEARCH_INDEX_FILE).write_bytes(script(SEARCH_INDEX_FILE.removesuffix(".js"), table))
    (folder / FILTERS_FILE).write_bytes(script(FILTERS_FILE.removesuffix(".js"), filters(plan)))
