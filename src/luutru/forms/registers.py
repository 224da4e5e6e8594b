"""Sổ đăng ký văn bản đi / đến: one body's register of outgoing or incoming
documents for a date range (NĐ 30 Appendix IV columns)."""

from __future__ import annotations

import datetime as dt

from django.db.models import DateField
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from luutru.core.errors import RuleViolation
from luutru.core.vn import count_words, long_date, short_date
from luutru.desk.models import Arrival, Channel, Handling
from luutru.desk.queries import person_name
from luutru.dispatch.queries import register_facts
from luutru.forms.layout import Form, Para, Row, Table
from luutru.forms.parts import fonds_mark, issuer_lines, marks, secrecy_mark, today
from luutru.orgs.models import Organization, Secrecy
from luutru.registry.models import Document, Urgency
from luutru.registry.queries import documents_visible_to

REGISTER_OUT_COLUMNS = [
    "Số, ký hiệu VB",
    "Ngày tháng VB",
    "Tên loại và trích yếu",
    "Người ký",
    "Nơi nhận",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
REGISTER_OUT_WIDTHS = [16, 14, 46, 18, 20, 18, 8, 13, 11, 14]
REGISTER_IN_COLUMNS = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu",
    "Ngày tháng VB",
    "Tên loại và trích yếu",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
]
REGISTER_IN_WIDTHS = [13, 8, 22, 16, 13, 44, 20, 13, 11, 14]
# "mat_den": the register of secret incoming documents, numbered in their own
# series (DOMAIN §2); "den" holds every other incoming document.
REGISTER_KINDS = {"di": "outgoing", "den": "incoming", "mat_den": "incoming"}
REGISTER_WORDS = {"di": "đi", "den": "đến", "mat_den": "mật đến"}
MAX_REGISTER_DAYS = 366 * 5


def register_failures(kind: str, date_from, date_to) -> list[str]:
    failures = []
    if kind not in REGISTER_KINDS:
        failures.append("Loại sổ phải là “đi”, “đến” hoặc “mật đến”.")
    if date_from is None or date_to is None:
        failures.append("Cần chọn cả ngày bắt đầu và ngày kết thúc của sổ.")
    elif date_from > date_to:
        failures.append(
            f"Ngày bắt đầu ({short_date(date_from)}) sau ngày kết thúc ({short_date(date_to)}): "
            "hãy đổi lại khoảng thời gian."
        )
    elif (date_to - date_from).days > MAX_REGISTER_DAYS:
        failures.append("Một lần in sổ tối đa 5 năm: hãy chọn khoảng thời gian ngắn hơn.")
    return failures


def register(
    user, org: Organization, kind: str, date_from: dt.date | None, date_to: dt.date | None
) -> Form:
    """Sổ đăng ký văn bản đi / đến of one body for a date range (NĐ 30 App. IV columns)."""
    RuleViolation.check(register_failures(kind, date_from, date_to))
    assert date_from is not None and date_to is not None  # refused above otherwise
    direction = REGISTER_KINDS[kind]
    # Đi: by the document's date. Đến: by the arrival date, else the day the
    # registry took the document in (the arrival date is not always typed).
    arrived = Coalesce("arrival_date", TruncDate("created_at"), output_field=DateField())
    in_range = Document.objects.filter(org=org, direction=direction).annotate(day=arrived)
    day_field = "issued_date" if kind == "di" else "day"
    in_range = in_range.filter(**{f"{day_field}__gte": date_from, f"{day_field}__lte": date_to})
    if kind == "den":
        in_range = in_range.exclude(arrival__secret_series=True)
    elif kind == "mat_den":
        in_range = in_range.filter(arrival__secret_series=True)
    order = [day_field, "id"] if kind == "di" else ["day", "arrival__arrival_number", "id"]
    docs = list(
        documents_visible_to(user)
        .filter(pk__in=in_range.values("pk"))
        .annotate(day=arrived)
        .select_related("doc_type", "arrival__routed_to__person", "arrival__routed_unit")
        .prefetch_related("arrival__handlings__handler__person")
        .order_by(*order)
    )
    hidden = in_range.count() - len(docs)
    sent = register_facts(d.pk for d in docs) if kind == "di" else {}
    rows = []
    for d in docs:
        type_name = d.type_name or (d.doc_type.name if d.doc_type is not None else "")
        subject = f"{type_name} {d.subject}".strip() if type_name else d.subject
        if type_name and d.subject.lower().startswith(type_name.lower()):
            subject = d.subject
        if kind == "di":
            signer = ", ".join(p for p in (d.signer_full_name, d.signer_position) if p)
            cells = [d.symbol_display, short_date(d.issued_date), subject, signer]
            if (f := sent.get(d.pk)) is not None:
                note = " ".join(p for p in (d.description, f.note) if p)
                cells += [f.recipients, f.keeper, str(f.copies), f.sent, f.receipts, note]
            else:
                cells += ["", "", "", "", "", d.description]
        else:
            cells = [
                short_date(d.day),
                d.arrival_number,
                d.organ_name,
                d.symbol_display,
                short_date(d.issued_date),
                subject,
                *_handed_to(getattr(d, "arrival", None)),
                _incoming_note(d),
            ]
        rows.append(Row(cells))
    secrecy = max((d.secrecy for d in docs), default=0)
    word = REGISTER_WORDS[kind]
    footer = [Para(f"Sổ gồm {count_words(len(rows), 'văn bản')} {word}.", bold=True)]
    if hidden:
        footer.append(
            Para(
                f"Còn {count_words(hidden, 'văn bản')} trong khoảng thời gian này không in ra "
                "vì bạn không có quyền xem.",
                italic=True,
            )
        )
    return Form(
        slug=f"so-dang-ky-van-ban-{kind}-{org.code}-{date_from:%Y%m%d}-{date_to:%Y%m%d}",
        title=f"SỔ ĐĂNG KÝ VĂN BẢN {word.upper()}",
        tabular=True,
        issuer=issuer_lines(org),
        place_date=long_date(today(), org.place),
        subtitle=[f"Từ {long_date(date_from)} đến {long_date(date_to)}"],
        marks=marks(secrecy_mark(secrecy), fonds_mark(org)),
        secrecy=secrecy,
        blocks=[
            Table(
                REGISTER_OUT_COLUMNS if kind == "di" else REGISTER_IN_COLUMNS,
                REGISTER_OUT_WIDTHS if kind == "di" else REGISTER_IN_WIDTHS,
                rows,
                empty_note=f"Không có văn bản {word} nào trong khoảng thời gian này.",
            ),
            *footer,
        ],
        landscape=True,
    )


def _handed_to(arrival: Arrival | None) -> list[str]:
    """Columns 7–9 of the incoming register from the desk's records: who received
    it (the lead handler, else the head or unit it went to), the day it was passed
    on, and the receiver's acknowledgement (received in the system, dated)."""
    if arrival is None:
        return ["", "", ""]
    leads = [h for h in arrival.handlings.all() if h.part == Handling.Part.LEAD]
    first_lead = min(leads, key=lambda h: (h.given_at, h.pk)) if leads else None
    if first_lead is not None:
        to = person_name(first_lead.handler)
    elif arrival.routed_to is not None:
        to = person_name(arrival.routed_to)
    elif arrival.routed_unit is not None:
        to = arrival.routed_unit.name
    else:
        return ["", "", ""]
    handed = arrival.routed_at or (first_lead.given_at if first_lead is not None else None)
    ack_at = first_lead.given_at if first_lead is not None else arrival.routed_at
    ack = f"Nhận trên hệ thống {timezone.localtime(ack_at):%H:%M %d/%m/%Y}" if ack_at else ""
    return [to, short_date(timezone.localtime(handed).date()) if handed else "", ack]


def _incoming_note(d: Document) -> str:
    arrival = getattr(d, "arrival", None)
    notes = []
    if d.secrecy:
        notes.append(Secrecy(d.secrecy).label)
    if arrival is not None:
        if arrival.urgency:
            notes.append(Urgency(arrival.urgency).label)
        if arrival.channel == Channel.ELECTRONIC:
            notes.append("Điện tử")
    if d.description:
        notes.append(d.description)
    return "; ".join(notes)
