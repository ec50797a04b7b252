"""The fields front matter and content pages may have, in one place: the checks, the JSON
Schema for editors' tools (`policyhub schema`) and the docs all read them from here."""
from __future__ import annotations

import re

DRAFT_FIELDS = ("title", "id", "slug", "doc_type", "agency", "topics", "summary", "affected",
                "key_questions", "consultation", "documents", "infographics", "contact", "status",
                "withdrawn_on", "outcome", "response", "versions", "translations", "tags")
DRAFT_REQUIRED = ("title", "doc_type", "agency", "topics", "summary", "consultation")
CONSULTATION_FIELDS = ("announced", "opens", "closes", "extended_to", "extended_on", "shortened_reason", "channels")
CHANNEL_FIELDS = {  # type -> (required field, optional fields)
    "form": (("url",), ("label",)),
    "email": (("address",), ()),
    "post": (("address",), ()),
    "phone": (("number",), ("hours",)),
    "meeting": (("date", "place"), ()),
}
CHART_FIELDS = {  # type -> (chart fields, fields of each item)
    "figures": (("type", "title", "items", "source"), ("label", "value", "unit", "note")),
    "compare": (("type", "title", "items", "unit", "current_label", "proposed_label", "source"),
                ("label", "current", "proposed")),
    "share": (("type", "title", "items", "unit", "source"), ("label", "value")),
}
DOCUMENT_FIELDS = ("title", "file", "url", "kind", "version")
IMAGE_FIELDS = ("image", "alt", "caption")
CONTACT_FIELDS = ("name", "email", "phone")
OUTCOME_FIELDS = ("document_number", "date", "url")
RESPONSE_FIELDS = ("published", "total", "by_group", "items")
RESPONSE_ITEM_FIELDS = ("group", "topic", "comment", "answer", "accepted")   # group: one of RESPONSE_GROUPS
VERSION_FIELDS = ("version", "date", "file")
TRANSLATION_FIELDS = ("lang", "file")
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")   # BCP 47 language tags: en, kpm, zh-Hans
CONTENT_FIELDS = ("title", "description", "order")
ACCEPTED = {True: "yes", False: "no", "yes": "yes", "no": "no", "partly": "partly"}
