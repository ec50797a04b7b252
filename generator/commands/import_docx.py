"""`policyhub import du-thao.docx --agency KEY --topic KEY [--type KEY]`: a Word draft
becomes a draft folder, `drafts/<year>/<short-slug>/` with `index.md` and the .docx beside it.

The front matter takes what the document says (its title from the type line and the
subject, its type, the draft's number "DỰ THẢO LẦN 2"); what only the editor knows (the
summary, the dates and the ways to comment) is left as placeholders that `policyhub check`
reports until they are written. The document type: `--type` when given (the editor knows
best; a note says so when the document reads otherwise), else the site's doc_types key the
document's type line matches, else the command asks for `--type`.

Exit codes: 2 for what the command was asked (unknown keys, a missing file, a folder that
exists), 1 for a document that cannot be read (not a .docx, a .doc, a password, no text).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator import messages
from generator.model.lifecycle import moment_of
from generator.model.names import SLUG_RE, short_slug, slugify
from generator.validate.config import load_config
from generator.commands.word.markdown import to_markdown
from generator.commands.word.reader import WordFileError, read_docx
from generator.commands.word.structure import DOC_TYPES, Header, fold, split_document
from generator.model import SiteConfig
from generator.validate.placeholders import TOKEN, placeholder

SECTION = "import-docx"   # its words: that section of generator/messages/vi.yml and en.yml


def message(code: str, lang: str, **fields) -> str:
    return messages.text(SECTION, code, lang, **fields)


class UsageProblem(Exception):
    def __init__(self, problems: list[tuple[str, dict, str, dict]]):
        super().__init__(problems[0][0])
        self.problems = problems      # (code, fields, hint code, hint fields)


@dataclass(frozen=True)
class ImportedDraft:
    """What the command writes, before anything is written."""

    slug: str
    text: str                  # index.md
    document_name: str         # the .docx's name beside it
    pictures: dict             # name -> bytes
    header: Header
    headings: int
    tables: int
    notes: int
    placeholders: int
    pictures_left_out: int


def doc_type_key(header: Header, config: SiteConfig) -> str:
    """The site's doc_types key the document's type line names, or "" (none, or several)."""
    if not header.doc_type:
        return ""
    word = header.doc_type
    found = [key for key, kind in config.doc_types.items()
             if fold(kind.name).startswith(word) or key.replace("-", " ").startswith(word)]
    if len(found) > 1:   # "Nghị quyết của HĐND" or "… của UBND": the issuing body tells
        issuer = fold(" ".join(header.issuer))
        for marks, body in ((("hdnd", "hoi dong nhan dan"), "hoi dong nhan dan"),
                            (("ubnd", "uy ban nhan dan"), "uy ban nhan dan")):
            if body in issuer:
                narrowed = [k for k in found if any(m in k.replace("-", " ") or m in fold(config.doc_types[k].name)
                                                    for m in marks)]
                found = narrowed or found
    return found[0] if len(found) == 1 else ""


def convert(data: bytes, shown: str, file_name: str, config: SiteConfig, *, agency: str, topics: list[str],
            doc_type: str, slug: str, lang: str) -> tuple[ImportedDraft, list[str]]:
    """The draft made from a .docx's bytes, and notes for the editor. Raises WordFileError
    for a file that cannot be read and UsageProblem when the type is unknown."""
    document = read_docx(data, shown)
    header, blocks = split_document(document.blocks)
    body = to_markdown(blocks, document.notes)
    if not body.markdown.strip():
        raise WordFileError("docx-no-text", file=shown)
    notes = []
    found = doc_type_key(header, config)
    if not doc_type:
        if not found:
            seen = message("type-seen", lang, line=header.doc_type_line) if header.doc_type_line else ""
            raise UsageProblem([("type-unknown", {"file": shown, "seen": seen},
                                 "type-unknown.hint", {"keys": ", ".join(config.doc_types)})])
        doc_type = found
    elif header.doc_type and found != doc_type:
        notes.append(message("type-differs", lang, line=header.doc_type_line, found=found or "?", given=doc_type))
    slug = slug or short_slug(header.subject or "", slugify(DOC_TYPES.get(header.doc_type, "du thao")))
    document_name = (slugify(Path(file_name).stem) or "du-thao")[:60].rstrip("-") + ".docx"
    text, count = draft_text(header, body.markdown, config, agency=agency, topics=topics, doc_type=doc_type,
                             document_name=document_name, file_name=file_name, lang=lang,
                             pictures=[p for p in body.pictures if p[0] in document.pictures])
    markdown = body.markdown
    imported = ImportedDraft(
        slug=slug, text=text, document_name=document_name,
        pictures={name: document.pictures[name][0] for name, _ in body.pictures if name in document.pictures},
        header=header, headings=sum(1 for line in markdown.split("\n") if line.startswith("#")),
        tables=sum(1 for line in markdown.split("\n") if line.startswith("|---")),
        notes=body.notes, placeholders=count, pictures_left_out=document.pictures_left_out)
    return imported, notes


def _scalar(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def draft_text(header: Header, markdown: str, config: SiteConfig, *, agency: str, topics: list[str], doc_type: str,
               document_name: str, file_name: str, lang: str, pictures=()) -> tuple[str, int]:
    """index.md, and how many placeholders it has."""
    def ph(code, **fields):
        return _scalar(placeholder(message(code, lang, **fields)))

    said = "; ".join(p for p in (" ".join(header.issuer), header.number, header.place_date) if p)
    kind = DOC_TYPES.get(header.doc_type) or config.doc_types[doc_type].name.split(" của ")[0]
    doc_title = message("doc.title", lang, kind=kind) + (message("doc.version", lang, version=header.version)
                                                         if header.version else "")
    email = config.site.contact.email or "gopy@example.gov.vn"
    version = f", version: {_scalar(header.version)}" if header.version else ""
    lines = [
        "---",
        message("fm.imported", lang, file=" ".join(file_name.split())),
        *( [message("fm.source", lang, header=said)] if said else []),
        message("fm.fill", lang),
        message("fm.title", lang),
        f"title: {_scalar(header.title) if header.title else ph('ph.title')}",
        message("fm.keys", lang),
        f"doc_type: {doc_type}",
        f"agency: {agency}",
        f"topics: [{', '.join(dict.fromkeys(topics))}]",
        message("fm.summary", lang),
        f"summary: {ph('ph.summary')}",
        "consultation:",
        "  " + message("fm.dates", lang, days=config.rules.min_comment_days),
        f"  opens: {ph('ph.opens')}",
        f"  closes: {ph('ph.closes')}",
        "  " + message("fm.channels", lang),
        "  channels:",
        f"    - {{type: email, address: {ph('ph.email', email=email)}}}",
        message("fm.documents", lang),
        "documents:",
        f"  - {{title: {_scalar(doc_title)}, file: {document_name}, kind: draft{version}}}",
        *([message("fm.pictures", lang), "infographics:"] if pictures else []),
        *(f"  - {{image: {name}, alt: {_scalar(alt) if alt else ph('ph.alt')}, "
          f"caption: {_scalar(message('picture.caption', lang, number=n))}}}"
          for n, (name, alt) in enumerate(pictures, 1)),
        "---",
        "",
    ]
    text = "\n".join(lines) + "\n" + markdown
    return text, sum(line.count(TOKEN) for line in text.split("\n") if not line.lstrip().startswith("#"))


def write_draft(imported: ImportedDraft, source: Path, folder: Path) -> None:
    """Write the folder whole or not at all: built beside it, then renamed into place."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.importing-", dir=folder.parent))
    try:
        (building / "index.md").write_text(imported.text, encoding="utf-8")
        shutil.copyfile(source, building / imported.document_name)
        for name, data in imported.pictures.items():
            (building / name).write_bytes(data)
        os.chmod(building, 0o755)
        os.rename(building, folder)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise


def _print_problem(code, fields, hint, hint_fields, lang):
    print(f"{messages.word('error', lang)}: {message(code, lang, **fields)}\n"
          f"    {messages.word('fix', lang)}: {message(hint, lang, **hint_fields)}", file=sys.stderr)


def import_docx(args, lang: str) -> int:
    config = load_config(args.config)
    problems = []
    if not args.agency:
        problems.append(("no-agency", {}, "no-agency.hint", {"keys": ", ".join(config.agencies)}))
    for what, key, table in (("agency", args.agency, config.agencies), ("type", args.doc_type, config.doc_types)):
        if key and key not in table:
            problems.append(("unknown-key", {"what": message(f"what.{what}", lang), "key": key},
                             "unknown-key.hint", {"keys": ", ".join(table)}))
    for topic in args.topic:
        if topic not in config.topics:
            problems.append(("unknown-key", {"what": message("what.topic", lang), "key": topic},
                             "unknown-key.hint", {"keys": ", ".join(config.topics)}))
    if not args.topic:
        problems.append(("no-topic", {}, "no-topic.hint", {"keys": ", ".join(config.topics)}))
    if args.slug and not SLUG_RE.match(args.slug):
        problems.append(("bad-slug", {"slug": args.slug}, "bad-slug.hint", {"example": slugify(args.slug) or "du-thao"}))
    source = Path(args.file)
    shown = source.name
    if not source.is_file():
        problems.append(("missing-file", {"file": args.file}, "missing-file.hint", {}))
    if problems:
        for problem in problems:
            _print_problem(*problem, lang)
        return 2
    try:
        data = source.read_bytes()
    except OSError as exc:
        _print_problem("unreadable-file", {"file": shown, "reason": exc.strerror or exc}, "unreadable-file.hint", {}, lang)
        return 2
    try:
        imported, notes = convert(data, shown, source.name, config, agency=args.agency, topics=args.topic,
                                  doc_type=args.doc_type, slug=args.slug, lang=lang)
    except WordFileError as exc:
        text, fix = exc.text(lang)
        print(f"{messages.word('error', lang)}: {text}\n    {messages.word('fix', lang)}: {fix}", file=sys.stderr)
        return 1
    except UsageProblem as exc:
        for problem in exc.problems:
            _print_problem(*problem, lang)
        return 2
    except (RecursionError, ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
        # something in the document our reading did not foresee: still one line, not a traceback
        text, fix = WordFileError("docx-damaged", file=shown, what=f"{type(exc).__name__}: {exc}"[:160]).text(lang)
        print(f"{messages.word('error', lang)}: {text}\n    {messages.word('fix', lang)}: {fix}", file=sys.stderr)
        return 1
    year = moment_of(config, args.today).year
    folder = args.config.resolve().parent / "drafts" / str(year) / imported.slug
    shown_folder = f"drafts/{year}/{imported.slug}/"
    if folder.exists():
        _print_problem("exists", {"folder": shown_folder}, "exists.hint", {}, lang)
        return 2
    try:
        write_draft(imported, source, folder)
    except OSError as exc:
        _print_problem("write-failed", {"folder": shown_folder, "reason": exc.strerror or exc},
                       "write-failed.hint", {}, lang)
        return 2
    for note in notes:
        print(f"{messages.word('note', lang)}: {note}", file=sys.stderr)
    print(message("wrote", lang, path=shown_folder + "index.md", file=shown, headings=imported.headings,
                  tables=imported.tables, notes=imported.notes))
    parts = [message(f"part.{p}", lang) for p in imported.header.left_out]
    if parts:
        print(message("left-out", lang, parts="; ".join(parts)))
    if imported.pictures_left_out:
        print(message("pictures-left-out", lang, count=imported.pictures_left_out))
    print(message("next", lang, count=imported.placeholders, token=TOKEN))
    return 0
