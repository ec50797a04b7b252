"""Files kept across builds, each under a hash of everything that went into it.

Pages, pieces of pages and share cards are kept this way in `.policyhub-cache/`. An entry
is a plain file, so that the forked workers of a build share them without any exchange;
it is written whole under a temporary name and then renamed, so that no reader ever sees
half a file; using an entry touches it, and entries no build has used for a while are
removed (old versions of edited drafts).
"""
from __future__ import annotations

import os
import shutil
import time
from pathlib import Path


class FileCache:
    """Entries `<folder>/<first two characters of the key>/<key><suffix>`; no folder: keeps nothing."""

    def __init__(self, folder: Path | None, suffix: str, keep_seconds: float):
        self.folder, self.suffix, self.keep_seconds = folder, suffix, keep_seconds

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self.path(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        os.utime(path)   # still in use: keep it
        return data

    def write(self, key: str, data: bytes) -> None:
        if self.folder is not None:
            write_new(self.path(key), data)

    def link_into(self, key: str, target: Path) -> bool:
        """Make `target` the entry's file (a hard link where possible); False when there is none."""
        if self.folder is None:
            return False
        path = self.path(key)
        try:
            _link_or_copy(path, target)
        except FileNotFoundError:
            return False
        except FileExistsError:   # a site already there (the preview): swap the file in
            partial = _partial(target)
            _link_or_copy(path, partial)
            os.replace(partial, target)
        os.utime(path)
        return True

    def keep(self, key: str, written: Path) -> None:
        """Keep the file just written at `written` as the entry (a hard link where possible)."""
        if self.folder is None:
            return
        path = self.path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = _partial(path)
        _link_or_copy(written, partial)
        os.replace(partial, path)

    def prune(self, now: float | None = None) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        limit = (now or time.time()) - self.keep_seconds
        for path in self.folder.rglob(f"*{self.suffix}"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except FileNotFoundError:
                pass   # removed by a build beside this one


def write_new(path: Path, data: bytes) -> None:
    """Write `path` as a new file: never into an existing one, which may be linked elsewhere."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = _partial(path)
    partial.write_bytes(data)
    os.replace(partial, path)


def _partial(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}")


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except (FileNotFoundError, FileExistsError):
        raise
    except OSError:   # another file system, or one without hard links
        shutil.copyfile(source, target)
