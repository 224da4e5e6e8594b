"""Number/symbol and date-line validation (DOMAIN.md §3), against the profile's data."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from luutru.core.vn import nfc

SYMBOL = re.compile(
    r"^(?:Số:?\s*)?(?P<number>[0-9]{1,11})-(?P<type>[A-ZĐ][A-ZĐa-zđ]{0,3})"
    r"/(?P<issuer>[A-ZĐ][A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*)$"
)
DATE_LINE = re.compile(
    r"^(?P<place>[^,]+), ngày (?P<d>0[1-9]|[12][0-9]|3[01]) tháng (?P<m>0[12]|[3-9]|1[0-2]) năm (?P<y>[0-9]{4})$"
)
STATE_STYLE = re.compile(r"^(?:Số:?\s*)?\d+/")


@dataclass
class ParsedSymbol:
    number: str
    type_abbrev: str
    issuer: str
    warnings: list[str] = field(default_factory=list)

    @property
    def notation(self) -> str:
        return f"{self.type_abbrev}/{self.issuer}"


def parse_symbol(text: str, *, type_abbrevs: set[str], issuer_abbrevs: set[str] | None = None) -> ParsedSymbol:
    """Parse "Số 12-NQ/TU" (a colon after "Số" is accepted, never printed).
    Raises ValueError with a Vietnamese message when it does not fit."""
    value = nfc(text).strip()
    if STATE_STYLE.match(value) or "QyĐ" in value:
        raise ValueError(
            f"“{text}” viết theo kiểu văn bản Nhà nước. Văn bản của Đảng ghi số và ký hiệu dạng "
            "“12-NQ/TU” (số, gạch nối, loại văn bản, gạch chéo, cơ quan ban hành)."
        )
    m = SYMBOL.match(value)
    if not m:
        raise ValueError(
            f"Số, ký hiệu “{text}” không đúng mẫu. Ví dụ đúng: “12-NQ/TU”, “127-QĐ/TW”, “24-BS/UBKTTU”."
        )
    number, type_abbrev, issuer = m["number"], m["type"], m["issuer"]
    if len(f"{type_abbrev}/{issuer}") > 30:
        raise ValueError("Ký hiệu văn bản dài quá 30 ký tự.")
    if type_abbrev not in type_abbrevs:
        known = ", ".join(sorted(a for a in type_abbrevs if a))
        raise ValueError(f"“{type_abbrev}” không phải chữ viết tắt loại văn bản trong quy tắc hiện hành ({known}).")
    parsed = ParsedSymbol(number=number, type_abbrev=type_abbrev, issuer=issuer)
    if issuer_abbrevs is not None and issuer.split("-")[0] not in issuer_abbrevs:
        parsed.warnings.append(f"Chữ viết tắt cơ quan ban hành “{issuer}” chưa có trong danh mục quy tắc.")
    return parsed


def parse_date_line(text: str) -> tuple[str, dt.date]:
    """Parse "Hạ Long, ngày 20 tháng 02 năm 2018" into (place, date)."""
    value = nfc(text).strip()
    m = DATE_LINE.match(value)
    if not m:
        raise ValueError(
            f"Dòng địa danh, ngày tháng “{text}” không đúng mẫu “Hạ Long, ngày 20 tháng 02 năm 2018”."
        )
    try:
        day = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        raise ValueError(f"Ngày “{m['d']}/{m['m']}/{m['y']}” không có thật.") from None
    return m["place"].strip(), day
