"""`policyhub import y-kien.xlsx --into drafts/…/index.md`: the comments of a spreadsheet
become the draft's `response`; `policyhub import --template y-kien.xlsx` writes the empty
spreadsheet to fill in.

The response is written into the draft's front matter in place (`front_matter_edit`):
the editor's comments, order and layout stay as they were. A draft that has a response
already keeps it unless `--replace` is given. Nothing is written while the spreadsheet has
a problem; all of them are listed at once.

Each comment becomes an item `{group, topic, comment, answer, accepted}`; `total` is the
number of comments and `by_group` counts them by group (left out when no row says its group).
The report's date is `--published`, else a placeholder. Without a column of answers or of
results (a form export), those values are placeholders for the editor to fill in.
"""
from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

from generator import messages
from generator.commands import response_sheet as rs
from generator.commands.front_matter_edit import EditError, Flow, set_field
from generator.validate.placeholders import TOKEN, placeholder

SECTION = "import-responses"   # its words: that section of generator/messages/vi.yml and en.yml


def message(code: str, lang: str, **fields) -> str:
    return messages.text(SECTION, code, lang, **fields)


def _problem(code: str, lang: str, hint: str | None = None, **fields) -> None:
    print(f"{messages.word('error', lang)}: {message(code, lang, **fields)}\n"
          f"    {messages.word('fix', lang)}: {message(hint or code + '.hint', lang, **fields)}", file=sys.stderr)


def response_from(found: list[rs.Comment], published, lang: str) -> dict:
    """The `response` field for these comments."""
    items = []
    for c in found:
        item = {"group": c.group} if c.group else {}
        if c.topic:
            item["topic"] = c.topic
        item["comment"] = c.comment
        item["answer"] = c.answer if c.answer is not None else placeholder(message("ph.answer", lang))
        item["accepted"] = c.accepted if c.accepted is not None else placeholder(message("ph.accepted", lang))
        items.append(item)
    response = {"published": published or placeholder(message("ph.published", lang)), "total": len(found)}
    if any(c.group for c in found):
        response["by_group"] = Flow((g, sum(1 for c in found if c.group == g)) for g in rs.GROUPS)
    response["items"] = items
    return response


def _write_replacing(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all (a temporary file renamed over it)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def import_responses(args, lang: str) -> int:
    sheet_path, draft_path = Path(args.file), args.into
    shown, draft_shown = sheet_path.name, str(draft_path)
    for path in (sheet_path, draft_path):
        if not path.is_file():
            _problem("missing-file", lang, file=str(path))
            return 2
    if draft_path.suffix.lower() != ".md":
        _problem("draft-not-markdown", lang, file=draft_shown)
        return 2
    try:
        data, raw = sheet_path.read_bytes(), draft_path.read_bytes()
    except OSError as exc:
        _problem("unreadable", lang, file=shown, reason=exc.strerror or exc)
        return 2
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        _problem("unreadable", lang, file=draft_shown, reason="UTF-8")
        return 2
    try:
        found, problems, left_out = rs.comments(rs.read_sheets(data, sheet_path.suffix.lower() in (".csv", ".txt")))
    except rs.SheetError as exc:
        found, problems, left_out = [], [exc.problem], []
    for problem in problems:
        where, fix = problem.render(shown, lang)
        print(f"{messages.word('error', lang)}: {where}\n    {messages.word('fix', lang)}: {fix}", file=sys.stderr)
    if problems:
        print(message("not-written", lang, count=len(problems), file=draft_shown), file=sys.stderr)
        return 1
    response = response_from(found, args.published, lang)
    try:
        edited = set_field(text, "response", response, replace=args.replace)
    except EditError as exc:
        _problem(exc.code, lang, file=draft_shown, line=exc.line, detail=exc.detail)
        return 2 if exc.code == "exists" else 1
    try:
        _write_replacing(draft_path, edited.encode("utf-8"))
    except OSError as exc:
        _problem("write-failed", lang, file=draft_shown, reason=exc.strerror or exc)
        return 2
    groups = response.get("by_group")
    print(message("wrote", lang, total=len(found), file=draft_shown,
                  groups=message("groups", lang, **groups) if groups else ""))
    if left_out:
        print(message("left-out", lang, columns=", ".join(left_out)))
    count = sum(str(v).startswith(TOKEN) for v in [response["published"]] +
                [v for item in response["items"] for v in item.values()])
    print(message("next", lang, count=count, token=TOKEN) if count else message("check", lang))
    return 0


def template_workbook(lang: str) -> bytes:
    """The empty comment spreadsheet: the columns, lists to choose from, and instructions."""
    import openpyxl
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = rs.SHEET
    columns = ("number", "group", "topic", "comment", "answer", "accepted")
    sheet.append([rs.HEADERS[c] for c in columns])
    for letter, width in zip("ABCDEF", (6, 20, 28, 60, 60, 20)):
        sheet.column_dimensions[letter].width = width
        sheet.column_dimensions[letter].alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    lists = book.create_sheet("Danh mục")
    lists.append([rs.HEADERS["group"], rs.HEADERS["accepted"]])
    for group, result in zip(rs.GROUPS, ("yes", "partly", "no")):
        lists.append([rs.GROUP_NAMES[group], rs.RESULT_NAMES[result]])
    lists.sheet_state = "hidden"
    for letter, source in (("B", "$A$2:$A$4"), ("F", "$B$2:$B$4")):
        check = DataValidation(type="list", formula1=f"'Danh mục'!{source}", allow_blank=True,
                               showErrorMessage=True, error=message("tpl.error", lang))
        check.add(f"{letter}2:{letter}500")
        sheet.add_data_validation(check)
    guide = book.create_sheet(message("tpl.sheet", lang), 1)
    for line in messages.lines(SECTION, "tpl.lines", lang):
        guide.append([line])
    guide["A1"].font = Font(bold=True)
    guide.column_dimensions["A"].width = 110
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_template(path: Path, lang: str) -> int:
    if path.suffix.lower() != ".xlsx":
        _problem("template-suffix", lang, file=str(path))
        return 2
    if path.exists():
        _problem("template-exists", lang, file=str(path))
        return 2
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_replacing(path, template_workbook(lang))
    except OSError as exc:
        _problem("template-write-failed", lang, file=str(path), reason=exc.strerror or exc)
        return 2
    print(message("wrote-template", lang, file=str(path), sheet=rs.SHEET))
    return 0
