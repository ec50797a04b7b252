"""Word documents as a provincial department writes them, made with python-docx.

`decree_docx` writes a draft resolution laid out by the state's rules for administrative
documents: the national-emblem header as a borderless two-column table, the type of document
and its subject, the legal bases with a footnote, chapters, a section, articles, clauses
(1., 2.) and points (a), b)), a table of fees with a merged cell, bold and italic words, and
the recipients and signature block at the end. python-docx has no footnote API, so the
footnotes part is written as WordprocessingML and related to the document part by hand.

python-docx starts every document from a template that defines all 100 of Word's table
styles (395 KB of its 438 KB styles part); Word itself writes only the table styles a
document uses. So each document here starts with the table styles it uses, as a document
saved by Word does.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

SUBJECT = ("Quy định mức học phí đối với cơ sở giáo dục mầm non, giáo dục phổ thông công lập "
           "năm học 2027 – 2028 trên địa bàn tỉnh Lâm Đồng")
FOOTNOTE = "Luật số 72/2025/QH15 được Quốc hội khóa XV thông qua ngày 16 tháng 6 năm 2025."


KEPT_TABLE_STYLES = ("TableNormal", "TableGrid")


def new_document():
    """A new python-docx document whose styles part holds, of the table styles, only the
    default one and "Table Grid" (the one these documents use), as Word's own files do."""
    doc = Document()
    styles = doc.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in KEPT_TABLE_STYLES:
            styles.remove(style)
    return doc


def _centered(doc, text, bold=True, italic=False):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    return p


def _no_borders(table):
    borders = parse_xml(f'<w:tblBorders {nsdecls("w")}>' + "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders>")
    table._tbl.tblPr.append(borders)


def _cell_lines(cell, lines):
    """Each line a centered paragraph; `(text, bold, italic)` or plain text (bold)."""
    first = True
    for line in lines:
        text, bold, italic = line if isinstance(line, tuple) else (line, True, False)
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.bold, run.italic = bold, italic


def _footnote_reference(paragraph, number: int):
    run = paragraph.add_run()
    r_pr = run._r.get_or_add_rPr()
    r_pr.append(parse_xml(f'<w:vertAlign {nsdecls("w")} w:val="superscript"/>'))
    run._r.append(parse_xml(f'<w:footnoteReference {nsdecls("w")} w:id="{number}"/>'))


def _add_footnotes(doc, notes: dict[int, str]):
    body = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
        for number, text in notes.items())
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes xmlns:w="{W_NS}">'
           '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
           f'</w:p></w:footnote>{body}</w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)


def _article(doc, number: int, title: str):
    p = doc.add_paragraph()
    p.add_run(f"Điều {number}. {title}").bold = True
    return p


def decree_docx(path: Path, *, with_footnote: bool = True, doc_type_line: str = "NGHỊ QUYẾT",
                subject: str = SUBJECT, draft_mark: str = "DỰ THẢO LẦN 2") -> Path:
    doc = new_document()
    header = doc.add_table(rows=1, cols=2)
    _no_borders(header)
    _cell_lines(header.cell(0, 0), ["HỘI ĐỒNG NHÂN DÂN", "TỈNH LÂM ĐỒNG", "-------",
                                    ("Số:      /2026/NQ-HĐND", False, False)])
    _cell_lines(header.cell(0, 1), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                    "---------------",
                                    ("Lâm Đồng, ngày      tháng      năm 2026", False, True)])
    if draft_mark:
        _centered(doc, draft_mark)
    if doc_type_line:
        _centered(doc, doc_type_line)
    if subject:
        _centered(doc, subject)
    _centered(doc, "HỘI ĐỒNG NHÂN DÂN TỈNH LÂM ĐỒNG\nKHÓA X, KỲ HỌP THỨ …")
    p = doc.add_paragraph()
    p.add_run("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;").italic = True
    if with_footnote:
        _footnote_reference(p, 1)
    doc.add_paragraph().add_run("Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;").italic = True
    doc.add_paragraph().add_run("Xét Tờ trình số     /TTr-UBND ngày     tháng     năm 2026 của Ủy ban nhân dân "
                                "tỉnh; Báo cáo thẩm tra của Ban Văn hóa – Xã hội Hội đồng nhân dân tỉnh; ý kiến "
                                "thảo luận của đại biểu Hội đồng nhân dân tỉnh tại kỳ họp.").italic = True
    _centered(doc, "QUYẾT NGHỊ:")

    _centered(doc, "Chương I")
    _centered(doc, "QUY ĐỊNH CHUNG")
    _article(doc, 1, "Phạm vi điều chỉnh và đối tượng áp dụng")
    doc.add_paragraph("1. Phạm vi điều chỉnh: Nghị quyết này quy định mức học phí năm học 2027 – 2028 "
                      "đối với cơ sở giáo dục công lập trên địa bàn tỉnh Lâm Đồng.")
    doc.add_paragraph("2. Đối tượng áp dụng:")
    doc.add_paragraph("a) Trẻ em mầm non, học sinh phổ thông và người học chương trình giáo dục phổ thông;")
    p = doc.add_paragraph("b) Cơ sở giáo dục mầm non, giáo dục phổ thông ")
    p.add_run("công lập").bold = True
    p.add_run(" và ")
    p.add_run("dân lập, tư thục").italic = True
    p.add_run(";")
    doc.add_paragraph("c) Cơ quan, tổ chức và cá nhân có liên quan.")

    _centered(doc, "Chương II")
    _centered(doc, "MỨC HỌC PHÍ TẠI TỈNH LÂM ĐỒNG")
    _centered(doc, "Mục 1. MẦM NON VÀ PHỔ THÔNG")
    _article(doc, 2, "Mức học phí")
    doc.add_paragraph("Mức học phí theo khu vực như sau:")
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p.add_run("Đơn vị tính: đồng/học sinh/tháng").italic = True
    fees = doc.add_table(rows=5, cols=3)
    fees.style = "Table Grid"
    rows = [("Cấp học", "Khu vực 1 (phường)", "Khu vực 2 (xã, đặc khu)"),
            ("Mầm non", "355.000", "160.000"),
            ("Tiểu học", "355.000", "160.000"),
            ("Trung học cơ sở", "355.000", "170.000"),
            ("Trung học phổ thông", "385.000", "195.000")]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            run = fees.cell(r, c).paragraphs[0].add_run(value)
            run.bold = r == 0
    merged = doc.add_table(rows=2, cols=3)
    merged.style = "Table Grid"
    merged.cell(0, 0).paragraphs[0].add_run("Đối tượng").bold = True
    merged.cell(0, 1).merge(merged.cell(0, 2)).paragraphs[0].add_run("Mức hỗ trợ | tỷ lệ").bold = True
    for c, value in enumerate(("Học sinh trường tư thục", "100%", "tối đa 9 tháng")):
        merged.cell(1, c).paragraphs[0].add_run(value)
    _article(doc, 3, "Miễn, giảm học phí")
    p = doc.add_paragraph("1. Trẻ em mầm non và học sinh phổ thông công lập được ")
    p.add_run("miễn học phí").bold = True
    p.add_run(" theo Nghị quyết số 217/2025/QH15 của Quốc hội.")
    doc.add_paragraph("2. Học sinh trường dân lập, tư thục được hỗ trợ học phí bằng mức tại Điều 2.")

    _centered(doc, "Chương III")
    _centered(doc, "TỔ CHỨC THỰC HIỆN")
    _article(doc, 4, "Hiệu lực thi hành")
    doc.add_paragraph("Nghị quyết này có hiệu lực từ ngày 01 tháng 8 năm 2027.")
    doc.add_paragraph().add_run("Nghị quyết này đã được Hội đồng nhân dân tỉnh Lâm Đồng Khóa X, Kỳ họp thứ … "
                                "thông qua ngày … tháng … năm 2026./.").italic = True
    sign = doc.add_table(rows=1, cols=2)
    _no_borders(sign)
    left = sign.cell(0, 0)
    left.paragraphs[0].add_run("Nơi nhận:").bold = True
    for line in ("- Ủy ban Thường vụ Quốc hội;", "- Chính phủ;", "- Lưu: VT."):
        left.add_paragraph(line)
    _cell_lines(sign.cell(0, 1), ["CHỦ TỊCH", "", "", "Nguyễn Văn A"])
    if with_footnote:
        _add_footnotes(doc, {1: FOOTNOTE})
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def _hyperlink(paragraph, text: str, url: str):
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    paragraph._p.append(parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}"><w:r><w:t xml:space="preserve">'
                                  f'{text}</w:t></w:r></w:hyperlink>'))


def hostile_docx(path: Path) -> Path:
    """A draft whose text looks like HTML, Markdown and script, with links of every kind."""
    doc = new_document()
    _centered(doc, "QUYẾT ĐỊNH")
    _centered(doc, "Về việc thử nghiệm <script>alert('tiêu đề')</script>")
    _article(doc, 1, "Nội dung <img src=x onerror=alert(1)>")
    doc.add_paragraph("<script>alert('thân bài')</script> và <b onclick=\"x()\">chữ</b> & &amp; &lt;i&gt;")
    doc.add_paragraph("**không đậm** _không nghiêng_ [liên kết](javascript:alert(1)) `mã` | ống")
    doc.add_paragraph("# không phải đề mục")
    doc.add_paragraph("1986. Năm bắt đầu Đổi mới, không phải khoản")
    doc.add_paragraph("+ dòng có dấu cộng")
    p = doc.add_paragraph("Xem ")
    _hyperlink(p, "trang chính thức", "https://vanban.example.gov.vn/du-thao?id=1&x=(2)")
    p.add_run(", đừng bấm ")
    _hyperlink(p, "liên kết độc", "javascript:alert(document.cookie)")
    p.add_run(" hay ")
    _hyperlink(p, "tệp máy", "file:///C:/Windows/win.ini")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def plan_docx(path: Path, doc_type_line: str = "KẾ HOẠCH") -> Path:
    """A plan: Roman-numbered sections instead of chapters, no header table, dashes."""
    doc = new_document()
    for line in ("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Số:     /KH-UBND", "Lâm Đồng, ngày     tháng     năm 2026"):
        _centered(doc, line)
    _centered(doc, doc_type_line)
    _centered(doc, "Chuyển đổi số cấp xã giai đoạn 2027 – 2030")
    _centered(doc, "I. MỤC ĐÍCH, YÊU CẦU")
    doc.add_paragraph("1. Mục đích:")
    doc.add_paragraph("- Đưa dịch vụ công trực tuyến đến từng xã;")
    doc.add_paragraph("- Đào tạo cán bộ xã.")
    _centered(doc, "II. NHIỆM VỤ")
    doc.add_paragraph("Các sở, ngành thực hiện theo phụ lục.")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def pictures_docx(path: Path) -> Path:
    """A draft with a PNG picture described in Word, one without a description, and a GIF."""
    import io

    from PIL import Image

    doc = new_document()
    _centered(doc, "QUYẾT ĐỊNH")
    _centered(doc, "Phê duyệt quy hoạch khu dân cư Hiệp Thạnh")
    _article(doc, 1, "Ranh giới")
    for colour, kind, described in (("red", "PNG", True), ("blue", "PNG", False), ("green", "GIF", False)):
        image = io.BytesIO()
        Image.new("RGB", (8, 8), colour).save(image, kind)
        image.seek(0)
        doc.add_paragraph("Sơ đồ:").add_run().add_picture(image)
        if described:
            doc.inline_shapes[-1]._inline.docPr.set("descr", "Sơ đồ ranh giới khu dân cư")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


def empty_docx(path: Path) -> Path:
    new_document().save(path)
    return path


def encrypted_like(path: Path) -> Path:
    """What Word writes for a password-protected .docx: an OLE compound file holding the
    streams EncryptionInfo and EncryptedPackage (names in UTF-16 in its directory)."""
    head = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
    directory = "EncryptionInfo".encode("utf-16-le") + b"\0" * 50 + "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(head + directory + b"\0" * 1024)
    return path


def legacy_doc(path: Path) -> Path:
    """An old Word 97–2003 .doc: an OLE compound file with a WordDocument stream."""
    head = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504
    path.write_bytes(head + "WordDocument".encode("utf-16-le") + b"\0" * 1024)
    return path


def qn_w(name: str) -> str:   # for tests that look into the document's XML
    return qn(f"w:{name}")
