"""Read the site's source files: the config, drafts/ and content/ next to it.

Reading is kept apart from checking: a `SourceFile` is the text of one Markdown file split
into its front matter (parsed, with positions) and its body.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generator.load import cached_front
from generator.load import site_files
from generator.load import text_rules
from generator.load import unchanged
from generator.load import yaml_positions
from generator.diagnostics import Report
from generator.cache.sources import SourceCache
from generator.load.yaml_positions import Positions, YamlProblem, dotted
from generator.messages import Field, Term

FRONT_MATTER_FENCE = "---"
FRONT_LINE_OFFSET = 1              # front matter starts on the line after the fence


@dataclass(frozen=True)
class SourceFile:
    path: Path                     # absolute
    shown: str                     # relative to the site root, as editors see it
    front: object                  # parsed front matter (None when absent)
    positions: Positions
    body: str
    body_line: int                 # 1-based line of the body's first line
    has_front_matter: bool = True
    text_key: str = ""             # hash of the whole text: what results cached for this file are found by


@dataclass(frozen=True)
class SiteSources:
    """Where one site's files are: everything is found next to its config file."""

    root: Path
    config_path: Path
    drafts_dir: Path
    content_dir: Path
    theme_dir: Path | None         # the site's own overrides, if it has a theme/ folder
    drafts: tuple[SourceFile, ...] = ()
    content: tuple[SourceFile, ...] = ()
    errors: Report = field(default_factory=Report)


def locate(config_path: Path) -> SiteSources:
    root = config_path.resolve().parent
    theme = root / "theme"
    return SiteSources(root=root, config_path=config_path.resolve(), drafts_dir=root / "drafts",
                       content_dir=root / "content", theme_dir=theme if theme.is_dir() else None)


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def markdown_files(folder: Path, root: Path | None = None, report: Report | None = None) -> list[Path]:
    """Every .md file below `folder`, in a stable order; hidden and _-prefixed names skipped.

    Nothing outside `root` (the site's folder; default: the folder's parent) is listed:
    links that lead out of it are reported into `report`, as are links to folders, which
    are not followed."""
    root = (root or folder.parent).resolve()
    found = site_files.walk(folder, root, ".md", skip_underscore=True)
    if report is not None:
        report_links(found, root, report)
    return list(found.files)


def report_outside(shown: str, report: Report) -> None:
    report.error(shown, (1, 1), "outside-site")


def report_links(found: site_files.Found, root: Path, report: Report) -> None:
    """The links a walk over a folder did not follow, as diagnostics."""
    for path in found.outside:
        report_outside(shown_path(path, root), report)
    for path in found.linked_folders:
        report.warning(shown_path(path, root), (1, 1), "linked-folder")
    for path, reason, code in found.unreadable:
        report.error(shown_path(path, root), (1, 1), code, reason=reason)


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter text or None, body, body's first line number)."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FRONT_MATTER_FENCE:
        return None, text, 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FRONT_MATTER_FENCE, "..."):
            front = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1:])
            return front, body, index + 2
    return None, text, 1


def read_source(path: Path, root: Path, report: Report, cache: SourceCache | None = None,
                remember: bool = False) -> SourceFile | None:
    """Read one Markdown file; problems go into `report` and give None. With a `cache`, front
    matter parsed by an earlier build from the same text is taken from it, and, when
    `remember`, a file read without problems is recorded as unchanged until it changes.

    `path` is a file inside the site's folder: one `markdown_files` found (it follows no
    link out of it) or one `attachments.attached_file` accepted."""
    shown = shown_path(path, root)
    errors_before, started = report.error_count, unchanged.now_ns()
    try:
        before = os.stat(path)
        raw = site_files.read_limited(path, site_files.MAX_MARKDOWN_BYTES).decode("utf-8-sig")
    except site_files.TooLarge as exc:
        report.error(shown, (1, 1), "file-too-large.markdown", limit=site_files.size_words(exc.limit))
        return None
    except UnicodeDecodeError as exc:
        report.error(shown, (1, 1), "not-utf8.byte", reason=exc.reason, byte=exc.start)
        return None
    except OSError as exc:
        report.error(shown, (1, 1), "unreadable", reason=str(exc.strerror or exc))
        return None
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    front_text, body, body_line = split_front_matter(text)
    _check_body_characters(shown, body, body_line, report)
    if front_text is None:
        return SourceFile(path, shown, None, Positions(), body, body_line, has_front_matter=False)
    if len(front_text.encode("utf-8")) > site_files.MAX_YAML_BYTES:
        report.error(shown, (2, 1), "front-matter-too-large", limit=site_files.size_words(site_files.MAX_YAML_BYTES))
        return None
    key = SourceCache.key("front matter", front_text)
    parsed = cache.get(key, lambda plain: cached_front.decode_front(plain, front_text, FRONT_LINE_OFFSET),
                       part=True) if cache is not None else None
    if parsed is None:
        try:
            parsed = yaml_positions.load(front_text, line_offset=FRONT_LINE_OFFSET)
        except yaml_positions.YamlRefusedError as exc:
            report.error(shown, (exc.line, exc.column), exc.code, **exc.params)
            return None
        except yaml_positions.YamlSyntaxError as exc:
            report.error(shown, (exc.line, exc.column), "yaml-syntax", problem=YamlProblem(exc.problem))
            return None
        if cache is not None:
            cache.put(key, parsed, lambda value: cached_front.encode_front(value, front_text, FRONT_LINE_OFFSET),
                      part=True)
    front, positions = parsed
    # a value can only hold a forbidden character the text has, or one an escape ("\\u0007") makes
    if "\\" in front_text or text_rules.first_bad_character(front_text) is not None:
        check_value_characters(shown, front, positions, report)
    source = SourceFile(path, shown, front, positions, body, body_line, text_key=SourceCache.key("text", text))
    if remember and report.error_count == errors_before:   # a file with problems is read again, and reports them
        unchanged.remember(path, shown, before, started, source.text_key, edition_names(source), cache)
    return source


def _check_body_characters(shown: str, body: str, body_line: int, report: Report) -> None:
    found = text_rules.first_bad_character(body)
    if found is not None:
        report.error(shown, text_rules.line_and_column(body, found.index, body_line), found.key(),
                     **found.params(Term("the-text")))


def check_value_characters(shown: str, data, positions: Positions, report: Report, scope: str = "draft") -> None:
    """Forbidden characters in parsed YAML (they can come from escapes such as "\\u0007")."""
    for path, is_key, found in text_rules.bad_characters_in_values(data):
        where = positions.of(path) if is_key else positions.value_of(path)
        if is_key:
            what = Term("field-name")
        elif not path:
            what = Term("the-value")
        elif text_rules.visible(dotted(path)) == dotted(path):
            what = Field(tuple(path), scope)
        else:   # a field name with such a character: shown escaped, never as it is
            what = f"'{text_rules.visible(dotted(path))}'"
        report.error(shown, where, found.key(), **found.params(what))


def read_sources(sources: SiteSources, cache: SourceCache | None = None) -> SiteSources:
    """Read every draft and content page; unreadable files are reported, not fatal. A draft
    the cache knows unchanged (`unchanged.find`) is not read: it is an `UnchangedSource`.

    Markdown files that a draft names as an earlier version or a translation belong to that
    draft: they are not drafts of their own (and their problems are not reported as such)."""
    report = Report()
    read = []
    for path in markdown_files(sources.drafts_dir, sources.root, report):
        own = Report()
        known = unchanged.find(path, shown_path(path, sources.root), cache)
        read.append((path, known or read_source(path, sources.root, own, cache, remember=True), own))
    editions = referenced_editions(s for _, s, _ in read if s is not None)
    real = _real_paths(sources.drafts_dir)
    drafts = []
    for path, source, own in read:
        if editions and real(path) in editions:
            continue
        report.extend(own)
        if source is not None:
            drafts.append(source)
    drafts = tuple(drafts)
    content = tuple(s for p in markdown_files(sources.content_dir, sources.root, report)
                    if (s := read_source(p, sources.root, report, cache)) is not None)
    return SiteSources(sources.root, sources.config_path, sources.drafts_dir, sources.content_dir,
                       sources.theme_dir, drafts, content, report)


def _real_paths(folder: Path):
    """`Path.resolve` for the files a walk over `folder` found, with one look at the file
    instead of one at each folder of its path: the walk follows no link to a folder, so only
    the file itself may be a link."""
    folder_real = folder.resolve()
    prefix = os.fspath(folder) + os.sep

    def real(path: Path) -> Path:
        text = os.fspath(path)
        if text.startswith(prefix) and not path.is_symlink():
            return folder_real / text[len(prefix):]
        return path.resolve()
    return real


EDITION_FIELDS = ("versions", "translations")


def edition_names(source: SourceFile) -> tuple[str, ...]:
    """The file names a source gives under `versions:` and `translations:`, as written."""
    front = source.front if isinstance(source.front, dict) else {}
    names = []
    for field_name in EDITION_FIELDS:
        items = front.get(field_name)
        for item in items if isinstance(items, list) else ():
            name = item.get("file") if isinstance(item, dict) else None
            if isinstance(name, str):
                names.append(name)
    return tuple(names)


def referenced_editions(drafts) -> set[Path]:
    """Resolved paths of the files drafts name under `versions:` and `translations:`."""
    found = set()
    for source in drafts:
        names = source.editions if isinstance(source, unchanged.UnchangedSource) else edition_names(source)
        for name in names:
            target = (source.path.parent / name.strip()).resolve()
            if name.strip() and target != source.path.resolve():
                found.add(target)
    return found
