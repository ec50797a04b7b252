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
from generator.messages import Term
from generator.validate.fields import FieldChecker
from generator.diagnostics import Report
from generator.load.sources import read_source, report_links, shown_path
from generator.validate.markdown_checks import report_body_problems

# the wording of `file-type` that says what a file of each kind should be
_TYPE_KEYS = {
    site_files.DOCUMENT_TYPES: "file-type.document",
    site_files.PICTURE_TYPES: "file-type.picture",
    site_files.EDITION_TYPES: "file-type.edition",
}


def file_kind(kind: str) -> Term:
    return Term("file-kind", ext=kind) if kind else Term("file-kind.none")


def attached_file(value, path, check: FieldChecker, base: Path, root: Path,
                  types: tuple[str, ...]) -> Path | None:
    """The file a draft names at `path` (relative to its folder `base`), or None when it
    cannot be used (reported)."""
    name = check.text(value, path)
    if not name:
        return None
    problem = site_files.name_problem(name)
    if problem is not None:
        _report_name(problem, name, path, check)
        return None
    kind = site_files.type_of(name)
    if kind not in types:
        check.error(path, _TYPE_KEYS[types], name=name, kind=file_kind(kind), types=", ".join(types), at_value=True)
        return None
    target = base / name
    if not site_files.is_inside(target, root):   # the name stays in the folder: a link leads out
        check.error(path, "outside-site.attached", name=name, at_value=True)
        return None
    if not target.is_file():
        near = sorted(p.name for p in base.iterdir() if p.is_file() and p.suffix != ".md") if base.is_dir() else []
        check.error(path, "missing-file.near" if near else "missing-file", name=name, target=shown_path(target, root),
                    near=", ".join(near[:8]), at_value=True)
        return None
    return target


def _report_name(problem: site_files.FileProblem, name: str, path, check: FieldChecker) -> None:
    if problem.code == "absolute":
        check.error(path, "bad-file.absolute", name=name, at_value=True)
    elif problem.code == "outside":
        check.error(path, "bad-file.outside", name=name, at_value=True)
    elif problem.code == "unnormalised":
        check.error(path, "unnormalised-path", name=name, key=path[-1], normal=problem.normal, at_value=True)
    else:
        check.error(path, "bad-file-name", name=name, character=problem.character, at_value=True)


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
            report.error(shown_path(path, root), (1, 1), "file-type.content", kind=file_kind(kind),
                         types=", ".join(site_files.DOCUMENT_TYPES))
    return keep


def check_theme(theme_dir: Path | None, root: Path, report: Report) -> None:
    """The site's own theme/: no links out of the site's folder."""
    if theme_dir is not None:
        report_links(site_files.walk(theme_dir, root), root, report)
