"""What the index takes from the drafts, made once per text: each draft's result card and
the term counts of its three fields, a block of drafts at a time.

Reading a body into passages and counting its words and pairs is most of what the index
costs, and it depends only on the drafts' own text: a block's part is kept in the build
cache under a digest of exactly what it is made from (`key` of each of its drafts), so
that a build after one draft was edited reads the other blocks back instead of reading
their Markdown again. A state changing does not change it (the card states dates, not the
state). Blocks are cut where a draft's slug says (`blocks`), so a draft added or removed
changes the block it falls in, not the ones after it: one entry per block (49
files for the 2,000 drafts of `bench/corpus.py` rather than 2,000).

An entry is untrusted like every cache file. Its layout is strict and checked whole before
use (`decode`): a header line with the size of each part, the cards as JSON one a line,
the block's terms one a line, then as 32-bit little-endian integers how many postings each
field of each draft has, each posting's term (in order within a field) and its count. A card becomes a script of
the site, so it must be JSON of exactly a card's shape, spelt as `json_text` writes it, with the texts the draft
has now, with no U+2028 or U+2029 left raw; the terms must be distinct words or pairs of
words as `folding.terms` makes them (`folding.are_terms`), each field's
terms rising (so none twice) and every count at least 1. Anything else counts as no entry:
the block's drafts are read again and its entry written anew.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence

import numpy as np

from generator.cache.sources import code_digest
from generator.cache.store import FileCache
from generator.load.bodies import body_digest
from generator.outputs.search import folding
from generator.outputs.search.counting import FIELD_COUNT, Counts, count
from generator.outputs.search.passages import passages
from generator.plan import urls
from generator.model import Draft
from generator.plan.plan import DraftView
from generator.render import format_vi

ENTRY_SUFFIX = ".block"
FORMER_SUFFIX = ".draft"        # one entry per draft, as builds before kept them
KEEP_SECONDS = 7 * 24 * 3600
FORMAT = "policyhub-search-block 1"
BLOCK = 50                     # drafts in a block, on average
CARD_TEXTS = ("url", "title", "agency", "opens", "closes", "answered", "adopted", "number", "withdrawn", "summary")
_HEADER = re.compile(rb"policyhub-search-block 1((?: (?:0|[1-9]\d{0,9})){5})\n")


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


def card_texts(view: DraftView, search_url: str) -> dict[str, str]:
    """What a result shows of a draft but its passages; search.js says the dates that matter
    for its state."""
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
    }


def draft_card(view: DraftView, body: list[str], search_url: str) -> dict:
    """What a result shows of a draft: the texts above and the passages of the body."""
    return {**card_texts(view, search_url), "body": body}


def json_text(data) -> str:
    """Compact JSON, which is a literal of JavaScript once U+2028 and U+2029 are escaped
    (engines older than ES2019 end a string at them)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def key(view: DraftView, search_url: str) -> str:
    """A digest of everything a draft's part is made from, and of the code that makes it."""
    draft = view.draft
    made_from = [FORMAT, code_digest(), draft.title, about_texts(view), body_digest(draft),
                 card_texts(view, search_url)]
    return hashlib.sha256(json.dumps(made_from, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def make(view: DraftView, search_url: str, body_of: Callable[[Draft], str]) -> tuple[str, list[str]]:
    """A draft's card (as JSON) and the texts of its three fields, from its text (its body
    read by `body_of`, and let go)."""
    body = passages(body_of(view.draft))
    texts = [view.draft.title, "\n\n".join(about_texts(view)), "\n\n".join(body)]
    return json_text(draft_card(view, body, search_url)), texts


def make_block(views: Sequence[DraftView], search_url: str, body_of: Callable[[Draft], str]) -> tuple[list[str], Counts]:
    """The cards of a block of drafts and its term counts (`counting.count`)."""
    made = [make(view, search_url, body_of) for view in views]
    return [card for card, _ in made], count([texts for _, texts in made])


def blocks(slugs: Sequence[str], size: int | None = None) -> list[range]:
    """The drafts (their places in `slugs`) in blocks of about `size`: a draft ends a block
    when a digest of its slug says so, or when the block has twice `size` drafts."""
    size = size or BLOCK
    out, start = [], 0
    for number, slug in enumerate(slugs):
        digest = int.from_bytes(hashlib.sha256(slug.encode("utf-8", "surrogatepass")).digest()[:4], "big")
        if digest % size == 0 or number + 1 - start >= 2 * size:
            out.append(range(start, number + 1))
            start = number + 1
    if start < len(slugs):
        out.append(range(start, len(slugs)))
    return out


def block_key(keys: Sequence[str]) -> str:
    return hashlib.sha256("\n".join([FORMAT, *keys]).encode("ascii")).hexdigest()


# ---- the cache entry ----------------------------------------------------------------------

def cache(folder) -> FileCache:
    return FileCache(folder, ENTRY_SUFFIX, KEEP_SECONDS)


def _little(numbers: np.ndarray) -> bytes:
    return numbers.astype("<i4").tobytes()


def encode(cards: list[str], counts: Counts) -> bytes:
    card_bytes = "\n".join(cards).encode("utf-8")
    names = "\n".join(counts.names).encode("utf-8")
    sizes = [len(cards), len(card_bytes), len(counts.names), len(names), len(counts.terms)]
    return (f"{FORMAT} {' '.join(map(str, sizes))}\n".encode("ascii") + card_bytes + names
            + _little(counts.lengths) + _little(counts.terms) + _little(counts.counts))


def decode(data: bytes, texts: Sequence[dict], with_terms: bool = True) -> tuple[list[str], Counts | None] | None:
    """An entry's cards and counts (None without `with_terms`: the terms are neither read nor
    checked), or None when it is not one `encode` writes for drafts whose cards say `texts`
    (`card_texts` of each: their addresses, titles, dates … are made again, not taken from
    the cache, so a forged entry cannot give a result a `javascript:` link)."""
    header = _HEADER.match(data)
    if header is None:
        return None
    drafts, card_size, name_count, name_size, postings = map(int, header[1].split())
    at = header.end()
    if drafts != len(texts) or len(data) != at + card_size + name_size + 4 * (FIELD_COUNT * drafts + 2 * postings):
        return None
    try:
        cards = data[at:at + card_size].decode("utf-8").split("\n")
    except UnicodeDecodeError:
        return None
    if len(cards) != drafts or not all(map(_is_card, cards, texts)):
        return None
    if not with_terms:
        return cards, None
    counts = _counts(data, at + card_size, drafts, name_count, name_size, postings)
    return (cards, counts) if counts is not None else None


def _counts(data: bytes, at: int, drafts: int, name_count: int, name_size: int, postings: int) -> Counts | None:
    try:
        text = data[at:at + name_size].decode("utf-8")
    except UnicodeDecodeError:
        return None
    names = text.split("\n") if text else []
    if len(names) != name_count or len(set(names)) != name_count or (text and not folding.are_terms(text)):
        return None
    numbers = np.frombuffer(data, dtype="<i4", offset=at + name_size).astype(np.int32)
    lengths = numbers[:FIELD_COUNT * drafts].astype(np.int64)
    terms, counts = numbers[FIELD_COUNT * drafts:][:postings], numbers[FIELD_COUNT * drafts + postings:]
    if (lengths < 0).any() or lengths.sum() != postings or (terms < 0).any() or (terms >= name_count).any() \
            or (counts < 1).any():
        return None
    rising = terms[1:] > terms[:-1]           # each field's terms in order, none twice
    starts = np.cumsum(lengths)[:-1]
    rising[starts[(starts > 0) & (starts < postings)] - 1] = True   # where the next field begins
    if not rising.all():
        return None
    return Counts(names, terms, counts, lengths)


def _is_card(text: str, texts: dict) -> bool:
    """Whether `text` is the JSON of a card with these `texts`, safe to hand to the page as a
    script's literal."""
    if "\u2028" in text or "\u2029" in text:
        return False
    try:
        card = json.loads(text)
    except (ValueError, RecursionError):
        return False
    # spelt exactly as `json_text` writes it: no key twice (a reader keeping the first
    # would see another address), nothing but what the site's own build publishes
    return (type(card) is dict and list(card) == [*CARD_TEXTS, "body"] and json_text(card) == text
            and all(card[name] == texts[name] for name in CARD_TEXTS)
            and type(card["body"]) is list and all(type(passage) is str for passage in card["body"]))
