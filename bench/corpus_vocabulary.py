"""The words of a province's hub: agencies, topics, document types, laws, and what a policy subject is.

Used by corpus.py. Agencies follow the provincial departments as they stand since the
reorganisation of 2025 (two-level local government: province and commune, no district).
A subject is one kind of policy a province drafts again and again (a fee, a support
scheme, a plan), with the words its drafts are written in. Placeholders in titles and
summaries: {y} the year it applies from, {y1} the year after, {p} a five-year period,
{pct} a percentage, {eff} the day it takes effect.
"""
from __future__ import annotations

from dataclasses import dataclass

AGENCIES = {   # key: (name, short name or "")
    "van-phong-ubnd": ("Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh"),
    "so-tai-chinh": ("Sở Tài chính", ""),
    "so-noi-vu": ("Sở Nội vụ", ""),
    "so-tu-phap": ("Sở Tư pháp", ""),
    "so-nong-nghiep-moi-truong": ("Sở Nông nghiệp và Môi trường", "Sở NN&MT"),
    "so-xay-dung": ("Sở Xây dựng", ""),
    "so-cong-thuong": ("Sở Công Thương", ""),
    "so-giao-duc-dao-tao": ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT"),
    "so-y-te": ("Sở Y tế", ""),
    "so-van-hoa-the-thao-du-lich": ("Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL"),
    "so-khoa-hoc-cong-nghe": ("Sở Khoa học và Công nghệ", "Sở KH&CN"),
    "so-dan-toc-ton-giao": ("Sở Dân tộc và Tôn giáo", ""),
    "thanh-tra-tinh": ("Thanh tra tỉnh", ""),
    "cong-an-tinh": ("Công an tỉnh", ""),
}

TOPICS = {
    "dat-dai": "Đất đai",
    "giao-duc": "Giáo dục",
    "y-te": "Y tế",
    "giao-thong": "Giao thông",
    "moi-truong": "Môi trường",
    "nong-nghiep": "Nông nghiệp và thủy sản",
    "xay-dung-nha-o": "Xây dựng và nhà ở",
    "tai-chinh-phi-le-phi": "Tài chính, phí và lệ phí",
    "an-sinh-xa-hoi": "An sinh xã hội",
    "lao-dong-viec-lam": "Lao động, việc làm",
    "van-hoa-du-lich": "Văn hóa, thể thao và du lịch",
    "chuyen-doi-so": "Chuyển đổi số",
    "cong-thuong": "Công thương",
    "dan-toc-mien-nui": "Dân tộc và miền núi",
    "to-chuc-bo-may": "Tổ chức bộ máy, cán bộ",
    "tu-phap-hanh-chinh": "Tư pháp, thủ tục hành chính",
}

DOC_TYPES = {   # key: (name in the config, the word a title starts with, the number's suffix)
    "nghi-quyet-hdnd": ("Nghị quyết của Hội đồng nhân dân tỉnh", "Nghị quyết", "NQ-HĐND"),
    "quyet-dinh-ubnd": ("Quyết định của Ủy ban nhân dân tỉnh", "Quyết định", "QĐ-UBND"),
    "chi-thi-ubnd": ("Chỉ thị của Chủ tịch Ủy ban nhân dân tỉnh", "Chỉ thị", "CT-UBND"),
    "ke-hoach-ubnd": ("Kế hoạch của Ủy ban nhân dân tỉnh", "Kế hoạch", "KH-UBND"),
    "de-an": ("Đề án trình Hội đồng nhân dân tỉnh", "Đề án", "ĐA-UBND"),
}

GENERAL_LAWS = (
    "Luật Tổ chức chính quyền địa phương năm 2025",
    "Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15",
    "Nghị định số 78/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều và biện pháp để tổ chức, "
    "hướng dẫn thi hành Luật Ban hành văn bản quy phạm pháp luật",
)
FEE_LAW = "Luật Phí và lệ phí số 97/2015/QH13"
LAND_LAW = "Luật Đất đai số 31/2024/QH15"
ENVIRONMENT_LAW = "Luật Bảo vệ môi trường số 72/2020/QH14"


@dataclass(frozen=True)
class Table:
    """The figures a draft changes: one row per item, the value in force and the proposed one."""

    caption: str
    header: str                    # heading of the first column
    rows: tuple[str, ...]
    unit: str
    low: int                       # range of the values in force
    high: int
    rising: bool = True            # proposed values above the current ones (False: below)


@dataclass(frozen=True)
class Subject:
    key: str                       # stem of the drafts' file names
    agency: str
    topics: tuple[str, ...]
    titles: tuple[tuple[str, str], ...]   # (doc_type, title after "Dự thảo <Loại>")
    what: str                      # what the draft sets, as a noun phrase for sentences
    summary: tuple[str, ...]
    affected: tuple[str, ...]
    questions: tuple[str, ...]
    table: Table
    laws: tuple[str, ...]
    tags: tuple[str, ...]
    comments: tuple[str, ...]      # topics of comments in the report on comments


def S(key, agency, topics, titles, what, summary, affected, questions, table, laws, tags, comments) -> Subject:
    return Subject(key, agency, tuple(topics), tuple(titles), what, tuple(summary), tuple(affected),
                   tuple(questions), table, tuple(laws), tuple(tags), tuple(comments))


# Places a body names (never the front matter, so that a search of the body can be told
# apart from a search of the indexed fields). Invented, as names go in many provinces.
WARDS = ("Phước Long", "Tân Tiến", "Hòa Thuận", "Xuân An", "Đông Hải", "Quang Trung", "Thống Nhất",
         "Bình Minh", "Tân An", "Phú Thạnh", "Hưng Long", "An Lạc")
COMMUNES = ("Hòa Bình", "Tân Phú", "Phước Sơn", "Vĩnh Hảo", "Cam Thành", "Diên Lâm", "Ninh Tây", "Sơn Hiệp",
            "Khánh Trung", "Thành Sơn", "Ea Sol", "Cư Pui", "Suối Tiên", "Lương Sơn", "Mỹ Hiệp", "Tà Nung",
            "Phú Mỹ", "An Hải", "Long Bình", "Tam Giang", "Bình Lâm", "Tân Hội", "Xuân Sơn", "Đắk Ring")
VILLAGES = ("Tân Lập", "Đồng Bò", "Suối Cát", "Xóm Mới", "Hòn Dung", "Bến Gỗ", "Ea Tling", "Buôn Đôn",
            "Cây Sung", "Gò Đình", "Lạc Thiện", "Bãi Giếng")
STREETS = ("Trần Phú", "Lê Lợi", "Nguyễn Huệ", "Hai Bà Trưng", "Quang Trung", "Lý Thường Kiệt", "Hùng Vương",
           "Nguyễn Thị Minh Khai", "Phan Chu Trinh", "Lê Hồng Phong", "Trần Hưng Đạo", "Thống Nhất",
           "Võ Thị Sáu", "Nguyễn Trãi", "Điện Biên Phủ", "Bà Triệu", "23 Tháng 10", "Ngô Gia Tự")
RIVERS = ("sông Cái", "sông Dinh", "sông Lũy", "sông Mường", "sông Bé", "sông Cạn", "sông Đà Rằng")
FERRIES = ("Phú Lộc", "Cồn Tân", "Bình Tân", "Vạn Thọ", "Xóm Cồn", "Mỹ Lợi", "An Hòa", "Tân Định")
MARKETS = ("Đầm", "Xóm Mới", "Phước Thái", "Ga", "Cây Me", "Bến Cá", "Chiều", "Vĩnh Điềm")
# Where the agencies sit: the addresses of postal and meeting channels.
OFFICE_STREETS = ("Lê Thánh Tôn", "Pasteur", "Yersin", "Lê Duẩn", "Hoàng Văn Thụ", "Phạm Văn Đồng")
OFFICE_WARD = "phường Trung Tâm"
PHONE_CODES = {"Khánh Hòa": "0258", "Lâm Đồng": "0263", "Đồng Tháp": "0277", "Nghệ An": "0238", "Gia Lai": "0269",
               "Quảng Ninh": "0203", "An Giang": "0296", "Thái Nguyên": "0208", "Lào Cai": "0214", "Đắk Lắk": "0262"}
