"""Each draft's entry in a feed, the calendar or the open data, kept from one build to the next.

A feed, the calendar and the open data are a frame (the file's own elements, dated by the
build) around one entry per draft. An entry's bytes follow from the draft as the site shows
it, its latest change and when it opened (`entry_key`), the site's settings and our code (the
key of the table): a nightly build in which a few drafts changed makes those few entries and
takes every other one from the table the last build left, where feedgen, icalendar and the
JSON encoder cost a fraction of a millisecond for each entry of each file.

The table is one cache entry for each kind of entry (`KINDS`), read whole: the list of its
entries' keys and sizes, a newline, their bytes. It is untrusted like every cache file:
`FileCache` finds damage, and a table whose list is not well formed or whose sizes do not
add up is not used (every entry is made again), and a kept entry that is not exactly one
entry of its kind (`entry_check`) is made again. A build that made an entry, or no longer
needed one, writes the table again with exactly the entries it used.
"""
from __future__ import annotations

import hashlib
import json
import re
from typing import Callable, Iterable, Sequence

from generator.cache import sources as source_cache
from generator.cache.store import FileCache
from generator.outputs import entry_check
from generator.plan.plan import DraftView, Plan

FOLDER = "entries"
SUFFIX = ".entries"
KEEP_SECONDS = 7 * 24 * 3600
MAKE_AT_ONCE = 500          # entries a maker is asked for at a time
KINDS = ("atom", "rss", "json-feed", "open-data", "calendar")
_KEY = re.compile(r"[0-9a-f]{64}")


def table_key(plan: Plan, kind: str) -> str:
    """What every entry of `kind` depends on beyond its draft: the site's settings and our code."""
    digest = hashlib.sha256(f"policyhub-entries\0{kind}\0{source_cache.code_digest()}\0".encode())
    digest.update(repr(plan.config).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def table_keys(plan: Plan) -> tuple[str, ...]:
    return tuple(table_key(plan, kind) for kind in KINDS)


def entry_key(plan: Plan, view: DraftView, *moments) -> str:
    """The key of a draft's entry: the draft as the site shows it (its view) and the moments
    of the day that the entry states (its latest change, its opening)."""
    digest = hashlib.sha256(plan.stable_text(view).encode("utf-8", "surrogatepass"))
    digest.update(repr(moments).encode("utf-8"))
    return digest.hexdigest()


def pack(entries: dict[str, bytes]) -> list[bytes]:
    """A table's parts: its list of keys and sizes, a newline, the entries (written one after
    the other, never joined: a large hub's table is over 100 MB)."""
    index = [[key, len(data)] for key, data in entries.items()]
    return [json.dumps(index).encode("ascii"), b"\n", *entries.values()]


def unpack(data: bytes) -> dict[str, memoryview]:
    """The entries of a table, each a view of `data`, not a copy; {} when it is not one
    `pack` writes."""
    end = data.find(b"\n")
    if end < 0:
        return {}
    try:
        index = json.loads(data[:end])
    except (ValueError, RecursionError):
        return {}
    body = memoryview(data)[end + 1:]
    if not isinstance(index, list):
        return {}
    entries, offset = {}, 0
    for item in index:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str) and _KEY.fullmatch(item[0])
                and type(item[1]) is int and item[1] >= 0) or item[0] in entries:
            return {}
        entries[item[0]] = body[offset:offset + item[1]]
        offset += item[1]
    return entries if offset == len(body) else {}


class EntryTable:
    """The entries of one kind for one build: those the last build kept, and those made now."""

    def __init__(self, plan: Plan, kind: str, cached: bool = True):
        """`cached`: read and keep the table in the plan's cache folder, if it has one."""
        folder = plan.cache_dir / FOLDER if cached and plan.cache_dir is not None else None
        self.cache = FileCache(folder, SUFFIX, KEEP_SECONDS) if folder is not None else None
        self.key = table_key(plan, kind)
        self.sound = entry_check.checker(kind, plan.config.site.base_url)
        kept = self.cache.read(self.key) if self.cache is not None else None
        self.kept = unpack(kept) if kept is not None else {}
        self.used: dict[str, bytes | memoryview] = {}
        self.made = 0

    def entries(self, keys: Sequence[str], make: Callable[[list[int]], Iterable[bytes]]) -> list[bytes]:
        """The entries of `keys`, in order: kept ones as they are, the others by
        `make(positions of the missing keys)` (their bytes, in that order), all at once."""
        missing: dict[str, int] = {}   # each key made once, where it first comes
        for i, key in enumerate(keys):
            if key in self.used or key in missing:
                continue
            if key in self.kept and self.sound(bytes(self.kept[key])):
                self.used[key] = self.kept[key]
            else:
                missing[key] = i
        # made a batch at a time: a maker holds every entry it makes at once (a whole feed
        # of them, as a library's objects and then as text), which for a first build of a
        # large hub is every draft
        keys_missing, positions = list(missing), list(missing.values())
        for start in range(0, len(positions), MAKE_AT_ONCE):
            made = list(make(positions[start:start + MAKE_AT_ONCE]))
            if len(made) != len(positions[start:start + MAKE_AT_ONCE]):
                raise ValueError("an entry maker gave a different number of entries than asked for")
            self.used.update(zip(keys_missing[start:start + MAKE_AT_ONCE], made))
            self.made += len(made)
        return [self.used[key] for key in keys]

    def save(self) -> None:
        """Keep this build's entries for the next, when they are not what the table holds."""
        if self.cache is not None and (self.made or self.used.keys() != self.kept.keys()):
            self.cache.write(self.key, *pack(self.used))


def prune(plan: Plan) -> None:
    """Remove the tables of other settings or code (after every writer saved its own)."""
    if plan.cache_dir is not None:
        FileCache(plan.cache_dir / FOLDER, SUFFIX, KEEP_SECONDS).prune(keep=table_keys(plan))
