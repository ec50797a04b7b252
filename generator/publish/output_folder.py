"""Which folder a build may write its site into, and what it says when it may not.

The output folder is policyhub's own: every build replaces all of it. So `build` refuses,
before any work, an `--out` that is, holds or lies inside the site's sources, a git work
tree, a file, or a folder holding files policyhub did not put there. A site policyhub
made carries `MARKER` at its root; a site made before the marker existed is recognised by
its own files (`is_older_site`). Every refusal and every failure to write is a diagnostic
with a code, raised as `OutputError` (exit code 2).
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from generator.diagnostics import ConfigError, Report
from generator.messages import Term
from generator.validate.config import load_config
from generator.load.sources import SiteSources

MARKER = ".policyhub-site"
MARKER_TEXT = ("This folder is a site built by policyhub. Every build replaces all of it:\n"
               "keep nothing else here.\n")
# kept by a build into a mount point, and never counted as a stranger's files
FOREIGN_BUT_HARMLESS = frozenset({"lost+found"})
LEFTOVER_KINDS = ("building", "previous")   # `.<name>.building-<pid>`, `.<name>.previous-<pid>`
ARGUMENT = "--out"                           # where output problems are reported
SUGGESTION = Term("out-suggestion")          # "--out site (a new folder beside site_config.yml) or …"


class OutputError(ConfigError):
    """The output folder cannot be used or written: the run stops with exit code 2."""


def from_argument(text: str | None) -> Path | None:
    """The folder `--out` names; an empty value (an unset variable in a script) is refused,
    not read as the current folder."""
    if text is None:
        return None
    if not text.strip():
        report = Report()
        report.error(ARGUMENT, (1, 1), "out-empty", suggestion=SUGGESTION)
        raise OutputError(report)
    return Path(text)


def check(out: Path, sources: SiteSources, shown: str) -> Report:
    """The problems with writing the site into `out` (absolute), before anything is built.
    `shown` is the folder as the user wrote it."""
    report = Report()
    refusal = _sources_refusal(out, sources) or _folder_refusal(out)
    if refusal is not None:
        key, params = refusal
        report.error(ARGUMENT, (1, 1), key, shown=_printable(shown), suggestion=SUGGESTION, **params)
    return report


def _sources_refusal(out: Path, sources: SiteSources) -> tuple[str, dict] | None:
    root = sources.root
    if out == root:
        return "out-is-sources", {"config": sources.config_path.name}
    if _is_within(root, out):
        return "out-holds-sources", {"config": sources.config_path.name, "root": str(root)}
    for folder in (sources.drafts_dir, sources.content_dir, root / "theme"):
        if _is_within(out, folder):
            return "out-inside-sources", {"folder": folder.name}
    if ".git" in out.parts:
        return "out-inside-git", {}
    if os.path.lexists(out / ".git"):
        return "out-is-git-work-tree", {}
    return None


def _folder_refusal(out: Path) -> tuple[str, dict] | None:
    folder = next((f for f in (out, *out.parents) if f.exists()), None)   # the nearest that is there
    if folder is None:
        return None
    if not folder.is_dir():
        return ("out-is-file", {}) if folder == out else ("out-is-file.below", {"folder": str(folder)})
    if folder != out or is_ours(out):
        return None
    strangers = [name for name in _names(out) if not _harmless(name, out)]
    if not strangers:
        return None
    listed = ", ".join(_printable(name) for name in sorted(strangers)[:3]) + (", …" if len(strangers) > 3 else "")
    return "out-not-ours", {"listed": listed}


def is_ours(folder: Path) -> bool:
    """A site policyhub made: it has the marker, or it is a site made before the marker."""
    marker = folder / MARKER
    return (marker.is_file() and not marker.is_symlink()) or is_older_site(folder)


def is_older_site(folder: Path) -> bool:
    """A site built by a policyhub without the marker: its pages, sitemap and open data
    (`api/drafts.json` as policyhub writes it) are all there."""
    if not all((folder / name).is_file() for name in ("index.html", "404.html", "sitemap.xml")):
        return False
    try:
        with open(folder / "api" / "drafts.json", "rb") as data:
            start = data.read(64)
    except OSError:
        return False
    return start.startswith(b'{\n  "schema_version": "')


def write_marker(site: Path) -> None:
    (site / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def own_name(out_name: str, kind: str) -> str:
    """The name of what a build into `out_name` makes beside it: its lock (`kind` "lock"),
    its staging folder ("building"), the old site on its way out ("previous") and the
    folders of the old site kept empty for the next build ("spare")."""
    if kind in ("lock", "spare"):
        return f".{out_name}.{kind}"
    return f".{out_name}.{kind}-{os.getpid()}"


def leftover_kind(name: str, out_name: str) -> str | None:
    """'building', 'previous' or 'spare' for what a build into `out_name` leaves beside it,
    else None."""
    if name == own_name(out_name, "spare"):
        return "spare"
    for kind in LEFTOVER_KINDS:
        prefix = f".{out_name}.{kind}-"
        if name.startswith(prefix) and name[len(prefix):].isdigit():
            return kind
    return None


def _harmless(name: str, out: Path) -> bool:
    return name in FOREIGN_BUT_HARMLESS or leftover_kind(name, out.name) is not None


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _of_the_build(path: Path, out: Path) -> bool:
    """The output folder, or what a build into it makes beside it (its lock, its staging)."""
    try:
        first = path.relative_to(out.parent).parts[0]
    except (ValueError, IndexError):
        return False
    return first in (out.name, own_name(out.name, "lock")) or leftover_kind(first, out.name) is not None


def _printable(text: str) -> str:
    """A name as it goes into a one-line message: control characters shown as '?'."""
    return "".join(c if c.isprintable() else "?" for c in text)


def _is_within(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def write_failure(exc: OSError, out: Path) -> OutputError:
    """A file could not be written (full or read-only disk, no permission, a file in the
    way): one diagnostic saying where, why and the way out. Files of the site being built
    are named by the output folder; others (the cache, a temporary folder) by themselves."""
    # a copy or a rename names its source first and what it was writing second
    written = exc.filename2 or exc.filename
    failed = Path(os.fsdecode(written)) if written else None
    if failed is None or _of_the_build(failed, out):
        where, disk = str(out), out if out.is_dir() else out.parent
    else:
        where, disk = str(failed), failed.parent
    report = Report()
    report.error(ARGUMENT, (1, 1), disk_problem(exc), where=where, disk=str(disk), reason=exc.strerror or str(exc))
    return OutputError(report)


def disk_problem(exc: OSError) -> str:
    """The code of a failure to write: disk-full, disk-read-only, no-permission or write-failed."""
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "disk-full"
    if exc.errno == errno.EROFS:
        return "disk-read-only"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "no-permission"
    return "write-failed"


def refuse_before_building(out: Path, located: SiteSources, shown: str, config_path: Path,
                           base_url: str | None) -> None:
    """Refuse an output folder that is not policyhub's, before anything is read or built;
    with the config's own problems, if any, so that all are reported at once."""
    refused = check(out, located, shown)
    if not refused.errors:
        return
    try:
        load_config(config_path, base_url)
    except ConfigError as exc:
        refused.extend(exc.report)
    raise OutputError(refused)
