"""What the index takes from one draft, made once per text: the term counts of its three
fields and its result card.

Reading a body into passages and counting its words and pairs is most of what the index
costs, and it depends only on the draft's own text: it is kept in the build cache under a
digest of exactly what it is made from (`key`), so that a build after one draft was edited
reads the others back instead of reading their Markdown again. A state changing does not
change it (the card states dates, not the state).

An entry is untrusted like every cache file. Its layout is strict and checked whole before
use (`decode`): a header line with the size of each part, the card as JSON, each field's
terms one a line, and their counts as 32-bit little-endian integers. The card becomes a
script of the site, so it must parse as JSON of exactly a card's shape, with no U+2028 or
U+2029 left raw; the terms of a field must be distinct and every count at least 1.
Anything else counts as no entry: the draft is read again and its entry written anew.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from array import array

from generator.cache.sources import code_digest
from generator.cache.store import FileCache
from generator.outputs.search import folding
from generator.outputs.search.passages import passages
from generator.plan import urls
from generator.plan.plan import DraftView
from generator.render import format_vi

ENTRY_SUFFIX = ".draft"
KEEP_SECONDS = 7 * 24 * 3600
FORMAT = "policyhub-search-draft 1"
CARD_TEXTS = ("url", "title", "agency", "opens", "closes", "answered", "adopted", "number", "withdrawn", "summary")
_HEADER = re.compile(rb"policyhub-search-draft 1((?: (?:0|[1-9]\d{0,9})){7})\n")

Fields = list[tuple[list[str], array]]   # per field (title, about, body): its terms and their counts


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
    made_from = [FORMAT, code_digest(), draft.title, about_texts(view), draft.body, card_texts(view, search_url)]
    return hashlib.sha256(json.dumps(made_from, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def make(view: DraftView, search_url: str) -> tuple[str, Fields]:
    """A draft's card (as JSON) and its fields' terms and counts, from its text."""
    body = passages(view.draft.body)
    fields = [(list(counts), array("i", counts.values())) for counts in field_terms(view, body)]
    return json_text(draft_card(view, body, search_url)), fields


# ---- the cache entry ----------------------------------------------------------------------

def cache(folder) -> FileCache:
    return FileCache(folder, ENTRY_SUFFIX, KEEP_SECONDS)


def encode(card: str, fields: Fields) -> bytes:
    card_bytes = card.encode("utf-8")
    names = ["\n".join(terms).encode("utf-8") for terms, _ in fields]
    counts = array("i")
    for _, numbers in fields:
        counts.extend(numbers)
    if sys.byteorder == "big":
        counts.byteswap()
    sizes = [len(card_bytes), *map(len, names), *(len(terms) for terms, _ in fields)]
    return f"{FORMAT} {' '.join(map(str, sizes))}\n".encode("ascii") + card_bytes + b"".join(names) + counts.tobytes()


def decode(data: bytes, texts: dict, with_terms: bool = True) -> tuple[str, Fields | None] | None:
    """An entry's card and fields (None without `with_terms`: the terms are neither read nor
    checked), or None when it is not one `encode` writes for a draft whose card says
    `texts` (`card_texts`: its address, title, dates … are made again, not taken from the
    cache, so a forged entry cannot give a result a `javascript:` link)."""
    header = _HEADER.match(data)
    if header is None:
        return None
    card_size, *sizes = map(int, header[1].split())
    name_sizes, lengths = sizes[:3], sizes[3:]
    at = header.end()
    if len(data) != at + card_size + sum(name_sizes) + 4 * sum(lengths):
        return None
    try:
        card = data[at:at + card_size].decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not _is_card(card, texts):
        return None
    if not with_terms:
        return card, None
    fields = _fields(data, at + card_size, name_sizes, lengths)
    return (card, fields) if fields is not None else None


def _fields(data: bytes, at: int, name_sizes: list[int], lengths: list[int]) -> Fields | None:
    try:
        texts = []
        for size in name_sizes:
            texts.append(data[at:at + size].decode("utf-8"))
            at += size
    except UnicodeDecodeError:
        return None
    counts = array("i")
    counts.frombytes(data[at:])
    if sys.byteorder == "big":
        counts.byteswap()
    if counts and min(counts) < 1:
        return None
    fields, start = [], 0
    for text, length in zip(texts, lengths):
        terms = text.split("\n") if text else []
        if len(terms) != length or len(set(terms)) != length or "" in terms:
            return None
        fields.append((terms, counts[start:start + length]))
        start += length
    return fields


def _is_card(text: str, texts: dict) -> bool:
    """Whether `text` is the JSON of a card with these `texts`, safe to hand to the page as a
    script's literal."""
    if "\u2028" in text or "\u2029" in text:
        return False
    try:
        card = json.loads(text)
    except (ValueError, RecursionError):
        return False
    return (type(card) is dict and list(card) == [*CARD_TEXTS, "body"]
            and all(card[name] == texts[name] for name in CARD_TEXTS)
            and type(card["body"]) is list and all(type(passage) is str for passage in card["body"]))
