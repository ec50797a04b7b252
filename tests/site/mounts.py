"""Real mounts for the tests of full, read-only and mounted output folders (the tests run as
root, on CI too); a test is skipped, saying why, only where mounting is refused."""
from __future__ import annotations

import contextlib
import os
import subprocess
from pathlib import Path

import pytest


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"this machine refuses to mount ({result.stderr.strip() or result.returncode}); "
                    "the test needs root and permission to mount tmpfs")


@contextlib.contextmanager
def tmpfs(folder: Path, size: str, read_only: bool = False):
    """A fresh tmpfs of `size` (e.g. "8m") at `folder` while the block runs."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("-t", "tmpfs", "-o", f"size={size},mode=0755" + (",ro" if read_only else ""), "tmpfs", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@contextlib.contextmanager
def bind(source: Path, folder: Path):
    """`source` also seen at `folder` (a bind mount: same file system, another mount point)."""
    folder.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(source), str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def resize(folder: Path, size_kib: int) -> None:
    _mount("-o", f"remount,size={size_kib}k", str(folder))


def used_kib(folder: Path) -> int:
    stats = os.statvfs(folder)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize // 1024
