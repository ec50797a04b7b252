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

from generator.commands import response_sheet as rs
from generator.commands.front_matter_edit import EditError, Flow, set_field
from generator.validate.placeholders import TOKEN, placeholder

MESSAGES = {
    "error": {"vi": "lỗi", "en": "error"},
    "fix": {"vi": "cách sửa", "en": "fix"},
    "missing-file": {"vi": "{file}: không có tệp này", "en": "{file}: there is no such file"},
    "missing-file.hint": {"vi": "kiểm tra tên và thư mục của tệp", "en": "check the file's name and folder"},
    "unreadable": {"vi": "{file}: không đọc được tệp ({reason})", "en": "{file}: cannot read the file ({reason})"},
    "unreadable.hint": {"vi": "đóng tệp trong Excel hoặc trình soạn thảo rồi thử lại",
                        "en": "close the file in Excel or the editor and try again"},
    "draft-not-markdown": {"vi": "{file}: --into phải là tệp Markdown của dự thảo (index.md hoặc ….md)",
                           "en": "{file}: --into must be the draft's Markdown file (index.md or ….md)"},
    "draft-not-markdown.hint": {"vi": "ví dụ --into drafts/2026/hoc-phi/index.md",
                                "en": "e.g. --into drafts/2026/hoc-phi/index.md"},
    "no-front-matter": {"vi": "{file}: dự thảo không có phần thông tin (front matter) giữa hai dòng ---",
                        "en": "{file}: the draft has no front matter between two lines ---"},
    "no-front-matter.hint": {"vi": "chạy policyhub check và sửa tệp trước", "en": "run policyhub check and fix the file first"},
    "yaml-syntax": {"vi": "{file}:{line}: phần thông tin của dự thảo có lỗi cú pháp YAML ({detail})",
                    "en": "{file}:{line}: the draft's front matter is not valid YAML ({detail})"},
    "yaml-syntax.hint": {"vi": "chạy policyhub check và sửa tệp trước", "en": "run policyhub check and fix the file first"},
    "not-a-mapping": {"vi": "{file}: phần thông tin của dự thảo không phải các dòng \"trường: giá trị\"",
                      "en": "{file}: the draft's front matter is not a list of \"field: value\" lines"},
    "not-a-mapping.hint": {"vi": "chạy policyhub check và sửa tệp trước", "en": "run policyhub check and fix the file first"},
    "exists": {"vi": "{file}:{line}: dự thảo đã có kết quả tiếp thu (response); không ghi đè",
               "en": "{file}:{line}: the draft has a response already; it is not overwritten"},
    "exists.hint": {"vi": "thêm --replace để thay bằng nội dung bảng tính, hoặc xóa response trong tệp",
                    "en": "add --replace to replace it with the spreadsheet, or delete the response from the file"},
    "template-exists": {"vi": "{file} đã có; không ghi đè", "en": "{file} already exists; it is not overwritten"},
    "template-exists.hint": {"vi": "ghi tên tệp khác, hoặc xóa tệp đó nếu không dùng nữa",
                             "en": "write another file name, or delete that file if it is not used"},
    "template-suffix": {"vi": "{file}: bảng mẫu là tệp Excel, tên phải kết thúc bằng .xlsx",
                        "en": "{file}: the template is an Excel workbook; its name must end in .xlsx"},
    "template-suffix.hint": {"vi": "ví dụ --template y-kien.xlsx", "en": "e.g. --template y-kien.xlsx"},
    "write-failed": {"vi": "không ghi được {file} ({reason}); tệp cũ vẫn giữ nguyên",
                     "en": "cannot write {file} ({reason}); the file is as it was"},
    "write-failed.hint": {"vi": "kiểm tra chỗ trống trên đĩa và quyền ghi tệp",
                          "en": "check the free space on the disk and that the file may be written"},
    "template-write-failed": {"vi": "không ghi được {file} ({reason})", "en": "cannot write {file} ({reason})"},
    "template-write-failed.hint": {"vi": "kiểm tra chỗ trống trên đĩa và quyền ghi vào thư mục đó",
                                   "en": "check the free space on the disk and that the folder may be written"},
    "not-written": {"vi": "{count} lỗi; chưa ghi gì vào {file}.", "en": "{count} error(s); nothing was written to {file}."},
    "wrote": {"vi": "Đã ghi {total} ý kiến vào response của {file}{groups}.",
              "en": "Wrote {total} comments into the response of {file}{groups}."},
    "groups": {"vi": " (người dân {citizens}, cơ quan, tổ chức {organisations}, doanh nghiệp {businesses})",
               "en": " (citizens {citizens}, organisations {organisations}, businesses {businesses})"},
    "left-out": {"vi": "Không nhập các cột: {columns}.", "en": "Columns not imported: {columns}."},
    "next": {"vi": "Điền {count} chỗ ghi {token} rồi chạy: policyhub check",
             "en": "Fill in the {count} places marked {token}, then run: policyhub check"},
    "check": {"vi": "Chạy policyhub check để kiểm tra dự thảo.", "en": "Run policyhub check to check the draft."},
    "wrote-template": {"vi": "Đã tạo bảng mẫu {file}: mỗi ý kiến một dòng ở trang \"{sheet}\".",
                       "en": "Wrote the template {file}: one comment a row on the sheet \"{sheet}\"."},
    "ph.published": {"vi": "ngày công bố báo cáo tiếp thu, giải trình, dạng YYYY-MM-DD",
                     "en": "the day the report on comments is published, YYYY-MM-DD"},
    "ph.answer": {"vi": "giải trình, tiếp thu của cơ quan soạn thảo", "en": "the drafting agency's answer"},
    "ph.accepted": {"vi": "yes (tiếp thu), partly (tiếp thu một phần) hoặc no (không tiếp thu)",
                    "en": "yes (accepted), partly or no (not accepted)"},
    # the template's instructions sheet
    "tpl.sheet": {"vi": "Hướng dẫn", "en": "Hướng dẫn"},
    "tpl.lines": {
        "vi": ["Bảng tổng hợp ý kiến góp ý dự thảo",
               "Mỗi ý kiến ghi một dòng ở trang \"Ý kiến\". Không đổi tên các cột.",
               "Nhóm góp ý: chọn Người dân, Cơ quan, tổ chức hoặc Doanh nghiệp (có thể để trống).",
               "Vấn đề: điều, khoản hoặc nội dung được góp ý (không bắt buộc).",
               "Nội dung góp ý: tóm tắt ý kiến (bắt buộc). Không ghi họ tên, địa chỉ của người góp ý.",
               "Giải trình, tiếp thu: câu trả lời của cơ quan soạn thảo (bắt buộc).",
               "Kết quả: chọn Tiếp thu, Tiếp thu một phần hoặc Không tiếp thu (bắt buộc).",
               "Khi xong, lưu tệp và chạy: policyhub import y-kien.xlsx --into drafts/…/index.md "
               "--published YYYY-MM-DD"],
        "en": ["Comments on a draft",
               "One comment a row on the sheet \"Ý kiến\". Do not rename the columns.",
               "Nhóm góp ý (group): Người dân (citizens), Cơ quan, tổ chức (organisations) or Doanh nghiệp "
               "(businesses); may be empty.",
               "Vấn đề (topic): the article, clause or matter commented on (optional).",
               "Nội dung góp ý (comment): the comment in short (required). No names or addresses of people.",
               "Giải trình, tiếp thu (answer): the drafting agency's answer (required).",
               "Kết quả (result): Tiếp thu, Tiếp thu một phần or Không tiếp thu (required).",
               "When done, save and run: policyhub import y-kien.xlsx --into drafts/…/index.md --published YYYY-MM-DD"],
    },
    "tpl.error": {"vi": "Chọn một giá trị trong danh sách.", "en": "Choose a value from the list."},
}


def message(code: str, lang: str, **fields) -> str:
    return MESSAGES[code]["en" if lang == "en" else "vi"].format(**fields)


def _problem(code: str, lang: str, hint: str | None = None, **fields) -> None:
    print(f"{message('error', lang)}: {message(code, lang, **fields)}\n"
          f"    {message('fix', lang)}: {message(hint or code + '.hint', lang, **fields)}", file=sys.stderr)


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
        print(f"{message('error', lang)}: {where}\n    {message('fix', lang)}: {fix}", file=sys.stderr)
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
    for line in MESSAGES["tpl.lines"]["en" if lang == "en" else "vi"]:
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
