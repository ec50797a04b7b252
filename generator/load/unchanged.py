"""Files a later build need not read: known by their identity on disk.

A nightly build finds nearly every draft as the last build read it. The source cache then
remembers, for each file read without problems, the text it had (by the hash the other
entries are found by) under the file's identity: its path, device, inode, size and
modification and change time in nanoseconds. Any write, replacement, rename over it or
change of its rights changes the change time, which cannot be set back, so a file whose
identity is the one recorded still holds the text recorded for it, and costs a stat.

Only a file that had settled when it was read is remembered: the file system stamps files
from a coarse clock, so a file changed twice within one tick of it could keep its
identity. A file whose change time is less than `SETTLED_NS` before the build started
reading it is read again by the next build too (as git does with its "racily clean"
files).
"""
from __future__ import annotations

import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from generator.cache.sources import SourceCache
from generator.cache.values import BadValue, Unstorable, pair

SETTLED_NS = 2_000_000_000   # two seconds: also the step of the coarsest file systems' clocks (FAT)
_TEXT_KEY = re.compile(r"[0-9a-f]{64}")

Identity = tuple[int, int, int, int, int]


@dataclass(frozen=True)
class UnchangedSource:
    """A Markdown file the cache vouches for: its text is the one `text_key` names, and the
    files it names as earlier versions and translations are `editions` (as written)."""

    path: Path
    shown: str
    text_key: str
    editions: tuple[str, ...]


def identity(st: os.stat_result) -> Identity:
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def now_ns() -> int:
    """When reading starts: files changed less than SETTLED_NS before are not remembered."""
    return time.time_ns()


def settled(st: os.stat_result, started_ns: int) -> bool:
    return st.st_ctime_ns < started_ns - SETTLED_NS and st.st_mtime_ns < started_ns - SETTLED_NS


def identity_of(path: Path) -> tuple[Identity, Identity] | None:
    """The identity of the file at `path` and of what stands at its name (a link stays a
    link): None when there is no plain file there."""
    try:
        named, target = os.lstat(path), os.stat(path)
    except OSError:
        return None
    return (identity(named), identity(target)) if stat.S_ISREG(target.st_mode) else None


def _key(shown: str, ident: Identity) -> str:
    return SourceCache.key("unchanged source", shown, " ".join(map(str, ident)))


def find(path: Path, shown: str, cache: SourceCache | None) -> UnchangedSource | None:
    """The file as the cache remembers it, when it still has the identity recorded."""
    if cache is None or not cache.keeps:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    found = cache.get(_key(shown, identity(st)), _decode)
    if found is None:
        return None
    text_key, editions = found
    return UnchangedSource(path, shown, text_key, editions)


def remember(path: Path, shown: str, before: os.stat_result, started_ns: int, text_key: str,
             editions: tuple[str, ...], cache: SourceCache | None) -> None:
    """Record the text a file was read with, under the identity it had (`before` the read,
    and still after it), when it had settled."""
    if cache is None or not cache.keeps or not settled(before, started_ns):
        return
    try:
        after = os.stat(path)
    except OSError:
        return
    if identity(after) == identity(before):
        cache.put(_key(shown, identity(before)), (text_key, editions), _encode)


def _encode(value) -> list:
    text_key, editions = value
    if not (isinstance(text_key, str) and _TEXT_KEY.fullmatch(text_key)
            and all(type(name) is str for name in editions)):
        raise Unstorable("not a text's key and the names of its editions")
    return [text_key, list(editions)]


def _decode(plain) -> tuple[str, tuple[str, ...]]:
    text_key, editions = pair(plain)
    if not (type(text_key) is str and _TEXT_KEY.fullmatch(text_key)):
        raise BadValue("not the key of a text")
    if type(editions) is not list or not all(type(name) is str for name in editions):
        raise BadValue("the editions are not a list of names")
    return text_key, tuple(editions)
