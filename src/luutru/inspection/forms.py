"""Parsing what the inspection screens post (dates as officials type them)."""

from __future__ import annotations

import datetime as dt
import re

from luutru.core.params import as_int

_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def parse_date(value: str | None, label: str) -> tuple[dt.date | None, list[str]]:
    """("04/02/2026" or "2026-02-04") → date; empty → None; bad → a Vietnamese message."""
    text = (value or "").strip()
    if not text:
        return None, []
    if m := _DMY.fullmatch(text):
        d, mo, y = m.groups()
    elif m := _YMD.fullmatch(text):
        y, mo, d = m.groups()
    else:
        return None, [f"{label} “{text}” không đúng dạng ngày/tháng/năm (ví dụ 04/02/2026)."]
    try:
        return dt.date(int(y), int(mo), int(d)), []
    except ValueError:
        return None, [f"{label} “{text}” không có thật."]


def parse_int(value: str | None) -> int | None:
    return as_int(value)
