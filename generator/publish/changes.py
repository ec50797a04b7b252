"""What a build changed in the site, found by comparing the new site with the one readers
see, just before the swap.

A file whose bytes are the same as the published one's gets the published file's
modification time, so `rsync`, `aws s3 sync`, `lftp mirror` and the like, which compare
size and time, upload only the files that changed. The list of files added, changed or
removed (`--changes FILE`) is what a CDN must purge.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from generator.diagnostics import Report
from generator.publish.output_folder import OutputError

OPTION = "--changes"   # where problems with the list are reported

CHUNK = 1 << 20      # files larger than this are compared a piece at a time


@dataclass(frozen=True)
class Changes:
    """Paths relative to the site's root, with `/`, sorted."""

    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int

    def listed(self) -> list[str]:
        """Every path whose file at the site is not what it was: added, changed or removed."""
        return sorted((*self.added, *self.changed, *self.removed))



def _files(root: Path, prefix: str = "", skip: frozenset[str] = frozenset()):
    """(relative path, entry) of every regular file below `root`, in no fixed order, but
    for the top-level entries named in `skip`."""
    with os.scandir(root) as entries:
        for entry in entries:
            if entry.name in skip:
                continue
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                yield from _files(Path(entry.path), name + "/")
            elif entry.is_file(follow_symlinks=False):
                yield name, entry


def files_removing_empty_folders(root: Path) -> Iterator[tuple[str, os.DirEntry]]:
    """`_files` of `root`, as they are found, and every folder below it that holds no file
    at any depth removed in the same walk (done when the last file was taken). One at a
    time: a national hub's site is hundreds of thousands of files, whose entries (and
    their `stat`) would otherwise all be held at once."""
    def walk(folder: str, prefix: str):   # returns whether `folder` is left empty
        empty = True
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if (yield from walk(entry.path, f"{prefix}{entry.name}/")):
                        try:
                            os.rmdir(entry.path)
                            continue
                        except OSError:   # something was put in it meanwhile
                            pass
                elif entry.is_file(follow_symlinks=False):
                    yield prefix + entry.name, entry
                empty = False
        return empty

    yield from walk(os.fspath(root), "")


def _digest(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while piece := f.read(CHUNK):
            digest.update(piece)
    return digest.hexdigest()


def _same_bytes(a: str, b: str, size: int) -> bool:
    with open(a, "rb") as fa, open(b, "rb") as fb:
        if size <= CHUNK:
            return fa.read() == fb.read()
        while True:
            piece = fa.read(CHUNK)
            if piece != fb.read(CHUNK):
                return False
            if not piece:
                return True


def keep_unchanged(new: Path, old: Path | None, not_the_sites: frozenset[str] = frozenset(),
                   known: dict[str, str] | None = None, digests: dict[str, str] | None = None,
                   new_files: Iterable[tuple[str, os.DirEntry]] | None = None) -> Changes:
    """Compare the site in `new` with the published one in `old` (None: there is none), and
    give every file of `new` whose bytes did not change the modification time it has in
    `old`. `not_the_sites`: top-level names in `old` that are no part of its site (in a
    mount point, the staging folder itself and `lost+found`).

    A file of `new` that is the file of `old` (hard-linked from it, see `cache.published`)
    is unchanged without being read. `known`: the SHA-256 of published files the cache's
    manifest vouches for; `digests`, when given, receives the SHA-256 of every file of `new`;
    `new_files`: the files of `new` as `files_removing_empty_folders` gives them."""
    added, changed, unchanged = [], [], 0
    known = known or {}
    # the published files by their inode number (which the listing gives), not their entries:
    # a national hub has hundreds of thousands
    old_files = {rel: entry.inode() for rel, entry in _files(old, skip=not_the_sites)} if old is not None else {}
    # both sites on one device: a name of each with one inode number is one file, linked
    one_device = old is not None and os.stat(new).st_dev == os.stat(old).st_dev
    for rel, entry in (new_files if new_files is not None else _files(new)):
        inode = old_files.pop(rel, None)
        if one_device and inode is not None and rel in known and entry.inode() == inode:
            unchanged += 1   # the manifest vouches for its bytes, and the listings gave the inodes
            if digests is not None:
                digests[rel] = known[rel]
            continue
        now = entry.stat(follow_symlinks=False)
        before = os.path.join(old, rel) if inode is not None else None
        was = os.stat(before, follow_symlinks=False) if before is not None else None
        if was is not None and os.path.samestat(was, now):
            unchanged += 1
            if digests is not None:
                digests[rel] = known.get(rel) or _digest(entry.path)
            continue
        digest = _digest(entry.path) if digests is not None or rel in known else None
        if digests is not None:
            digests[rel] = digest
        if was is None:
            added.append(rel)
        elif was.st_size == now.st_size and (digest == known[rel] if rel in known
                                             else _same_bytes(entry.path, before, now.st_size)):
            os.utime(entry.path, ns=(was.st_atime_ns, was.st_mtime_ns), follow_symlinks=False)
            unchanged += 1
        else:
            changed.append(rel)
    return Changes(tuple(sorted(added)), tuple(sorted(changed)), tuple(sorted(old_files)), unchanged)


def refuse_list_path(path: Path, out: Path) -> None:
    """The list of changes is written beside the site, never into it: a file there would be
    the site's own, published, and replaced by the next build."""
    target = path.resolve()
    code = ("changes-inside-out" if target == out or out in target.parents
            else "changes-is-folder" if target.is_dir() else None)
    if code is not None:
        report = Report()
        report.error(OPTION, (1, 1), code, given=str(path), out=str(out))
        raise OutputError(report)


def write_list(changes: Changes, path: Path) -> None:
    """One path a line, relative to the site's root, written whole or not at all."""
    text = "".join(f"{rel}\n" for rel in changes.listed())
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        try:
            temporary.unlink()
        except FileNotFoundError:
            pass
        raise
