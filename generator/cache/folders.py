"""Folders of the cache opened once and then used by name, never through a link.

The cache folder is untrusted, also while a build runs: a link swapped in for a folder of
entries after the build looked at it would lead the next read, write or removal out of
the cache. So a folder is opened without following a link (`O_NOFOLLOW | O_DIRECTORY`),
and every file in it is then opened, listed, renamed and removed relative to that open
folder (`dir_fd`): whatever is swapped in afterwards, the build stays in the folder it
opened. A new file is created exclusively (`O_EXCL`), so a link planted at its name is
never written through.

Where the platform has no `dir_fd` (Windows), folders are used by path, each looked at
first: a link swapped in between the look and the use can still redirect that one use.
"""
from __future__ import annotations

import os
import shutil
import stat

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
READ_FLAGS = os.O_RDONLY | NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
RELATIVE = (NOFOLLOW != 0 and {os.open, os.mkdir, os.unlink, os.rename, os.stat, os.utime, os.rmdir} <= os.supports_dir_fd
            and {os.listdir, os.utime} <= os.supports_fd and os.stat in os.supports_follow_symlinks
            and shutil.rmtree.avoids_symlink_attacks)


class Folder:
    """An open folder (`fd`), or on a platform without `dir_fd` its path; `close` when done."""

    def __init__(self, fd: int | None, path: str):
        self.fd, self.path = fd, path

    @classmethod
    def open(cls, path, create: bool = False) -> Folder | None:
        """The folder at `path` (its last name not a link), made when `create`; None when it
        is missing or something else stands there. With `create`, a file or a link where
        the folder belongs (nothing a build made) is removed first."""
        return _open(None, os.fspath(path), create)

    def sub(self, name: str, create: bool = False) -> Folder | None:
        return _open(self, name, create)

    def _at(self, name: str) -> dict:
        return {"dir_fd": self.fd} if self.fd is not None else {}

    def _name(self, name: str) -> str:
        return name if self.fd is not None else os.path.join(self.path, name)

    def open_file(self, name: str) -> int:
        """A file of the folder, for reading, never through a link."""
        if self.fd is None and os.path.islink(self._name(name)):
            raise OSError("a link")
        return os.open(self._name(name), READ_FLAGS, **self._at(name))

    def new_file(self, name: str) -> int:
        """A new file of the folder, for writing; one left at that name (by a build that was
        stopped, or planted) is removed, never written into or through."""
        try:
            return os.open(self._name(name), _NEW_FILE, 0o666, **self._at(name))
        except FileExistsError:
            self.remove(name)
            return os.open(self._name(name), _NEW_FILE, 0o666, **self._at(name))

    def lstat(self, name: str) -> os.stat_result:
        return os.stat(self._name(name), follow_symlinks=False, **self._at(name))

    def names(self) -> list[str]:
        return os.listdir(self.fd if self.fd is not None else self.path)

    def folders(self) -> list[str]:
        """The names of the folders in it (links to folders left out)."""
        with os.scandir(self.fd if self.fd is not None else self.path) as entries:
            return [entry.name for entry in entries if entry.is_dir(follow_symlinks=False)]

    def remove(self, name: str) -> None:
        """Remove the file or link `name`, or the folder with all it holds (no link followed)."""
        if stat.S_ISDIR(self.lstat(name).st_mode):
            shutil.rmtree(self._name(name), **self._at(name))
        else:
            os.unlink(self._name(name), **self._at(name))

    def replace(self, old: str, new: str) -> None:
        at = {"src_dir_fd": self.fd, "dst_dir_fd": self.fd} if self.fd is not None else {}
        os.replace(self._name(old), self._name(new), **at)

    def mkdir(self, name: str) -> None:
        os.mkdir(self._name(name), **self._at(name))

    def touch(self, name: str, now: float) -> None:
        """Set the times of `name` itself (a link's own, never its target's)."""
        try:
            os.utime(self._name(name), (now, now), follow_symlinks=False, **self._at(name))
        except NotImplementedError:
            pass

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _open(parent: Folder | None, name: str, create: bool) -> Folder | None:
    path = name if parent is None else os.path.join(parent.path, name)
    at = {} if parent is None or parent.fd is None else {"dir_fd": parent.fd}
    where = name if at else path
    for attempt in (0, 1):
        if RELATIVE:
            try:
                return Folder(os.open(where, _FOLDER_FLAGS, **at), path)
            except FileNotFoundError:
                stands = False
            except OSError:   # a link (ELOOP), a file (ENOTDIR), or a folder that cannot be opened
                stands = True
        else:
            if os.path.isdir(where) and not os.path.islink(where):
                return Folder(None, path)
            stands = os.path.lexists(where)
        if not create or attempt:
            return None
        try:
            if parent is None:   # the folders above the cache's own, which the build's user chose
                os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
            if stands:
                os.unlink(where, **at)   # a file or a link where the folder belongs: nothing a build made
            os.mkdir(where, **at)
        except FileExistsError:
            pass   # made meanwhile, by a build beside this one
        except OSError:
            return None
    return None
