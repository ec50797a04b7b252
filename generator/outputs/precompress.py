"""Precompressed copies beside the site's text files: `X.gz` and `X.br` next to `X`.

A web server with nginx's `gzip_static` (and `brotli_static`), or Apache or IIS told to,
sends a phone the compressed copy of a page, stylesheet or feed instead of the file itself:
a draft page is a fifth of its size on the wire, and the server spends no time compressing.
A copy is written only when it is smaller than its file. The bytes depend on the file's
bytes alone (no name or time in the gzip header), so the same site gives the same copies,
and an unchanged file's copies come from the cache instead of being made again.
"""
from __future__ import annotations

import hashlib
import os
import struct
import zlib
from pathlib import Path
from typing import Callable, Collection

import brotli
from zlib_ng import zlib_ng

from generator import parallel
from generator.cache import published
from generator.cache.sources import code_digest
from generator.cache.store import FileCache

# what is sent as text: pages, styles, scripts, feeds, data, the calendar, drawings
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".xsl", ".svg", ".txt", ".ics", ".csv",
                           ".webmanifest"})
GZIP_LEVEL = 9          # a page costs about as much at 9 as at 6 here; each byte saved is the reader's
# the feeds, the open data and the calendar of a large hub (25 MB and more at 10,000 drafts,
# made again every day) cost 44 % less CPU at 6, for copies 5 % larger, fetched by machines
# that mostly take the brotli copy (bench/RESULTS.md, 2026-12-02, next day at 10,000 drafts)
GZIP_LEVEL_LARGE, LARGE = 6, 1 << 20
# brotli's levels above 6 cost far more time than they save bytes: at 5 the example site's
# text is 5 % smaller than gzip 9 for the same CPU; 11 saves another 10 % for 40 times the CPU,
# paid again for every draft page each day (bench/RESULTS.md, 2026-12-01, compressed copies)
BROTLI_QUALITY = 5
CODINGS = (".gz", ".br")
CACHE_VERSION = "1"
CACHE_KEEP_SECONDS = 7 * 24 * 3600
PARALLEL_FROM = 200     # files; below this, forking costs more than it saves


def gzip_level(size: int) -> int:
    return GZIP_LEVEL if size <= LARGE else GZIP_LEVEL_LARGE


def gzip_bytes(data: bytes) -> bytes:
    """`data` as a gzip member (RFC 1952) with a fixed header: no file name, time 0,
    operating system "unknown", so the same bytes and the same code give the same copy.
    Deflated by zlib-ng, which makes the copy of a 24 MB feed in a third of zlib's time at
    level 6, 1 % larger (bench/RESULTS.md, 2026-12-03); any inflater reads it."""
    level = gzip_level(len(data))
    deflate = zlib_ng.compressobj(level, zlib_ng.DEFLATED, -zlib_ng.MAX_WBITS, 9)
    body = deflate.compress(data) + deflate.flush()
    # magic, deflate, no flags, mtime 0, "maximum compression" (2) or not (0), OS unknown (255)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00" + (b"\x02" if level == 9 else b"\x00") + b"\xff"
    return header + body + struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF)


def brotli_bytes(data: bytes) -> bytes:
    return brotli.compress(data, mode=brotli.MODE_TEXT, quality=BROTLI_QUALITY)


def text_files(site: Path) -> list[Path]:
    """The files of the site worth compressing, in a stable order (never a copy itself)."""
    return [site / rel for rel, _ in _listed_text_files(site)]


def _listed_text_files(site: Path) -> list[tuple[str, int]]:
    """(path relative to `site`, inode number) of each file of `text_files`, as the listing
    of its folder gives them: no link is followed, and nothing is asked of a file itself."""
    found: list[tuple[str, int]] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file(follow_symlinks=False) and os.path.splitext(entry.name)[1] in TEXT_SUFFIXES:
                    found.append((prefix + entry.name, entry.inode()))

    walk(os.fspath(site), "")
    return sorted(found)


def compressed_copies(data: bytes, cache: FileCache) -> tuple[bytes, bytes]:
    """(gzip, brotli) of `data`, from the cache when an earlier build made them."""
    # like every key of the cache, it covers policyhub's code and the installed packages
    key = hashlib.sha256(f"precompress {CACHE_VERSION} {gzip_level(len(data))} {BROTLI_QUALITY} {brotli.__version__}\0"
                         f"{zlib_ng.ZLIBNG_RUNTIME_VERSION}\0{code_digest()}\0".encode() + data).hexdigest()
    both = cache.read(key)
    if both is not None and len(both) >= 4:
        size = int.from_bytes(both[:4], "big")
        if size <= len(both) - 4 and _copies_of(data, both[4:4 + size], both[4 + size:]):
            return both[4:4 + size], both[4 + size:]
    gz, br = gzip_bytes(data), brotli_bytes(data)
    cache.write(key, len(gz).to_bytes(4, "big") + gz + br)
    return gz, br


def _copies_of(data: bytes, gz: bytes, br: bytes) -> bool:
    """Whether `gz` and `br` are copies of `data`: the cache is untrusted, and a copy is what a
    server sends instead of the file, so each kept copy is unpacked and compared (a fraction
    of what making it costs), never unpacked past the file's size."""
    if gz[:4] != b"\x1f\x8b\x08\x00" or gz[8:10] not in (b"\x02\xff", b"\x00\xff") or gz[4:8] != bytes(4) \
            or gz[-8:] != struct.pack("<II", zlib.crc32(data), len(data) & 0xFFFFFFFF) or len(gz) < 18:
        return False   # not the fixed header gzip_bytes writes (no name, no comment, no extra field)
    inflate = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        if inflate.decompress(gz[10:-8], len(data) + 1) != data or not inflate.eof or inflate.unused_data:
            return False
        unbrotli = brotli.Decompressor()
        return unbrotli.process(br, output_buffer_limit=len(data) + 1) == data and unbrotli.is_finished()
    except (zlib.error, brotli.error):
        return False


def _published_copies(rel: str) -> int | None:
    """Link the published copies beside the staging file `rel`, which is the published file,
    linked (`Published.is_linked`), when the same code made them and the manifest still
    vouches for each; how many, or None when they must be made. A copy the published site
    lacks was not smaller than its file."""
    site = published.active()
    copies = [rel + suffix for suffix in CODINGS if rel + suffix in site.listed]
    if not all(copy in site.trusted for copy in copies):
        return None
    for copy in copies:
        inode = site.trusted_inode(copy)
        if inode is None or not site.link(copy, site.staging / copy, inode):
            return None
    return len(copies)


def _write_copies(cache: FileCache, site: Path, files: list[tuple[str, bool]]) -> int:
    return sum(_copies_beside(cache, site / rel, rel, linked, (site / rel).read_bytes) for rel, linked in files)


def _copies_beside(cache: FileCache, path: Path, rel: str, linked: bool, data: Callable[[], bytes]) -> int:
    """Put the copies of the staging file `path` (`rel` in the site) beside it: the published
    ones when it is the published file (`linked`) and they can be linked, else made from its
    bytes (`data()`); how many."""
    copies = _published_copies(rel) if linked else None
    return copies if copies is not None else _compressed_beside(cache, path, data())


def _compressed_beside(cache: FileCache, path: Path, data: bytes) -> int:
    """Write the copies of `data`, the bytes of `path`, that are smaller than it; how many."""
    written = 0
    for suffix, copy in zip(CODINGS, compressed_copies(data, cache)):
        if len(copy) < len(data):
            published.put(path.with_name(path.name + suffix), copy)
            written += 1
    return written


def _cache(cache_dir: Path | None) -> FileCache:
    return FileCache(cache_dir / "compressed" if cache_dir is not None else None, ".z", CACHE_KEEP_SECONDS)


class CopiesBeside:
    """The copies of a file made from the bytes its writer has in hand, as it writes them
    (the fill stage, for every page it makes): the stage of copies then need not read back
    what was just written. Called in the fill's workers; forked with the cache it shares."""

    def __init__(self, site: Path, cache_dir: Path | None) -> None:
        self.prefix = os.fspath(site) + os.sep
        self.cache = _cache(cache_dir)

    def __call__(self, target: Path, data: bytes) -> int | None:
        """How many copies of the staging file `target`, whose bytes are `data`, were put
        beside it; None when it is not one of `text_files` (left to `write_precompressed`)."""
        path = os.fspath(target)
        if not path.startswith(self.prefix) or os.path.splitext(path)[1] not in TEXT_SUFFIXES:
            return None
        rel = path[len(self.prefix):].replace(os.sep, "/")
        site = published.active()
        linked = site is not None and site.same_code and site.linked(target) is not None
        return _copies_beside(self.cache, target, rel, linked, lambda: data)


def write_precompressed(site: Path, cache_dir: Path | None, workers: int = 1,
                        done: Collection[str] = frozenset()) -> int:
    """Write `X.gz` and `X.br` beside every text file `X` of `site` but those `done` (paths
    relative to `site` whose copies `CopiesBeside` made); returns how many were written here."""
    cache = _cache(cache_dir)
    work = _largest_work_first(site, [(rel, inode) for rel, inode in _listed_text_files(site) if rel not in done])
    written = sum(parallel.map_chunks(lambda chunk: _write_copies(cache, site, chunk), work, workers,
                                      PARALLEL_FROM))
    cache.prune()
    return written


def _largest_work_first(site: Path, files: list[tuple[str, int]]) -> list[tuple[str, bool]]:
    """(path, whether it is the published file, linked) of each of `files`: those whose
    copies are to be made first, the largest first. The workers take their share in turns
    from the front, so the feeds and the open data of a large hub, which change every day and
    cost seconds each, are spread over the cores instead of ending the stage on one of them;
    the copies of the others are links, when the same code made them."""
    published_site = published.active()
    if published_site is not None and not published_site.same_code:
        published_site = None
    device = os.stat(site).st_dev
    to_make: list[tuple[int, str]] = []
    to_link: list[tuple[str, bool]] = []
    root = os.fspath(site) + os.sep
    for rel, inode in files:
        if published_site is not None and published_site.is_linked(rel, device, inode):
            to_link.append((rel, True))
            continue
        try:
            size = os.lstat(root + rel).st_size
        except OSError:
            size = 0
        to_make.append((-size, rel))
    return [(rel, False) for _, rel in sorted(to_make)] + to_link
