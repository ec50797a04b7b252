"""`policyhub import y-kien.xlsx --into …`: a spreadsheet of comments, made here with openpyxl
or written as CSV as Excel and form services export it, becomes the draft's response, in
the draft's own front matter, which keeps every byte the editor wrote."""
import csv
import datetime as dt
import io
import json
import os
import zipfile

import lxml.html
import openpyxl
import pytest
import yaml

from generator.commands.front_matter_edit import set_field
from generator.load.sources import split_front_matter
from tests.conftest import TODAY, make_site, run_policyhub

EDITOR_DRAFT = """---
# Dự thảo do Sở Y tế soạn; đừng xóa các ghi chú này.
title: "Dự thảo Nghị quyết về hỗ trợ
  đóng bảo hiểm y tế"
doc_type: nghi-quyet-hdnd   # loại văn bản
agency: so-y-te
topics:
- y-te
summary: >-
  Tỉnh hỗ trợ thêm tiền đóng bảo hiểm y tế
  cho người cao tuổi.
consultation:
  opens: 2026-10-01
  closes: '2026-10-31'
  channels:
    - {type: email, address: gopy@example.gov.vn}   # hộp thư chung
# Từ khóa ở cuối.
tags: [bảo hiểm y tế, "người cao tuổi"]
---

## Nội dung

Văn bản: response: không phải trường.
"""
ROWS = [  # group, topic, comment, answer, result, as an editor types them
    ("Người dân", "Mức hỗ trợ", "Mức hỗ trợ 30% còn thấp.\nĐề nghị nâng lên 50%.", "Giữ 30% vì ngân sách có hạn.",
     "Không tiếp thu"),
    ("Doanh nghiệp", "", "Cần hướng dẫn cách đăng ký: \"ở đâu, khi nào\"", "Đã bổ sung Điều 4.", "Tiếp thu"),
    ("Cơ quan, tổ chức", "Điều 2", "Nên áp dụng từ năm 2027; yes", "Tiếp thu, áp dụng từ 01/01/2027.",
     "Tiếp thu một phần"),
    ("Người dân", "Thủ tục", "Cho phép nộp qua Zalo", "Nộp qua Cổng dịch vụ công.", "tiếp thu"),
]
EXPECTED_ITEMS = [
    {"group": "citizens", "topic": "Mức hỗ trợ", "comment": "Mức hỗ trợ 30% còn thấp.\nĐề nghị nâng lên 50%.",
     "answer": "Giữ 30% vì ngân sách có hạn.", "accepted": "no"},
    {"group": "businesses", "comment": "Cần hướng dẫn cách đăng ký: \"ở đâu, khi nào\"", "answer": "Đã bổ sung Điều 4.",
     "accepted": "yes"},
    {"group": "organisations", "topic": "Điều 2", "comment": "Nên áp dụng từ năm 2027; yes",
     "answer": "Tiếp thu, áp dụng từ 01/01/2027.", "accepted": "partly"},
    {"group": "citizens", "topic": "Thủ tục", "comment": "Cho phép nộp qua Zalo", "answer": "Nộp qua Cổng dịch vụ công.",
     "accepted": "yes"},
]


def _zip_bytes(members):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def _site(tmp_path, text=EDITOR_DRAFT):
    config = make_site(tmp_path, {"2026/bhyt/index.md": text})
    return config, tmp_path / "drafts/2026/bhyt/index.md"


def _template(tmp_path, rows=ROWS, name="y-kien.xlsx"):
    path = tmp_path / name
    made = run_policyhub("import", "--template", str(path), "--lang", "en")
    assert made.returncode == 0, made.stderr
    book = openpyxl.load_workbook(path)
    sheet = book["Ý kiến"]
    for number, row in enumerate(rows, 1):
        sheet.append([number, *row])
    book.save(path)
    return path


def _import(config, sheet, draft, *extra):
    return run_policyhub("import", str(sheet), "--into", str(draft), "--config", str(config), *extra)


def _response(draft):
    front, _, _ = split_front_matter(draft.read_text(encoding="utf-8"))
    return yaml.safe_load(front)["response"]


def _outside_response(text):
    """The file's lines other than the top-level response field."""
    lines = text.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("response:"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith((" ", "\t")))
    return lines[:start] + lines[end:]


def test_the_template_has_the_columns_the_lists_and_the_instructions(tmp_path):
    path = tmp_path / "y-kien.xlsx"
    assert run_policyhub("import", "--template", str(path)).returncode == 0
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == ["Ý kiến", "Hướng dẫn"]
    sheet = book["Ý kiến"]
    assert [c.value for c in sheet[1]] == ["STT", "Nhóm góp ý", "Vấn đề", "Nội dung góp ý", "Giải trình, tiếp thu",
                                           "Kết quả"]
    lists = {}
    for check in sheet.data_validations.dataValidation:
        assert check.type == "list" and check.showErrorMessage
        source_sheet, cells = check.formula1.split("!")
        values = [c.value for row in book[source_sheet.strip("'")][cells.replace("$", "")] for c in row]
        lists[str(check.sqref).split(":")[0]] = values
    assert lists == {"B2": ["Người dân", "Cơ quan, tổ chức", "Doanh nghiệp"],
                     "F2": ["Tiếp thu", "Tiếp thu một phần", "Không tiếp thu"]}
    assert "Mỗi ý kiến ghi một dòng" in " ".join(str(r[0].value) for r in book["Hướng dẫn"].iter_rows())
    # an existing file is never overwritten
    path.write_bytes(b"filled in")
    again = run_policyhub("import", "--template", str(path), "--lang", "en")
    assert again.returncode == 2 and "already exists" in again.stderr and path.read_bytes() == b"filled in"


def test_the_filled_template_becomes_the_response_and_nothing_else_changes(tmp_path):
    config, draft = _site(tmp_path)
    made = _import(config, _template(tmp_path), draft, "--published", "2026-11-10")
    assert made.returncode == 0, made.stderr
    assert "4" in made.stdout and "policyhub check" in made.stdout
    after = draft.read_text(encoding="utf-8")
    assert _outside_response(after) == EDITOR_DRAFT.splitlines(keepends=True)
    response = _response(draft)
    assert str(response["published"]) == "2026-11-10" and response["total"] == 4
    assert response["by_group"] == {"citizens": 2, "organisations": 1, "businesses": 1}
    assert response["items"] == EXPECTED_ITEMS
    checked = run_policyhub("check", "--config", str(config), "--today", TODAY, "--format", "json")
    assert checked.returncode == 0 and json.loads(checked.stdout)["errors"] == 0, checked.stdout
    built = run_policyhub("build", "--config", str(config), "--out", str(tmp_path / "site"), "--today", TODAY,
                          "--quiet")
    assert built.returncode == 0, built.stderr
    page = lxml.html.parse(str(tmp_path / "site/du-thao/bhyt/index.html")).getroot()
    rows = page.xpath('//table[@class="ph-response__table"]/tbody/tr')
    # each cell leads with its column's name, shown on a phone where the table becomes blocks
    assert [[td.text_content().split(": ", 1)[1] for td in tr][0::4] for tr in rows] == [
        ["Người dân", "Giải trình, không tiếp thu"], ["Doanh nghiệp", "Tiếp thu"], ["Cơ quan, tổ chức", "Tiếp thu một phần"],
        ["Người dân", "Tiếp thu"]]
    groups = [li.text_content() for li in page.xpath('//ul[@class="ph-response__groups"]/li')]
    assert groups == ["Người dân: 2 ý kiến", "Cơ quan, tổ chức: 1 ý kiến", "Doanh nghiệp: 1 ý kiến"]


def test_an_existing_response_is_kept_unless_replace_is_asked(tmp_path):
    config, draft = _site(tmp_path)
    sheet = _template(tmp_path)
    assert _import(config, sheet, draft, "--published", "2026-11-10").returncode == 0
    first = draft.read_bytes()
    again = _import(config, sheet, draft, "--lang", "en")
    assert again.returncode == 2 and "has a response already" in again.stderr and "--replace" in again.stderr
    assert draft.read_bytes() == first
    smaller = _template(tmp_path, ROWS[:1], "lan-2.xlsx")
    replaced = _import(config, smaller, draft, "--published", "2026-11-12", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert _response(draft)["items"] == EXPECTED_ITEMS[:1] and str(_response(draft)["published"]) == "2026-11-12"
    assert _outside_response(draft.read_text(encoding="utf-8")) == EDITOR_DRAFT.splitlines(keepends=True)


def test_replacing_keeps_the_comments_and_fields_that_follow_the_response():
    text = ("---\ntitle: A\nresponse:\n  published: 2026-11-10\n  items:\n    # cũ\n    - {comment: x, answer: y, "
            "accepted: \"yes\"}\n\n# Ghi chú của trường sau.\ntags: [a]\n---\nThân bài.\n")
    edited = set_field(text, "response", {"published": dt.date(2026, 12, 1), "total": 0}, replace=True)
    assert edited == ("---\ntitle: A\nresponse:\n  published: 2026-12-01\n  total: 0\n\n# Ghi chú của trường sau.\n"
                      "tags: [a]\n---\nThân bài.\n")
    crlf = EDITOR_DRAFT.replace("\n", "\r\n")
    edited = set_field(crlf, "response", {"total": 1, "items": [{"comment": "một\nhai"}]})
    assert edited.count("\r\n") == edited.count("\n") and edited.startswith(crlf.split("---\r\n\r\n## Nội")[0])
    assert edited.endswith("---\r\n\r\n## Nội dung\r\n\r\nVăn bản: response: không phải trường.\r\n")


def _csv_text(delimiter: str) -> str:
    """The table as Excel saves it: rows ending in CRLF, cells with line breaks or quotes quoted."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(["STT", "Nhóm góp ý", "Vấn đề", "Nội dung góp ý", "Giải trình, tiếp thu", "Kết quả"])
    writer.writerows([n, *row] for n, row in enumerate(ROWS, 1))
    return out.getvalue()


@pytest.mark.parametrize("encoding, delimiter", [("utf-8-sig", ","), ("utf-8", ";"), ("utf-16", "\t")])
def test_csv_from_excel_in_its_encodings_and_separators(tmp_path, encoding, delimiter):
    config, draft = _site(tmp_path)
    sheet = tmp_path / "y-kien.csv"
    sheet.write_bytes(_csv_text(delimiter).encode(encoding))
    made = _import(config, sheet, draft, "--published", "2026-11-10")
    assert made.returncode == 0, made.stderr
    assert _response(draft)["items"] == EXPECTED_ITEMS


def test_a_form_export_gets_placeholders_for_the_answers_and_no_personal_data(tmp_path):
    config, draft = _site(tmp_path)
    sheet = tmp_path / "Góp ý (Câu trả lời).csv"
    sheet.write_text("Dấu thời gian,Họ và tên,Địa chỉ email,Bạn là,Bạn góp ý về vấn đề nào?,Nội dung góp ý\n"
                     "2026/10/05 8:15:02 SA GMT+7,Nguyễn Văn Bình,binh@example.com,Cá nhân,Mức hỗ trợ,Nên tăng mức.\n"
                     "2026/10/06 9:00:00 SA GMT+7,Trần Thị Cúc,cuc@example.com,Hộ kinh doanh,,Thủ tục dài quá.\n",
                     encoding="utf-8")
    made = _import(config, sheet, draft, "--lang", "en")
    assert made.returncode == 0, made.stderr
    assert "Columns not imported: Họ và tên, Địa chỉ email." in made.stdout
    text = draft.read_text(encoding="utf-8")
    for personal in ("Nguyễn Văn Bình", "binh@example.com", "Trần Thị Cúc", "2026/10/05"):
        assert personal not in text
    response = _response(draft)
    assert [(i["group"], i.get("topic"), i["comment"]) for i in response["items"]] == [
        ("citizens", "Mức hỗ trợ", "Nên tăng mức."), ("businesses", None, "Thủ tục dài quá.")]
    checked = run_policyhub("check", "--config", str(config), "--today", TODAY, "--format", "json")
    found = json.loads(checked.stdout)["diagnostics"]
    assert checked.returncode == 1 and {d["code"] for d in found} == {"placeholder"}
    assert len(found) == 5   # the date of the report, then an answer and a result per comment


def test_every_problem_names_sheet_row_and_column_and_nothing_is_written(tmp_path):
    config, draft = _site(tmp_path)
    rows = [ROWS[0], ("Khác", "Điều 3", "", "", "Xem xét"), ROWS[1], ("Người dân", "", "Ý kiến", "Trả lời", "")]
    made = _import(config, _template(tmp_path, rows), draft, "--lang", "en")
    assert made.returncode == 1
    errors = [line for line in made.stderr.split("\n") if line.startswith("error:")]
    assert errors == [
        "error: y-kien.xlsx, sheet Ý kiến, row 3, column Nội dung góp ý: the comment is empty",
        "error: y-kien.xlsx, sheet Ý kiến, row 3, column Nhóm góp ý: \"Khác\" is not a group",
        "error: y-kien.xlsx, sheet Ý kiến, row 3, column Giải trình, tiếp thu: the answer is empty",
        "error: y-kien.xlsx, sheet Ý kiến, row 3, column Kết quả: \"Xem xét\" is not a result",
        "error: y-kien.xlsx, sheet Ý kiến, row 5, column Kết quả: the result is empty",
    ]
    assert made.stderr.count("    fix: ") == 5 and "nothing was written" in made.stderr
    assert draft.read_text(encoding="utf-8") == EDITOR_DRAFT
    vietnamese = _import(config, tmp_path / "y-kien.xlsx", draft)
    assert "lỗi: y-kien.xlsx, trang Ý kiến, dòng 5, cột Kết quả: ô kết quả trống" in vietnamese.stderr
    assert "cách sửa: ghi Tiếp thu, Tiếp thu một phần hoặc Không tiếp thu" in vietnamese.stderr


@pytest.mark.parametrize("name, data, says, code", [
    ("y-kien.xls", bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600, "Excel 97–2003 workbook (.xls)", 1),
    ("y-kien.csv", "Nôi dung góp y\nÂm\n".encode("cp1258"), "not UTF-8 text", 1),   # Windows-1258
    ("y-kien.csv", "Họ tên,Ngày\nA,B\n".encode("utf-8"), "no column of comments", 1),
    ("y-kien.csv", "Nội dung góp ý\n\n".encode("utf-8"), "no rows of comments", 1),
    ("y-kien.xlsx", b"PK\x03\x04 not really a zip", "the workbook is damaged", 1),
    ("y-kien.xlsx", _zip_bytes({"word/document.xml": "<w:document/>"}), "not an Excel workbook", 1),
    ("du-thao.docx", b"PK", "--into is for a spreadsheet", 2),
])
def test_files_that_cannot_be_read_say_why(tmp_path, name, data, says, code):
    config, draft = _site(tmp_path)
    (tmp_path / name).write_bytes(data)
    made = _import(config, tmp_path / name, draft, "--lang", "en")
    assert made.returncode == code
    assert says in made.stderr and "Traceback" not in made.stderr and "    fix: " in made.stderr, made.stderr
    assert draft.read_text(encoding="utf-8") == EDITOR_DRAFT


def test_a_full_disk_is_one_error_and_the_draft_stays_as_it_was(tmp_path):
    from tests.site.mounts import tmpfs

    sheet = _template(tmp_path)
    with tmpfs(tmp_path / "disk", "1m") as disk:
        config, draft = _site(disk)
        handle = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT)
        try:
            while os.write(handle, b"\0" * 4096):
                pass
        except OSError:
            pass
        finally:
            os.close(handle)
        made = _import(config, sheet, draft, "--published", "2026-11-10", "--lang", "en")
        assert made.returncode == 2 and "Traceback" not in made.stderr
        assert made.stderr.startswith(f"error: cannot write {draft} (No space left on device); the file is as it was")
        assert draft.read_text(encoding="utf-8") == EDITOR_DRAFT
        assert sorted(p.name for p in draft.parent.iterdir()) == ["index.md"]
