"""Field-level checks that turn raw YAML values into typed ones and record diagnostics.

One `FieldChecker` per file: it knows the file's path and the positions of its values,
so every message names `file:line:column` of the offending field.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
import urllib.parse
from zoneinfo import ZoneInfo

from generator.diagnostics import Report
from generator.load.yaml_positions import Positions, dotted

EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .\-()]{5,20}$")
DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}):(\d{2}))?$")
WEB_SCHEMES = ("http://", "https://")


def suggestion(word: str, choices) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else ""


def type_name(value) -> str:
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number",
            bool: "yes/no", type(None): "empty"}.get(type(value), type(value).__name__)


class FieldChecker:
    def __init__(self, path: str, positions: Positions, report: Report):
        self.path = path
        self.positions = positions
        self.report = report
        self.placeholders: set = set()   # paths whose value is a placeholder, reported already
        for dup_path, position in positions.duplicates:
            self.report.error(path, position, "duplicate-field",
                              f"'{dotted(dup_path)}' is written twice",
                              "keep one of them: the later one would silently win")

    # -- reporting -------------------------------------------------------------
    def error(self, field_path, code, message, hint="", at_value=False):
        pos = self.positions.value_of(field_path) if at_value else self.positions.of(field_path)
        self.report.error(self.path, pos, code, message, hint)

    def warning(self, field_path, code, message, hint=""):
        self.report.warning(self.path, self.positions.of(field_path), code, message, hint)

    # -- structure -------------------------------------------------------------
    def mapping(self, value, path, allowed, required=(), what="") -> bool:
        """Check a mapping's fields: unknown ones and missing required ones are errors."""
        if not isinstance(value, dict):
            self.error(path, "wrong-type",
                       f"'{dotted(path) or what}' must be a mapping of fields, not {type_name(value)}",
                       "write one 'field: value' per line, indented under it", at_value=True)
            return False
        for key in value:
            if key not in allowed:
                guess = suggestion(key, allowed)
                hint = f"did you mean '{guess}'? " if guess else ""
                hint += "allowed fields: " + ", ".join(allowed)
                self.error(path + (key,), "unknown-field",
                           f"unknown field '{dotted(path + (key,))}'", hint)
        for key in required:
            if path + (key,) in self.placeholders:
                continue
            if value.get(key) in (None, "", [], {}):
                if key in value:
                    self.error(path + (key,), "empty-field",
                               f"required field '{dotted(path + (key,))}' is empty",
                               f"write a value after '{key}:'")
                else:
                    self.error(path, "missing-field",
                               f"missing required field '{dotted(path + (key,))}'",
                               f"add '{key}: …' {required_hint(path + (key,))}".rstrip())
        return True

    def text(self, value, path, required=False) -> str:
        if value is None:
            return ""
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            self.error(path, "wrong-type", f"'{dotted(path)}' must be text, not {type_name(value)}",
                       "write the text after the colon; put it in quotes if it contains ': ' or starts with '{' or '['",
                       at_value=True)
            return ""
        text = unicodedata.normalize("NFC", str(value)).strip()
        return text

    def text_list(self, value, path) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.error(path, "wrong-type", f"'{dotted(path)}' must be a list, not {type_name(value)}",
                       "write one item per line, each starting with '- '", at_value=True)
            return ()
        return tuple(t for i, v in enumerate(value) if (t := self.text(v, path + (i,))))

    def integer(self, value, path, minimum=0):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(path, "wrong-type",
                       f"'{dotted(path)}' must be a whole number of at least {minimum}, not '{value}'",
                       "write digits only, e.g. 120", at_value=True)
            return None
        return value

    def datetime(self, value, path, tz: ZoneInfo, end_of_day=False) -> dt.datetime | None:
        """A date or "YYYY-MM-DD HH:MM" in the site's zone; a bare date starts at 00:00, or
        ends at 23:59:59 with `end_of_day`."""
        if isinstance(value, dt.datetime):
            return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
        if isinstance(value, dt.date):
            time = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
            return dt.datetime.combine(value, time, tzinfo=tz)
        match = DATETIME_RE.match(str(value).strip()) if isinstance(value, str) else None
        if match:
            try:
                day = dt.date.fromisoformat(match.group(1))
                if match.group(2) is None:
                    time = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
                else:
                    time = dt.time(int(match.group(2)), int(match.group(3)))
                return dt.datetime.combine(day, time, tzinfo=tz)
            except ValueError:
                pass
        self.error(path, "bad-date", f"'{dotted(path)}' is not a valid date: '{value}'",
                   "write the date as YYYY-MM-DD (e.g. 2026-12-31), optionally with a time: 2026-12-31 17:00",
                   at_value=True)
        return None

    def date(self, value, path) -> dt.date | None:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(path, "bad-date", f"'{dotted(path)}' is not a valid date: '{value}'",
                   "write the date as YYYY-MM-DD, e.g. 2026-12-31", at_value=True)
        return None

    def web_url(self, value, path) -> str:
        url = self.text(value, path)
        if url and not url.lower().startswith(WEB_SCHEMES):
            self.error(path, "bad-url", f"'{dotted(path)}' must be an http(s) address, not '{url}'",
                       "write the full address starting with https://", at_value=True)
            return ""
        if any(c.isspace() for c in url):
            self.error(path, "bad-url", f"'{dotted(path)}' contains spaces: '{url}'",
                       "write spaces in an address as %20", at_value=True)
            return ""
        try:
            host = urllib.parse.urlsplit(url).hostname
        except ValueError:   # e.g. an unclosed [ of an IPv6 address
            host = None
        if url and not host:
            self.error(path, "bad-url", f"'{dotted(path)}' has no host name: '{url}'",
                       "write the full address, e.g. https://dichvucong.example.gov.vn/gop-y", at_value=True)
            return ""
        return url

    def email(self, value, path) -> str:
        address = self.text(value, path)
        if address and not EMAIL_RE.match(address):
            self.error(path, "bad-email", f"'{dotted(path)}' is not an e-mail address: '{address}'",
                       "write it as name@example.gov.vn, without 'mailto:'", at_value=True)
            return ""
        return address

    def phone(self, value, path) -> str:
        number = self.text(value, path)
        if number and not PHONE_RE.match(number):
            self.error(path, "bad-phone", f"'{dotted(path)}' is not a phone number: '{number}'",
                       "write digits with optional spaces, e.g. \"0263 3822 111\" (in quotes)",
                       at_value=True)
            return ""
        return number

    def key_of(self, value, path, table: dict, table_name: str, what: str) -> str:
        """A key that must exist in one of site_config's tables (agencies, topics, …)."""
        key = self.text(value, path)
        if not key:
            return ""
        if key not in table:
            guess = suggestion(key, table)
            hint = f"did you mean '{guess}'? " if guess else ""
            hint += f"use a key listed under '{table_name}:' in site_config.yml, or add it there"
            self.error(path, f"unknown-{what.replace(' ', '-')}", f"unknown {what} '{key}'", hint, at_value=True)
            return ""
        return key


_REQUIRED_HINTS = {
    "title": "(the draft's name, e.g. \"Dự thảo Nghị quyết về …\")",
    "summary": "(a plain-language summary of a few sentences)",
    "doc_type": "(a key under doc_types: in site_config.yml)",
    "agency": "(a key under agencies: in site_config.yml)",
    "topics": "(a list of keys under topics: in site_config.yml)",
    "consultation": "(with opens, closes and channels)",
    "opens": "(the first day of comments, YYYY-MM-DD)",
    "closes": "(the last day of comments, YYYY-MM-DD)",
    "channels": "(at least one way to respond, e.g. - {type: email, address: …})",
    "alt": "(a sentence that says what the picture shows)",
}


def required_hint(path) -> str:
    return _REQUIRED_HINTS.get(path[-1], "")
