"""A draft policy and its consultation, as typed data. Its state is derived, not stored:
`Draft.status_on(moment)`."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from generator.model.charts import Infographic
from generator.model.config import Contact


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
    announced: dt.date | None = None     # day the draft was posted ahead of opening; None: not said

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
    body: str = ""                 # Markdown; "" once kept apart (`body_digest`)
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
    body_digest: str = ""          # SHA-256 of the body once it is kept apart (`load.bodies`); "": `body` holds it

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
