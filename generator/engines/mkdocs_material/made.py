"""What MkDocs built for the last projects of this process, by everything that went into them.

A preview (`policyhub serve`) rebuilds the site in one process after every save, and most
edits (a draft's text, its dates) leave the engine's project as it was: the content pages,
the theme, the settings and the pages the core rendered whole. Running MkDocs again would
write the same files, so the files it wrote last time for the same project are written
instead. Only this process's own builds fill it, and it is never kept on disk.
"""
from __future__ import annotations

import hashlib
import os
from collections import OrderedDict
from pathlib import Path

from generator.engines.base import EngineJob

KEPT = 2                      # projects remembered (the site and, say, a second output folder)
MAX_BYTES = 64 << 20          # output larger than this is not remembered

_MADE: OrderedDict[str, tuple[tuple[tuple[str, bytes], ...], dict[str, str]]] = OrderedDict()


def project_key(job: EngineJob, config_file: Path, *versions: str) -> str:
    """A digest of the project MkDocs builds: every file of `job.work` (its mkdocs.yml with
    the output folder's path left out: it does not change what is written), the pages the
    core rendered for it, the pages with markers, and `versions` (MkDocs's, Material's, the
    day of the build: MkDocs dates what it writes by it)."""
    digest = hashlib.sha256("\0".join(versions).encode("utf-8", "surrogatepass"))
    site_dir = os.fsencode(job.site_dir)
    for path in sorted(p for p in job.work.rglob("*") if p.is_file() and not p.is_symlink()):
        data = path.read_bytes()
        if path == config_file:
            data = data.replace(site_dir, b"")
        digest.update(b"\0file\0" + os.fsencode(path.relative_to(job.work)) + b"\0" + len(data).to_bytes(8, "big"))
        digest.update(data)
    for url in sorted(job.whole):
        parts = job.whole[url]
        for text in (url, parts.head, parts.content, parts.footer):
            digest.update(b"\0page\0" + text.encode("utf-8", "surrogatepass"))
    for url in sorted(page.url for page in job.marked):
        digest.update(b"\0marked\0" + url.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def put_back(key: str, site_dir: Path) -> dict[str, str] | None:
    """Write the files MkDocs wrote for the project `key` into `site_dir` (empty); returns the
    marked pages' HTML as `build` gave it, or None when this process has not built it."""
    found = _MADE.get(key)
    if found is None:
        return None
    _MADE.move_to_end(key)
    files, marked = found
    for rel, data in files:
        target = site_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return dict(marked)


def remember(key: str, site_dir: Path, marked: dict[str, str]) -> None:
    """Keep what MkDocs wrote into `site_dir` for the project `key`."""
    files, size = [], 0
    for path in sorted(site_dir.rglob("*")):
        if path.is_symlink() or not (path.is_file() or path.is_dir()):
            return   # nothing MkDocs writes: not a project to remember
        if path.is_dir():
            continue
        data = path.read_bytes()
        size += len(data)
        if size > MAX_BYTES:
            return
        files.append((path.relative_to(site_dir).as_posix(), data))
    _MADE[key] = (tuple(files), dict(marked))
    _MADE.move_to_end(key)
    while len(_MADE) > KEPT:
        _MADE.popitem(last=False)


def forget() -> None:
    _MADE.clear()
