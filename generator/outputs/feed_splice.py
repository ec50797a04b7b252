"""A file of entries as its frame with the entries' bytes put in, byte for byte what the
library that writes it would write for the whole file.

feedgen (lxml, pretty-printed), icalendar and the JSON encoder (indented) each write an entry
the same way whatever its neighbours and the file's own elements: in Atom each entry is a
child of the root at one level of indent, in RSS an item is a child of the channel at two,
an iCalendar event is its lines between the calendar's properties and its end, and in the
JSON files an entry is an element of the list that is the last member of the top object.
So a file is its frame (the library's output for the file without entries) with the entries
spliced in before its end, and an entry, once written, can be kept for the next build.
tests/unit/outputs/test_feed_splice.py checks that the spliced files are the whole ones.
"""
from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class XmlShape:
    """Where the entries of a pretty-printed feed are: each starts with `start` at the start
    of a line, and the last one is followed by `end`, the end of the file."""

    start: bytes
    end: bytes


ATOM = XmlShape(b"  <entry>\n", b"</feed>\n")
RSS = XmlShape(b"    <item>\n", b"  </channel>\n</rss>\n")
CALENDAR_END = b"END:VCALENDAR\r\n"


def _frame_head(frame: bytes, end: bytes) -> bytes:
    if not frame.endswith(end):
        raise ValueError("the frame does not end where its entries go")
    return frame[:len(frame) - len(end)]


def spliced_xml(frame: bytes, shape: XmlShape, entries: list[bytes]) -> list[bytes]:
    """The feed `frame` (written without entries) with `entries` (cut by `cut_xml`) in it, as
    the parts of the file, never joined: they are written one after the other (`published.put`),
    so a large hub's feed is never in memory twice, once as entries and once whole."""
    return [_frame_head(frame, shape.end), *entries, shape.end]


def cut_xml(whole: bytes, shape: XmlShape, count: int) -> list[bytes]:
    """The `count` entries of a whole feed, each with its indent and final newline. Text and
    attributes in XML never hold a bare `<`, so `shape.start` on a line of its own is only
    ever an entry's start tag."""
    body = _frame_head(whole, shape.end)
    marker, starts = b"\n" + shape.start, []
    at = body.find(marker)
    while at >= 0:
        starts.append(at + 1)
        at = body.find(marker, at + 1)
    if len(starts) != count:
        raise ValueError(f"the feed holds {len(starts)} entries where {count} were written")
    return [body[a:b] for a, b in zip(starts, starts[1:] + [len(body)])]


def spliced_calendar(frame: bytes, events: list[bytes]) -> list[bytes]:
    """The calendar `frame` (written without events) with the events' own bytes in it, in
    parts (as `spliced_xml`)."""
    return [_frame_head(frame, CALENDAR_END), *events, CALENDAR_END]


def json_bytes(data) -> bytes:
    """How every JSON file of the site is written: indented by two, UTF-8, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode("utf-8")


def json_entry(value) -> bytes:
    """An element of the top object's list as `json_bytes` writes it there (indented by
    four; JSON strings hold no bare newline), without the comma between elements."""
    return ("    " + json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")).encode("utf-8")


def spliced_json(frame: dict, member: str, entries: list[bytes]) -> list[bytes]:
    """`json_bytes(frame)` with the list `frame[member]` (empty in `frame`, its last member)
    holding `entries` (made by `json_entry`), in parts (as `spliced_xml`)."""
    if list(frame)[-1:] != [member] or frame[member] != []:
        raise ValueError(f"{member!r} must be the frame's last member, an empty list")
    empty = f'  {json.dumps(member)}: []\n}}\n'.encode("utf-8")
    head = _frame_head(json_bytes(frame), empty)
    if not entries:
        return [head, empty]
    parts = [head, f'  {json.dumps(member)}: [\n'.encode("utf-8")]
    for entry in entries:
        parts += (entry, b",\n")
    parts[-1] = b"\n  ]\n}\n"
    return parts
