"""The published site as the source of a build's unchanged files.

On a nightly build nearly every file is byte for byte the one readers already have.
Writing each anew and then removing the old one costs far more than the change: on a
virtual disk, unlinking a file whose data must be freed takes milliseconds. So a file
whose bytes are the published file's is hard-linked from the published site into the
staging folder instead of written: it costs a link, keeps its modification time (what
`rsync` and `aws s3 sync` compare), and removing the old site after the swap frees only
names.

What a published file holds is known from the manifest the build that published it left
in the cache (`manifest`). A file is linked only when it is the very file (device and
inode) whose bytes were vouched for or read, never through a symbolic link.

A build starts the reuse (`start`) once it has claimed its staging folder; the writers of
the fill and output stages write through `put` and `copy`, and the forked workers share
what `start` read.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

from generator.cache.manifest import Manifest, Vouched, identity, plain_relative, read_manifest
from generator.cache.store import publish_copy


class Published:
    """The published `site` (None: there is none) as seen from the `staging` folder."""

    def __init__(self, staging: Path, site: Path | None, code: str, entries: Manifest,
                 current_code: str):
        self.staging, self.site = staging, site
        self._staging_prefix = os.fspath(staging) + os.sep
        self.same_code = bool(code) and code == current_code
        self._entries = entries if site is not None else Manifest()
        self.listed = self._entries.rows   # every file it published (relative path -> row)
        self.root = os.fspath(site) + os.sep if site is not None else ""   # of the published files' paths
        root, lstat, regular = self.root, os.lstat, stat.S_ISREG
        identities, trust = self._entries.identities, self._entries.trust
        for rel, row in self.listed.items():
            try:
                st = lstat(root + rel)
            except OSError:
                continue
            at = 5 * row
            if (regular(st.st_mode) and st.st_ino == identities[at + 1] and st.st_dev == identities[at]
                    and st.st_size == identities[at + 2] and st.st_mtime_ns == identities[at + 3]
                    and st.st_ctime_ns == identities[at + 4]):
                trust(row)
        # relative path -> digest, for files that still are what the manifest says
        self.trusted = Vouched(self._entries)

    def relative(self, target: Path) -> str | None:
        """`target`'s path in the staging folder, with `/`; None when it is not a plain path
        of names inside it (then nothing is linked to it)."""
        path = os.fspath(target)
        if not path.startswith(self._staging_prefix):
            return None
        rel = path[len(self._staging_prefix):]
        if os.sep != "/":
            rel = rel.replace(os.sep, "/")
        return rel if plain_relative(rel) else None

    def trusted_inode(self, rel: str) -> tuple[int, int] | None:
        """(device, inode) of the published file `rel` while it still is what the manifest says."""
        row = self.trusted.row(rel)
        if row is None:
            return None
        try:
            st = os.lstat(self.root + rel)
        except OSError:
            return None
        if not stat.S_ISREG(st.st_mode) or identity(st) != self._entries.identity(row):
            return None
        return st.st_dev, st.st_ino

    def _vouches(self, rel: str, parts) -> bool:
        """Whether the manifest vouches that the published file `rel` holds exactly the bytes
        of `parts`, one after the other."""
        row = self.trusted.row(rel)
        return row is not None and self._entries.digest(row) == _digest(parts)

    def _inode_holding(self, rel: str, parts) -> tuple[int, int] | None:
        """(device, inode) of the published file `rel` when it holds exactly the bytes of
        `parts`: from the manifest while the file is what it says, else read (never through a
        link)."""
        if rel in self.trusted:
            return self.trusted_inode(rel) if self._vouches(rel, parts) else None
        try:
            fd = os.open(self.site / rel, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return None
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode) or st.st_size != sum(map(len, parts)):
                return None
            with os.fdopen(os.dup(fd), "rb") as f:
                return (st.st_dev, st.st_ino) if hashlib.file_digest(f, "sha256").digest() == _digest(parts) else None
        except OSError:
            return None
        finally:
            os.close(fd)

    def link(self, rel: str, target: Path, inode: tuple[int, int]) -> bool:
        """Put the published file `rel` at `target` (in the staging folder) as a hard link,
        only while it is the file `inode` (device, inode) whose bytes were checked: whatever
        was put in its place meanwhile, a link to another file above all, is never taken."""
        source, made = self.root + rel, target
        try:
            try:
                os.link(source, made, follow_symlinks=False)   # a link there is linked as a link
            except FileExistsError:   # a file there already (the engine's, or the preview's): swapped in
                made = target.with_name(f".{target.name}.{os.getpid()}")
                os.link(source, made, follow_symlinks=False)
        except OSError:   # no hard links on this file system, or the file went away meanwhile
            return False
        try:
            st = os.lstat(made)
            if not stat.S_ISREG(st.st_mode) or (st.st_dev, st.st_ino) != inode:
                os.unlink(made)
                return False
            if made != target:
                os.replace(made, target)
        except OSError:
            return False
        return True

    def holds(self, target: Path, data: bytes) -> bool:
        """Whether the published file at `target`'s place holds exactly `data` and is still the
        file the manifest vouches for: bytes readers already have from an earlier build."""
        rel = self.relative(target) if self.site is not None else None
        return rel is not None and self._vouches(rel, (data,)) and self.trusted_inode(rel) is not None

    def put(self, target: Path, data: bytes) -> None:
        self.put_parts(target, (data,))

    def put_parts(self, target: Path, parts) -> None:
        """`put` of the bytes of `parts`, one after the other, never joined."""
        rel = self.relative(target) if self.site is not None else None
        inode = self._inode_holding(rel, parts) if rel is not None else None
        if inode is not None and self.link(rel, target, inode):
            return
        publish_copy(target, *parts)

    def put_made(self, target: Path, key: str, make) -> bool:
        """Put the file made from the cache key `key` (its bytes: `make()`) at `target`:
        when the published file there was made from the same key and is still the file the
        manifest vouches for, it is linked without making or reading anything. True when
        linked so."""
        rel = self.relative(target) if self.site is not None else None
        row = self.trusted.row(rel) if rel is not None and self.same_code else None
        if row is not None and self._entries.made_key(row) == key:
            inode = self.trusted_inode(rel)
            if inode is not None and self.link(rel, target, inode):
                return True
        self.put(target, make())
        return False

    def linked(self, target: Path) -> str | None:
        """The digest of the staging file `target` when it is the published file, linked, and
        the manifest vouches for its bytes."""
        rel = self.relative(target)
        if rel is None or rel not in self.trusted:
            return None
        try:
            return self.trusted[rel] if os.path.samestat(os.lstat(target), os.lstat(self.site / rel)) else None
        except OSError:
            return None

    def is_linked(self, rel: str, device: int, inode: int) -> bool:
        """Whether the staging file `rel`, the file `inode` on `device` (as a listing of the
        staging folder gives them), is the published file, linked, whose bytes the manifest
        vouches for: `linked` for a file already listed, with one look at the published file."""
        if rel not in self.trusted:
            return False
        try:
            st = os.lstat(self.root + rel)
        except OSError:
            return False
        return (st.st_dev, st.st_ino) == (device, inode)


_ACTIVE: Published | None = None


def start(staging: Path, site: Path | None, manifest: Path | None, current_code: str) -> Published:
    """Let `put` and `copy` link unchanged files of `site` into `staging` until `stop`."""
    global _ACTIVE
    code, entries = read_manifest(manifest, site) if manifest is not None and site is not None else ("", {})
    _ACTIVE = Published(staging, site if manifest is not None else None, code, entries, current_code)
    return _ACTIVE


def stop() -> None:
    global _ACTIVE
    _ACTIVE = None


def active() -> Published | None:
    return _ACTIVE


def put(target: Path, data: bytes) -> None:
    """Write a file of the site being built: linked from the published site when it has
    these bytes at this path, else a new file (never written into an existing one)."""
    if _ACTIVE is not None:
        _ACTIVE.put(target, data)
    else:
        publish_copy(target, data)


def put_parts(target: Path, parts) -> None:
    """`put` of a file given in parts (bytes-like), written one after the other: a large
    hub's feeds and open data are never joined into a second copy."""
    if _ACTIVE is not None:
        _ACTIVE.put_parts(target, parts)
    else:
        publish_copy(target, *parts)


def _digest(parts) -> bytes:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part)
    return digest.digest()


def holds(target: Path, data: bytes) -> bool:
    """Whether the site readers have holds exactly `data` at `target`'s place (in the staging
    folder), as the manifest vouches: publishing `data` there changes nothing they see."""
    return _ACTIVE is not None and _ACTIVE.holds(target, data)


def put_made(target: Path, key: str, make) -> bool:
    """`put(target, make())` for bytes that the cache key `key` names (the same key always
    gives the same bytes): a published file made from that key, unchanged since, is linked
    without calling `make`. True when it was; the caller records `key` for the manifest."""
    if _ACTIVE is not None:
        return _ACTIVE.put_made(target, key, make)
    publish_copy(target, make())
    return False


def copy(source: Path, target: Path) -> None:
    """Copy the file `source` into the site being built, like `put`."""
    put(target, source.read_bytes())
