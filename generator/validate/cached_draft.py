"""A checked draft as the source cache keeps it: the model, its warnings, and what checking it
read besides its own text.

Checking a draft (its front matter parsed with positions, every field, its documents hashed,
its earlier versions and translations read) costs milliseconds; a nightly build finds nearly
every draft unchanged. So a draft checked without errors is stored under a hash of its text,
its path and the site's settings (`key`), with

- the `Draft` (`model_codec`), its warnings (all but those of the day, made again each
  build: `draft.lint_on`), and the positions a later check across drafts or a warning of
  the day points to (`Placed`);
- the identity of every file beside it that checking read (documents, pictures, earlier
  versions and translations: `load.unchanged.identity_of`). An entry is used only while
  each still has that identity; a file changed since, or one that had not settled when it
  was read, makes the draft checked afresh.

Reading an entry back accepts only what `encode` writes, and only a draft that could have
passed the checks it stands for: its address and id are slugs, its file names plain names
inside its folder, its addresses http(s), its type, agency and topics keys of the site's
settings, every kind of channel, document, answer and chart one the site knows, its charts
drawable (a share of a total above zero), every text NFC without a character no text may
hold (a cache written by someone else must not bring what no draft can, nor what the pages
made of it cannot show). Anything else is refused and the draft is read and checked again.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator import messages
from generator.cache.sources import SourceCache
from generator.cache.values import BadValue, Unstorable, is_count, texts_in
from generator.diagnostics import SECTION, WARNING, Diagnostic
from generator.load import site_files
from generator.load import text_rules, unchanged
from generator.model import Draft, Picture, SiteConfig
from generator.model import vocab
from generator.model.charts import CompareChart, FiguresChart, ShareChart
from generator.model.names import SLUG_RE
from generator.validate.cached_findings import decode_value, encode_value
from generator.validate.model_codec import decode_draft, encode_draft

_WEB = re.compile(r"https?://[^\s]+", re.IGNORECASE)
Position = tuple[int, int]


@dataclass(frozen=True)
class Placed:
    """Where a draft's front matter has what later checks point to: `slug` and `id` (None
    when the front matter does not give them), and the closing day and its extension (or
    where they would be)."""

    slug: Position | None
    id: Position | None
    closes: Position
    extended_to: Position


@dataclass(frozen=True)
class CheckedDraft:
    draft: Draft
    findings: tuple[Diagnostic, ...]                 # warnings, but none that depend on the day
    placed: Placed
    depends: tuple[tuple[str, tuple, tuple], ...]   # (name beside the draft, identity of the name, of the file)


def key(text_key: str, shown: str, settings: str) -> str:
    return SourceCache.key("checked draft", text_key, shown, settings)


def depended_names(draft: Draft) -> tuple[str, ...]:
    """The files beside a draft that checking it read."""
    names = [d.file for d in draft.documents if d.file]
    names += [i.image for i in draft.infographics if isinstance(i, Picture)]
    names += [v.file for v in draft.versions] + [t.file for t in draft.translations]
    return tuple(dict.fromkeys(names))


def dependencies(draft_path: Path, draft: Draft, started_ns: int) -> tuple | None:
    """The identity of every file checking `draft` read, or None when one had not settled
    (or is gone): then the entry is not stored."""
    found = []
    for name in depended_names(draft):
        ident = unchanged.identity_of(draft_path.parent / name)
        if ident is None or not all(i[4] < started_ns - unchanged.SETTLED_NS and i[3] < started_ns - unchanged.SETTLED_NS
                                    for i in ident):
            return None
        found.append((name, *ident))
    return tuple(found)


def encode(value: CheckedDraft, shown: str, config: SiteConfig) -> list:
    findings = [[d.path, d.line, d.column, d.key, {name: encode_value(v) for name, v in d.params}]
                for d in value.findings]
    placed = value.placed
    plain = [encode_draft(value.draft, config.site.timezone), findings,
             [_position(placed.slug), _position(placed.id), _position(placed.closes), _position(placed.extended_to)],
             [[name, list(named), list(target)] for name, named, target in value.depends]]
    try:   # what a later build could not read back is not written
        again = _decode(plain, shown, config)
    except BadValue as exc:
        raise Unstorable(str(exc)) from None
    if again.findings != value.findings or again.placed != value.placed:
        raise Unstorable("the findings or positions would not read back as they are")
    return plain


def decode(plain, draft_path: Path, shown: str, config: SiteConfig) -> CheckedDraft:
    """The stored entry, while every file it depends on is as it was."""
    checked = _decode(plain, shown, config)
    for name, named, target in checked.depends:
        if unchanged.identity_of(draft_path.parent / name) != (named, target):
            raise BadValue(f"{name} changed since the draft was checked")
    return checked


def _decode(plain, shown: str, config: SiteConfig) -> CheckedDraft:
    if not (type(plain) is list and len(plain) == 4 and type(plain[1]) is list and type(plain[2]) is list
            and len(plain[2]) == 4 and type(plain[3]) is list):
        raise BadValue("not [draft, findings, positions, files]")
    draft = decode_draft(plain[0], config.site.timezone)
    _sound(draft, shown)
    _known(draft, config)
    _plain_texts(plain[0])
    slug, id_, closes, extended_to = (_read_position(p, optional=i < 2) for i, p in enumerate(plain[2]))
    depends = []
    for item in plain[3]:
        if not (type(item) is list and len(item) == 3 and type(item[0]) is str and item[0] in depended_names(draft)
                and all(_is_identity(i) for i in item[1:])):
            raise BadValue("a file beside the draft is not [name, identity, identity]")
        depends.append((item[0], tuple(item[1]), tuple(item[2])))
    if sorted(name for name, _, _ in depends) != sorted(depended_names(draft)):
        raise BadValue("the files beside the draft are not those it names")
    return CheckedDraft(draft, tuple(_finding(item, shown) for item in plain[1]),
                        Placed(slug, id_, closes, extended_to), tuple(depends))


def _sound(draft: Draft, shown: str) -> None:
    """What checking guarantees of every draft, and the pages made of it rely on."""
    if draft.source != shown or not SLUG_RE.match(draft.slug) or not SLUG_RE.match(draft.id):
        raise BadValue("a draft of another file, or an address that is no slug")
    if draft.body_digest:   # a draft is stored with its body; only a build keeps bodies apart
        raise BadValue("a draft whose body is kept elsewhere")
    if any(site_files.name_problem(name) is not None for name in depended_names(draft)):
        raise BadValue("a file name that is not a plain name beside the draft")
    addresses = [c.url for c in draft.consultation.channels if c.url] + [d.url for d in draft.documents if d.url]
    addresses += [draft.outcome.url] if draft.outcome is not None and draft.outcome.url else []
    if not all(_WEB.fullmatch(url) for url in addresses):
        raise BadValue("an address that is not http(s)")


def _known(draft: Draft, config: SiteConfig) -> None:
    """Every key the pages look up is one the site or policyhub knows, every chart drawable."""
    if (draft.doc_type not in config.doc_types or draft.agency not in config.agencies
            or not all(topic in config.topics for topic in draft.topics)):
        raise BadValue("a type, agency or topic the site's settings do not have")
    if (not all(c.type in vocab.CHANNEL_TYPES for c in draft.consultation.channels)
            or not all(d.kind in vocab.DOCUMENT_KINDS for d in draft.documents)):
        raise BadValue("a kind of channel or document policyhub does not know")
    if draft.response is not None and not (
            all(group in vocab.RESPONSE_GROUPS for group in draft.response.by_group)
            and all(i.accepted in vocab.ACCEPTED_LABEL and (not i.group or i.group in vocab.RESPONSE_GROUPS)
                    for i in draft.response.items)):
        raise BadValue("a group or an answer policyhub does not know")
    for chart in draft.infographics:
        if isinstance(chart, Picture):
            sound = chart.kind == "image"
        elif isinstance(chart, ShareChart):
            sound = (chart.kind == "share" and len(chart.items) >= 2 and all(p.value >= 0 for p in chart.items)
                     and sum(p.value for p in chart.items) > 0)
        elif isinstance(chart, CompareChart):
            sound = chart.kind == "compare" and chart.items and all(
                v.current >= 0 and v.proposed >= 0 for v in chart.items)
        else:
            sound = isinstance(chart, FiguresChart) and chart.kind == "figures" and bool(chart.items)
        if not sound:
            raise BadValue("a chart that no draft can have")


def _plain_texts(plain) -> None:
    """Every text of the draft as stored NFC, without a character no text may hold."""
    joined = "\n".join(texts_in(plain))   # a line break starts no composition: NFC as each text is
    if text_rules.has_bad_character(joined) or not unicodedata.is_normalized("NFC", joined):
        raise BadValue("a text with a character no draft can hold")


def _position(position: Position | None):
    return None if position is None else list(position)


def _read_position(plain, optional: bool) -> Position | None:
    if plain is None and optional:
        return None
    if not (type(plain) is list and len(plain) == 2 and all(is_count(n) for n in plain)):
        raise BadValue("not a position")
    return plain[0], plain[1]


def _is_identity(plain) -> bool:
    return type(plain) is list and len(plain) == 5 and all(type(n) is int and n >= 0 for n in plain)


def _finding(item, shown: str) -> Diagnostic:
    if not (type(item) is list and len(item) == 5 and type(item[0]) is str and is_count(item[1])
            and is_count(item[2]) and type(item[3]) is str and type(item[4]) is dict):
        raise BadValue("a finding is not [file, line, column, key, parameters]")
    path, line, column, code, params = item
    wanted = messages.needed(SECTION, code)
    if wanted is None or not wanted <= set(params):
        raise BadValue("a finding with an unknown code or without its parameters")
    if path != shown and not path.startswith(shown.rsplit("/", 1)[0] + "/"):
        raise BadValue("a finding of a file that is not beside the draft")
    values = tuple(sorted((name, decode_value(value)) for name, value in params.items()))
    return Diagnostic(path, line, column, WARNING, code, values)
