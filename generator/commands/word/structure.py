"""What a Vietnamese administrative document says about itself before and after its text.

Decree 30/2020/NĐ-CP lays out every administrative document the same way: the national
emblem header (the issuing body and the document's number on the left, "CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc" with the place and date on the right), often a
"DỰ THẢO" mark, the type of document in capitals ("NGHỊ QUYẾT"), its subject ("Quy định mức
học phí …"), then the text, and at the end the recipients ("Nơi nhận:") and the signature.
`split_document` takes the header, the title and the closing block off the blocks, so that
only the text itself becomes the draft's body.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from generator.commands.word.reader import Cell, ListBlock, Paragraph, Table

# The types of document (folded) and how a title names them.
DOC_TYPES = {
    "nghi quyet": "Nghị quyết", "quyet dinh": "Quyết định", "ke hoach": "Kế hoạch", "de an": "Đề án",
    "chi thi": "Chỉ thị", "nghi dinh": "Nghị định", "thong tu": "Thông tư", "thong tu lien tich": "Thông tư liên tịch",
    "luat": "Luật", "bo luat": "Bộ luật", "phap lenh": "Pháp lệnh", "quy dinh": "Quy định", "quy che": "Quy chế",
    "chuong trinh": "Chương trình", "huong dan": "Hướng dẫn", "quy hoach": "Quy hoạch", "phuong an": "Phương án",
    "dieu le": "Điều lệ", "to trinh": "Tờ trình", "bao cao": "Báo cáo", "thong bao": "Thông báo",
}
MOTTO = ("cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc")
_DECORATION = re.compile(r"^[\s\-–—_=*.·•~]*$")
_NUMBER = re.compile(r"^(?:so|so hieu)\s*:?\s*\S*\s*/", re.IGNORECASE)
_DATE = re.compile(r"\bngay\b.*\bthang\b.*\bnam\b\s*\d{4}")
_DRAFT = re.compile(r"^\(?\s*du thao(?:\s+lan)?(?:\s+(?:thu\s+)?(\d+))?\s*\)?$")
_STRUCTURE = re.compile(r"^(chuong|muc|dieu|phan)\s+\S+", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, no marks, đ→d, every run of other characters one space: for recognising."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^a-z0-9/]+", " ", text).split())


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def is_decoration(text: str) -> bool:
    return bool(_DECORATION.match(text))


def block_text(block) -> str:
    """All the text of a block, lines joined with newlines."""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        return "\n".join(block_text(b) for item in block.items for b in item)
    if isinstance(block, Table):
        return "\n".join(block_text(cell) for row in block.rows for cell in row)
    if isinstance(block, Cell):
        return "\n".join(block_text(b) for b in block.blocks)
    return ""


@dataclass
class Header:
    """The header block and the title, as found."""

    issuer: list = field(default_factory=list)   # "HỘI ĐỒNG NHÂN DÂN", "TỈNH LÂM ĐỒNG"
    number: str = ""                             # "Số: /2026/NQ-HĐND"
    place_date: str = ""                         # "Lâm Đồng, ngày tháng năm 2026"
    draft_mark: str = ""                         # "DỰ THẢO LẦN 2"
    version: str = ""                            # "2"
    doc_type: str = ""                           # folded key of DOC_TYPES: "nghi quyet"
    doc_type_line: str = ""                      # as written: "NGHỊ QUYẾT"
    subject: str = ""                            # "Quy định mức học phí …"
    left_out: list = field(default_factory=list)   # what was taken off: "header", "closing"

    @property
    def title(self) -> str:
        """"Dự thảo Nghị quyết quy định mức học phí …", or "" when the document does not say."""
        if not self.doc_type or not self.subject:
            return ""
        subject = self.subject
        first = subject.split(" ", 1)[0]
        if len(first) > 1 and first[0].isupper() and first[1:].islower():
            subject = first.lower() + subject[len(first):]
        return f"Dự thảo {DOC_TYPES[self.doc_type]} {subject}"

    def read_line(self, line: str) -> None:
        """One line of the header block."""
        line = " ".join(line.split())
        folded = fold(line)
        if not folded or is_decoration(line) or folded in MOTTO:
            return
        if _NUMBER.match(folded):
            self.number = self.number or line
        elif _DATE.search(folded):
            self.place_date = self.place_date or line
        elif _DRAFT.match(folded):
            self.set_draft_mark(line)
        elif is_caps(line):
            self.issuer.append(line)

    def set_draft_mark(self, line: str) -> None:
        match = _DRAFT.match(fold(line))
        self.draft_mark = line.strip()
        self.version = (match.group(1) or "") if match else ""


def _lines(block) -> list[str]:
    return [line for line in block_text(block).split("\n") if line.strip()]


def _has_motto(block) -> bool:
    folded = fold(block_text(block))
    return any(m in folded for m in MOTTO)


def doc_type_of(line: str) -> str:
    """The folded type when `line` is a type line in capitals ("NGHỊ QUYẾT"), else ""."""
    text = line.strip().rstrip(".")
    if not is_caps(text) or text.endswith(":"):
        return ""
    folded = fold(text)
    return folded if folded in DOC_TYPES else ""


def split_document(blocks: list) -> tuple[Header, list]:
    """(what the document says about itself, the blocks of its text)."""
    header = Header()
    blocks = list(blocks)
    start = _take_header(blocks, header)
    start = _take_title(blocks, start, header)
    end = _closing_start(blocks, start)
    if end < len(blocks):
        header.left_out.append("closing")
    return header, blocks[start:end]


def _take_header(blocks: list, header: Header) -> int:
    """Index of the first block after the national-emblem header (0 when there is none)."""
    for index, block in enumerate(blocks[:4]):
        if isinstance(block, Table) and _has_motto(block):
            for row in block.rows:
                for cell in row:
                    for line in _lines(cell):
                        header.read_line(line)
            header.left_out.append("header")
            return index + 1
    # the same header written as paragraphs, up to the type line
    for index, block in enumerate(blocks[:12]):
        if not isinstance(block, Paragraph):
            break
        if _has_motto(block):
            end = index + 1
            while end < len(blocks) and isinstance(blocks[end], Paragraph) and _header_like(blocks[end].text):
                end += 1
            for earlier in blocks[:end]:
                for line in _lines(earlier):
                    header.read_line(line)
            header.left_out.append("header")
            return end
    return 0


def _header_like(text: str) -> bool:
    folded = fold(text)
    return bool(not folded or is_decoration(text) or _NUMBER.match(folded) or _DATE.search(folded)
                or folded in MOTTO or (is_caps(text) and not doc_type_of(text.split("\n")[0])
                                       and not _DRAFT.match(folded)))


def _take_title(blocks: list, start: int, header: Header) -> int:
    """Take the draft mark, the type line and the subject that follow the header."""
    index = start
    while index < len(blocks) and index < start + 8:
        block = blocks[index]
        if not isinstance(block, Paragraph):
            return start
        lines = [line.strip() for line in block.text.split("\n") if line.strip()]
        first = lines[0] if lines else ""
        folded = fold(first)
        if not lines or is_decoration(first):
            index += 1
            continue
        if _DRAFT.match(folded):
            header.set_draft_mark(first)
            if len(lines) == 1:
                index += 1
                continue
            lines = lines[1:]
            first = lines[0]
        kind = doc_type_of(first)
        if not kind:
            return start if not header.draft_mark else index
        header.doc_type, header.doc_type_line = kind, first
        subject = lines[1:]
        index += 1
        while index < len(blocks) and len(subject) < 4 and isinstance(blocks[index], Paragraph):
            text = " ".join(blocks[index].text.split())
            if is_decoration(text):
                index += 1
                break
            if not text or is_caps(text) or fold(text).startswith("can cu") or _STRUCTURE.match(fold(text)):
                break
            subject.append(text)
            index += 1
        header.subject = " ".join(" ".join(subject).split())
        return index
    return start


def _closing_start(blocks: list, start: int) -> int:
    """Where the recipients and the signature begin ("Nơi nhận:"), or len(blocks)."""
    end = len(blocks)
    for index in range(len(blocks) - 1, max(start, len(blocks) - 40) - 1, -1):
        folded = fold(block_text(blocks[index]))
        if folded.startswith("noi nhan") or (isinstance(blocks[index], Table) and " noi nhan" in f" {folded}"):
            end = index
    return end
