"""The end of a consultation: the report on comments, the adopted document, a withdrawal."""
from __future__ import annotations

import datetime as dt

from generator.model import (Outcome, Response, ResponseItem, Status)
from generator.model.vocab import RESPONSE_GROUPS, SETTABLE_STATUSES
from generator.validate.fields import FieldChecker
from generator.validate.tables import OUTCOME_FIELDS, RESPONSE_FIELDS, RESPONSE_ITEM_FIELDS, ACCEPTED


def check_status(raw, check: FieldChecker) -> Status | None:
    if raw is None:
        return None
    value = check.text(raw, ("status",))
    if value not in {s.value for s in SETTABLE_STATUSES}:
        check.error(("status",), "bad-status", value=value, at_value=True)
        return None
    return Status(value)


def check_withdrawn_on(fm: dict, status: Status | None, check: FieldChecker) -> dt.date | None:
    """The day a draft was withdrawn; feeds show the withdrawal as a change from that day."""
    if fm.get("withdrawn_on") is None:
        return None
    day = check.date(fm["withdrawn_on"], ("withdrawn_on",))
    if day is not None and status is not Status.WITHDRAWN:
        check.error(("withdrawn_on",), "withdrawn-on-without-withdrawn")
        return None
    return day


def check_outcome(raw, check: FieldChecker) -> Outcome | None:
    path = ("outcome",)
    if raw is None or not check.mapping(raw, path, OUTCOME_FIELDS, ("document_number", "date")):
        return None
    number = check.text(raw.get("document_number"), path + ("document_number",))
    day = check.date(raw.get("date"), path + ("date",)) if raw.get("date") is not None else None
    url = check.web_url(raw.get("url"), path + ("url",))
    return Outcome(number, day, url) if number and day else None


def check_response(raw, check: FieldChecker) -> Response | None:
    path = ("response",)
    if raw is None or not check.mapping(raw, path, RESPONSE_FIELDS, ("published",)):
        return None
    published = check.date(raw["published"], path + ("published",)) if raw.get("published") is not None else None
    total = check.integer(raw.get("total"), path + ("total",))
    by_group = {}
    groups = raw.get("by_group")
    if groups is not None and check.mapping(groups, path + ("by_group",), RESPONSE_GROUPS):
        for key in RESPONSE_GROUPS:
            value = check.integer(groups.get(key), path + ("by_group", key))
            if value is not None:
                by_group[key] = value
        if total is not None and sum(by_group.values()) > total:
            check.error(path + ("by_group",), "response-groups-exceed-total", sum=sum(by_group.values()), total=total)
    items = []
    raw_items = raw.get("items") or []
    if not isinstance(raw_items, list):
        check.error(path + ("items",), "wrong-type.response-items", at_value=True)
        raw_items = []
    for i, item in enumerate(raw_items):
        p = path + ("items", i)
        if not check.mapping(item, p, RESPONSE_ITEM_FIELDS, ("comment", "answer", "accepted")):
            continue
        group = check.text(item.get("group"), p + ("group",))
        if group and group not in RESPONSE_GROUPS:
            check.error(p + ("group",), "bad-group", value=group, choices=", ".join(RESPONSE_GROUPS), at_value=True)
            continue
        if "accepted" not in item:
            continue   # reported as missing
        accepted = ACCEPTED.get(item.get("accepted"))
        if accepted is None:
            check.error(p + ("accepted",), "bad-accepted", value=str(item.get("accepted")), at_value=True)
            continue
        items.append(ResponseItem(check.text(item.get("topic"), p + ("topic",)),
                                  check.text(item.get("comment"), p + ("comment",)),
                                  check.text(item.get("answer"), p + ("answer",)), accepted, group))
    return Response(published, total, by_group, tuple(items)) if published else None
