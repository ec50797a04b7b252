"""Vietnamese written out to be read aloud over a loudspeaker: numbers, amounts, dates,
times, phone numbers and abbreviations in words, so that whoever reads a text on the commune
radio says it right without looking anything up.

Numbers come from num2words 0.5.14 (`lang="vi"`), one group of three digits at a time, with
its quirks fixed here: it reads 2026 as "hai nghìn lẻ hai mươi sáu" (said "hai nghìn không
trăm hai mươi sáu") and 1050000 as "một triệu năm mươi nghìn" (said "một triệu không trăm năm
mươi nghìn"), rounds every decimal to two places and reads its digits as a number (12,5 gives
"mười hai phẩy năm mươi", 7,05 "bảy phẩy năm"), falls back to English words above the
thousands of billions, and has no month names ("tháng tư", not "tháng bốn") nor ordinals
("thứ nhất", "thứ tư").
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

from num2words import num2words

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_SCALES = ("", "nghìn", "triệu")
_BILLION = 10 ** 9
_LARGEST = 10 ** 15                      # beyond this, a number is read digit by digit

# Abbreviations of public administration a text may use without spelling them out; a site's
# glossary (glossary.yml) adds its own and wins. Longest first, so GD&ĐT is not read as GD.
ABBREVIATIONS = {
    "HĐND": "Hội đồng nhân dân", "UBND": "Ủy ban nhân dân", "MTTQ": "Mặt trận Tổ quốc",
    "QH": "Quốc hội khóa", "CP": "Chính phủ", "NĐ-CP": "Nghị định của Chính phủ",
    "QĐ": "Quyết định", "NQ": "Nghị quyết", "TP": "thành phố", "TX": "thị xã",
    "THCS": "trung học cơ sở", "THPT": "trung học phổ thông", "GD&ĐT": "Giáo dục và Đào tạo",
    "NN&MT": "Nông nghiệp và Môi trường", "KH&CN": "Khoa học và Công nghệ",
    "VHTTDL": "Văn hóa, Thể thao và Du lịch", "BHYT": "bảo hiểm y tế", "BHXH": "bảo hiểm xã hội",
    "CCCD": "căn cước công dân", "GPMB": "giải phóng mặt bằng", "HTX": "hợp tác xã",
    "CNTT": "công nghệ thông tin", "ATGT": "an toàn giao thông", "PCCC": "phòng cháy, chữa cháy",
    "KT-XH": "kinh tế – xã hội", "TTHC": "thủ tục hành chính", "VNĐ": "đồng", "VND": "đồng",
    "COVID": "cô-vít",
}
# how letters are said when an unknown abbreviation is spelled out (PDF: "pê dê ép")
LETTERS = {
    "A": "a", "Ă": "á", "Â": "ớ", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "Ê": "ê",
    "F": "ép", "G": "giê", "H": "hát", "I": "i", "J": "gi", "K": "ca", "L": "lờ", "M": "mờ",
    "N": "nờ", "O": "o", "Ô": "ô", "Ơ": "ơ", "P": "pê", "Q": "quy", "R": "rờ", "S": "ét", "T": "tê",
    "U": "u", "Ư": "ư", "V": "vê", "W": "vê kép", "X": "ích", "Y": "i dài", "Z": "dét",
}
# units written after a number, as they are said
UNITS = {"m²": "mét vuông", "m2": "mét vuông", "km²": "ki-lô-mét vuông", "km2": "ki-lô-mét vuông",
         "km": "ki-lô-mét", "ha": "héc-ta", "kg": "ki-lô-gam", "m": "mét", "cm": "xăng-ti-mét",
         "mm": "mi-li-mét", "m³": "mét khối", "m3": "mét khối", "đ": "đồng", "%": "phần trăm",
         "h": "giờ"}
# "45.000 đồng/tháng" is said "mỗi tháng"; other slashes between words are said "trên"
_PER = ("tháng", "năm", "ngày", "giờ", "tuần", "người", "hộ", "học sinh", "lượt", "lần", "xe", "chuyến", "khách")


def number_words(value: int) -> str:
    """2026 -> "hai nghìn không trăm hai mươi sáu"; 1050000 -> "một triệu không trăm năm
    mươi nghìn"; 2000000000 -> "hai tỷ"."""
    if value < 0:
        return "âm " + number_words(-value)
    if value >= _LARGEST:
        return digits_words(str(value))
    if value >= _BILLION:
        billions, rest = divmod(value, _BILLION)
        return " ".join(filter(None, (number_words(billions) + " tỷ", _groups(rest, leading=False))))
    return _groups(value, leading=True) or "không"


def _groups(value: int, leading: bool) -> str:
    """Below a billion, group by group; a group after a larger one that is below a hundred is
    said with its hundreds ("không trăm", and "lẻ" before a single digit)."""
    groups = []
    while value:
        value, group = divmod(value, 1000)
        groups.insert(0, group)
    words = []
    for index, group in enumerate(groups):
        if group == 0:
            continue
        text = num2words(group, lang="vi")
        if group < 100 and (index > 0 or not leading):
            text = "không trăm " + ("lẻ " if group < 10 else "") + text
        scale = _SCALES[len(groups) - 1 - index]
        words.append(f"{text} {scale}" if scale else text)
    return " ".join(words)


def decimal_words(whole: int, fraction: str) -> str:
    """12, "5" -> "mười hai phẩy năm"; 7, "05" -> "bảy phẩy không năm"."""
    if not fraction:
        return number_words(whole)
    zeros = len(fraction) - len(fraction.lstrip("0"))
    rest = fraction[zeros:]
    said = ["không"] * zeros
    if rest:
        said.append(number_words(int(rest)) if len(rest) <= 3 else digits_words(rest))
    return number_words(whole) + " phẩy " + " ".join(said)


def digits_words(digits: str) -> str:
    """A phone number digit by digit, its groups apart: "0263 3822 456" -> "không hai sáu ba,
    ba tám hai hai, bốn năm sáu"; "+84" -> "cộng tám bốn"."""
    groups = [g for g in re.split(r"[\s.\-]+", digits.strip()) if g]
    said = []
    for group in groups:
        words = ["cộng"] if group.startswith("+") else []
        words += [DIGITS[int(c)] for c in group if c.isdigit()]
        said.append(" ".join(words))
    return ", ".join(said)


def month_words(month: int) -> str:
    return "tư" if month == 4 else number_words(month)


def date_words(day: dt.date, weekday: bool = False, year: bool = True) -> str:
    """"ngày năm tháng mười hai năm hai nghìn không trăm hai mươi sáu"; with `weekday`,
    "thứ Bảy, ngày năm tháng mười hai năm …"."""
    text = f"ngày {number_words(day.day)} tháng {month_words(day.month)}"
    if year:
        text += f" năm {number_words(day.year)}"
    return f"{WEEKDAYS[day.weekday()]}, {text}" if weekday else text


def time_words(hour: int, minute: int = 0) -> str:
    """8, 0 -> "tám giờ"; 14, 30 -> "mười bốn giờ ba mươi phút"."""
    text = f"{number_words(hour)} giờ"
    return f"{text} {number_words(minute)} phút" if minute else text


def spell(letters: str) -> str:
    """An abbreviation no table explains, letter by letter: "PDF" -> "pê dê ép"."""
    return " ".join(LETTERS.get(c, c.lower()) for c in letters if c.isalpha())


_ROMAN = re.compile(r"^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$")
_ROMAN_VALUE = {"I": 1, "V": 5, "X": 10}


def roman_value(text: str) -> int:
    total = 0
    for this, following in zip(text, text[1:] + " "):
        value = _ROMAN_VALUE[this]
        total += -value if _ROMAN_VALUE.get(following, 0) > value else value
    return total


def _fold(text: str) -> str:
    """Capital letters without marks, Đ kept: "Ủy" -> "UY", "đồng" -> "ĐÔNG"."""
    text = unicodedata.normalize("NFD", text.upper())
    return "".join(c for c in text if not unicodedata.combining(c)).replace("Ð", "Đ")


def _initials_match(abbreviation: str, words: list[str]) -> bool:
    """Whether the words are what the letters stand for: HĐND ~ Hội đồng nhân dân, GD&ĐT ~
    Giáo dục và Đào tạo (the & is "và")."""
    letters = [c for c in abbreviation if c.isalpha() or c == "&"]
    if len(letters) != len(words):
        return False
    for letter, word in zip(letters, words):
        if letter == "&":
            if word.lower() != "và":
                return False
        elif _fold(word)[:1] != _fold(letter):
            return False
    return True


_ABBREVIATION = r"[A-ZĐ][A-ZĐ&\-]*[A-ZĐ]"
_DEFINED_AFTER = re.compile(rf"(?<!\w)((?:[^\W\d_]++[ \t]++){{0,9}}[^\W\d_]++)[ \t]*+\(({_ABBREVIATION})\)")
_DEFINED_BEFORE = re.compile(rf"(?<![\w&])({_ABBREVIATION})[ \t]*\(([^()\d]+)\)")


def _learn(text: str, known: dict[str, str]) -> tuple[str, dict[str, str]]:
    """Abbreviations the text defines itself: "Ban quản lý dự án (BQLDA)" and "BQLDA (Ban
    quản lý dự án)" are said once, as the words; later uses of BQLDA are said as them too."""
    learned = dict(known)

    def after(match: re.Match) -> str:
        words, abbreviation = match.group(1).split(), match.group(2)
        for count in range(len(words), 0, -1):
            if _initials_match(abbreviation, words[-count:]):
                learned.setdefault(abbreviation, " ".join(words[-count:]))
                return match.group(1)
        if abbreviation in learned and " ".join(words).lower().endswith(learned[abbreviation].lower()):
            return match.group(1)
        return match.group(0)

    def before(match: re.Match) -> str:
        abbreviation, words = match.group(1), match.group(2).strip()
        if _initials_match(abbreviation, words.split()) or abbreviation in learned:
            learned.setdefault(abbreviation, words)
            return words
        return match.group(0)

    text = _DEFINED_AFTER.sub(after, text)
    return _DEFINED_BEFORE.sub(before, text), learned


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+?(?=[.,;:!?)]*(?:\s|$))|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+", re.IGNORECASE)
_LEGAL_NUMBER = re.compile(r"(?<![\d/])(\d+)/(\d{4})/[A-ZĐ][\wĐ\-]*")       # 217/2025/QH15
_DATE = re.compile(r"(?<![\d/.,])(ngày\s+)?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?(?![\d/])")
_MONTH_YEAR = re.compile(r"(?<![\d/.,])(tháng\s+)?(\d{1,2})/(\d{4})(?![\d/])")
_TIME = re.compile(r"(?<![\d:,.])(\d{1,2})(?::|h)(\d{2})(?![\d:])")
_PHONE = re.compile(r"(?<![\w.,])(?:\+\d{2,3}[ .]?)?0?\d{2,4}(?:[ .]\d{2,4}){1,3}(?![\w,])|(?<![\w.,])0\d{2,}(?![\w,])")
_RANGE = re.compile(r"(\d)\s*[–-]\s*(?=\d)")
_ORDINAL = re.compile(r"\b(thứ)\s+([14])\b")
_NUMBER = re.compile(r"(?<![\w,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?:\s?(m²|m2|km²|km2|m³|m3|km|ha|kg|cm|mm|m|đ|%|h)(?![\w²³]))?")
_MIXED = re.compile(r"(?<=[^\W\d_])-?(?=\d)|(?<=\d)(?=[^\W\d_])")
_TOKEN = re.compile(rf"(?<![\w&'’]){_ABBREVIATION}(?![\w'’])|(?<![\w'’])[IVX](?![\w'’])")
# a lone I is a number (Vietnamese has no such word: "Dinh I"); a lone V or X only after the
# words that number parts and groups ("khu vực V"), not in "chữ V" or "ông X"
_NUMBERED = ("chương", "phần", "mục", "khóa", "khu vực", "nhóm", "loại", "cấp", "hạng", "vùng", "giai đoạn")
_SLASH = re.compile(r"(?<=[^\W\d_])/(?=[^\W\d_])")
_PARENTHESES_TWICE = re.compile(r"(?<!\w)((?:[^\W\d_]++[ ,–-]++){0,9}[^\W\d_]++)\s*+\(\s*+\1\s*+\)", re.IGNORECASE)


def _is_phone(text: str) -> bool:
    """0263 3822 456, 0263.3822.456, +84 263 3822 456, 1900 1234; not 45.000 nor 2027 2028."""
    return text.startswith(("0", "+", "1800 ", "1900 "))


def spoken(text: str, abbreviations: dict[str, str] | None = None,
           address: str = "địa chỉ đăng trên Cổng lấy ý kiến của tỉnh") -> str:
    """Free text as it is read aloud: no digit and no unexplained abbreviation left.

    `abbreviations` (from the site's glossary) add to and override the table above;
    web and e-mail addresses become `address`."""
    known = {**ABBREVIATIONS, **(abbreviations or {})}
    text = unicodedata.normalize("NFC", text)
    # other scripts' digits, superscripts (¹) and circled digits are digits like any other; the
    # ² and ³ of m² and m³ stay, for the units to read them as "vuông" and "khối"
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() and c not in "²³" else c
                   for c in text)
    text = _ADDRESS.sub(address, text)
    text, known = _learn(text, known)
    text = _LEGAL_NUMBER.sub(lambda m: f"{m.group(1)} năm {m.group(2)}", text)
    text = _DATE.sub(_date, text)
    text = _MONTH_YEAR.sub(_month_year, text)
    text = _TIME.sub(lambda m: time_words(int(m.group(1)), int(m.group(2)))
                     if int(m.group(1)) < 24 and int(m.group(2)) < 60 else m.group(0), text)
    text = _PHONE.sub(lambda m: digits_words(m.group(0)) if _is_phone(m.group(0)) else m.group(0), text)
    text = _RANGE.sub(lambda m: m.group(1) + (" – " if _school_year(text, m) else " đến "), text)
    text = _ORDINAL.sub(lambda m: f"{m.group(1)} {'nhất' if m.group(2) == '1' else 'tư'}", text)
    text = _MIXED.sub(" ", text)            # 4G, QH15: the letters and the number apart
    text = _NUMBER.sub(_number, text)
    text = text.replace("²", " vuông ").replace("³", " khối ")
    text = _SLASH.sub(lambda m: " mỗi " if text.startswith(_PER, m.end()) else " trên ", text)
    text = _TOKEN.sub(lambda m: _abbreviation(m.group(0), known) if m.group(0) != "V" and m.group(0) != "X"
                      or text[max(0, m.start() - 12):m.start()].rstrip().lower().endswith(_NUMBERED)
                      else m.group(0), text)
    text = re.sub(r"\b(thành phố|thị xã)\.(?=\s)", r"\1", text)     # TP. Đà Lạt
    text = _PARENTHESES_TWICE.sub(r"\1", text)
    for sign, said in (("&", "và"), ("+", "cộng"), ("%", "phần trăm"), ("~", "khoảng")):
        text = text.replace(sign, f" {said} ")
    text = "".join(f" {DIGITS[unicodedata.digit(c)]} " if c.isdigit() else c for c in text)   # no digit is left
    text = re.sub(r"[ \t]+([,.;:!?)])", r"\1", re.sub(r"[ \t]{2,}", " ", text))
    return text.strip()


def _school_year(text: str, match: re.Match) -> bool:
    """"năm học 2027–2028" keeps its dash (one school year); other ranges say "đến"."""
    return text[max(0, match.start() - 20):match.start()].rstrip("0123456789 ").endswith("năm học")


def _date(match: re.Match) -> str:
    day, month, year = int(match.group(2)), int(match.group(3)), match.group(4)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    said = f"ngày {number_words(day)} tháng {month_words(month)}"
    return said + (f" năm {number_words(int(year))}" if year else "")


def _month_year(match: re.Match) -> str:
    month, year = int(match.group(2)), int(match.group(3))
    if not 1 <= month <= 12:
        return match.group(0)
    return f"tháng {month_words(month)} năm {number_words(year)}"


def _number(match: re.Match) -> str:
    digits = match.group(1).replace(".", "")
    if len(digits) > 15:        # not an amount anyone says: digit by digit
        return digits_words(match.group(0))
    said = decimal_words(int(digits), match.group(2) or "")
    unit = match.group(3)
    return f"{said} {UNITS[unit]}" if unit else said


def _abbreviation(token: str, known: dict[str, str]) -> str:
    if token in known:
        return known[token]
    if _ROMAN.match(token):
        return number_words(roman_value(token))
    if len(token) == 1:
        return token
    parts = [p for p in re.split(r"([&\-])", token) if p]
    if len(parts) > 1:          # NN&PTNT: each part on its own
        return " ".join("và" if p == "&" else "" if p == "-" else _abbreviation(p, known) for p in parts).strip()
    return spell(token)
