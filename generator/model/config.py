"""The site's settings from site_config.yml, as typed data."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Agency:
    key: str
    name: str
    short: str = ""      # abbreviation for tight places ("Sở GD&ĐT")
    url: str = ""        # the agency's own site


@dataclass(frozen=True)
class Topic:
    key: str
    name: str


@dataclass(frozen=True)
class DocType:
    key: str
    name: str


@dataclass(frozen=True)
class Rules:
    min_comment_days: int = 20     # Law 64/2025/QH15: at least 20 days where it applies
    response_due_days: int = 30    # report on comments due this long after closing
    summary_max_words: int = 120   # longer summaries are not "plain language" any more


@dataclass(frozen=True)
class GlossaryTerm:
    """A word readers may not know, and what it means in everyday words."""

    term: str
    explanation: str


@dataclass(frozen=True)
class PlainLanguage:
    """Settings of the plain-language lint (site_config.yml `plain_language:`)."""

    enabled: bool = True
    # words as written, i.e. Vietnamese syllables: 50 is about 30 English words, already long on a phone
    sentence_max_words: int = 50
    abbreviations: bool = True     # warn on ALL-CAPS abbreviations used without their expansion
    known_abbreviations: tuple[str, ...] = ()   # understood by everyone (PDF, QR …): never warned about
    glossary_file: str = "glossary.yml"         # next to the config; missing file: empty glossary
    glossary: tuple[GlossaryTerm, ...] = ()


@dataclass(frozen=True)
class Contact:
    name: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class SiteInfo:
    name: str
    base_url: str                  # absolute, ends with "/"
    language: str = "vi"
    timezone: str = "Asia/Ho_Chi_Minh"
    short_name: str = ""
    description: str = ""
    logo: str = ""                 # path of an image next to the config
    contact: Contact = Contact()
    since: int = 2026              # the year the hub began: part of every feed entry's id, never changed


@dataclass(frozen=True)
class Paths:
    """Output folders; the defaults are the addresses of docs/output.md."""

    drafts: str = "du-thao"
    open: str = "dang-lay-y-kien"
    finished: str = "da-ket-thuc"
    topics: str = "linh-vuc"
    agencies: str = "co-quan"
    search: str = "tim-kiem"


@dataclass(frozen=True)
class SiteConfig:
    site: SiteInfo
    agencies: dict[str, Agency]
    topics: dict[str, Topic]
    doc_types: dict[str, DocType]
    rules: Rules = Rules()
    paths: Paths = Paths()
    page_size: int = 50            # entries per listing page before it is split
    plain_language: PlainLanguage = PlainLanguage()
    engine: str = "mkdocs-material"  # the page engine that builds the frame (model.vocab.ENGINES)
