"""A feed, calendar or open-data entry kept in the cache is used only when it is exactly one
entry of its kind (`entry_check`): every entry the writers make passes, and bytes that would
bring script into the file or break its structure do not, whoever sealed them."""
from __future__ import annotations

import pytest

from generator.outputs import calendar_ics, entry_check, feed_extension, feeds, opendata
from generator.outputs.entry_table import KINDS, EntryTable
from tests.conftest import REPO
from tests.unit.outputs.test_feed_splice import plan_of


@pytest.fixture(scope="module")
def made():
    """Every entry of every kind the writers make for the example site, by kind."""
    plan = plan_of(REPO / "site_config.yml", "2026-12-06")
    entries = feeds.make_entries(plan)
    tables = {kind: EntryTable(plan, kind, cached=False) for kind in KINDS}
    for spec in feeds.feed_specs(plan, entries):
        feeds.atom_xml(plan, spec, entries, tables["atom"])
    feeds.rss_xml(plan, entries, tables["rss"])
    feeds.json_feed(plan, entries, tables["json-feed"])
    opendata.drafts_json(plan, tables["open-data"])
    calendar_ics.calendar_ics(plan, tables["calendar"])
    base = plan.config.site.base_url
    return base, {kind: list(table.used.values()) for kind, table in tables.items()}


@pytest.mark.parametrize("kind", KINDS)
def test_every_entry_the_writers_make_is_one_of_its_kind(made, kind):
    base, by_kind = made
    assert len(by_kind[kind]) >= 5
    sound = entry_check.checker(kind, base)
    assert all(sound(data) for data in by_kind[kind])


def _ours(base):
    return feed_extension.namespace(base).encode()


XML_FORGERIES = {
    "script in the page's namespace": lambda d, b: d.replace(
        b"</title>\n", b'</title>\n<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>\n', 1),
    "a comment": lambda d, b: d.replace(b"</title>\n", b"</title>\n<!-- x -->\n", 1),
    "a processing instruction": lambda d, b: d.replace(b"</title>\n", b"</title>\n<?xml-stylesheet href='x'?>\n", 1),
    "an attribute in another namespace": lambda d, b: d.replace(
        b"<title", b'<title xmlns:x="http://www.w3.org/1999/xlink" x:href="javascript:alert(1)"', 1),
    "two entries": lambda d, b: d + d,
    "the end of the file": lambda d, b: d.rstrip(b"\n") + b"</feed></rss>\n",
    "an entity": lambda d, b: d.replace(b"</title>", b"&xxe;</title>", 1),
    "text after the entry": lambda d, b: d + b"tail\n",
    "our namespace's lookalike": lambda d, b: d.replace(b"</title>\n", b'</title>\n<x:y xmlns:x="' + _ours(b)[:-1]
                                                        + b'"/>\n', 1),
}
ATOM_ONLY = "an element with no namespace where the feed has one"
XML_FORGERIES[ATOM_ONLY] = lambda d, b: d.replace(b"</title>\n", b'</title>\n<script xmlns="">alert(1)</script>\n', 1)


@pytest.mark.parametrize("kind, forgery", [(kind, forgery) for kind in ("atom", "rss") for forgery in sorted(XML_FORGERIES)
                                            if (kind, forgery) != ("rss", ATOM_ONLY)])   # RSS's own have none
def test_a_feed_entry_with_more_than_an_entry_is_refused(made, kind, forgery):
    base, by_kind = made
    sound = entry_check.checker(kind, base)
    data = by_kind[kind][0]
    forged = XML_FORGERIES[forgery](data, base)
    assert forged != data
    assert not sound(forged)


JSON_FORGERIES = {
    "a member of the file": lambda d: d + b'\n  ],\n  "added": "<script>alert(1)</script>",\n  "more": [\n    {}',
    "two objects": lambda d: d + b",\n" + d,
    "a list": lambda d: b"    [" + d[4:] + b"]",
    "not closed": lambda d: d[:-1],
    "a line out of its indent": lambda d: d.replace(b"\n      ", b"\n  ", 1),
    "not UTF-8": lambda d: d.replace(b"{", b"{\xff", 1),
    "a lone surrogate": lambda d: d.replace(b'": "', b'": "\\ud800', 1),
    "deeply nested": lambda d: b"    {" + b'"a":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
}


@pytest.mark.parametrize("kind", ["json-feed", "open-data"])
@pytest.mark.parametrize("forgery", sorted(JSON_FORGERIES))
def test_a_json_entry_that_is_not_one_object_as_written_is_refused(made, kind, forgery):
    base, by_kind = made
    sound = entry_check.checker(kind, base)
    data = by_kind[kind][0]
    forged = JSON_FORGERIES[forgery](data)
    assert forged != data
    assert not sound(forged)


@pytest.mark.parametrize("forged", [
    lambda d: d + b"BEGIN:VEVENT\r\nUID:x@example\r\nURL:javascript:alert(1)\r\nEND:VEVENT\r\n",
    lambda d: d.replace(b"\r\nEND:VEVENT", b"\r\nX-SCRIPT:1\r\nEND:VEVENT"),
    lambda d: d.replace(b"\r\n", b"\n"),
    lambda d: d + b"END:VCALENDAR\r\n",
])
def test_a_calendar_entry_that_is_not_one_event_is_refused(made, forged):
    base, by_kind = made
    data = by_kind["calendar"][0]
    assert not entry_check.checker("calendar", base)(forged(data))
