"""Files that drafts and content pages bring with them, checked before anything reads them.

A draft names its documents, pictures, earlier versions and translations relative to its
own file; content/ holds pictures and documents for the content pages. Each must be a
plain relative name in its normal form, of a type the site publishes, and a file inside
the site's folder (a link out of it is never followed). Earlier versions and translations
are read as Markdown like drafts: the same limits, characters and links apply to them.
"""
from __future__ import annotations

from pathlib import Path

from generator.load import site_files
from generator.validate.fields import FieldChecker
from generator.diagnostics import Report
from generator.load.sources import read_source, report_links, shown_path
from generator.validate.markdown_checks import report_body_problems

_TYPE_HINTS = {
    site_files.DOCUMENT_TYPES: "save it as PDF (or attach a file of one of these types: {types})",
    site_files.PICTURE_TYPES: "save the picture as PNG or JPEG ({types})",
    site_files.EDITION_TYPES: "write the earlier version or translation as a Markdown file (.md) beside the draft",
}


def attached_file(value, path, check: FieldChecker, base: Path, root: Path, what: str,
                  types: tuple[str, ...]) -> Path | None:
    """The file a draft names at `path` (relative to its folder `base`), or None when it
    cannot be used (reported)."""
    name = check.text(value, path)
    if not name:
        return None
    problem = site_files.name_problem(name)
    if problem is not None:
        _report_name(problem, name, path, check, what)
        return None
    kind = site_files.type_of(name)
    if kind not in types:
        shown_kind = f"a .{kind} file" if kind else "a file without an extension"
        check.error(path, "file-type", f"{what} '{name}' is {shown_kind}, which the site does not publish",
                    _TYPE_HINTS[types].format(types=", ".join(types)), at_value=True)
        return None
    target = base / name
    if not site_files.is_inside(target, root):   # the name stays in the folder: a link leads out
        check.error(path, "outside-site", f"{what} '{name}' is a link to a file outside the site's folder; "
                    "it is not read", "copy the file next to the draft instead of linking to it", at_value=True)
        return None
    if not target.is_file():
        near = sorted(p.name for p in base.iterdir() if p.is_file() and p.suffix != ".md") if base.is_dir() else []
        hint = f"add the file {shown_path(target, root)} or correct the name"
        if near:
            hint += " (files there: " + ", ".join(near[:8]) + ")"
        check.error(path, "missing-file", f"{what} '{name}' does not exist", hint, at_value=True)
        return None
    return target


def _report_name(problem: site_files.FileProblem, name: str, path, check: FieldChecker, what: str) -> None:
    if problem.code == "absolute":
        check.error(path, "bad-file", f"{what} '{name}' must be a relative path with '/' separators",
                    "write the file name as it is next to the draft, e.g. du-thao.pdf", at_value=True)
    elif problem.code == "outside":
        check.error(path, "bad-file", f"{what} '{name}' lies outside the draft's folder",
                    "put the file next to the draft (or in a folder beside it) and write its name", at_value=True)
    elif problem.code == "unnormalised":
        check.error(path, "unnormalised-path", f"{what} '{name}' is not written in its simplest form",
                    f"write {path[-1]}: {problem.normal}", at_value=True)
    else:
        check.error(path, "bad-file-name", f"{what} '{name}' contains '{problem.character}', "
                    "which cannot be part of a file's address", "rename the file without it", at_value=True)


def check_edition(target: Path, root: Path, report: Report) -> None:
    """An earlier version or translation: readable like a draft, with no unsafe links."""
    source = read_source(target, root, report)
    if source is not None:
        report_body_problems(source.shown, source.body, source.body_line, report)


def content_files(content_dir: Path, root: Path, report: Report | None = None) -> list[Path]:
    """The files beside the content pages that the site publishes (not the .md pages):
    with `report`, files of other types and links out of the site are errors there."""
    found = site_files.walk(content_dir, root)
    if report is not None:
        report_links(found, root, report)
    keep = []
    for path in found.files:
        if path.suffix == ".md":
            continue
        kind = site_files.type_of(path.name)
        if kind in site_files.DOCUMENT_TYPES:
            keep.append(path)
        elif report is not None:
            shown_kind = f"a .{kind} file" if kind else "a file without an extension"
            report.error(shown_path(path, root), (1, 1), "file-type",
                         f"this is {shown_kind}, which the site does not publish",
                         "keep only pictures and documents beside the content pages ("
                         + ", ".join(site_files.DOCUMENT_TYPES) + "); move other files out of content/")
    return keep


def check_theme(theme_dir: Path | None, root: Path, report: Report) -> None:
    """The site's own theme/: no links out of the site's folder."""
    if theme_dir is not None:
        report_links(site_files.walk(theme_dir, root), root, report)
