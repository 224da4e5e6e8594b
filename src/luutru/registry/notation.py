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
# State style (NĐ 30/2020 App. I): "Số: 12/QĐ-UBND", "Số: 05/2024/NQ-HĐND", and a
# công văn without a type: "Số: 125/UBND-VP".
STATE_SYMBOL = re.compile(
    r"^(?:Số:?\s*)?(?P<number>[0-9]{1,11})/(?:(?P<year>[0-9]{4})/)?"
    r"(?P<notation>[A-ZĐ][A-ZĐa-zđ0-9]*(?:-[A-ZĐ0-9][A-ZĐa-zđ0-9]*)*)$"
)
PARTY_STYLE = re.compile(r"^(?:Số:?\s*)?\d+-")


@dataclass
class ParsedSymbol:
    number: str
    type_abbrev: str
    issuer: str
    warnings: list[str] = field(default_factory=list)
    style: str = "party"
    year: str = ""

    @property
    def notation(self) -> str:
        if self.style == "state":
            tail = f"{self.type_abbrev}-{self.issuer}" if self.type_abbrev else self.issuer
            return f"{self.year}/{tail}" if self.year else tail
        return f"{self.type_abbrev}/{self.issuer}"

    @property
    def symbol(self) -> str:
        """As printed after "Số": "12-NQ/TU" (Party), "12/QĐ-UBND" (State)."""
        sep = "/" if self.style == "state" else "-"
        return f"{self.number}{sep}{self.notation}"


def parse_symbol(
    text: str,
    *,
    type_abbrevs: set[str],
    issuer_abbrevs: set[str] | None = None,
    style: str = "party",
) -> ParsedSymbol:
    """Parse "Số 12-NQ/TU" (a colon after "Số" is accepted, never printed), or with
    ``style="state"`` "Số: 12/QĐ-UBND". Raises ValueError with a Vietnamese message
    when it does not fit."""
    if style == "state":
        return parse_state_symbol(text, type_abbrevs=type_abbrevs)
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
        raise ValueError(
            f"“{type_abbrev}” không phải chữ viết tắt loại văn bản trong quy tắc hiện hành ({known})."
        )
    parsed = ParsedSymbol(number=number, type_abbrev=type_abbrev, issuer=issuer)
    if issuer_abbrevs is not None and issuer.split("-")[0] not in issuer_abbrevs:
        parsed.warnings.append(
            f"Chữ viết tắt cơ quan ban hành “{issuer}” chưa có trong danh mục quy tắc."
        )
    return parsed


def parse_state_symbol(text: str, *, type_abbrevs: set[str]) -> ParsedSymbol:
    """Parse a State symbol: "Số: 12/QĐ-UBND" (type, then issuer), "Số: 125/UBND-VP"
    (a công văn: issuer and unit, no type) or "Số: 05/2024/NQ-HĐND"."""
    value = nfc(text).strip()
    if PARTY_STYLE.match(value):
        raise ValueError(
            f"“{text}” viết theo kiểu văn bản của Đảng. Văn bản Nhà nước ghi số và ký hiệu dạng "
            "“12/QĐ-UBND” (số, gạch chéo, loại văn bản, gạch nối, cơ quan ban hành)."
        )
    m = STATE_SYMBOL.match(value)
    if not m:
        raise ValueError(
            f"Số, ký hiệu “{text}” không đúng mẫu. Ví dụ đúng: “12/QĐ-UBND”, “125/UBND-VP”, “05/2024/NQ-HĐND”."
        )
    notation = m["notation"]
    head, _, rest = notation.partition("-")
    if head in type_abbrevs and rest:
        type_abbrev, issuer = head, rest
    else:
        type_abbrev, issuer = "", notation
    parsed = ParsedSymbol(
        number=m["number"],
        type_abbrev=type_abbrev,
        issuer=issuer,
        style="state",
        year=m["year"] or "",
    )
    if len(parsed.notation) > 30:
        raise ValueError("Ký hiệu văn bản dài quá 30 ký tự.")
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
