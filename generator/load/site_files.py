"""Which files of a site's folder are read and published, and how much of them.

Everything a build reads lies inside the site's folder (the folder of site_config.yml):
a link (symlink) that leads out of it is an error and is never followed, so a draft
cannot publish a runner's secrets. Folders are walked without following links to folders
(as `Path.rglob` does on Python 3.11: it lists a linked file but does not descend into a
linked folder; here a linked folder is reported instead of silently skipped).

Only files of the types below are published beside drafts and content pages: a browser
runs the script in an .svg, .html or .js file served from the site's own address.
"""
from __future__ import annotations

import errno
import os
import posixpath
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# documents beside a draft, and files beside content pages (pictures included)
DOCUMENT_TYPES = ("pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "txt", "png", "jpg", "jpeg", "zip")
# pictures shown in a page (<img>): formats every phone shows, that cannot carry script.
# Not svg (script runs when the file is opened), not gif (animation that cannot be paused),
# not webp (older phones' browsers do not show it).
PICTURE_TYPES = ("png", "jpg", "jpeg")
EDITION_TYPES = ("md",)                  # earlier versions and translations are Markdown

MAX_MARKDOWN_BYTES = 2 * 1024 * 1024     # a draft, content page, version or translation
MAX_YAML_BYTES = 1024 * 1024             # site_config.yml, glossary.yml, a front matter
_NOT_IN_NAMES = (":", "?", "#", "%", "\\")   # would make the name a different address, or a scheme


def type_of(name: str) -> str:
    """"Bao-cao.PDF" -> "pdf"; "" without an extension."""
    return PurePosixPath(name).suffix.lower().lstrip(".")


def is_inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every link followed, lies in `root` (itself resolved)."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):        # a loop of links
        return False


@dataclass(frozen=True)
class FileProblem:
    """A file name a text gives that cannot be used; `normal` is what to write instead."""

    code: str
    normal: str = ""
    character: str = ""


def name_problem(name: str) -> FileProblem | None:
    """Problems of a file name written relative to a draft, before the disk is asked:
    "absolute" (or with '\\' separators), "character" (one that changes the address),
    "outside" (leads out of the draft's folder) or "unnormalised" (with ./, .. or //)."""
    if "\\" in name or PurePosixPath(name).is_absolute():
        return FileProblem("absolute")
    bad = next((c for c in _NOT_IN_NAMES if c in name), "")
    if bad:
        return FileProblem("character", character=bad)
    normal = posixpath.normpath(name)
    if normal == ".." or normal.startswith("../"):
        return FileProblem("outside")
    if normal != name:
        return FileProblem("unnormalised", normal=normal)
    return None


@dataclass(frozen=True)
class Found:
    """What a walk over a folder found: the files to read, and what it would not follow."""

    files: tuple[Path, ...]
    outside: tuple[Path, ...] = ()       # links that lead out of the site's folder
    linked_folders: tuple[Path, ...] = ()
    unreadable: tuple[tuple[Path, str, str], ...] = ()   # (path, why, "unreadable" or "unreadable-folder")


def walk(folder: Path, root: Path, suffix: str | None = None, skip_underscore: bool = False) -> Found:
    """Every file below `folder` (with `suffix`, if given), in a stable order, skipping
    names that start with "." (and "_" with `skip_underscore`) and following no link out of
    `root` nor any link to a folder."""
    if not folder.is_dir():
        return Found(())
    if not is_inside(folder, root):
        return Found((), outside=(folder,))
    files, outside, linked, unreadable = [], [], [], []

    def kind(entry: os.DirEntry, test) -> bool | None:
        """`test(entry)`: False where a link leads nowhere (as `Path.is_file` has it), None
        (the entry noted as unreadable) for any other error, such as a folder not to be entered."""
        try:
            return test(entry)
        except OSError as exc:
            if exc.errno in _NOWHERE:
                return False
            unreadable.append((Path(entry.path), exc.strerror or str(exc), "unreadable"))
            return None

    def visit(current: str) -> None:
        # each entry as the folder's listing gives it: no look at a file itself but to follow a link
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except FileNotFoundError:   # gone meanwhile
            return
        except OSError as exc:   # its files would be missing from the site: an error, never a silent gap
            unreadable.append((Path(current), exc.strerror or str(exc), "unreadable-folder"))
            return
        folders = []
        for entry in entries:
            name = entry.name
            is_folder = kind(entry, os.DirEntry.is_dir)
            if is_folder is None:
                continue
            if is_folder:
                if _hidden(name, skip_underscore):
                    continue
                if entry.is_symlink():
                    path = Path(entry.path)
                    (linked if is_inside(path, root) else outside).append(path)
                else:
                    folders.append(entry.path)
                continue
            if _hidden(name, skip_underscore) or (suffix is not None and not name.endswith(suffix)):
                continue
            path = Path(entry.path)
            if entry.is_symlink() and not is_inside(path, root):
                outside.append(path)
            elif kind(entry, os.DirEntry.is_file):
                files.append(path)
        for child in folders:
            visit(child)

    visit(os.fspath(folder))
    return Found(tuple(sorted(files)), tuple(sorted(outside)), tuple(sorted(linked)), tuple(sorted(unreadable)))


# errors that mean a link leads nowhere: the entry is no file (`pathlib`'s ignored errors)
_NOWHERE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _hidden(name: str, skip_underscore: bool) -> bool:
    return name.startswith(".") or (skip_underscore and name.startswith("_"))


class TooLarge(Exception):
    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


def read_limited(path: Path, limit: int) -> bytes:
    """The file's bytes; TooLarge when it has more than `limit` (never reading them all)."""
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(limit)
    return data


def size_words(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
