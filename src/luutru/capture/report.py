"""The import report: per file, what capture read and where the file got to,
so a clerk checks a bundle in a spreadsheet (``luutru import --report`` writes
it as JSON lines; the batch page offers it as XLSX).

A registered file reports its document's fields (what the records now say);
one not registered reports what the parser read. Confidences are the parser's,
per report field (a field read from several header fields takes the lowest).
Callers choose the items: the batch page passes only those the reader may see
(``queries.visible_items``); the command, run by the administrator on the
machine, reports the whole batch.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from luutru.capture.models import ImportItem
from luutru.core import xlsx
from luutru.orgs.models import Secrecy
from luutru.registry.models import Urgency

FIELDS = (
    "file",
    "state",
    "number_symbol",
    "doc_type",
    "issuer",
    "issuer_parent",
    "place",
    "date",
    "title",
    "signer",
    "secrecy",
    "urgency",
    "cites",
    "confidence",
)
# Report field → the parser's header fields it is read from.
SOURCES = {
    "number_symbol": ("code_number", "code_notation"),
    "doc_type": ("type_name", "doc_type"),
    "issuer": ("issuer",),
    "issuer_parent": ("issuer_parent",),
    "place": ("place",),
    "date": ("issued_date",),
    "title": ("subject",),
    "signer": ("signer_full_name",),
    "secrecy": ("secrecy",),
    "urgency": ("urgency",),
    "cites": ("cited",),
}
HEADINGS = {
    "file": "Tệp",
    "state": "Trạng thái",
    "number_symbol": "Số, ký hiệu",
    "doc_type": "Tên loại",
    "issuer": "Cơ quan ban hành",
    "issuer_parent": "Cơ quan cấp trên",
    "place": "Địa danh",
    "date": "Ngày văn bản",
    "title": "Trích yếu",
    "signer": "Người ký",
    "secrecy": "Độ mật",
    "urgency": "Độ khẩn",
    "cites": "Văn bản được dẫn",
    "reason": "Lý do cần xem lại / không nhận",
}


def _value(parsed: dict, key: str) -> Any:
    f = parsed.get(key) or {}
    return f.get("value") if float(f.get("confidence") or 0) > 0 else None


def _label(choices, value) -> str:
    try:
        return choices(int(value or 0)).label if int(value or 0) else ""
    except ValueError:
        return ""


def _symbol(parsed: dict) -> str:
    number, notation = _value(parsed, "code_number"), _value(parsed, "code_notation")
    if not (number and notation):
        return ""
    # Printed as the registry prints it: State style when the notation has no
    # slash or begins with the year ("QĐ-UBND", "2020/NĐ-CP"), Party style otherwise.
    head, slash, _ = str(notation).partition("/")
    state = not slash or head.isdigit()
    return f"{number}/{notation}" if state else f"{number}-{notation}"


def confidences(parsed: dict) -> dict[str, float]:
    """Report field → the parser's confidence (0..1), for the fields it looked at."""
    out = {}
    for name, keys in SOURCES.items():
        seen = [float((parsed.get(k) or {}).get("confidence") or 0) for k in keys if k in parsed]
        if seen:
            out[name] = round(min(seen), 3)
    return out


def row(item: ImportItem) -> dict:
    """One file's line of the report."""
    parsed = item.parsed or {}
    doc = item.document
    if doc is not None:
        values = {
            "number_symbol": doc.symbol_display,
            "doc_type": doc.type_name,
            "issuer": doc.issuer or doc.organ_name,
            "issuer_parent": doc.issuer_parent,
            "place": doc.place,
            "date": doc.issued_date.isoformat() if doc.issued_date else None,
            "title": doc.subject,
            "signer": doc.signer_full_name,
            "secrecy": _label(Secrecy, doc.secrecy),
            "urgency": _label(Urgency, doc.urgency),
            "cites": [c.number_symbol for c in doc.citations.all()],
        }
    else:
        date = _value(parsed, "issued_date")
        values = {
            "number_symbol": _symbol(parsed),
            "doc_type": _value(parsed, "type_name") or "",
            "issuer": _value(parsed, "issuer") or "",
            "issuer_parent": _value(parsed, "issuer_parent") or "",
            "place": _value(parsed, "place") or "",
            "date": str(date) if date else None,
            "title": _value(parsed, "subject") or "",
            "signer": _value(parsed, "signer_full_name") or "",
            "secrecy": _label(Secrecy, _value(parsed, "secrecy")),
            "urgency": _label(Urgency, _value(parsed, "urgency")),
            "cites": list(_value(parsed, "cited") or []),
        }
    return {
        "file": item.name,
        "state": item.state,
        **values,
        "confidence": confidences(parsed),
    }


def _items(items: Iterable[ImportItem]) -> Iterator[ImportItem]:
    if hasattr(items, "select_related"):
        items = (
            items.select_related("document")
            .prefetch_related("document__citations")
            .order_by("name", "pk")
        )
    yield from items


def write_jsonl(items: Iterable[ImportItem], out: IO[str]) -> int:
    """One JSON object a line per item; returns how many."""
    n = 0
    for item in _items(items):
        out.write(json.dumps(row(item), ensure_ascii=False) + "\n")
        n += 1
    return n


def as_xlsx(items: Iterable[ImportItem], title: str = "") -> bytes:
    """The same report as a workbook: one row per file, text written as text."""
    from openpyxl import Workbook  # lazy: heavy library

    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo nhập"
    names = [f for f in FIELDS if f != "confidence"]
    if title:
        xlsx.append(ws, [title])
    xlsx.append(ws, [HEADINGS[f] for f in names] + ["Độ tin cậy thấp nhất", HEADINGS["reason"]])
    for item in _items(items):
        r = row(item)
        cells: list[Any] = []
        for f in names:
            v = r[f]
            if f == "state":
                v = item.get_state_display()
            elif f == "date" and v:
                v = dt.date.fromisoformat(v)
            elif f == "cites":
                v = "; ".join(v)
            cells.append(v if v not in (None, "") else None)
        low = min(r["confidence"].values()) if r["confidence"] else None
        cells += [low, item.reason or None]
        xlsx.append(ws, cells)
        if r["date"]:
            ws.cell(row=ws.max_row, column=names.index("date") + 1).number_format = "DD/MM/YYYY"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
