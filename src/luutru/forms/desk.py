"""The registry desk's forms: the routing slip of one incoming document (phiếu giải
quyết văn bản đến), the delivery book (sổ chuyển giao văn bản đến) and the ĐẾN
stamp printed on a 50 × 35 mm label.

NĐ 30/2020 (App. IV) gives these forms for the State ✔; a Party body uses them
"as appropriate" (default, configurable — verify). Every cell comes from the
records: the arrival, its handlers and each dated step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from luutru.core.errors import RuleViolation
from luutru.core.vn import count_words, long_date, short_date
from luutru.desk.handover import KIND_LABELS
from luutru.desk.models import Arrival, Handling, Step, WorkHandover
from luutru.desk.queries import arrivals_visible_to, dossiers_holding, person_name, stamp
from luutru.forms.layout import Form, Para, Row, Signature, Signatures, Table
from luutru.forms.parts import BLANK_DATE, DOTS, issuer_lines, marks, secrecy_mark, today
from luutru.forms.pdf_engine import render_html
from luutru.orgs.models import Organization, Secrecy

DELIVERY_COLUMNS = ["Ngày chuyển", "Số đến", "Đơn vị hoặc người nhận", "Ký nhận", "Ghi chú"]
DELIVERY_WIDTHS = [16, 10, 40, 20, 24]
MAX_BOOK_DAYS = 366


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return BLANK_DATE
    local = timezone.localtime(moment)
    return f"{local:%H giờ %M}, {long_date(local.date())}"


def routing_slip(user: Any, arrival: Arrival) -> Form:
    """Phiếu giải quyết văn bản đến: 1) the head's direction (lead, co-handlers,
    deadline); 2) passing on within the unit; 3) the handler's progress and
    proposal — each dated, as the records hold them."""
    a = arrival
    doc = a.document
    steps = list(a.steps.select_related("actor__person", "to_user__person", "to_unit"))
    handlings = list(a.handlings.select_related("handler__person", "unit"))
    assign = next((s for s in steps if s.kind == Step.Kind.ASSIGN), None)
    lead = [h for h in handlings if h.part == Handling.Part.LEAD]
    co = [h for h in handlings if h.part == Handling.Part.CO]
    received = timezone.localtime(a.received_at)
    type_subject = f"{doc.type_name} {doc.subject}".strip()
    blocks: list[Any] = [
        Para(
            f"Số đến: {a.number_display}    Ngày đến: {received:%d/%m/%Y}    "
            f"Giờ: {received:%H:%M}    Hình thức: {a.get_channel_display()}"
        ),
        Para(f"Tác giả: {doc.organ_name}    Nơi gửi: {a.sender or doc.organ_name}"),
        Para(
            f"Số, ký hiệu: {doc.symbol_display or DOTS}    "
            f"Ngày tháng văn bản: {short_date(doc.issued_date) or DOTS}"
        ),
        Para(f"Tên loại và trích yếu: {type_subject}"),
        Para("1. Ý kiến của lãnh đạo cơ quan", bold=True),
    ]
    if assign is not None:
        blocks += [
            Para(f"- Người chủ trì: {person_name(lead[0].handler) if lead else DOTS}"),
            Para(
                "- Người, đơn vị phối hợp: "
                + (", ".join(_handler_and_unit(h) for h in co) if co else "không")
            ),
            Para(f"- Thời hạn giải quyết: {short_date(a.deadline) or DOTS}"),
            Para(f"- Ý kiến chỉ đạo: {a.instructions or DOTS}"),
            Para(f"{person_name(assign.actor)}, {_when(assign.at)}", italic=True, align="right"),
        ]
    else:
        blocks += [Para(DOTS * 6), Para(BLANK_DATE, italic=True, align="right")]
    blocks.append(Para("2. Ý kiến của lãnh đạo đơn vị, chuyển tiếp trong đơn vị", bold=True))
    forwards = [s for s in steps if s.kind in (Step.Kind.FORWARD, Step.Kind.ROUTE) and s.to_unit]
    forwards += [s for s in steps if s.kind == Step.Kind.FORWARD and not s.to_unit]
    if forwards:
        for s in forwards:
            to = person_name(s.to_user) if s.to_user else (s.to_unit.name if s.to_unit else "")
            note = f": {s.note}" if s.note else ""
            blocks.append(Para(f"- Chuyển {to}{note} ({person_name(s.actor)}, {_when(s.at)})"))
    else:
        blocks += [Para(DOTS * 6), Para(BLANK_DATE, italic=True, align="right")]
    blocks.append(Para("3. Ý kiến đề xuất, tiến độ của người giải quyết", bold=True))
    work = [s for s in steps if s.kind in (Step.Kind.PROGRESS, Step.Kind.FINISH)]
    if work:
        for s in work:
            blocks.append(Para(f"- {s.note} ({person_name(s.actor)}, {_when(s.at)})"))
        if a.answer is not None:
            blocks.append(
                Para(f"- Văn bản trả lời: {a.answer.symbol_display or a.answer.subject[:80]}")
            )
    else:
        blocks += [Para(DOTS * 6), Para(BLANK_DATE, italic=True, align="right")]
    return Form(
        slug=f"phieu-giai-quyet-van-ban-den-{a.org.code}-{a.year}-{a.number_display}",
        title="PHIẾU GIẢI QUYẾT VĂN BẢN ĐẾN",
        issuer=issuer_lines(a.org),
        place_date=long_date(today(), a.org.place),
        marks=marks(secrecy_mark(doc.secrecy)),
        secrecy=doc.secrecy,
        blocks=blocks,
    )


def _handler_and_unit(h: Handling) -> str:
    return person_name(h.handler) + (f" ({h.unit.name})" if h.unit is not None else "")


def book_failures(date_from: dt.date | None, date_to: dt.date | None) -> list[str]:
    if date_from is None or date_to is None:
        return ["Cần chọn cả ngày bắt đầu và ngày kết thúc của sổ (dạng năm-tháng-ngày)."]
    if date_from > date_to:
        return [
            f"Ngày bắt đầu ({short_date(date_from)}) sau ngày kết thúc ({short_date(date_to)}): "
            "hãy đổi lại khoảng thời gian."
        ]
    if (date_to - date_from).days > MAX_BOOK_DAYS:
        return ["Một lần in sổ chuyển giao tối đa một năm: hãy chọn khoảng thời gian ngắn hơn."]
    return []


def delivery_book(
    user: Any, org: Organization, date_from: dt.date | None, date_to: dt.date | None
) -> Form:
    """Sổ chuyển giao văn bản đến: each handing-over of an incoming document (to a
    head, a unit, a handler), in date order, with the receiver's acknowledgement."""
    RuleViolation.check(book_failures(date_from, date_to))
    assert date_from is not None and date_to is not None
    arrivals = arrivals_visible_to(user).filter(org=org)
    steps = (
        Step.objects.filter(
            arrival__in=arrivals,
            kind__in=(Step.Kind.ROUTE, Step.Kind.ASSIGN, Step.Kind.FORWARD),
            at__date__gte=date_from,
            at__date__lte=date_to,
        )
        .select_related("arrival", "to_user__person", "to_unit", "arrival__document")
        .order_by("at", "id")
    )
    rows, secrecy = [], 0
    for s in steps:
        a = s.arrival
        secrecy = max(secrecy, a.document.secrecy)
        to = (
            person_name(s.to_user)
            if s.to_user is not None
            else (s.to_unit.name if s.to_unit else "")
        )
        # Electronic handing-over: the receiver sees it in the system at once.
        ack = f"Nhận trên hệ thống {timezone.localtime(s.at):%H:%M %d/%m/%Y}" if to else ""
        rows.append(
            Row(
                [
                    short_date(timezone.localtime(s.at).date()),
                    a.number_display,
                    to,
                    ack,
                    s.get_kind_display(),
                ]
            )
        )
    return Form(
        slug=f"so-chuyen-giao-van-ban-den-{org.code}-{date_from:%Y%m%d}-{date_to:%Y%m%d}",
        title="SỔ CHUYỂN GIAO VĂN BẢN ĐẾN",
        tabular=True,
        issuer=issuer_lines(org),
        place_date=long_date(today(), org.place),
        subtitle=[f"Từ {long_date(date_from)} đến {long_date(date_to)}"],
        marks=marks(secrecy_mark(secrecy)),
        secrecy=secrecy,
        blocks=[
            Table(
                DELIVERY_COLUMNS,
                DELIVERY_WIDTHS,
                rows,
                empty_note="Không có lần chuyển giao nào trong khoảng thời gian này.",
            ),
            Para(f"Sổ gồm {count_words(len(rows), 'lần chuyển giao')}.", bold=True),
            Signatures([Signature("VĂN THƯ")]),
        ],
    )


def stamp_label_pdf(user: Any, arrival: Arrival) -> bytes:
    """The ĐẾN stamp on a 50 × 35 mm label (NĐ 30: tên cơ quan, số đến, ngày,
    chuyển, số và ký hiệu hồ sơ), for a paper original."""
    lines = stamp(arrival, dossiers_holding(user, arrival.document))
    html = render_to_string("forms/stamp_label.html", {"lines": lines})
    return render_html(html)


ARRIVAL_FORMS = {"phieu-giai-quyet": routing_slip}


HANDOVER_COLUMNS = ["Số TT", "Loại việc", "Tên hồ sơ, văn bản", "Độ mật", "Ghi chú"]
HANDOVER_WIDTHS = [7, 20, 53, 10, 10]


def work_handover_record(user: Any, handover: WorkHandover) -> Form:
    """Biên bản bàn giao công việc (issue 13 item 3): an official who leaves or
    moves hands their open dossiers, pending documents and routing tasks to a named
    person of the same body; every item listed, both parties sign."""
    h = handover
    day = timezone.localtime(h.at).date()
    by = person_name(h.by)
    rows = [
        Row(
            [
                str(n),
                KIND_LABELS.get(item["kind"], item["kind"]),
                item["label"],
                Secrecy(item.get("secrecy") or 0).label if item.get("secrecy") else "",
                "",
            ]
        )
        for n, item in enumerate(h.items, start=1)
    ]
    counts = {k: sum(1 for i in h.items if i["kind"] == k) for k in KIND_LABELS}
    blocks: list[Any] = [
        Para(
            f"Hôm nay, {timezone.localtime(h.at):%H giờ %M}, {long_date(day)}, tại {h.org.name}, "
            "chúng tôi gồm:"
        ),
        Para(
            f"BÊN GIAO: {h.leaving.full_name}"
            + (f", {h.leaving.position}" if h.leaving.position else ""),
            bold=True,
        ),
        Para(
            f"BÊN NHẬN: {h.recipient.full_name}"
            + (f", {h.recipient.position}" if h.recipient.position else ""),
            bold=True,
        ),
        Para(f"Người chủ trì bàn giao: {by}"),
        Para(f"Lý do bàn giao: {h.reason or DOTS}"),
        Para("Thống nhất bàn giao các công việc đang thực hiện như sau:"),
        *[Para(f"- {label}: {counts[k]}.") for k, label in KIND_LABELS.items()],
        Table(
            HANDOVER_COLUMNS,
            HANDOVER_WIDTHS,
            rows,
            empty_note="Không có việc nào đang mở.",
        ),
        Para(
            f"Tổng cộng: {count_words(len(rows), 'việc')}. Kể từ thời điểm bàn giao, bên nhận "
            "chịu trách nhiệm tiếp tục giải quyết các việc trên; tài liệu mật được giao đúng "
            "người đã được tiếp cận.",
        ),
        Para("Biên bản này được lập thành hai bản; mỗi bên giữ một bản.", italic=True),
        Signatures(
            [
                Signature("BÊN GIAO", h.leaving.full_name),
                Signature("BÊN NHẬN", h.recipient.full_name),
                Signature("NGƯỜI CHỦ TRÌ BÀN GIAO", by),
            ]
        ),
    ]
    return Form(
        slug=f"bien-ban-ban-giao-cong-viec-{h.org.code}-{h.pk}",
        title="BIÊN BẢN",
        issuer=issuer_lines(h.org),
        place_date=long_date(day, h.org.place),
        subtitle=["Về việc bàn giao công việc đang thực hiện"],
        marks=marks(secrecy_mark(h.secrecy)),
        secrecy=h.secrecy,
        blocks=blocks,
    )
