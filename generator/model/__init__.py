"""The site's content as typed, immutable data. No I/O here, and nothing of our own imported.

Front-matter field names are English (see SPEC.md); what users read is Vietnamese and
lives in the templates and in `lifecycle.py`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class Status(str, Enum):
    """Where a draft is in its consultation; derived from dates except the last two."""

    UPCOMING = "upcoming"      # before the comment window opens
    OPEN = "open"              # people can comment now
    CLOSED = "closed"          # window over, no response report yet
    RESPONDED = "responded"    # the report on comments is published
    ADOPTED = "adopted"        # set by hand, with `outcome`
    WITHDRAWN = "withdrawn"    # set by hand, at any point

    @property
    def is_finished(self) -> bool:
        """Listed under "Đã kết thúc" (withdrawn drafts are not)."""
        return self in (Status.CLOSED, Status.RESPONDED, Status.ADOPTED)


SETTABLE_STATUSES = (Status.ADOPTED, Status.WITHDRAWN)


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
    """Output folders; the defaults are the URLs of SPEC.md."""

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


@dataclass(frozen=True)
class Channel:
    """One way to respond: form (url), email (address), post (address), phone (number),
    meeting (date, place)."""

    type: str
    url: str = ""
    address: str = ""
    number: str = ""
    date: dt.datetime | None = None
    place: str = ""


@dataclass(frozen=True)
class Consultation:
    opens: dt.datetime             # aware; 00:00 when no time was given
    closes: dt.datetime            # aware; 23:59:59 when no time was given
    channels: tuple[Channel, ...]
    extended_to: dt.datetime | None = None
    extended_on: dt.date | None = None   # day the extension was announced; None: the original close day
    shortened_reason: str = ""

    @property
    def deadline(self) -> dt.datetime:
        """The close that counts: the extension when there is one."""
        return self.extended_to or self.closes

    @property
    def days(self) -> int:
        """Length of the comment period in days, as the rules count it."""
        return (self.deadline.date() - self.opens.date()).days


@dataclass(frozen=True)
class Document:
    title: str
    kind: str                      # draft | submission | impact_assessment | response_report | other
    file: str = ""                 # path relative to the draft file
    url: str = ""
    version: str = ""
    format: str = ""               # "PDF", "DOCX", … from the file name
    size: int | None = None        # bytes, for files only
    sha256: str = ""               # for files only


@dataclass(frozen=True)
class ResponseItem:
    topic: str
    comment: str
    answer: str
    accepted: str                  # yes | no | partly
    group: str = ""                # who commented: citizens | organisations | businesses, or not said


@dataclass(frozen=True)
class Response:
    """The published report on comments (báo cáo tổng hợp, tiếp thu, giải trình)."""

    published: dt.date
    total: int | None = None
    by_group: dict[str, int] = field(default_factory=dict)
    items: tuple[ResponseItem, ...] = ()


@dataclass(frozen=True)
class Outcome:
    document_number: str
    date: dt.date
    url: str = ""


@dataclass(frozen=True)
class Version:
    version: str
    date: dt.date
    file: str


@dataclass(frozen=True)
class Translation:
    lang: str
    file: str


@dataclass(frozen=True)
class KeyFigure:
    """One key number of a `figures` chart: "1.150 tuyến đường điều chỉnh giá"."""

    label: str
    value: int | float
    unit: str = ""                 # "%", "đồng", "tỷ đồng", "tuyến đường" …
    note: str = ""


@dataclass(frozen=True)
class FiguresChart:
    """A few key numbers, each with its label and unit."""

    title: str
    items: tuple[KeyFigure, ...]
    source: str = ""               # where the numbers come from ("Tờ trình của Sở …")
    kind: str = "figures"


@dataclass(frozen=True)
class ComparedValue:
    """One row of a `compare` chart: the value in force and the one proposed."""

    label: str
    current: int | float
    proposed: int | float


@dataclass(frozen=True)
class CompareChart:
    """Current against proposed values as pairs of bars (fees, support levels, prices)."""

    title: str
    items: tuple[ComparedValue, ...]
    unit: str = ""
    current_label: str = "Hiện hành"
    proposed_label: str = "Dự thảo"
    source: str = ""
    kind: str = "compare"


@dataclass(frozen=True)
class SharePart:
    label: str
    value: int | float             # ≥ 0


@dataclass(frozen=True)
class ShareChart:
    """Parts of a whole; with unit "%" the parts add up to 100."""

    title: str
    items: tuple[SharePart, ...]
    unit: str = ""
    source: str = ""
    kind: str = "share"


@dataclass(frozen=True)
class Picture:
    """A designed picture the editor supplies, next to the draft file."""

    image: str                     # path relative to the draft file
    alt: str                       # mandatory: what the picture shows
    caption: str = ""
    kind: str = "image"


Infographic = FiguresChart | CompareChart | ShareChart | Picture


@dataclass(frozen=True)
class Draft:
    source: str                    # path relative to the site root, POSIX separators
    slug: str
    id: str
    title: str
    doc_type: str
    agency: str
    topics: tuple[str, ...]
    summary: str
    consultation: Consultation
    body: str = ""                 # Markdown
    body_line: int = 1             # line of the body's first line in the source file
    affected: tuple[str, ...] = ()
    key_questions: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    infographics: tuple[Infographic, ...] = ()
    contact: Contact | None = None
    status: Status | None = None   # only ADOPTED or WITHDRAWN, set by hand
    withdrawn_on: dt.date | None = None  # only with WITHDRAWN; None: the day of the latest other event
    outcome: Outcome | None = None
    response: Response | None = None
    versions: tuple[Version, ...] = ()
    translations: tuple[Translation, ...] = ()
    tags: tuple[str, ...] = ()

    def status_on(self, now: dt.datetime) -> Status:
        """The lifecycle state at the instant `now` (aware, any zone)."""
        if self.status is not None:
            return self.status
        c = self.consultation
        if now < c.opens:
            return Status.UPCOMING
        if now <= c.deadline:
            return Status.OPEN
        if self.response is not None and self.response.published <= now.astimezone(c.opens.tzinfo).date():
            return Status.RESPONDED
        return Status.CLOSED
