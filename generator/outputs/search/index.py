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

What is made of the drafts (their cards and term counts, `drafts.py`) is made a block of
drafts at a time on every core (`workers`) and kept in the build cache, one entry per
block, by its drafts' text; the shards are kept too, under the digest of every draft's
text, so a build after a state changed only writes the contents and the filters again and
one after an edit reads the drafts of one block again and cuts the shards. Every file goes through `published.put`, so one whose bytes did
not change keeps the published file (its inode and modification time).
"""
from __future__ import annotations

import hashlib
import itertools
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from generator import parallel
from generator.cache import published
from generator.cache.sources import code_digest
from generator.cache.store import BadBundle, FileCache, pack, unpack
from generator.model.vocab import SEARCH_INDEX_FILE, STATUS_LABEL, STATUS_SLUG
from generator.outputs.search import drafts, folding, postings, shards
from generator.plan.plan import Plan, by_relevance, DraftView

LUNR_VERSION = "2.3.9"
FORMAT = 1                     # of the files below, written in the contents: bump when their layout changes
SHARD_FOLDER = "chi-muc"
DRAFT_FOLDER = "du-thao"
FILTERS_FILE = "bo-loc.js"
CALLBACK = "PolicyhubSearchData"
CACHE_FOLDER = "search"        # in the build cache: each block's part, and the shards
SHARDS_SUFFIX = ".shards"
BOUNDARIES = "boundaries.json"  # in a cache entry of shards: where each begins
PARALLEL_FROM = 8              # blocks; fewer are made faster than workers start
SHARDS_PARALLEL_FROM = 2       # batches of shards, likewise
BATCHES_PER_WORKER = 4         # at least, where there are shards enough: for an even share


def ref_of(number: int) -> str:
    """A draft's ref in the index: its place in the plan's order (by slug), base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def wrap(name: str, text: str) -> bytes:
    """A data file: one call of search-engine.js's loader with JSON (`drafts.json_text`)."""
    return f"{CALLBACK}({json.dumps(name)},{text});\n".encode("utf-8")


def script(name: str, data) -> bytes:
    return wrap(name, drafts.json_text(data))


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


@dataclass(frozen=True)
class _Job:
    """What the workers share (forked): the plan, where the cards go, the blocks of drafts
    and each one's key."""
    plan: Plan
    folder: Path
    blocks: list[range]
    keys: list[str]
    cache: FileCache
    with_terms: bool

    def block(self, number: int, terms: dict[str, int]) -> tuple:
        """Write the cards of a block of drafts and gather its postings (when asked), its
        terms numbered by `terms`: (its first draft, terms, counts, lengths) as bytes."""
        search_url = f"{self.plan.config.paths.search}/"
        numbers = self.blocks[number]
        views = self.plan.drafts[numbers.start:numbers.stop]
        entry = self.cache.read(self.keys[number])
        texts = [drafts.card_texts(view, search_url) for view in views]
        part = drafts.decode(entry, texts, self.with_terms) if entry is not None else None
        if part is None:
            part = drafts.make_block(views, search_url, self.plan.body)
            self.cache.write(self.keys[number], drafts.encode(*part))
        cards, counts = part
        for place, card in zip(numbers, cards):
            ref = ref_of(place)
            published.put(self.folder / DRAFT_FOLDER / f"{ref}.js", wrap(f"{DRAFT_FOLDER}/{ref}", card))
        if counts is None:
            return numbers.start, b"", b"", b""
        ours = np.fromiter(map(terms.__getitem__, counts.names), dtype=np.int32, count=len(counts.names))
        return numbers.start, ours[counts.terms].tobytes(), counts.counts.tobytes(), counts.lengths.tobytes()

    def chunk(self, chunk: list[int]) -> tuple[list[str], list[tuple]]:
        """The blocks of a worker, their terms numbered alike: (number → term, the blocks)."""
        terms: dict[str, int] = defaultdict(itertools.count().__next__)
        made = [self.block(number, terms) for number in chunk]
        return list(terms), made


def build(plan: Plan, folder: Path, workers: int = 1) -> dict:
    """Write every draft's card and every shard into `folder` (a block's part and the
    shards from the cache where they are there); returns the contents."""
    cache_dir = plan.cache_dir / CACHE_FOLDER if plan.cache_dir is not None else None
    search_url = f"{plan.config.paths.search}/"
    keys = [drafts.key(view, search_url) for view in plan.drafts]
    blocks = drafts.blocks([view.draft.slug for view in plan.drafts])
    block_keys = [drafts.block_key(keys[numbers.start:numbers.stop]) for numbers in blocks]
    shard_cache = FileCache(cache_dir, SHARDS_SUFFIX, drafts.KEEP_SECONDS)
    shards_key = hashlib.sha256("\n".join([code_digest(), str(shards.SHARD_POSTINGS), *keys]).encode()).hexdigest()
    draft_cache = drafts.cache(cache_dir)
    (folder / DRAFT_FOLDER).mkdir(parents=True, exist_ok=True)
    (folder / SHARD_FOLDER).mkdir(exist_ok=True)
    kept = _kept_shards(shard_cache.read(shards_key), len(plan.drafts), folder)
    job = _Job(plan, folder, blocks, block_keys, draft_cache, with_terms=kept is None)
    # the largest blocks first: the chunks `map_chunks` deals from this order are of about
    # one size, and no worker is left with a large block at the end
    order = sorted(range(len(blocks)), key=lambda number: -len(blocks[number]))
    chunks = parallel.map_chunks(job.chunk, order, workers, PARALLEL_FROM)
    if kept is None:
        gathered, made = postings.Postings(), []
        while chunks:
            names, chunk = chunks.pop()
            numbers = gathered.numbered(names)
            made += [(start, numbers, *block) for start, *block in chunk]
        made.sort(key=lambda block: block[0], reverse=True)
        while made:   # in order of drafts, each block let go once added
            gathered.add_block(*made.pop()[1:])
        kept = _cut(gathered, folder, workers)
        boundaries = [first for _, first, _ in kept]
        shard_cache.write(shards_key, pack([(BOUNDARIES, json.dumps(boundaries).encode()),
                                            *((name, data) for name, _, data in kept)]))
    else:
        for name, _, data in kept:
            published.put(folder / name, data)
    shard_cache.prune(keep=shards_key)
    draft_cache.prune(keep=tuple(block_keys))
    FileCache(cache_dir, drafts.FORMER_SUFFIX, 0).prune(keep=())
    return contents(plan, [first for _, first, _ in kept])


def _cut(gathered: postings.Postings, folder: Path, workers: int) -> list[tuple[str, str, bytes]]:
    """Cut the shards and write them, the batches of shards on every core (each worker
    sorts the postings of its batches itself): (file, where it begins, bytes) of each."""
    cutting = shards.batches(gathered, None, BATCHES_PER_WORKER * workers)
    first_of = list(itertools.accumulate((len(group) for group in cutting.groups), initial=0))

    def write(numbers: list[int]) -> list[tuple]:
        written = []
        for number in numbers:
            batch = cutting[number]
            for place in range(len(batch.ranges)):
                shard, name = batch.shard(place), f"{SHARD_FOLDER}/{first_of[number] + place}"
                data = script(name, shard.terms)
                published.put(folder / f"{name}.js", data)
                written.append((first_of[number] + place, f"{name}.js", shard.first, data))
            del batch
        return written

    chunks = parallel.map_chunks(write, range(len(cutting)), workers, SHARDS_PARALLEL_FROM)
    return [shard[1:] for shard in sorted(shard for chunk in chunks for shard in chunk)]


def _kept_shards(entry: bytes | None, count: int, folder: Path) -> list[tuple[str, str, bytes]] | None:
    """The shards a build kept for `count` drafts: (file, where it begins, bytes); None when
    the entry is not as `build` writes it. A shard whose bytes readers already have at its
    place in `folder` (the published file, as the manifest vouches) is not read again: at
    10,000 drafts reading every shard back costs a next-day build 2.5 s."""
    if entry is None:
        return None
    try:
        files = dict(unpack(entry))
        boundaries = json.loads(files.pop(BOUNDARIES, b""))
    except (BadBundle, ValueError, RecursionError):
        return None
    # where each shard begins, in one order for Python and JavaScript (no astral character)
    if not (type(boundaries) is list and boundaries and all(type(first) is str for first in boundaries)
            and boundaries[0] == "" and boundaries[1:] == sorted(set(boundaries[1:]))
            and not any(map(folding.has_astral, boundaries))):
        return None
    names = [f"{SHARD_FOLDER}/{number}.js" for number in range(len(boundaries))]
    if set(files) != set(names) or not all(published.holds(folder / name, files[name])
                                           or shards.is_shard(_data_of(name, files[name]), count) for name in names):
        return None
    return [(name, first, files[name]) for name, first in zip(names, boundaries)]


def _data_of(name: str, data: bytes):
    """The JSON of `data` when it is exactly what `script` writes for file `name`: one call of
    the loader with a literal, nothing a browser would run but that call; else None."""
    head = f"{CALLBACK}({json.dumps(name.removesuffix('.js'))},".encode()
    if not (data.startswith(head) and data.endswith(b");\n")):
        return None
    try:
        text = data[len(head):-3].decode("utf-8")
        value = json.loads(text)
        return value if drafts.json_text(value) == text else None
    except (ValueError, RecursionError):
        return None


def write_search(plan: Plan, out: Path, workers: int = 1) -> None:
    """Write every search file into the built site."""
    folder = out / plan.config.paths.search
    folder.mkdir(parents=True, exist_ok=True)
    table = build(plan, folder, workers)
    published.put(folder / SEARCH_INDEX_FILE, script(SEARCH_INDEX_FILE.removesuffix(".js"), table))
    published.put(folder / FILTERS_FILE, script(FILTERS_FILE.removesuffix(".js"), filters(plan)))
