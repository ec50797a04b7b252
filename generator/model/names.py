"""What a name in an address may be: the slugs of drafts, pages, agencies and topics."""
from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")   # a–z, 0–9 and single hyphens between them
MAX_SLUG = 60                                           # characters of an address made from a title


def slugify(text: str) -> str:
    """ASCII slug of Vietnamese text: "Học phí Đà Lạt" -> "hoc-phi-da-lat"."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    out = "".join(c if ("a" <= c <= "z" or "0" <= c <= "9") else "-" for c in text)
    return "-".join(p for p in out.split("-") if p)


# compared as written (lower case, with marks): folded, "đối" (towards) and "đổi" (change) are one word
_LEADING = ("quy định", "ban hành", "phê duyệt", "về việc", "về", "sửa đổi, bổ sung", "sửa đổi", "thông qua")
_STOP = {"về", "việc", "đối", "với", "các", "những", "và", "cho", "tại", "theo", "trong", "được", "một", "của",
         "là", "này", "năm", "tỉnh"}


def short_slug(subject: str, fallback: str = "du-thao") -> str:
    """A few key words of the subject and its years: "muc-hoc-phi-co-so-giao-duc-2027-2028",
    at most MAX_SLUG characters."""
    years = list(dict.fromkeys(re.findall(r"\b(?:19|20)\d{2}\b", subject)))[:2]
    clause = unicodedata.normalize("NFC", re.split(r"[,;:(]| trên địa bàn", subject, maxsplit=1)[0]).lower()
    changed = True
    while changed:
        changed = False
        for lead in _LEADING:
            if clause.startswith(lead + " "):
                clause, changed = clause[len(lead) + 1:], True
    words = [w for w in re.findall(r"\w+", clause) if w not in _STOP and not w.isdigit()][:7] + years
    slug = slugify(" ".join(words))
    while len(slug) > MAX_SLUG:
        slug = slug.rsplit("-", 1)[0]
    return slug or fallback


# the kinds of document a title names after "Dự thảo" (longest first: "thông tư liên tịch" before "thông tư")
_DOCUMENT_WORDS = ("thông tư liên tịch", "nghị quyết", "quyết định", "kế hoạch", "đề án", "chỉ thị", "nghị định",
                   "thông tư", "bộ luật", "luật", "pháp lệnh", "quy định", "quy chế", "chương trình", "hướng dẫn",
                   "quy hoạch", "phương án", "điều lệ", "tờ trình", "báo cáo", "thông báo")
_ISSUERS = ("của hội đồng nhân dân", "của ủy ban nhân dân", "của hđnd", "của ubnd", "hội đồng nhân dân",
            "ủy ban nhân dân", "hđnd", "ubnd")
_PLACE = ("tỉnh", "thành phố")


def _without_province(title: str) -> str:
    """The title without "tỉnh Lâm Đồng", "thành phố Đà Lạt": the place every draft of a site
    shares says nothing of the draft."""
    words, out, skipping = title.split(), [], False
    index = 0
    while index < len(words):
        pair = " ".join(words[index:index + 2]).lower()
        if words[index].lower() == "tỉnh" or pair == "thành phố":
            index += 1 if words[index].lower() == "tỉnh" else 2
            skipping = True
            continue
        if skipping and words[index][:1].isupper():
            index += 1
            continue
        skipping = False
        out.append(words[index])
        index += 1
    return " ".join(out)


def province_of(site_name: str) -> str:
    """"Lâm Đồng" of "Cổng lấy ý kiến dự thảo chính sách tỉnh Lâm Đồng" ("" when it names none)."""
    match = re.search(r"(?:tỉnh|thành phố)\s+(.+)$", unicodedata.normalize("NFC", site_name), re.IGNORECASE)
    return match.group(1).strip() if match else ""


def draft_slug(title: str, fallback: str = "du-thao", province: str = "") -> str:
    """The address of a draft made from its title: a few key words and its years, without
    "Dự thảo", the kind of document, the issuing body and the province (also `province`
    where the title names it without "tỉnh"):
    "Dự thảo Nghị quyết về hỗ trợ học sinh tỉnh Lâm Đồng năm 2027" -> "ho-tro-hoc-sinh-2027"."""
    title = unicodedata.normalize("NFC", title)
    if province:
        title = re.sub(rf"(?<!\w){re.escape(unicodedata.normalize('NFC', province))}(?!\w)", " ", title,
                       flags=re.IGNORECASE)
    text = _without_province(title).lower().replace("uỷ", "ủy")
    text = re.sub(r"^\s*dự\s+thảo(?:\s+lần\s+\w+)?\s+", "", text)
    for word in _DOCUMENT_WORDS:
        if text.startswith(word + " "):
            text = text[len(word) + 1:]
            break
    for issuer in _ISSUERS:
        if text.startswith(issuer + " "):
            text = text[len(issuer) + 1:]
            break
    return short_slug(text, fallback)


def unique_slug(slug: str, taken) -> str:
    """`slug`, or `slug-2`, `slug-3` … the first that `taken` (a test) does not hold, within MAX_SLUG."""
    if not taken(slug):
        return slug
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = slug[:MAX_SLUG - len(suffix)].rstrip("-") + suffix
        if not taken(candidate):
            return candidate
        number += 1
