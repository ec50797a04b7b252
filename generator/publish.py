"""Put a finished site in place without ever leaving a half-written one.

The site is built in a sibling folder; only when everything succeeded does it replace the
previous output, by renaming. A failed build removes its own folder and nothing else.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def staging_dir(out: Path) -> Path:
    """A fresh folder beside `out` (same file system, so the swap is a rename)."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    return staging


def publish(staging: Path, out: Path) -> None:
    """Swap the finished site in: the old one is renamed away, then removed."""
    out = out.resolve()
    previous = out.parent / f".{out.name}.previous-{os.getpid()}"
    if out.exists():
        os.rename(out, previous)
    os.rename(staging, out)
    if previous.exists():
        shutil.rmtree(previous)


def discard(staging: Path) -> None:
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)
