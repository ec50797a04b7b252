"""The files of a generated site besides the drafts' text: its config, glossary and pages,
and what a draft may carry (documents, charts, a picture, an earlier version, a translation)."""
from __future__ import annotations

import random
import struct
import zlib

from bench import corpus_text
from bench import corpus_vocabulary as words

GLOSSARY = """\
# Thuật ngữ của Cổng: mỗi dòng "thuật ngữ: giải thích bằng lời dễ hiểu".
niêm yết: dán thông báo công khai ở nơi mọi người cùng xem được, như trụ sở xã, nhà văn hóa thôn
đánh giá tác động: phân tích trước xem chính sách mang lại lợi ích, chi phí gì cho người dân, doanh nghiệp và Nhà nước
tiếp thu: đưa ý kiến góp ý vào dự thảo
chính quyền địa phương hai cấp: chỉ còn cấp tỉnh và cấp xã, phường, không còn cấp huyện
HĐND: Hội đồng nhân dân
UBND: Ủy ban nhân dân
"""


def site_config(site) -> dict:
    host = f"{site.domain}.example.gov.vn"
    agencies = {}
    for key, (name, short) in words.AGENCIES.items():
        agencies[key] = {"name": name, **({"short": short} if short else {}),
                         "url": f"https://{key.replace('-', '')}.{host}/"}
    return {
        "site": {"name": f"Cổng lấy ý kiến dự thảo chính sách tỉnh {site.province}",
                 "short_name": f"Góp ý dự thảo {site.province}",
                 "base_url": f"https://duthao.{host}/", "language": "vi", "timezone": "Asia/Ho_Chi_Minh",
                 "description": f"Nơi Ủy ban nhân dân tỉnh {site.province} và các sở, ngành công khai dự thảo chính "
                                 "sách và tiếp nhận ý kiến của người dân, doanh nghiệp.",
                 "contact": {"name": f"Văn phòng Ủy ban nhân dân tỉnh {site.province}",
                             "email": f"gopyduthao@{host}", "phone": f"{site.phone} 3822 111"},
                 "since": site.today.year - 3},
        "agencies": agencies,
        "topics": {key: {"name": name} for key, name in words.TOPICS.items()},
        "doc_types": {key: {"name": name} for key, (name, _, _) in words.DOC_TYPES.items()},
        "rules": {"min_comment_days": 20, "response_due_days": 30, "summary_max_words": 120},
    }


def content_pages(site) -> dict[str, str]:
    p = site.province
    return {
        "index.md": f"---\ntitle: Trang chủ\ndescription: Dự thảo chính sách của tỉnh {p} để người dân đọc và góp "
                     "ý.\n"
                    "---\n\n## Chào mừng bạn đến với Cổng lấy ý kiến dự thảo chính sách\n\n"
                    f"Ủy ban nhân dân tỉnh {p} và các sở, ngành công bố tại đây những chính sách đang soạn thảo. Mỗi "
                     "dự thảo có phần tóm tắt dễ hiểu, hạn góp ý và các cách gửi ý kiến.\n",
        "gioi-thieu.md": f"---\ntitle: Giới thiệu\ndescription: Cổng do ai vận hành và công bố những gì.\norder: 1\n"
                         "---\n\n## Cổng này dùng để làm gì\n\nCổng tập hợp các dự thảo chính sách của tỉnh cần ý "
                         "kiến của người dân và doanh nghiệp, cùng kết quả tiếp thu, giải trình sau mỗi đợt lấy ý "
                         "kiến.\n\n"
                         f"## Ai vận hành\n\nVăn phòng Ủy ban nhân dân tỉnh {p} quản lý Cổng; mỗi sở, ngành chịu "
                          "trách nhiệm về dự thảo của mình.\n",
        "huong-dan-gop-y.md": "---\ntitle: Hướng dẫn góp ý\ndescription: Cách tìm dự thảo và gửi góp ý.\norder: 2\n"
                              "---\n\n## Góp ý trong 3 bước\n\n1. Tìm dự thảo trên trang chủ, theo lĩnh vực hoặc "
                              "bằng ô tìm kiếm.\n2. Đọc phần tóm tắt và các vấn đề xin ý kiến.\n3. Gửi góp ý bằng "
                              "một trong các cách ghi trên trang dự thảo, trước hạn góp ý.\n",
    }


# ---- documents and pictures -------------------------------------------------------------------

def pdf(title: str) -> bytes:
    """A one-page PDF: small, valid, and different for every document."""
    text = title.encode("ascii", "replace").replace(b"(", b"[").replace(b")", b"]")
    stream = b"BT /F1 12 Tf 72 760 Td (" + text + b") Tj ET"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes(colour) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def attachments(r: random.Random, front: dict, subject, slug: str, rows, state: str, own_folder: bool,
                site) -> dict[str, bytes | str]:
    """Add `documents` and `infographics` to the front matter; return the files they name."""
    files: dict[str, bytes | str] = {}
    word = words.DOC_TYPES[front["doc_type"]][1]
    agency = words.AGENCIES[subject.agency][0]
    documents = []
    if own_folder:
        version = r.choice(("1", "2", "2", "3"))
        documents.append({"title": f"Dự thảo {word} (lần {version})", "file": "du-thao.pdf", "kind": "draft",
                          "version": version})
        files["du-thao.pdf"] = pdf(f"{slug} du thao lan {version}")
        if r.random() < 0.7:
            documents.append({"title": f"Tờ trình của {agency}", "file": "to-trinh.pdf", "kind": "submission"})
            files["to-trinh.pdf"] = pdf(f"{slug} to trinh")
        if r.random() < 0.3:
            documents.append({"title": "Phụ lục số liệu", "file": "phu-luc-so-lieu.csv", "kind": "other"})
            files["phu-luc-so-lieu.csv"] = "noi_dung,hien_nay,theo_du_thao\n" + "".join(
                f'"{label}",{current},{proposed}\n' for label, current, proposed in rows)
        if state in ("responded", "adopted") and r.random() < 0.6:
            documents.append({"title": "Báo cáo tổng hợp, tiếp thu, giải trình ý kiến", "kind": "response_report",
                              "file": "bao-cao-tiep-thu.pdf"})
            files["bao-cao-tiep-thu.pdf"] = pdf(f"{slug} bao cao tiep thu")
    if r.random() < (0.5 if own_folder else 0.15):
        host = f"{subject.agency.replace('-', '')}.{site.domain}.example.gov.vn"
        documents.append({"title": "Báo cáo đánh giá tác động của chính sách", "kind": "impact_assessment",
                          "url": f"https://{host}/van-ban/danh-gia-tac-dong-{slug}.pdf"})
    if documents:
        front["documents"] = documents
    charts = []
    if r.random() < 0.25:
        table = subject.table
        charts.append({"type": "compare", "title": table.caption, "unit": table.unit,
                       "current_label": "Hiện nay", "proposed_label": "Theo dự thảo",
                       "items": [{"label": label, "current": current, "proposed": proposed}
                                 for label, current, proposed in rows]})
    if r.random() < 0.1:
        charts.append({"type": "figures", "title": "Những con số chính", "items": [
            {"label": "người chịu tác động trực tiếp", "value": corpus_text.nice(r.uniform(2_000, 400_000))},
            {"label": "kinh phí dự kiến mỗi năm", "value": r.randint(5, 900), "unit": "tỷ đồng"},
            {"label": "mức thay đổi bình quân", "value": r.randint(3, 25), "unit": "%",
             "note": "so với hiện nay"}]})
    if r.random() < 0.05:
        province_part = r.randint(40, 80)
        central_part = r.randint(5, 100 - province_part - 5)
        charts.append({"type": "share", "title": "Nguồn kinh phí thực hiện", "unit": "%", "items": [
            {"label": "Ngân sách tỉnh", "value": province_part},
            {"label": "Ngân sách trung ương hỗ trợ", "value": central_part},
            {"label": "Xã hội hóa, đóng góp của người dân", "value": 100 - province_part - central_part}],
            "source": f"Báo cáo đánh giá tác động của {agency}"})
    if own_folder and r.random() < 0.05:
        charts.append({"image": "so-do-khu-vuc.png",
                       "alt": "Sơ đồ các khu vực áp dụng chính sách, mỗi khu vực một màu",
                       "caption": "Các khu vực áp dụng theo dự thảo"})
        files["so-do-khu-vuc.png"] = png(24, 16, (r.randint(0, 255), r.randint(0, 255), r.randint(0, 255)))
    if charts:
        front["infographics"] = charts
    return files


# ---- other editions of the text -----------------------------------------------------------------

def editions(r: random.Random, front: dict, sections, slots: dict, legal: bool) -> dict[str, str]:
    """Sometimes an earlier version (an older proposal, one section fewer) and a reference
    translation, named in the front matter; returns their files."""
    files = {}
    opens = front["consultation"]["opens"]
    if r.random() < 0.15 and len(sections) > 3:
        older = dict(slots, rows=[(label, current, current + (proposed - current) // 2 or proposed)
                                  for label, current, proposed in slots["rows"]])
        earlier = corpus_text.body_sections(random.Random(r.random()), older, legal, 300)
        files["du-thao-lan-1.md"] = corpus_text.body_markdown(earlier)
        front["versions"] = [{"version": "1", "date": opens.fromordinal(opens.toordinal() - r.randint(20, 90)),
                              "file": "du-thao-lan-1.md"}]
    if r.random() < 0.05:
        files["ban-dich-en.md"] = (
            "---\ntitle: Draft policy (reference translation)\n"
            "summary: A reference translation of the draft's explanation. Only the Vietnamese text is official.\n"
            "---\n\n## Why this policy is needed\n\nThe rules in force were adopted before the province reorganised "
            "its local government into two levels, and several of them no longer fit.\n\n"
            "## How to comment\n\nUse any of the ways listed on the Vietnamese page before the deadline.\n")
        front["translations"] = [{"lang": "en", "file": "ban-dich-en.md"}]
    return files
