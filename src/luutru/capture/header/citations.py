"""Documents cited in the text ("Thực hiện Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị")."""

from __future__ import annotations

import datetime as dt
import re

from luutru.capture.header.result import Citation, Field, ParsedHeader
from luutru.capture.header.text import F_CITED, _key, _Line
from luutru.capture.header.vocabulary import HeaderVocabulary
from luutru.capture.vietnamese import fold


def _undouble_type(symbol: str, abbrevs: set[str]) -> str:
    """OCR doubles a letter of the type ("199-QĐĐ/TU"); the rules know the one reading."""
    m = re.match(r"^(\d+-)([^/]+)(/.*)$", symbol) or re.match(r"^(\d+/)([^-]+)(-.*)$", symbol)
    if m and m[2] not in abbrevs:
        single = re.sub(r"(.)\1", r"\1", m[2])
        if single in abbrevs:
            return f"{m[1]}{single}{m[3]}"
    return symbol


# Instruments of the State a Party document may cite, besides the profile's types.
LEGAL_TYPES = (
    "luat",
    "bo luat",
    "nghi dinh",
    "thong tu",
    "thong tu lien tich",
    "phap lenh",
    "cong van",
    "quyet dinh",
)


def _cited(out: ParsedHeader, lines: list[_Line], vocab: HeaderVocabulary) -> None:
    own = out.symbol
    body = "\n".join(line.text for line in lines)
    folded = fold(body)
    seen: list[str] = []
    types = {_key(t.name).lower() for t in vocab.types} | set(vocab.cited_types) | set(LEGAL_TYPES)
    abbrevs = {t.abbrev for t in vocab.types if t.abbrev}
    for m in F_CITED.finditer(folded):
        if " ".join(re.sub(r"[:.-]", " ", m["type"].lower()).split()) not in types:
            continue
        symbol = body[m.start("symbol") : m.end("symbol")].replace(" ", "")
        symbol = _undouble_type(symbol, abbrevs)
        if symbol == own or symbol in seen:
            continue
        seen.append(symbol)
        date = None
        if m["date"]:
            nums = [int(x) for x in re.findall(r"[0-9]+", m["date"])]
            try:
                date = dt.date(nums[2], nums[1], nums[0])
            except ValueError:
                date = None
        issuer = body[m.start("issuer") : m.end("issuer")].strip() if m["issuer"] else ""
        out.citations.append(
            Citation(
                type_name=body[m.start("type") : m.end("type")],
                symbol=symbol,
                issued_date=date,
                issuer=issuer,
                text=body[m.start() : m.end()],
            )
        )
    if seen:
        out.fields["cited"] = Field(seen, 0.95)
