"""The comment period and the ways to respond: dates in the site's zone, the minimum length, extensions."""
from __future__ import annotations

import datetime as dt

from generator.model import (Channel, Consultation, SiteConfig)
from generator.validate.fields import FieldChecker
from generator.validate.tables import CONSULTATION_FIELDS, CHANNEL_FIELDS


def check_consultation(raw, check: FieldChecker, tz, config: SiteConfig) -> Consultation | None:
    path = ("consultation",)
    if raw is None or not check.mapping(raw, path, CONSULTATION_FIELDS, ("opens", "closes", "channels")):
        return None
    opens = check.datetime(raw["opens"], path + ("opens",), tz) if raw.get("opens") else None
    closes = check.datetime(raw["closes"], path + ("closes",), tz, end_of_day=True) if raw.get("closes") else None
    extended = (check.datetime(raw["extended_to"], path + ("extended_to",), tz, end_of_day=True)
                if raw.get("extended_to") is not None else None)
    extended_on = (check.date(raw["extended_on"], path + ("extended_on",))
                   if raw.get("extended_on") is not None else None)
    announced = (check.date(raw["announced"], path + ("announced",))
                 if raw.get("announced") is not None else None)
    reason = check.text(raw.get("shortened_reason"), path + ("shortened_reason",))
    channels = _channels(raw.get("channels"), check, tz)
    if opens is None or closes is None:
        return None
    if closes < opens:
        check.error(path + ("closes",), "closes-before-opens", closes=str(closes.date()), opens=str(opens.date()),
                    other=check.field(path + ("opens",)))
        return None
    if extended is not None and extended <= closes:
        check.error(path + ("extended_to",), "extension-not-later", extended=str(extended.date()),
                    closes=str(closes.date()), other=check.field(path + ("closes",)))
        return None
    if announced is not None and announced > opens.date():
        check.error(path + ("announced",), "announced-after-opens", announced=str(announced),
                    opens=str(opens.date()), other=check.field(path + ("opens",)))
        return None
    if extended_on is not None and not _extension_day_fits(extended_on, opens, extended, check):
        return None
    result = Consultation(opens=opens, closes=closes, channels=channels, extended_to=extended,
                          extended_on=extended_on, shortened_reason=reason, announced=announced)
    minimum = config.rules.min_comment_days
    if result.days < minimum and not reason:
        earliest = opens.date() + dt.timedelta(days=minimum)
        check.error(path + ("closes",), "period-too-short", days=result.days, minimum=minimum, earliest=str(earliest))
    if not channels:
        return None
    return result


def _extension_day_fits(extended_on: dt.date, opens: dt.datetime, extended: dt.datetime | None,
                        check: FieldChecker) -> bool:
    """The day an extension was announced must belong to an extension inside the period."""
    path = ("consultation", "extended_on")
    if extended is None:
        check.error(path, "extended-on-without-extension")
        return False
    if not opens.date() <= extended_on <= extended.date():
        check.error(path, "extended-on-outside-period", day=str(extended_on), opens=str(opens.date()),
                    extended=str(extended.date()), at_value=True)
        return False
    return True


def _channels(raw, check: FieldChecker, tz) -> tuple[Channel, ...]:
    path = ("consultation", "channels")
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        check.error(path, "no-channels", at_value=True)
        return ()
    out = []
    for i, item in enumerate(raw):
        p = path + (i,)
        kind = item.get("type") if isinstance(item, dict) else None
        if kind not in CHANNEL_FIELDS:
            if isinstance(item, dict) and "type" in item:
                check.error(p + ("type",), "bad-channel-type", value=str(kind), choices=", ".join(CHANNEL_FIELDS),
                            at_value=True)
            else:
                check.error(p, "bad-channel-type.missing", at_value=True)
            continue
        required, optional = CHANNEL_FIELDS[kind]
        if not check.mapping(item, p, ("type",) + required + optional, required):
            continue
        if kind == "form":
            url = check.web_url(item.get("url"), p + ("url",))
            url and out.append(Channel(kind, url=url))
        elif kind == "email":
            address = check.email(item.get("address"), p + ("address",))
            address and out.append(Channel(kind, address=address))
        elif kind == "post":
            address = check.text(item.get("address"), p + ("address",))
            address and out.append(Channel(kind, address=address))
        elif kind == "phone":
            number = check.phone(item.get("number"), p + ("number",))
            number and out.append(Channel(kind, number=number, place=check.text(item.get("hours"), p + ("hours",))))
        elif kind == "meeting" and item.get("date") is not None:
            when = check.datetime(item.get("date"), p + ("date",), tz)
            place = check.text(item.get("place"), p + ("place",))
            when and place and out.append(Channel(kind, date=when, place=place))
    return tuple(out)
