"""What changed since a draft's latest earlier version, kept from one build to the next.

Comparing two versions block by block and word by word costs milliseconds a draft, and a
nightly build of a large hub compares hundreds of drafts whose texts did not change. The
changes are a function of the two texts alone, so they are kept in the cache folder
(`history/`) under a SHA-256 of both texts and our code, as JSON.

The cache is untrusted: an entry is used only when it passes `FileCache`'s check and is
exactly what `encode` writes (each change a known kind with its words, every text a
string); anything else is compared again and written anew. A changed word is shown as
text on the draft's page (escaped like every text), so a forged entry can misstate what
changed, as a forged page in the cache can, but never bring markup.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from generator.cache import sources as source_cache
from generator.cache.store import FileCache
from generator.plan.version_diff import BlockChange, Segment, compare

CACHE_VERSION = "1"
FOLDER = "history"
KEEP_SECONDS = 7 * 24 * 3600
CHANGE_KINDS = frozenset({"added", "removed", "changed"})
SEGMENT_KINDS = frozenset({"same", "added", "removed"})


class BadEntry(ValueError):
    """Not what `encode` writes."""


def _segments(segments: tuple[Segment, ...]) -> list:
    return [[s.kind, s.text, s.space] for s in segments]


def encode(changes: list[BlockChange]) -> bytes:
    return json.dumps([[c.kind, c.section, _segments(c.segments), [_segments(cell) for cell in c.cells],
                        list(c.header), c.is_header] for c in changes],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _text(value) -> str:
    if type(value) is not str:
        raise BadEntry("not a text")
    return value


def _list(value) -> list:
    if type(value) is not list:
        raise BadEntry("not a list")
    return value


def _decode_segments(value) -> tuple[Segment, ...]:
    segments = []
    for item in _list(value):
        if len(_list(item)) != 3 or item[0] not in SEGMENT_KINDS or type(item[2]) is not bool:
            raise BadEntry("not a segment")
        segments.append(Segment(item[0], _text(item[1]), item[2]))
    return tuple(segments)


def decode(data: bytes) -> list[BlockChange]:
    """The changes `encode` wrote; BadEntry for anything else."""
    try:
        value = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BadEntry("not JSON") from None
    changes = []
    for item in _list(value):
        if len(_list(item)) != 6 or item[0] not in CHANGE_KINDS or type(item[5]) is not bool:
            raise BadEntry("not a change")
        changes.append(BlockChange(item[0], _text(item[1]), _decode_segments(item[2]),
                                   tuple(_decode_segments(cell) for cell in _list(item[3])),
                                   tuple(_text(cell) for cell in _list(item[4])), item[5]))
    return changes


class KeptChanges:
    """`compare`, with the results kept in `folder` (None: nothing kept)."""

    def __init__(self, folder: Path | None):
        self.files = FileCache(folder, ".json", KEEP_SECONDS)

    @staticmethod
    def key(old_text: str, new_text: str) -> str:
        digest = hashlib.sha256(f"policyhub-changes {CACHE_VERSION}\0{source_cache.code_digest()}\0".encode())
        for text in (old_text, new_text):
            data = text.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
        return digest.hexdigest()

    def compare(self, old_text: str, new_text: str) -> list[BlockChange]:
        if self.files.folder is None:
            return compare(old_text, new_text)
        key = self.key(old_text, new_text)
        kept = self.files.read(key)
        if kept is not None:
            try:
                return decode(kept)
            except BadEntry:
                pass   # made again below, and the entry replaced
        changes = compare(old_text, new_text)
        self.files.write(key, encode(changes))
        return changes

    def prune(self) -> None:
        self.files.prune()


def kept_changes(cache_dir: Path | None) -> KeptChanges:
    return KeptChanges(cache_dir / FOLDER if cache_dir is not None else None)
