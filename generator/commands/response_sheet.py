"""Comments on a draft from a spreadsheet: an Excel workbook or a CSV file.

The agency's report on comments ("báo cáo tổng hợp, tiếp thu, giải trình") is kept in a
table, one comment a row: who commented (group), on what (topic), the comment, the answer,
and the result (accepted, partly, not accepted). Columns are found by their headers, read
loosely: with or without Vietnamese marks, in any case and order, as typed by hand or as a
form exports them ("Dấu thời gian" and other columns are left out: names and addresses of
people are never published). CSV may be UTF-8 with or without a byte-order mark, UTF-16
(Excel's "Unicode text"), separated by commas, semicolons (Excel on Vietnamese Windows) or
tabs. Every problem names the sheet, the row and the column, and all come out at once.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field

from generator import messages
from generator.commands.word.structure import fold
from generator.model.vocab import RESPONSE_GROUPS

GROUPS = tuple(RESPONSE_GROUPS)   # citizens, organisations, businesses
GROUP_NAMES = {"citizens": "Người dân", "organisations": "Cơ quan, tổ chức", "businesses": "Doanh nghiệp"}
RESULT_NAMES = {"yes": "Tiếp thu", "partly": "Tiếp thu một phần", "no": "Không tiếp thu"}
HEADERS = {"number": "STT", "group": "Nhóm góp ý", "topic": "Vấn đề", "comment": "Nội dung góp ý",
           "answer": "Giải trình, tiếp thu", "accepted": "Kết quả"}
SHEET = "Ý kiến"
_UNSAID = {"stt", "tt", "so thu tu", "so tt", "dau thoi gian", "thoi gian", "timestamp", "no"}   # left out quietly
_SKIPPED_SHEETS = ("huong dan", "danh muc", "instructions", "lists")

SECTION = "import-sheet"   # its words: that section of generator/messages/vi.yml and en.yml


def message(code: str, lang: str, **fields) -> str:
    return messages.text(SECTION, code, lang, **fields)


@dataclass(frozen=True)
class Problem:
    """One problem of the spreadsheet, with where it is: sheet ("" for CSV), row, column header."""

    code: str
    hint: str
    fields: dict = field(default_factory=dict)
    sheet: str = ""
    row: int = 0
    column: str = ""

    def render(self, file: str, lang: str) -> tuple[str, str]:
        where = message("where.sheet", lang, file=file, sheet=self.sheet) if self.sheet else file
        if self.row:
            where += message("where.row", lang, row=self.row)
        if self.column:
            where += message("where.column", lang, column=self.column)
        fields = dict(self.fields)
        if "what" in fields:
            fields["what"] = message(f"what.{fields['what']}", lang)
        hint_fields = dict(fields, headers=", ".join(HEADERS[k] for k in ("group", "topic", "comment",
                                                                               "answer", "accepted")))
        return f"{where}: {message(self.code, lang, **fields)}", message(self.hint, lang, **hint_fields)


@dataclass(frozen=True)
class Comment:
    row: int
    group: str            # a key of GROUPS, or ""
    topic: str
    comment: str
    answer: str | None    # None: the table has no such column
    accepted: str | None  # yes | no | partly; None: no such column


@dataclass
class Sheet:
    name: str                                    # "" for CSV
    rows: list = field(default_factory=list)     # (row number, [cell text])


class SheetError(Exception):
    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


# -- reading the file ------------------------------------------------------------------------

def read_sheets(data: bytes, is_csv: bool) -> list[Sheet]:
    """The file's tables as text; SheetError when it is not a spreadsheet we can read."""
    if data.startswith(bytes.fromhex("D0CF11E0A1B11AE1")):
        raise SheetError(Problem("sheet-legacy", "sheet-legacy.hint"))
    if data.startswith(b"PK"):
        return _workbook(data)
    if not is_csv and (not data or b"\0" in data[:1024]) and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SheetError(Problem("sheet-not-spreadsheet", "sheet-not-spreadsheet.hint"))
    return [_csv(data)]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time(0) else value.replace(microsecond=0)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(" ".join(line.split()) for line in text.strip().split("\n")).strip()


def _workbook(data: bytes) -> list[Sheet]:
    import openpyxl   # imported here: only `policyhub import` needs it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError, TypeError) as exc:
        names = _zip_names(data)
        if names is not None and "xl/workbook.xml" not in names:
            raise SheetError(Problem("sheet-not-spreadsheet", "sheet-not-spreadsheet.hint")) from None
        raise SheetError(Problem("sheet-damaged", "sheet-damaged.hint", {"reason": str(exc)[:120] or type(exc).__name__})) from None
    try:
        sheets = []
        for worksheet in book.worksheets:
            sheet = Sheet(worksheet.title)
            for number, row in enumerate(worksheet.iter_rows(values_only=True), 1):
                sheet.rows.append((number, [_text(v) for v in row]))
            sheets.append(sheet)
        return sheets
    except Exception as exc:   # noqa: BLE001 - whatever openpyxl meets inside a damaged file
        raise SheetError(Problem("sheet-damaged", "sheet-damaged.hint", {"reason": str(exc)[:120]})) from None
    finally:
        book.close()


def _zip_names(data: bytes):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except zipfile.BadZipFile:
        return None


def _csv(data: bytes) -> Sheet:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SheetError(Problem("csv-encoding", "csv-encoding.hint")) from None
    first = next((line for line in text.splitlines() if line.strip()), "")
    if first.lower().startswith("sep=") and len(first) == 5:   # Excel's own hint line: "sep=;"
        delimiter, text = first[4], text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = max((",", ";", "\t"), key=lambda d: _count_outside_quotes(first, d))
    sheet = Sheet("")
    for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), 1):
        sheet.rows.append((number, [_text(v) for v in row]))
    return sheet


def _count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            count += 1
    return count


# -- the columns -----------------------------------------------------------------------------

def role_of(header: str) -> str:
    """The column a header names (group, topic, comment, answer, accepted), or ""."""
    h = f" {fold(header)} "
    if not h.strip():
        return ""
    if any(w in h for w in (" ket qua ", " muc do tiep thu ", " accepted ", " result ")) or h.strip() == "tiep thu":
        return "accepted"
    if any(w in h for w in (" giai trinh ", " tra loi ", " answer ", " response ")):
        return "answer"
    if any(w in h for w in (" nhom ", " doi tuong ", " ban la ", " thanh phan ", " group ")):
        return "group"
    if any(w in h for w in (" ten ", " ho ten ", " don vi ", " co quan ", " ca nhan ", " email ", " dien thoai ",
                            " dia chi ", " nguoi gop y ", " name ")):
        return ""   # who commented: never published
    if any(w in h for w in (" van de ", " chu de ", " dieu khoan ", " topic ")):
        return "topic"
    if any(w in h for w in (" y kien ", " gop y ", " comment ")):
        return "comment"
    if any(w in h for w in (" noi dung ", " linh vuc ")):
        return "topic"
    return ""


def find_table(sheets: list[Sheet]) -> tuple[Sheet, int, dict, list[Problem]]:
    """The sheet with the comments, the index of its header row, column index by role, and
    problems with the columns. SheetError when no sheet has a column of comments."""
    ordered = sorted(sheets, key=lambda s: (fold(s.name) != fold(SHEET),))
    for sheet in ordered:
        if sheet.name and any(fold(sheet.name).startswith(skip) for skip in _SKIPPED_SHEETS):
            continue
        for index, (_, cells) in enumerate(sheet.rows[:10]):
            roles: dict[str, list[int]] = {}
            for column, header in enumerate(cells):
                role = role_of(header)
                if role:
                    roles.setdefault(role, []).append(column)
            if "comment" not in roles:
                continue
            problems = [Problem("two-columns", "two-columns.hint",
                                {"what": role, "columns": ", ".join(cells[c] for c in columns)}, sheet.name)
                        for role, columns in roles.items() if len(columns) > 1]
            return sheet, index, {role: columns[0] for role, columns in roles.items()}, problems
    named = [s for s in sheets if not any(fold(s.name).startswith(skip) for skip in _SKIPPED_SHEETS)]
    raise SheetError(Problem("no-comment-column", "no-comment-column.hint", {},
                             named[0].name if len(named) == 1 else ""))


# -- the values ------------------------------------------------------------------------------

def group_of(value: str) -> str | None:
    """A key of GROUPS, "" for an empty cell, None for text that names no group."""
    v = f" {fold(value)} "
    if not v.strip():
        return ""
    if any(w in v for w in (" doanh nghiep ", " cong ty ", " kinh doanh ", " hop tac xa ", " business")):
        return "businesses"
    if any(w in v for w in (" co quan ", " to chuc ", " hiep hoi ", " hoi ", " organi", " don vi ", " ubnd ", " uy ban ",
                            " hdnd ", " mat tran ", " truong ", " benh vien ")):
        return "organisations"
    if any(w in v for w in (" nguoi dan ", " cong dan ", " ca nhan ", " nhan dan ", " citizen", " nguoi ")):
        return "citizens"
    return None


def result_of(value: str) -> str | None:
    v = fold(value)
    if not v:
        return None
    if any(w in f" {v} " for w in (" mot phan ", " 1 phan ", " partly ", " partial")):
        return "partly"
    if v.startswith(("khong", "chua", "giai trinh")) or v in ("no", "not accepted"):
        return "no"
    if v in ("tiep thu", "da tiep thu", "co", "yes", "accepted", "dong y", "tiep thu toan bo"):
        return "yes"
    return None


def comments(sheets: list[Sheet]) -> tuple[list[Comment], list[Problem], list[str]]:
    """The comments, every problem, and the headers of the columns left out."""
    sheet, header_index, columns, problems = find_table(sheets)
    headers = sheet.rows[header_index][1]
    left_out = [h for c, h in enumerate(headers)
                if h and c not in columns.values() and fold(h) not in _UNSAID]

    def cell(cells, role):
        column = columns.get(role)
        return cells[column] if column is not None and column < len(cells) else ""

    out = []
    for number, cells in sheet.rows[header_index + 1:]:
        if not any(cells):
            continue
        where = {"sheet": sheet.name, "row": number}
        comment = cell(cells, "comment")
        if not comment:
            problems.append(Problem("empty-comment", "empty-comment.hint", column=headers[columns["comment"]], **where))
        group = group_of(cell(cells, "group"))
        if group is None:
            problems.append(Problem("bad-group", "bad-group.hint", {"value": cell(cells, "group")},
                                    column=headers[columns["group"]], **where))
        answer = accepted = None
        if "answer" in columns:
            answer = cell(cells, "answer")
            if not answer:
                problems.append(Problem("empty-answer", "empty-answer.hint", column=headers[columns["answer"]], **where))
        if "accepted" in columns:
            raw = cell(cells, "accepted")
            accepted = result_of(raw)
            if accepted is None:
                problems.append(Problem("bad-result" if raw else "empty-result", "result.hint", {"value": raw},
                                        column=headers[columns["accepted"]], **where))
        out.append(Comment(number, group or "", cell(cells, "topic"), comment, answer, accepted))
    if not out and not problems:
        problems.append(Problem("no-rows", "no-rows.hint", sheet=sheet.name))
    return out, problems, left_out
