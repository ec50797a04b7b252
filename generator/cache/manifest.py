"""The manifest of a published site: what each of its files holds.

The build that publishes a site leaves its manifest in the cache, for the next build to
link the files that did not change (`published`): every file's SHA-256 with the identity the file had then (device, inode,
size, modification and change time, in nanoseconds). An entry is believed only while the
file still has exactly that identity; any write, replacement or copy over it changes it,
and the change time cannot be set back. A file without a believable entry is read and
compared. The manifest is untrusted like every cache file: it is read only when its check
(an HMAC-SHA-256 under the key kept outside the cache, `seal`, over the site's path, the
code and every line: a forger without the key cannot make one) passes and every line is
well formed, and nothing in it is ever written into the site; at worst it lets the build
keep a file the site already has at that path. Entries also name the code that wrote them,
since the compressed copies beside an unchanged file are unchanged only while the code that
made them is, and, for a filled page or a share card, the cache key its bytes were made from: the same key always
gives the same bytes, so such a file still vouched for is linked without reading the cache
(`put_made`).
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import time
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from generator.cache import seal
from generator.cache.store import lines_after_first, read_regular, write_new

KEEP_DAYS = 30   # a manifest no build wrote for this long is removed
MAX_MANIFEST_BYTES = 256 << 20   # 17 MB at 10,000 drafts: a larger one is not read (nothing is linked)
LINES_IN_A_BLOCK = 10000   # lines of the manifest made into bytes at a time


def manifest_name(site: Path) -> str:
    """The manifest's file name in the cache, one per output folder: a preview or a second
    output built with the same cache never replaces the nightly site's manifest."""
    return f"published-{hashlib.sha256(os.fsencode(site.resolve())).hexdigest()[:16]}.manifest"


FORMAT = b"policyhub-published 3"
_KEY = re.compile(r"[0-9a-f]{64}")
_LINE = re.compile(rb"([0-9a-f]{64}) (\d+) (\d+) (\d+) (\d+) (\d+) ([0-9a-f]{64}|-) (.+)")


class Entry(NamedTuple):
    digest: str
    identity: tuple[int, int, int, int, int]   # device, inode, size, mtime and ctime in ns
    made: str = ""                             # the cache key the file's bytes were made from, if any


_MADE, _TRUSTED = 1, 2   # a row's flags: it names a cache key; its file still has its identity


class Manifest(Mapping):
    """A manifest's entries, relative path -> `Entry`, packed one row a file: the digests and
    cache keys as 32 bytes each, the identities as five numbers, in flat arrays. At 10,000
    drafts a site has 86,000 files; a dict of strings and tuples for each took about 100 MB in
    the process that reads it, and in every worker forked from it, as its pages are touched."""

    def __init__(self) -> None:
        self.rows: dict[str, int] = {}
        self.digests = bytearray()       # 32 bytes a row
        self.identities = array("Q")     # 5 numbers a row
        self.made = bytearray()          # 32 bytes a row, zeros when it names no key
        self.flags = bytearray()

    def add(self, rel: str, digest: str, identity_then, made: str) -> None:
        """Raises ValueError (a digest or key not in hex, a repeated path) or OverflowError
        (a number no file has)."""
        if rel in self.rows:
            raise ValueError(rel)
        raw, key = bytes.fromhex(digest), bytes.fromhex(made) if made else bytes(32)
        if len(raw) != 32 or len(key) != 32:
            raise ValueError(rel)
        self.identities.extend(identity_then)
        self.rows[rel] = len(self.flags)
        self.digests += raw
        self.made += key
        self.flags.append(_MADE if made else 0)

    def trust(self, row: int) -> None:
        """Mark the file of `row` as still having the identity the manifest gives it."""
        self.flags[row] |= _TRUSTED

    def identity(self, row: int) -> tuple[int, int, int, int, int]:
        return tuple(self.identities[5 * row:5 * row + 5])

    def digest(self, row: int) -> bytes:
        return bytes(self.digests[32 * row:32 * row + 32])

    def made_key(self, row: int) -> str:
        return self.made[32 * row:32 * row + 32].hex() if self.flags[row] & _MADE else ""

    def __getitem__(self, rel: str) -> Entry:
        row = self.rows[rel]
        return Entry(self.digest(row).hex(), self.identity(row), self.made_key(row))

    def __contains__(self, rel: object) -> bool:
        return rel in self.rows

    def __iter__(self) -> Iterator[str]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


class Vouched(Mapping):
    """Relative path -> SHA-256 (hex) of the published files that still are what the
    manifest says: a view of its rows, nothing copied."""

    def __init__(self, manifest: Manifest) -> None:
        self._manifest = manifest
        self._count = sum(1 for flag in manifest.flags if flag & _TRUSTED)

    def row(self, rel: str) -> int | None:
        row = self._manifest.rows.get(rel)
        return row if row is not None and self._manifest.flags[row] & _TRUSTED else None

    def __getitem__(self, rel: str) -> str:
        row = self.row(rel)
        if row is None:
            raise KeyError(rel)
        return self._manifest.digest(row).hex()

    def __contains__(self, rel: object) -> bool:
        return isinstance(rel, str) and self.row(rel) is not None

    def __iter__(self) -> Iterator[str]:
        flags = self._manifest.flags
        return (rel for rel, row in self._manifest.rows.items() if flags[row] & _TRUSTED)

    def __len__(self) -> int:
        return self._count


def identity(st: os.stat_result) -> tuple[int, int, int, int, int]:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _sealed_with(site: Path, code: str) -> bytes:
    """What a manifest's seal is made of besides its lines."""
    return b"policyhub-published\0" + os.fsencode(site) + b"\0" + code.encode() + b"\0"


def _check(site: Path, code: str, *body: bytes, sealed: seal.Seal | None = None) -> bytes:
    """The manifest's check of the parts of its `body`, sealed with this run's key."""
    return (sealed or seal.current()).sign(_sealed_with(site, code), *body)


def read_manifest(path: Path, site: Path) -> tuple[str, Manifest]:
    """(code, entries) of the manifest the last build into `site` wrote; ("", no entries) when
    there is none, or it is another site's, damaged, or not one this module writes."""
    sealed = seal.current()
    data = read_regular(path, MAX_MANIFEST_BYTES) if sealed is not None else None
    if data is None:
        return "", Manifest()
    end = data.find(b"\n")
    parts = data[:end].split(b" ") if end >= 0 else []
    if len(parts) != 4 or b" ".join(parts[:2]) != FORMAT or not re.fullmatch(rb"[0-9a-f]{64}", parts[2]):
        return "", Manifest()
    code = parts[2].decode("ascii")
    if not sealed.verifies(parts[3], _sealed_with(site, code), memoryview(data)[end + 1:]):
        return "", Manifest()
    entries = Manifest()
    line_of, add = _LINE.fullmatch, entries.add
    for line in lines_after_first(data):
        if not line:
            continue
        match = line_of(line)
        if match is None:
            return "", Manifest()
        digest, device, inode, size, mtime, ctime, made, name = match.groups()
        try:
            rel = name.decode("utf-8")
            if not plain_relative(rel):
                return "", Manifest()
            add(rel, digest.decode("ascii"), (int(device), int(inode), int(size), int(mtime), int(ctime)),
                "" if made == b"-" else made.decode("ascii"))
        except (UnicodeDecodeError, ValueError, OverflowError):
            return "", Manifest()
    return code, entries


def plain_relative(rel: str) -> bool:
    """A path of names inside the site: none empty, `.` or `..`, no newline or NUL."""
    if not rel or "\n" in rel or "\0" in rel or rel[0] == "/" or rel[-1] == "/" or "//" in rel:
        return False
    return not (rel == "." or rel == ".." or rel.startswith(("./", "../")) or rel.endswith(("/.", "/.."))
                or "/./" in rel or "/../" in rel)


def write_manifest(path: Path, site: Path, code: str, digests: dict[str, str],
                   made: dict[str, str] | None = None) -> None:
    """The manifest of `site` as it stands now: each file of `digests` (relative path ->
    SHA-256 of its bytes) with its identity, and the cache key it was made from (`made`,
    see `put_made`). A cache that cannot be written costs the next build reading the
    published files."""
    sealed = seal.current()
    if sealed is None:
        return
    made = made or {}
    body, lines = [], []   # the lines as bytes, a block at a time: a national hub's are 100 MB
    root = os.fspath(site) + os.sep
    is_key, lstat, regular = _KEY.fullmatch, os.lstat, stat.S_ISREG
    for rel in sorted(digests):
        if not plain_relative(rel):
            continue
        try:
            st = lstat(root + rel)
        except OSError:
            continue
        if regular(st.st_mode):
            key = made.get(rel)
            key = key if key is not None and is_key(key) else "-"
            lines.append(f"{digests[rel]} {st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} "
                         f"{key} {rel}")
            if len(lines) == LINES_IN_A_BLOCK:
                body += [b"\n"] * bool(body) + ["\n".join(lines).encode("utf-8")]
                lines = []
    if lines:
        body += [b"\n"] * bool(body) + ["\n".join(lines).encode("utf-8")]
    try:
        write_new(path, FORMAT + b" " + code.encode("ascii") + b" " + _check(site, code, *body, sealed=sealed) + b"\n",
                  *body)
    except OSError:
        pass
    _forget_old_manifests(path.parent)


def _forget_old_manifests(cache: Path) -> None:
    """Manifests of output folders no build has used for KEEP_DAYS (a preview's temporary
    folder, a copy since removed) are removed, so the cache does not grow with them."""
    limit = time.time() - KEEP_DAYS * 86400
    for old in cache.glob("published-*.manifest"):
        try:
            if old.lstat().st_mtime < limit:
                old.unlink()
        except OSError:
            pass
