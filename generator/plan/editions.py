"""A draft's other editions as its pages show them: the earlier versions with what changed
since the latest of them, and the address of each reference translation."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.load.editions import read_markdown
from generator.model import Version
from generator.plan.version_diff import BlockChange, compare


@dataclass(frozen=True)
class EarlierVersion:
    version: str
    date: object       # datetime.date
    file: str


@dataclass(frozen=True)
class VersionHistory:
    """The draft's earlier versions, newest last, and what changed since the latest of them."""

    versions: tuple[EarlierVersion, ...]
    compared_with: EarlierVersion | None
    changes: tuple[BlockChange, ...]


def version_history(versions: tuple[Version, ...], body: str | Callable[[], str], source_dir: Path,
                    compare: Callable[[str, str], list[BlockChange]] = compare) -> VersionHistory | None:
    """Earlier versions by date, and the changes from the latest one to the current body
    (by `compare`: `version_diff.compare`, or the one of `kept_changes`); `body` may be a
    function that reads it, called only when there are earlier versions."""
    if not versions:
        return None
    ordered = tuple(EarlierVersion(v.version, v.date, v.file)
                    for v in sorted(versions, key=lambda v: (v.date, v.version)))
    latest = ordered[-1]
    _, earlier_body = read_markdown(source_dir / latest.file)
    return VersionHistory(ordered, latest, tuple(compare(earlier_body, body if isinstance(body, str) else body())))


def translation_url(draft_url: str, lang: str) -> str:
    """du-thao/<slug>/<lang>/"""
    return f"{draft_url}{lang.lower()}/"
