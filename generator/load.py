"""Read the site's source files: the config, drafts/ and content/ next to it.

Reading is kept apart from checking: a `SourceFile` is the text of one Markdown file split
into its front matter (parsed, with positions) and its body.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from generator import cache_values, yaml_source
from generator.diagnostics import Report
from generator.source_cache import SourceCache
from generator.yaml_source import Positions

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


def markdown_files(folder: Path) -> list[Path]:
    """Every .md file below `folder`, in a stable order; hidden and _-prefixed names skipped."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.rglob("*.md"):
        parts = path.relative_to(folder).parts
        if any(p.startswith((".", "_")) for p in parts):
            continue
        found.append(path)
    return sorted(found)


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


def read_source(path: Path, root: Path, report: Report, cache: SourceCache | None = None) -> SourceFile | None:
    """Read one Markdown file; problems go into `report` and give None. With a `cache`, front
    matter parsed by an earlier build from the same text is taken from it."""
    shown = shown_path(path, root)
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        report.error(shown, (1, 1), "not-utf8", f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})",
                     "save the file with UTF-8 encoding")
        return None
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    front_text, body, body_line = split_front_matter(text)
    if front_text is None:
        return SourceFile(path, shown, None, Positions(), body, body_line, has_front_matter=False)
    key = SourceCache.key("front matter", front_text)
    parsed = cache.get(key, lambda plain: cache_values.decode_front(plain, front_text, FRONT_LINE_OFFSET)) \
        if cache is not None else None
    if parsed is None:
        try:
            parsed = yaml_source.load(front_text, line_offset=FRONT_LINE_OFFSET)
        except yaml_source.YamlSyntaxError as exc:
            report.error(shown, (exc.line, exc.column), "yaml-syntax", f"invalid YAML in front matter: {exc.problem}",
                         "check the indentation and put text containing ': ' or starting with '[', '{', '@' in quotes")
            return None
        if cache is not None:
            cache.put(key, parsed, lambda value: cache_values.encode_front(value, front_text, FRONT_LINE_OFFSET))
    front, positions = parsed
    return SourceFile(path, shown, front, positions, body, body_line, text_key=SourceCache.key("text", text))


def read_sources(sources: SiteSources, cache: SourceCache | None = None) -> SiteSources:
    """Read every draft and content page; unreadable files are reported, not fatal.

    Markdown files that a draft names as an earlier version or a translation belong to that
    draft: they are not drafts of their own (and their problems are not reported as such)."""
    report = Report()
    read = []
    for path in markdown_files(sources.drafts_dir):
        own = Report()
        read.append((path, read_source(path, sources.root, own, cache), own))
    editions = referenced_editions(s for _, s, _ in read if s is not None)
    drafts = []
    for path, source, own in read:
        if path.resolve() in editions:
            continue
        report.extend(own)
        if source is not None:
            drafts.append(source)
    drafts = tuple(drafts)
    content = tuple(s for p in markdown_files(sources.content_dir)
                    if (s := read_source(p, sources.root, report, cache)) is not None)
    return SiteSources(sources.root, sources.config_path, sources.drafts_dir, sources.content_dir,
                       sources.theme_dir, drafts, content, report)


EDITION_FIELDS = ("versions", "translations")


def referenced_editions(drafts) -> set[Path]:
    """Resolved paths of the files drafts name under `versions:` and `translations:`."""
    found = set()
    for source in drafts:
        front = source.front if isinstance(source.front, dict) else {}
        for field_name in EDITION_FIELDS:
            items = front.get(field_name)
            for item in items if isinstance(items, list) else ():
                name = item.get("file") if isinstance(item, dict) else None
                target = (source.path.parent / name.strip()).resolve() if isinstance(name, str) else None
                if target is not None and name.strip() and target != source.path.resolve():
                    found.add(target)
    return found
