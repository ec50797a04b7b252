"""Where a site's cache lives, and the refusal of a cache folder a commit could have filled.

What a build reuses is only as trustworthy as whoever wrote it. A folder inside the
repository can be filled by anyone who gets a commit in, so by default the cache lives in
the user's cache folder (`platformdirs.user_cache_dir`), one folder per site, named by a
hash of the site's resolved folder. `--cache-dir` chooses another (CI caches it between
runs); a folder that holds files tracked by git is refused.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import platformdirs

from generator import messages
from generator.diagnostics import ConfigError, Report

APP_NAME = "policyhub"
GIT_SECONDS = 60


class CacheFolderError(ConfigError):
    """The cache folder cannot be used: the run stops with exit code 2 and one line."""

    def __init__(self, folder: Path, code: str, **params):
        report = Report()
        report.error(folder.as_posix(), (1, 1), code, folder=str(folder), **params)
        super().__init__(report)

    def line(self, lang: str) -> str:
        """The one line the command prints: "lỗi: …; cách sửa"."""
        message, fix = self.report.diagnostics[0].words(lang)
        return f"{messages.word('error', lang)}: {message}; {fix}"


def default_folder(root: Path) -> Path:
    """The site's own folder in the user's cache folder."""
    name = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:32]
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "sites" / name


def cache_folder(root: Path, chosen: Path | None, out: Path | None = None) -> Path:
    """The folder the build keeps its cache in (`chosen`, else the default), once it is known
    to hold nothing a commit put there. `out`: the site, which must not share it."""
    folder = (chosen if chosen is not None else default_folder(root)).resolve()
    root = root.resolve()
    if out is not None and (folder == out or out in folder.parents or folder in out.parents):
        raise CacheFolderError(folder, "cache-dir-overlaps-site", out=str(out))
    if folder == root or folder in root.parents:
        raise CacheFolderError(folder, "cache-dir-holds-sources", root=str(root))
    refuse_tracked(folder)
    if root in folder.parents and work_tree_of(folder) is None:
        raise CacheFolderError(folder, "cache-dir-unverifiable.not-work-tree")
    return folder


def refuse_tracked(folder: Path) -> None:
    """Raise CacheFolderError when `folder` holds files tracked by git, or when it lies in a git
    work tree and git cannot tell (git missing, or refusing the repository)."""
    if not folder.exists():
        return   # nothing can be planted in a folder that is not there
    if not folder.is_dir():
        raise CacheFolderError(folder, "cache-dir-not-folder")
    tree = work_tree_of(folder)
    if tree is None:
        return
    git = shutil.which("git")
    if git is None:
        raise CacheFolderError(folder, "cache-dir-unverifiable.no-git", tree=str(tree))
    try:
        listed = subprocess.run([git, "-C", str(folder), "ls-files", "-z", "--full-name", "--", "."],
                                capture_output=True, timeout=GIT_SECONDS, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError) as exc:
        listed, failure = None, str(exc)
    else:
        failure = listed.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
        failure = failure[0] if failure else f"exit status {listed.returncode}"
    if listed is None or listed.returncode != 0:
        raise CacheFolderError(folder, "cache-dir-unverifiable.git-failed", tree=str(tree), failure=failure)
    tracked = [name.decode("utf-8", "replace") for name in listed.stdout.split(b"\0") if name]
    if tracked:
        raise CacheFolderError(folder, "cache-dir-tracked.more" if len(tracked) > 1 else "cache-dir-tracked",
                               first=tracked[0], count=len(tracked) - 1)


def work_tree_of(folder: Path) -> Path | None:
    """The nearest folder at or above `folder` with a `.git` (a folder, or a worktree's file)."""
    for candidate in (folder, *folder.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None
