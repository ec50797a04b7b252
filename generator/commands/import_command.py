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

from generator.diagnostics import ConfigError

MESSAGES = {
    "error": {"vi": "lỗi", "en": "error"},
    "fix": {"vi": "cách sửa", "en": "fix"},
    "usage-into": {"vi": "thiếu --into: cần ghi tệp dự thảo nhận kết quả góp ý",
                   "en": "--into is missing: name the draft the comments belong to"},
    "usage-into.hint": {"vi": "ví dụ policyhub import {file} --into drafts/2026/hoc-phi/index.md",
                        "en": "e.g. policyhub import {file} --into drafts/2026/hoc-phi/index.md"},
    "usage-what": {"vi": "{file}: không biết nhập tệp này thế nào", "en": "{file}: this kind of file cannot be imported"},
    "usage-what.hint": {"vi": "nhập dự thảo từ tệp Word .docx, hoặc ý kiến góp ý từ tệp .xlsx hay .csv với --into",
                        "en": "import a draft from a Word .docx, or comments from an .xlsx or .csv with --into"},
    "usage-nothing": {"vi": "chưa ghi tệp cần nhập", "en": "no file to import was given"},
    "usage-nothing.hint": {"vi": "policyhub import du-thao.docx --agency … --topic …, hoặc policyhub import y-kien.xlsx "
                                 "--into …/index.md, hoặc policyhub import --template y-kien.xlsx",
                           "en": "policyhub import du-thao.docx --agency … --topic …, or policyhub import y-kien.xlsx "
                                 "--into …/index.md, or policyhub import --template y-kien.xlsx"},
    "usage-word-into": {"vi": "{file}: --into dùng cho bảng tính ý kiến góp ý, không dùng cho tệp Word",
                        "en": "{file}: --into is for a spreadsheet of comments, not for a Word file"},
    "usage-word-into.hint": {"vi": "tệp Word trở thành thư mục dự thảo mới: policyhub import {file} --agency … --topic …",
                             "en": "a Word file becomes a new draft folder: policyhub import {file} --agency … --topic …"},
}

WORD = (".docx", ".docm", ".dotx", ".doc", ".rtf", ".odt")
SHEETS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt")


def _problem(code: str, lang: str, **fields) -> None:
    lang = "en" if lang == "en" else "vi"
    print(f"{MESSAGES['error'][lang]}: {MESSAGES[code][lang].format(**fields)}\n"
          f"    {MESSAGES['fix'][lang]}: {MESSAGES[code + '.hint'][lang].format(**fields)}", file=sys.stderr)


def site_language(config_path: Path) -> str:
    from generator.validate.config import load_config
    try:
        return "en" if load_config(config_path).site.language.split("-")[0] == "en" else "vi"
    except ConfigError:
        return "vi"


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
    lang = args.lang or (site_language(args.config) if args.config.is_file() else "vi")
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
