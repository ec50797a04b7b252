"""Files kept across builds, each under a hash of everything that went into it.

Pages, pieces of pages, share cards and the extras are kept this way in the cache folder.
An entry is a plain file, so that the forked workers of a build share them without any
exchange: a one-line header with a seal of the entry's key, its kind and its bytes (an
HMAC-SHA-256 under the key kept outside the cache, `seal`), then the bytes. Reading checks
the header, so an entry that was cut, changed, replaced, moved to another key's name or
written by anyone without the key is never used: it counts as missing, is made again and
overwritten. Without a key nothing is read or written.
An entry is written whole under a temporary name and then renamed, so that no reader ever
sees half a file. The cache folder is untrusted also while a build runs: its folders are
opened once, without following a link, and every entry is read, written and removed
relative to the open folder (`folders`), so a link swapped in meanwhile leads nowhere; a
file larger than any entry a build writes (`MAX_ENTRY_BYTES`) is a miss, never read. The site gets a copy of what the cache holds, never the cache's own file,
so editing a published file cannot change what a later build publishes. Using an entry
touches it, and entries no build has used for a while are removed.
"""
from __future__ import annotations

import hmac
import json
import os
import re
import stat
import time
from pathlib import Path, PurePosixPath

from generator.cache import seal
from generator.cache.folders import READ_FLAGS, Folder

HEADER = b"policyhub-entry 2 "
_HEADER_SIZE = len(HEADER) + 64 + 1          # the tag, a hex HMAC-SHA-256, a newline


MAX_ENTRY_BYTES = 256 << 20   # no build writes an entry this large (the largest, a feed's table
# at 10,000 drafts, is 34 MB): a larger file is a miss, never read into memory


class FileCache:
    """Entries `<folder>/<first two characters of the key>/<key><suffix>`; no folder: keeps nothing."""

    def __init__(self, folder: Path | None, suffix: str, keep_seconds: float):
        self.folder, self.suffix, self.keep_seconds = folder, suffix, keep_seconds
        self._names = re.compile(r"\.?[0-9a-f]{64}" + re.escape(suffix) + r"(\.\d+)?")

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def _check(self, key: str, *data, sealed: seal.Seal | None = None) -> bytes:
        """The header of the entry `key` holding the parts `data`, sealed with this run's key."""
        sealed = sealed or seal.current()
        return HEADER + sealed.sign(b"policyhub-file-entry\0" + f"{self.suffix}\0{key}\0".encode("utf-8"), *data) + b"\n"

    def _shard(self, key: str, create: bool = False) -> Folder | None:
        """The open folder of the entry `key` (none through a link: see `folders`)."""
        kind = Folder.open(self.folder, create)
        if kind is None:
            return None
        with kind:
            return kind.sub(key[:2], create)

    def read(self, key: str) -> bytes | None:
        """The entry's bytes, or None when there is none or it does not pass its check."""
        sealed = seal.current() if self.folder is not None else None
        if sealed is None:
            return None
        try:
            shard = self._shard(key)
        except OSError:
            return None
        if shard is None:
            return None
        with shard:
            try:
                fd = shard.open_file(f"{key}{self.suffix}")
            except OSError:
                return None
            try:
                head = _read_plain(fd, _HEADER_SIZE, exactly=True)
                found = _read_plain(fd, MAX_ENTRY_BYTES - _HEADER_SIZE) if head is not None else None
                if found is None or not hmac.compare_digest(head, self._check(key, found, sealed=sealed)):
                    return None
                if os.utime in os.supports_fd:
                    try:
                        os.utime(fd)   # still in use: keep it (the file read, whatever its name is now)
                    except OSError:
                        pass
                return found
            finally:
                os.close(fd)

    def write(self, key: str, *data: bytes) -> None:
        """Store the parts `data`, one after the other, as the entry (replacing a damaged one),
        never joined into one copy; a cache that cannot be written only costs the next build
        time, and an entry too large to be read back is not written."""
        sealed = seal.current() if self.folder is not None else None
        if sealed is None or _HEADER_SIZE + sum(map(len, data)) > MAX_ENTRY_BYTES:
            return
        name = f"{key}{self.suffix}"
        try:   # a folder where the entry belongs, a file or a link where a folder does: nothing a build made
            shard = self._shard(key, create=True)
            if shard is None:
                return
            with shard:
                try:
                    if stat.S_ISDIR(shard.lstat(name).st_mode):
                        shard.remove(name)
                except FileNotFoundError:
                    pass
                _write_in(shard, name, (self._check(key, *data, sealed=sealed), *data))
        except OSError:
            pass

    def prune(self, now: float | None = None, keep: str | tuple[str, ...] | None = None) -> None:
        """Remove entries unused for `keep_seconds` (and every entry but those of `keep`, when
        given), and files half written by builds that were stopped. Only files named like entries.

        Without `keep`, at most once every `PRUNE_EVERY` seconds: the time of an empty
        folder among the entries' folders (`pruned-html` for `.html`) says when it was last done.
        Looking at every entry costs a nightly build of a large hub a second or more, and an
        entry kept a day longer costs only its room."""
        if self.folder is None:
            return
        try:
            kind = Folder.open(self.folder)
        except OSError:
            return
        if kind is None:
            return
        with kind:
            self._prune(kind, time.time() if now is None else now, keep)

    def _prune(self, kind: Folder, now: float, keep) -> None:
        # one for each kind of entry there, named like none of them
        stamp = "pruned" + self.suffix.replace(".", "-")
        if keep is None:
            try:
                st = kind.lstat(stamp)
                if stat.S_ISDIR(st.st_mode) and 0 <= now - st.st_mtime < PRUNE_EVERY:
                    return
            except OSError:
                pass
        limit = now - self.keep_seconds
        kept = None if keep is None else {f"{key}{self.suffix}" for key in ((keep,) if isinstance(keep, str) else keep)}
        names = self._names.fullmatch
        try:
            shards = sorted(name for name in kind.folders() if _SHARD.fullmatch(name))
        except OSError:
            shards = []
        for shard_name in shards:
            try:
                shard = kind.sub(shard_name)
                if shard is None:
                    continue
                listed = shard.names()
            except OSError:
                continue
            with shard:
                for name in listed:
                    if not names(name):
                        continue
                    try:
                        if (kept is not None and name not in kept) or shard.lstat(name).st_mtime < limit:
                            shard.remove(name)
                    except OSError:
                        pass   # removed by a build beside this one
        if keep is None:
            try:
                kind.mkdir(stamp)
            except OSError:
                pass   # there already (or the cache cannot be written: pruned again next time)
            try:   # the stamp's own time, even when something else was put in its place
                kind.touch(stamp, now)
            except OSError:
                pass


PRUNE_EVERY = 24 * 3600   # seconds between two prunings of a folder by age


_SHARD = re.compile(r"[0-9a-f]{2}")


def read_regular(path: Path, limit: int = MAX_ENTRY_BYTES) -> bytes | None:
    """The bytes of the plain file at `path`; None when there is none, it is larger than
    `limit`, or something else stands there (a folder, a link, a pipe or a device, which
    could block or never end)."""
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError:
        return None
    try:
        return _read_plain(fd, limit)
    finally:
        os.close(fd)


def _read_plain(fd: int, limit: int, exactly: bool = False) -> bytes | None:
    """What the open file `fd` holds from where it stands, when it is a plain file and that
    is at most `limit` bytes; `exactly`: its next `limit` bytes, when it has that many.

    The bytes returned are the ones read into: a read of the size the file has, never the
    pieces of it joined into a second copy (the largest entries are tens of MB)."""
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        if exactly:
            data = os.read(fd, limit)
            return data if len(data) == limit else None
        left = st.st_size - os.lseek(fd, 0, os.SEEK_CUR)
        if left > limit:
            return None
        data = os.read(fd, min(max(left, 0), limit) + 1)
        if len(data) > limit:
            return None
        chunks, size = [data], len(data)
        while True:   # never more than `limit` and one byte, whatever the file grows to meanwhile
            chunk = os.read(fd, min(limit + 1 - size, 1 << 20) or 1)
            if not chunk:
                return data if len(chunks) == 1 else b"".join(chunks)
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                return None
    except OSError:
        return None


def line_spans(data: bytes):
    """(start, end) of each line of `data` after its first, newline left out."""
    at = data.find(b"\n") + 1
    while 0 < at <= len(data):
        end = data.find(b"\n", at)
        end = len(data) if end < 0 else end
        yield at, end
        at = end + 1


def lines_after_first(data: bytes):
    """The lines of `data` after its first, each a copy of its own, without a copy of the
    whole (a file of the cache can hold every draft's text, or every file of the site)."""
    for start, end in line_spans(data):
        yield data[start:end]


def write_new(path: Path, *parts: bytes) -> None:
    """Write `path` as a new file: never into an existing one, which a reader may hold, nor
    through a link put at its temporary name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _write_in(Folder(None, os.fspath(path.parent)), path.name, parts)


def _write_in(folder: Folder, name: str, parts) -> None:
    """Write the file `name` of `folder` whole under a temporary name, then rename it."""
    partial = f".{name}.{os.getpid()}"
    fd = folder.new_file(partial)
    try:
        with os.fdopen(fd, "wb") as f:
            for part in parts:
                f.write(part)
        folder.replace(partial, name)
    except BaseException:
        try:
            os.unlink(os.path.join(folder.path, partial)) if folder.fd is None else os.unlink(partial, dir_fd=folder.fd)
        except OSError:
            pass
        raise


def publish_copy(target: Path, *data: bytes) -> None:
    """Write a page of the site (its bytes, or its parts one after the other): a new file of
    its own, or, where one is there already (the preview fills the published site), a new
    file swapped in."""
    try:
        with open(target, "xb") as f:
            for part in data:
                f.write(part)
    except FileExistsError:
        write_new(target, *data)


# ---------------------------------------------------------------- many files as one entry

class BadBundle(ValueError):
    """Not a bundle of files as `pack_files` writes them."""


def pack_files(folder: Path) -> bytes:
    """The files under `folder` as one entry (`pack`)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return pack([(p.relative_to(folder).as_posix(), p.read_bytes()) for p in files])


def pack(files: list[tuple[str, bytes]]) -> bytes:
    """Files (relative path, bytes) as one entry: a JSON list of [path, size], a newline, the bytes."""
    index = [[name, len(content)] for name, content in files]
    return json.dumps(index, ensure_ascii=False).encode("utf-8") + b"\n" + b"".join(content for _, content in files)


def unpack_files(data: bytes, target: Path, write=None) -> None:
    """Write a bundle's files under `target`, each by `write(path, bytes)` (default: a new
    file). The whole bundle is checked first (`unpack`), so a bad one writes nothing."""
    for name, content in unpack(data):
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        (write or publish_copy)(path, content)


def unpack(data: bytes) -> list[tuple[str, bytes]]:
    """A bundle's files (relative path, bytes), once the whole bundle is checked: every path
    relative and plain, the sizes adding up. BadBundle otherwise."""
    end = data.find(b"\n")
    try:
        index = json.loads(data[:end]) if end >= 0 else None
    except (ValueError, RecursionError):
        index = None
    if not isinstance(index, list):
        raise BadBundle("no list of files")
    rest = memoryview(data)[end + 1:]   # each file copied out of the bundle once, not the bundle first
    files, seen, offset = [], set(), 0
    for item in index:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
                and type(item[1]) is int and item[1] >= 0):
            raise BadBundle("an entry of the list is not [path, size]")
        name, size = item
        parts = PurePosixPath(name).parts
        if (not parts or name != "/".join(parts) or name in seen
                or any(p in (".", "..") or "\\" in p or "\0" in p for p in parts)):
            raise BadBundle(f"the path {name!r} is not a plain relative path")
        seen.add(name)
        files.append((name, bytes(rest[offset:offset + size])))
        offset += size
    folders = {"/".join(PurePosixPath(name).parts[:i]) for name in seen for i in range(1, name.count("/") + 1)}
    if offset != len(rest) or seen & folders:
        raise BadBundle("the sizes do not add up, or a file stands where a folder is")
    return files
