"""Put a finished site in place so that readers never see a missing or half-written one.

A build claims its output folder first (`Publication.claim`): it takes a lock, so that
builds into the same folder take turns and none removes another's files; removes what
killed builds left (`.site.building-PID`, `.site.previous-PID`); and makes the folder it
builds into (the *staging* folder) beside the output, on the same file system. Only when
everything succeeded does `publish` swap the new site in:

- on Linux in one step, by exchanging the two folders (renameat2 with RENAME_EXCHANGE):
  at every moment the output path is either the whole old site or the whole new one;
- where the system cannot exchange (not Linux, or a file system without it), by two
  renames, old away and new in, with a moment between them when the path is missing;
- when the output folder is a mount point, which cannot be renamed, the staging folder
  is made inside it and its entries are exchanged one by one with the old ones (the home
  page last), so every file is always there, old or new.

A failed build removes its own staging folder and nothing else.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import re
import shutil
import stat
import sys
from pathlib import Path
from typing import Callable

from generator.messages import Term
from generator.publish import output_folder
from generator.publish.changes import Changes, files_removing_empty_folders, keep_unchanged, write_list

HOME_PAGE = "index.html"   # swapped last into a mount point: its links then all lead somewhere


def _load_renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        func = ctypes.CDLL(None, use_errno=True).renameat2   # glibc 2.28 and later, musl 1.2.3
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


_RENAMEAT2 = _load_renameat2()
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
_CANNOT_EXCHANGE = {errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP}


def exchange(a: Path, b: Path) -> bool:
    """Swap the files or folders `a` and `b` in one step. False, with nothing changed, where
    the system or the file system cannot."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _CANNOT_EXCHANGE:
        return False
    raise OSError(code, os.strerror(code), str(b))


def is_mount_point(path: Path) -> bool:
    """Also a bind mount of a folder of the same file system, which os.path.ismount misses."""
    if os.path.ismount(path):
        return True
    try:
        table = Path("/proc/self/mountinfo").read_bytes()
    except OSError:
        return False
    target = os.fsencode(path)
    for line in table.splitlines():
        fields = line.split(b" ")
        # the mount point is the fifth field; space, tab, newline and backslash are octal escapes
        if len(fields) > 4 and _OCTAL.sub(lambda m: bytes([int(m[1], 8)]), fields[4]) == target:
            return True
    return False


_OCTAL = re.compile(rb"\\([0-7]{3})")


class OutputLock:
    """An exclusive lock for builds into one output folder: a `flock` on `.<name>.lock` beside
    it, removed when released; on a mount point, on the folder itself. The kernel drops it
    when a build dies, so a killed build never blocks the next one."""

    def __init__(self, out: Path, in_place: bool):
        self.path = out if in_place else out.parent / output_folder.own_name(out.name, "lock")
        self.in_place = in_place
        self.fd: int | None = None

    def acquire(self, on_wait: Callable[[], None]) -> None:
        while True:
            if self.in_place:
                fd = os.open(self.path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
            else:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                on_wait()
                fcntl.flock(fd, fcntl.LOCK_EX)
            except BaseException:
                os.close(fd)
                raise
            if self.in_place or self._still_the_file(fd):
                self.fd = fd
                return
            os.close(fd)   # the build before removed the file we waited on: lock the new one

    def _still_the_file(self, fd: int) -> bool:
        try:
            return os.path.samestat(os.fstat(fd), os.stat(self.path))
        except FileNotFoundError:
            return False

    def release(self) -> None:
        if self.fd is None:
            return
        if not self.in_place:
            try:
                os.unlink(self.path)   # while still held: whoever waits on it notices and retries
            except FileNotFoundError:
                pass
        os.close(self.fd)
        self.fd = None


class Publication:
    """One build's claim on an output folder, from the check to the swap.

    `staging` is where the new site is written; `previous` is the site readers see until
    `publish` swaps the new one in."""

    def __init__(self, out: Path):
        self.out = out
        self.in_place = is_mount_point(out)
        # a mount point is swapped entry by entry, from a folder inside it; else the whole
        # folder, from beside it
        self.home = out if self.in_place else out.parent
        self.staging = self.home / output_folder.own_name(out.name, "building")
        self.lock = OutputLock(out, self.in_place)
        self.published = False

    @classmethod
    def claim(cls, out: Path, on_wait: Callable[[], None] = lambda: None) -> "Publication":
        """Lock `out`, remove what killed builds left, make the staging folder. Raises
        OutputError when the folder cannot be written."""
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            publication = cls(out)
            publication.lock.acquire(on_wait)
        except OSError as exc:
            raise output_folder.write_failure(exc, out) from None
        try:
            publication._remove_leftovers()
            if not publication._from_spare():
                publication.staging.mkdir()
        except OSError as exc:
            publication.close()
            raise output_folder.write_failure(exc, out) from None
        return publication

    @property
    def previous(self) -> Path | None:
        """The site readers see now, if any."""
        return self.out if self.out.is_dir() else None

    def _remove_leftovers(self) -> None:
        """Only builds into this folder, which hold the lock while they run, make these
        names: whatever of them is here now is a killed build's."""
        for name in sorted(os.listdir(self.home)):
            kind = output_folder.leftover_kind(name, self.out.name)
            if kind is not None and (kind != "spare" or self.in_place):
                _remove(self.home / name)

    @property
    def spare(self) -> Path:
        return self.home / output_folder.own_name(self.out.name, "spare")

    def _from_spare(self) -> bool:
        """Start the staging folder from the folders the last build kept (`_keep_folders`):
        most of them the new site needs again, and making a folder is cheap where removing
        one is not. Anything but a folder found in it is removed first."""
        if self.in_place or not self.spare.is_dir() or self.spare.is_symlink():
            return False
        try:
            os.rename(self.spare, self.staging)
            _empty_own_folders(self.staging)
        except OSError:   # not ours, not a plain tree of folders, or unreadable: start afresh
            _remove(self.staging)
            _remove(self.spare)
            return False
        return True

    def publish(self, changes_file: Path | None = None, known: dict[str, str] | None = None,
                digests: dict[str, str] | None = None) -> tuple[Term, Changes]:
        """Swap the new site in and remove the old one; says how it was swapped (words of the
        catalogue: the progress line shows them) and what changed. Unchanged files keep their
        modification time; the list of changes is written to `changes_file` before the swap.
        `known`, `digests`: the SHA-256 of published files, and of the new site's (see
        `changes.keep_unchanged`)."""
        output_folder.write_marker(self.staging)
        # folders kept from an older site (`_from_spare`) that this one does not use are
        # removed while the new site is listed, once
        new_files = files_removing_empty_folders(self.staging)
        previous = self.previous
        # both sites are whole here, `previous` (None on a first build) and the new one
        own = {self.staging.name, *output_folder.FOREIGN_BUT_HARMLESS} if self.in_place else set()
        changes = keep_unchanged(self.staging, previous, frozenset(own), known, digests, new_files)
        if changes_file is not None:
            write_list(changes, changes_file)
        if self.in_place:
            how = self._swap_entries()
        elif previous is None:
            os.rename(self.staging, self.out)
            how = Term("publish.moved")
        else:
            os.chmod(self.staging, stat.S_IMODE(os.stat(previous).st_mode))   # keep what the host set
            how = self._swap_folders()
        self.published = True
        return how, changes

    def _swap_folders(self) -> Term:
        old = self.home / output_folder.own_name(self.out.name, "previous")
        if exchange(self.staging, self.out):
            self.published = True
            os.rename(self.staging, old)   # the staging path now holds the old site
            how = Term("publish.one-step")
        else:
            os.rename(self.out, old)
            try:
                os.rename(self.staging, self.out)
            except OSError:
                os.rename(old, self.out)
                raise
            self.published = True
            how = Term("publish.two-renames")
        # before the build writes its manifest, never beside it: the old site's files that the new
        # one shares are links to the same inodes, and removing them changes those inodes' ctime,
        # which the manifest records (written meanwhile, it would vouch for ctimes that no longer
        # hold, and the next build would trust none of those files: 1 s slower at 2,000 drafts)
        _keep_folders(old, self.spare)
        return how

    def _swap_entries(self) -> Term:
        """The output is a mount point: exchange each top-level file and folder of the new
        site with the old one of the same name, then remove old ones the new site lacks."""
        old = self.home / output_folder.own_name(self.out.name, "previous")
        old.mkdir()
        own = {self.staging.name, old.name, *output_folder.FOREIGN_BUT_HARMLESS}
        names = sorted(os.listdir(self.staging), key=lambda name: (name == HOME_PAGE, name))
        one_step = True
        for name in names:
            new, live = self.staging / name, self.out / name
            if not os.path.lexists(live):
                os.rename(new, live)
            elif exchange(new, live):
                os.rename(new, old / name)
            else:
                one_step = False
                os.rename(live, old / name)
                os.rename(new, live)
        for name in sorted(set(os.listdir(self.out)) - set(names) - own):
            os.rename(self.out / name, old / name)
        _remove(old)
        _remove(self.staging)
        return Term("publish.entries" if one_step else "publish.entries-two-renames")

    def close(self) -> None:
        """Remove the staging folder unless it was published, and let the next build in."""
        try:
            if not self.published and os.path.lexists(self.staging):
                _remove(self.staging)
        finally:
            self.lock.release()

    def __enter__(self) -> "Publication":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except FileNotFoundError:
            pass


def _empty_own_folders(folder: Path) -> None:
    """Remove every file and link below `folder`, a tree of folders this user owns on one
    device; raises OSError for anything else (another owner, a link in place of the
    folder, a folder that cannot be listed), so that nothing found there is ever kept."""
    top_stat = os.lstat(folder)
    if not stat.S_ISDIR(top_stat.st_mode) or top_stat.st_uid != os.geteuid():
        raise OSError(f"{folder}: not a folder of this user")

    def refuse(exc: OSError) -> None:
        raise exc

    for top, folders, files in os.walk(folder, onerror=refuse):
        for name in list(folders):   # a link to a folder is listed here: removed, never followed
            path = os.path.join(top, name)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                os.unlink(path)
                folders.remove(name)
            elif st.st_uid != os.geteuid() or st.st_dev != top_stat.st_dev:
                raise OSError(f"{path}: not a folder of this user on this device")
        for name in files:
            os.unlink(os.path.join(top, name))


def _keep_folders(old: Path, spare: Path) -> None:
    """Remove the old site's files but keep its folders, as `spare`, for the next build
    (unless it has none: then nothing is left beside the site)."""
    try:
        if not any(entry.is_dir(follow_symlinks=False) for entry in os.scandir(old)):
            _remove(old)
            return
        _unlink_all_but_folders(os.fspath(old))
        _remove(spare)
        os.rename(old, spare)
    except OSError:
        _remove(old)


def _unlink_all_but_folders(folder: str) -> None:
    """Remove every name below `folder` but its folders; a link to a folder is removed,
    never followed. The listing says what each name is, so nothing else is asked of it."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _unlink_all_but_folders(entry.path)
            else:
                os.unlink(entry.path)
