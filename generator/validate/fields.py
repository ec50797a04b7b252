"""Field-level checks that turn raw YAML values into typed ones and record diagnostics.

One `FieldChecker` per file: it knows the file's path and the positions of its values,
so every message names `file:line:column` of the offending field.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
import urllib.parse
from zoneinfo import ZoneInfo

from generator.diagnostics import Report
from generator.load.yaml_positions import Positions, dotted
from generator.messages import Field, Term

EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .\-()]{5,20}$")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$")
WEB_SCHEMES = ("http://", "https://")
# Years a date in front matter may have. Outside them it is a typo or a placeholder
# (9999-12-31), and the date arithmetic of feeds and calendar (a day or a second either
# side) would fail on the ends of Python's calendar.
YEARS = (1900, 2200)


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that make `a` into `b`."""
    previous, current = None, list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        before, previous, current = previous, current, [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
    return current[-1]


def _words_of(key: str) -> list[str]:
    return [w for w in re.split(r"[-_]", key) if w]


def suggestion(word, choices) -> str:
    """The key `word` was most likely meant to be, or "": only a key really close to it, a
    typing slip (one edit in five characters: `sumary`, `yte`) or the same words with some
    left out (`so-giao-duc` for `so-giao-duc-dao-tao`). Keys that only share a word or two
    (`so-cong-thuong`, `so-nong-nghiep-moi-truong`) are not offered."""
    word = str(word)
    allowed = max(1, round(len(word) / 5))
    found = []
    for order, choice in enumerate(str(c) for c in choices):
        distance = edit_distance(word.lower(), choice.lower())
        mine, theirs = _words_of(word.lower()), _words_of(choice.lower())
        shorter, longer = sorted((mine, theirs), key=len)
        same_words = len(shorter) >= 2 and all(w in longer for w in shorter)
        if distance <= allowed or same_words:
            found.append((distance, order, choice))
    return min(found)[2] if found else ""


TYPE_TERMS = {dict: "type.mapping", list: "type.list", str: "type.text", int: "type.number", float: "type.number",
              bool: "type.yes-no", type(None): "type.empty"}


def type_name(value) -> Term:
    """What kind of value an editor wrote, as a message says it."""
    return Term(TYPE_TERMS.get(type(value), "type.other"))


def _fields(names) -> str:
    return ", ".join(str(n) for n in names)


class FieldChecker:
    """`scope`: whose fields these are (draft, config, content, glossary), for their labels."""

    def __init__(self, path: str, positions: Positions, report: Report, scope: str = "draft"):
        self.path = path
        self.positions = positions
        self.report = report
        self.scope = scope
        self.placeholders: set = set()   # paths whose value is a placeholder, reported already
        for dup_path, position in positions.duplicates:
            self.report.error(path, position, "duplicate-field", field=self.field(dup_path))

    def field(self, path) -> Field:
        return Field(tuple(path), self.scope)

    # -- reporting -------------------------------------------------------------
    def error(self, field_path, key, /, at_value=False, **params):
        """An error at the field's key (or its value); `{field}` is the field unless given."""
        pos = self.positions.value_of(field_path) if at_value else self.positions.of(field_path)
        params.setdefault("field", self.field(field_path))
        self.report.error(self.path, pos, key, **params)

    def warning(self, field_path, key, /, **params):
        params.setdefault("field", self.field(field_path))
        self.report.warning(self.path, self.positions.of(field_path), key, **params)

    def missing(self, path, key, allowed, value, hint: str = "", **extra) -> None:
        """A required field that is not in the mapping `value`, reported where it belongs:
        above the first field that follows it in the documented order, else where its mapping
        ends (the closing '---' of the front matter, or the brace of `{…}`)."""
        later = allowed[allowed.index(key) + 1:] if key in allowed else ()
        after = next((name for name in later if name in value), None)
        if after is not None:
            position = self.positions.of(path + (after,))
            where = Term("where.before", key=after) if path in self.positions.flows else Term("where.above")
        elif path in self.positions.ends:
            position = self.positions.ends[path]
            where = Term("where.in-braces" if path in self.positions.flows
                         else "where.end" if path else "where.end-of-front")
        else:
            position, where = self.positions.of(path), Term("where.under")
        self.report.error(self.path, position, "missing-field" + (f".{hint}" if hint else ""),
                          field=self.field(path + (key,)), key=key, where=where, **extra)

    # -- structure -------------------------------------------------------------
    def mapping(self, value, path, allowed, required=()) -> bool:
        """Check a mapping's fields: unknown ones and missing required ones are errors."""
        if not isinstance(value, dict):
            if path:
                self.error(path, "wrong-type.mapping", type=type_name(value), at_value=True)
            else:
                self.error(path, "wrong-type.root", type=type_name(value), at_value=True,
                           what=Term("config-file" if self.scope == "config" else "front-matter"))
            return False
        for key in value:
            if key not in allowed:
                guess = suggestion(key, allowed)
                self.error(path + (key,), "unknown-field.close" if guess else "unknown-field",
                           name=dotted(path + (key,)), guess=guess, allowed=_fields(allowed))
        for key in required:
            if path + (key,) in self.placeholders:
                continue
            if value.get(key) in (None, "", [], {}):
                if key in value:
                    self.error(path + (key,), "empty-field", key=key)
                else:
                    self.missing(path, key, allowed, value, required_hint(path + (key,), self.scope))
        return True

    def text(self, value, path, required=False) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            self.error(path, "wrong-type.text", type=type_name(value), at_value=True)
            return ""
        text = unicodedata.normalize("NFC", str(value)).strip()
        return text

    def text_list(self, value, path) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(path, "wrong-type.list", type=type_name(value), at_value=True)
            return ()
        return tuple(t for i, v in enumerate(value) if (t := self.text(v, path + (i,))))

    def integer(self, value, path, minimum=0):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(path, "wrong-type.count", minimum=minimum, value=str(value), at_value=True)
            return None
        return value

    def in_years(self, day: dt.date, path) -> bool:
        """Whether `day` falls within YEARS; reports it if not."""
        first, last = YEARS
        if first <= day.year <= last:
            return True
        self.error(path, "date-out-of-range", year=day.year, first=first, last=last, at_value=True)
        return False

    def datetime(self, value, path, tz: ZoneInfo, end_of_day=False) -> dt.datetime | None:
        """A date or "YYYY-MM-DD HH:MM" in the site's zone; a bare date starts at 00:00, or
        ends at 23:59:59 with `end_of_day`. A year outside YEARS is reported."""
        if isinstance(value, dt.date) and not self.in_years(value, path):
            return None
        if isinstance(value, dt.datetime):
            return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
        if isinstance(value, dt.date):
            time = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
            return dt.datetime.combine(value, time, tzinfo=tz)
        match = DATETIME_RE.match(str(value).strip()) if isinstance(value, str) else None
        if match:
            try:
                day = dt.date.fromisoformat(match.group(1))
                if not self.in_years(day, path):
                    return None
                if match.group(2) is None:
                    time = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
                else:
                    time = dt.time(int(match.group(2)), int(match.group(3)))
                return dt.datetime.combine(day, time, tzinfo=tz)
            except ValueError:
                pass
        self.error(path, "bad-date.time", value=str(value), at_value=True)
        return None

    def date(self, value, path) -> dt.date | None:
        """A date YYYY-MM-DD; a year outside YEARS is reported."""
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value if self.in_years(value, path) else None
        if isinstance(value, str):
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
            else:
                return day if self.in_years(day, path) else None
        self.error(path, "bad-date", value=str(value), at_value=True)
        return None

    def web_url(self, value, path) -> str:
        url = self.text(value, path)
        if url and not url.lower().startswith(WEB_SCHEMES):
            self.error(path, "bad-url", value=url, at_value=True)
            return ""
        if any(c.isspace() for c in url):
            self.error(path, "bad-url.spaces", value=url, at_value=True)
            return ""
        try:
            host = urllib.parse.urlsplit(url).hostname
        except ValueError:   # e.g. an unclosed [ of an IPv6 address
            host = None
        if url and not host:
            self.error(path, "bad-url.no-host", value=url, at_value=True)
            return ""
        return url

    def email(self, value, path) -> str:
        address = self.text(value, path)
        if address and not EMAIL_RE.match(address):
            self.error(path, "bad-email", value=address, at_value=True)
            return ""
        return address

    def phone(self, value, path) -> str:
        number = self.text(value, path)
        if number and not PHONE_RE.match(number):
            self.error(path, "bad-phone", value=number, at_value=True)
            return ""
        return number

    def key_of(self, value, path, table: dict, table_name: str, code: str) -> str:
        """A key that must exist in one of site_config's tables (agencies, topics, …);
        `code` is the diagnostic's (unknown-agency …)."""
        key = self.text(value, path)
        if not key:
            return ""
        if key not in table:
            guess = suggestion(key, table)
            self.error(path, code + (".close" if guess else ""), value=key, guess=guess, table=table_name,
                       at_value=True)
            return ""
        return key


# the fields of a draft whose `missing-field` says what to write in them: a wording of its own,
# missing-field.<name>
_REQUIRED_HINTS = {("title",): "title", ("summary",): "summary", ("doc_type",): "doc_type", ("agency",): "agency",
                   ("topics",): "topics", ("consultation",): "consultation", ("consultation", "opens"): "opens",
                   ("consultation", "closes"): "closes", ("consultation", "channels"): "channels"}


def required_hint(path, scope: str) -> str:
    """The wording of `missing-field` for the field at `path` ("" for the general one)."""
    return _REQUIRED_HINTS.get(tuple(p for p in path if not isinstance(p, int)), "") if scope == "draft" else ""
