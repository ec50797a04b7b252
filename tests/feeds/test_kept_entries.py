"""A nightly build makes the feed entries, calendar events and open data records of the drafts
whose state changed, takes every other one from the last build's, and writes the same files
as a build without a cache."""
from __future__ import annotations

import datetime as dt
import json

import feedparser
import pytest

from generator import build as pipeline
from generator.outputs import calendar_ics, feeds, opendata
from generator.cache.store import FileCache
from generator.outputs import entry_table
from tests.conftest import cache_of, counting, draft_text, make_site, tree_bytes

DRAFTS = {
    "2026/dang-mo.md": draft_text(title="Dự thảo đang lấy ý kiến", opens="2026-11-10", closes="2026-12-10"),
    "2026/sap-mo.md": draft_text(title="Dự thảo sắp lấy ý kiến", opens="2026-12-01", closes="2026-12-30"),
    "2026/da-dong.md": draft_text(title="Dự thảo đã hết hạn", opens="2026-10-01", closes="2026-10-31"),
}
MAKERS = [(feeds, "_add_atom_entry"), (feeds, "_add_rss_item"), (feeds, "json_item"),
          (opendata, "draft_record"), (calendar_ics, "deadline_event")]


def build(config, out, day, **options):
    result = pipeline.build(pipeline.Options(config_path=config, out=out, today=dt.date.fromisoformat(day),
                                             quiet=True, workers=1, **options))
    assert not result.report.errors
    return result


def counted_makers(monkeypatch) -> dict[str, list]:
    return {name: counting(monkeypatch, module, name) for module, name in MAKERS}


def test_the_next_day_makes_only_the_entries_of_the_draft_that_opened(tmp_path, monkeypatch):
    config = make_site(tmp_path / "s", DRAFTS)
    out = tmp_path / "site"
    build(config, out, "2026-11-22")
    calls = counted_makers(monkeypatch)
    build(config, out, "2026-12-01")   # the upcoming draft opens; nothing else happens
    made = {name: {(args[-1] if name in ("_add_atom_entry", "_add_rss_item", "json_item") else args[0]).draft.slug
                   for args in seen} for name, seen in calls.items()}
    assert made == {name: {"sap-mo"} for name in made}, made
    monkeypatch.undo()
    build(config, tmp_path / "cold", "2026-12-01", use_cache=False)
    assert tree_bytes(out) == tree_bytes(tmp_path / "cold")


def test_the_same_day_again_makes_no_entry_and_keeps_every_file(tmp_path, monkeypatch):
    config = make_site(tmp_path / "s", DRAFTS)
    out = tmp_path / "site"
    build(config, out, "2026-11-22")
    made_here = (".xml", ".json", ".ics", ".gz", ".br")   # feeds, open data, calendar and their copies
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()
              and p.name.endswith(made_here) and (p.parent.name in ("feeds", "co-quan", "linh-vuc", "api")
                                                   or p.name.startswith("calendar.ics"))}
    assert len(before) > 20
    calls = counted_makers(monkeypatch)
    build(config, out, "2026-11-22")
    assert all(not seen for seen in calls.values()), calls
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in before} == before


def test_entries_made_a_few_at_a_time_give_the_files_made_all_at_once(tmp_path, monkeypatch):
    """A first build of a large hub makes its entries in batches, each a feed of its own:
    where a batch ends shows nowhere in the feeds, the calendar or the open data."""
    config = make_site(tmp_path / "s", DRAFTS)
    build(config, tmp_path / "whole", "2026-12-01", use_cache=False)
    monkeypatch.setattr(entry_table, "MAKE_AT_ONCE", 1)
    feeds_made = counting(monkeypatch, feeds, "_made_xml")
    build(config, tmp_path / "batches", "2026-12-01", use_cache=False)
    assert len(feeds_made) == 2 * len(DRAFTS)   # Atom and RSS: one feed of each entry alone
    assert tree_bytes(tmp_path / "batches") == tree_bytes(tmp_path / "whole")
    parsed = feedparser.parse((tmp_path / "batches" / "feeds" / "rss.xml").read_bytes())
    assert not parsed.bozo and len(parsed.entries) == len(DRAFTS)


def _shift_first_size(index, body):
    index[0][1] += 1
    return index, body


def _twice_the_first(index, body):
    return [index[0]] + index, body[:index[0][1]] + body


@pytest.mark.parametrize("forge", [_shift_first_size, _twice_the_first])
def test_a_well_signed_table_that_does_not_add_up_is_not_used(tmp_path, monkeypatch, forge):
    config = make_site(tmp_path / "s", DRAFTS)
    build(config, tmp_path / "cold", "2026-11-22", use_cache=False)
    build(config, tmp_path / "site", "2026-11-22")
    folder = cache_of(config) / entry_table.FOLDER
    tables = sorted(folder.rglob(f"*{entry_table.SUFFIX}"))
    assert len(tables) == len(entry_table.KINDS)
    store = FileCache(folder, entry_table.SUFFIX, 0)
    for path in tables:
        head, _, body = store.read(path.name[:64]).partition(b"\n")
        index, body = forge(json.loads(head), body)
        forged = json.dumps(index).encode() + b"\n" + body
        path.write_bytes(store._check(path.name[:64], forged) + forged)
    calls = counted_makers(monkeypatch)
    build(config, tmp_path / "again", "2026-11-22")
    assert {name: len(seen) > 0 for name, seen in calls.items()} == {name: True for name in calls}
    assert tree_bytes(tmp_path / "again") == tree_bytes(tmp_path / "cold")


def _script_in_atom(data):
    return data.replace(b"  </entry>\n", b'    <script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>\n'
                                         b"  </entry>\n") if data.startswith(b"  <entry>") else None


def _rss_closed_early(data):
    return data.replace(b"    </item>\n", b"    </item></channel></rss><!--\n") if data.startswith(b"    <item>") else None


def _script_link_event(data):
    return data + b"BEGIN:VEVENT\r\nUID:x@example\r\nURL:javascript:alert(1)\r\nEND:VEVENT\r\n" \
        if data.startswith(b"BEGIN:VEVENT") else None


def _top_level_member(data):
    return data + b'\n  ],\n  "added": "<script>alert(1)</script>",\n  "more": [\n    {}' \
        if data.startswith(b"    {") else None


@pytest.mark.parametrize("forge", [_script_in_atom, _rss_closed_early, _script_link_event, _top_level_member])
def test_a_well_signed_entry_that_is_not_one_entry_of_its_kind_is_made_again(tmp_path, forge):
    config = make_site(tmp_path / "s", DRAFTS)
    build(config, tmp_path / "cold", "2026-11-22", use_cache=False)
    build(config, tmp_path / "site", "2026-11-22")
    folder = cache_of(config) / entry_table.FOLDER
    store = FileCache(folder, entry_table.SUFFIX, 0)
    forged_tables = 0
    for path in sorted(folder.rglob(f"*{entry_table.SUFFIX}")):
        entries = entry_table.unpack(store.read(path.name[:64]))
        forged = {key: forge(bytes(data)) for key, data in entries.items()}
        if any(data is None for data in forged.values()):
            continue
        assert all(forged[key] != entries[key] for key in entries)
        table = b"".join(entry_table.pack(forged))
        path.write_bytes(store._check(path.name[:64], table) + table)
        assert entry_table.unpack(store.read(path.name[:64])) == forged   # the cache takes it as sound
        forged_tables += 1
    assert forged_tables >= 1
    build(config, tmp_path / "again", "2026-11-22")
    assert tree_bytes(tmp_path / "again") == tree_bytes(tmp_path / "cold")
