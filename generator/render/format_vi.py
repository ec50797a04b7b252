"""Numbers, amounts, sizes, dates and addresses written the Vietnamese way:
1.234.567 đồng, 12,5%, 1,2 MB, Thứ Năm, 10/12/2026, tel:+842633822111."""
from __future__ import annotations

import datetime as dt
import urllib.parse


def number_vi(value) -> str:
    """1234567 -> "1.234.567"; 12.5 -> "12,5"; 0.215 -> "0,215" (Vietnamese separators)."""
    if isinstance(value, float) and not value.is_integer():
        # six places, trailing zeros dropped: keeps what the editor wrote, hides float noise
        whole, _, frac = f"{value:,.6f}".rstrip("0").partition(".")
        return whole.replace(",", ".") + ("," + frac if frac else "")
    return f"{int(value):,}".replace(",", ".")


def filesize_vi(size: int | None) -> str:
    if size is None:
        return ""
    if size < 1024:
        return f"{size} byte"
    if size < 1024 * 1024:
        return f"{number_vi(round(size / 1024, 1))} KB"
    return f"{number_vi(round(size / 1024 / 1024, 1))} MB"


def tel_href(number: str) -> str:
    """ "0263 3822 111" -> "tel:+842633822111" (RFC 3966, international form)."""
    digits = "".join(c for c in number if c.isdigit())
    if number.strip().startswith("+"):
        return "tel:+" + digits
    if digits.startswith("0"):
        return "tel:+84" + digits[1:]
    return "tel:" + digits


def mailto_href(address: str, subject: str) -> str:
    return "mailto:" + address + "?subject=" + urllib.parse.quote(subject, safe="")


def number(value) -> str:
    """1234567 -> "1.234.567", 12.5 -> "12,5"."""
    return number_vi(value)


def amount(value, unit: str = "") -> str:
    """355000, "đồng" -> "355.000 đồng"; 12.5, "%" -> "12,5%"."""
    text = number(value)
    if unit == "%":
        return text + "%"
    return f"{text} {unit}" if unit else text


def percent(value: float) -> str:
    return number(round(value, 1)) + "%"


def change(current, proposed) -> str:
    """How the proposed value differs from the current one, in words."""
    if proposed == current:
        return "không đổi"
    if current == 0:
        return "tăng" if proposed > current else "giảm"
    delta = (proposed - current) / current * 100
    return f"{'tăng' if delta > 0 else 'giảm'} {percent(abs(delta))}"


WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


def date_short(day: dt.date | dt.datetime) -> str:
    """10/12/2026 — the way dates are written in Vietnamese documents."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def date_long(day: dt.date | dt.datetime) -> str:
    """Thứ Năm, 10/12/2026."""
    return f"{WEEKDAYS[day.weekday()]}, {date_short(day)}"


def time_of(moment: dt.datetime) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def has_time(moment: dt.datetime, end_of_day: bool) -> bool:
    """Whether the editor gave a time (a bare date is 00:00 or 23:59:59)."""
    default = dt.time(23, 59, 59) if end_of_day else dt.time(0, 0)
    return moment.timetz().replace(tzinfo=None) != default
