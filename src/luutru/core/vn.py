"""Vietnamese presentation helpers: dates as officials write them, numbers in words."""

from __future__ import annotations

import datetime as dt
import unicodedata

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def long_date(day: dt.date | None, place: str = "") -> str:
    """ "Hạ Long, ngày 04 tháng 02 năm 2020" (NĐ 30: leading zero for days < 10, months 1–2)."""
    if day is None:
        return ""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    text = f"ngày {day.day:02d} tháng {month} năm {day.year}"
    return f"{place}, {text}" if place else text


def short_date(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _three(n: int, full: bool) -> str:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if full or hundreds:
        words += [_DIGITS[hundreds], "trăm"]
    if tens > 1:
        words += [_DIGITS[tens], "mươi"]
    elif tens == 1:
        words.append("mười")
    elif units and (full or hundreds):
        words.append("linh")
    if units:
        if units == 1 and tens > 1:
            words.append("mốt")
        elif units == 5 and tens > 0:
            words.append("lăm")
        elif units == 4 and tens > 1:
            words.append("tư")
        else:
            words.append(_DIGITS[units])
    return " ".join(words)


def number_words(n: int) -> str:
    """12 → "mười hai"; 105 → "một trăm linh năm"; 21 → "hai mươi mốt"."""
    if n == 0:
        return "không"
    if n < 0:
        return "âm " + number_words(-n)
    groups = []
    while n:
        n, g = divmod(n, 1000)
        groups.append(g)
    scales = ["", "nghìn", "triệu", "tỷ"]
    words: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        g = groups[i]
        if g == 0:
            continue
        words.append(_three(g, full=i < len(groups) - 1))
        if scales[i % 4 if i < 4 else 3]:
            words.append(scales[i])
    return " ".join(words)


def count_words(n: int, noun: str) -> str:
    """ "12 (mười hai) hồ sơ" as deposit lists write it."""
    return f"{n} ({number_words(n)}) {noun}"
