"""`policyhub import`: which import the file asks for, and in which language to speak.

A Word document (.docx; also .doc, .rtf, .odt, to say how to save them as .docx) becomes a
draft folder (`import_docx`); a spreadsheet (.xlsx, .csv) with `--into` the draft's response,
and `--template FILE.xlsx` writes the empty spreadsheet (`import_responses`). Messages are
Vietnamese or English: `--lang`, else the site's `site.language`.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from generator import messages


SECTION = "import"   # its words: that section of generator/messages/vi.yml and en.yml

WORD = (".docx", ".docm", ".dotx", ".doc", ".rtf", ".odt")
SHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")


def _problem(code: str, lang: str, **fields) -> None:
    print(f"{messages.word('error', lang)}: {messages.text(SECTION, code, lang, **fields)}\n"
          f"    {messages.word('fix', lang)}: {messages.text(SECTION, code + '.hint', lang, **fields)}", file=sys.stderr)


def kind_of(path: Path, into) -> str:
    """"word", "sheet" or ""."""
    suffix = path.suffix.lower()
    if suffix in WORD:
        return "word"
    if suffix in SHEETS:
        return "sheet"
    try:
        with path.open("rb") as handle, zipfile.ZipFile(io.BytesIO(handle.read(64 << 20))) as archive:
            names = set(archive.namelist())
        return "word" if "word/document.xml" in names else "sheet" if "xl/workbook.xml" in names else ""
    except (OSError, zipfile.BadZipFile):
        return "sheet" if into else ""


def run_import(args) -> int:
    lang = args.lang
    if args.template is not None:
        from generator.commands.import_responses import write_template
        return write_template(args.template, lang)
    if not args.file:
        _problem("usage-nothing", lang)
        return 2
    kind = kind_of(Path(args.file), args.into)
    if kind == "word":
        if args.into is not None:
            _problem("usage-word-into", lang, file=args.file)
            return 2
        from generator.commands.import_docx import import_docx
        return import_docx(args, lang)
    if kind == "sheet" or (kind == "" and args.into is not None):
        if args.into is None:
            _problem("usage-into", lang, file=args.file)
            return 2
        from generator.commands.import_responses import import_responses
        return import_responses(args, lang)
    _problem("usage-what", lang, file=args.file)
    return 2
