"""One builder per official form: records in, a ``Form`` out (no file format here).

Column titles and their order are those of DOMAIN.md (§2 registers, §4 file
plan, document index, deposit list, handover record). Builders take objects the
caller was allowed to open; rows inside them (dossiers of a deposit, documents
of a register) are judged one by one through the access policy.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import DateField
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from luutru.core.errors import RuleViolation
from luutru.core.vn import count_words, long_date, short_date
from luutru.forms.layout import Form, PageBreak, Para, Row, Signature, Signatures, Table
from luutru.orgs.models import Organization, Secrecy

BLANK_DATE = "ngày …… tháng …… năm ……"
DOTS = "……………"

# Widths are relative (the renderers scale them to the page).
PLAN_WIDTHS = [16, 70, 18, 26, 30]
INDEX_WIDTHS = [7, 18, 14, 60, 30, 12, 20]
LIST_WIDTHS = [7, 16, 50, 24, 14, 12, 30]
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
REGISTER_KINDS = {"di": "outgoing", "den": "incoming"}
MAX_REGISTER_DAYS = 366 * 5


# ---------------------------------------------------------------- shared parts


def issuer_lines(org: Organization) -> list[str]:
    """Top-left cell: the superior body, then the issuing body (36-HD/VPTW cell 2)."""
    lines = [org.parent.name.upper()] if org.parent_id else []
    return [*lines, org.name.upper()]


def fonds_mark(org: Organization) -> str:
    fonds = getattr(org, "fonds", None)
    if fonds is None or fonds.status != fonds.Status.CLOSED:
        return ""
    closed = f" từ ngày {short_date(fonds.closed_on)}" if fonds.closed_on else ""
    return (
        f"Phông “{fonds.name}” đã đóng{closed}: bản in lại từ hồ sơ đã có, "
        "không dùng để lập hồ sơ mới."
    )


def secrecy_mark(level: int) -> str:
    return Secrecy(level).label.upper() if level else ""


def _marks(*marks: str) -> list[str]:
    return [m for m in marks if m]


def _today() -> dt.date:
    return timezone.localdate()


# ---------------------------------------------------------------- 1. file plan


def file_plan(plan) -> Form:
    """Danh mục hồ sơ: the issuing decision line, headings and items, the totals footer."""
    from luutru.filing.models import FilePlan
    from luutru.filing.xlsx import PLAN_COLUMNS, plan_rows, plan_totals

    org = plan.org
    closed = fonds_mark(org)
    if closed and plan.state != FilePlan.State.ISSUED:
        raise RuleViolation(
            f"Phông của “{org.name}” đã đóng: không lập danh mục hồ sơ mới. Danh mục năm "
            f"{plan.year} chưa ban hành nên không in được; chỉ in lại danh mục đã ban hành."
        )
    rows = []
    for r in plan_rows(plan):
        if r["kind"] == "heading":
            note = f"Ký hiệu đề mục: {r['abbrev']}" if r["abbrev"] else ""
            kind = "heading" if r["level"] == 0 else "subheading"
            rows.append(Row([r["numeral"], r["title"], "", "", note], kind))
        else:
            rows.append(Row([r["code"], r["title"], r["retention"], r["creator"], r["note"]]))
    totals = plan_totals(plan.items.select_related("retention"))
    issued = plan.state == FilePlan.State.ISSUED and plan.decision_number
    if issued:
        decision = (
            f"(Ban hành kèm theo Quyết định số {plan.decision_number} "
            f"{long_date(plan.decision_date)})"
        )
    else:
        decision = f"(Ban hành kèm theo Quyết định số {DOTS} {BLANK_DATE} của {org.name})"
    footer = [
        Para(f"Tổng số: {count_words(totals['total'], 'hồ sơ')}", italic=True),
        Para(
            f"Trong đó: hồ sơ bảo quản vĩnh viễn: {count_words(totals['permanent'], 'hồ sơ')}; "
            f"hồ sơ bảo quản có thời hạn: {count_words(totals['fixed_term'], 'hồ sơ')}",
            italic=True,
        ),
    ]
    empty = ""
    if not totals["total"]:
        # Still printable: the empty plan is the template officials fill in.
        empty = "Bản danh mục này chưa có hồ sơ nào: thêm đề mục và hồ sơ trước khi trình duyệt."
    return Form(
        slug=f"danh-muc-ho-so-{org.code}-{plan.year}",
        title=f"DANH MỤC HỒ SƠ NĂM {plan.year}",
        tabular=True,
        issuer=issuer_lines(org),
        place_date=long_date(plan.decision_date if issued else _today(), org.place),
        subtitle=[decision],
        marks=_marks(
            closed,
            "" if issued else f"DỰ THẢO – danh mục chưa ban hành ({plan.get_state_display()})",
        ),
        blocks=[
            Table(PLAN_COLUMNS, PLAN_WIDTHS, rows, empty_note=empty),
            *footer,
        ],
    )


# ---------------------------------------------------------------- 2–4. dossier forms


def _dossier_heading(dossier) -> list[str]:
    return [f"Hồ sơ số {dossier.file_notation} – năm {dossier.file_catalog}", dossier.title]


def dossier_index(user, dossier) -> Form:
    """Mục lục văn bản: the index frozen at closing; a marked draft while the dossier is open.
    Documents ``user`` may not open keep their row, without their data."""
    from luutru.filing.dossiers import INDEX_COLUMNS
    from luutru.filing.queries import index_rows_for

    data, is_draft = index_rows_for(user, dossier)
    draft = ""
    if is_draft:
        draft = "DỰ THẢO – hồ sơ chưa kết thúc; mục lục chính thức được lập khi kết thúc hồ sơ."
    rows = [Row([r.get(key, "") for key, _ in INDEX_COLUMNS]) for r in data]
    return Form(
        slug=f"muc-luc-van-ban-{dossier.file_catalog}-{_safe(dossier.file_notation)}",
        title="MỤC LỤC VĂN BẢN",
        tabular=True,
        issuer=issuer_lines(dossier.org),
        subtitle=_dossier_heading(dossier),
        marks=_marks(secrecy_mark(dossier.secrecy), fonds_mark(dossier.org), draft),
        secrecy=dossier.secrecy,
        blocks=[
            Table(
                [t for _, t in INDEX_COLUMNS],
                INDEX_WIDTHS,
                rows,
                empty_note="Hồ sơ chưa có văn bản nào.",
            ),
            Para(f"Mục lục này gồm {count_words(len(rows), 'văn bản')}.", bold=True),
        ],
        landscape=True,
    )


def closing_certificate(user, dossier) -> Form:
    """Chứng từ kết thúc (layout: default, configurable — verify): counts in figures and words."""
    from luutru.filing.dossiers import current_certificate

    cert = current_certificate(dossier)
    if cert is None:
        raise RuleViolation(
            f"Hồ sơ “{dossier.file_notation}” chưa kết thúc nên chưa có chứng từ kết thúc. "
            "Hãy kết thúc hồ sơ trên trang hồ sơ: hệ thống sẽ lập chứng từ."
        )
    made = timezone.localdate(cert.created_at)
    person = getattr(cert.created_by, "person", None)
    return Form(
        slug=f"chung-tu-ket-thuc-{dossier.file_catalog}-{_safe(dossier.file_notation)}",
        title="CHỨNG TỪ KẾT THÚC",
        issuer=issuer_lines(dossier.org),
        subtitle=_dossier_heading(dossier),
        marks=_marks(secrecy_mark(dossier.secrecy), fonds_mark(dossier.org)),
        secrecy=dossier.secrecy,
        blocks=[
            Para(
                f"Hồ sơ này gồm có: {count_words(cert.doc_total, 'văn bản')}, "
                f"{count_words(cert.page_total, 'trang')}."
            ),
            Para(f"Mục lục văn bản: {count_words(cert.index_pages, 'tờ')}."),
            Para(f"Thời gian tài liệu: {_span(dossier)}."),
            Para(f"Thời hạn bảo quản: {dossier.retention.label}."),
            Para(f"Đặc điểm: {cert.note or 'Không có'}."),
            Signatures(
                [Signature("NGƯỜI LẬP HỒ SƠ", person.full_name if person else "")],
                place_date=long_date(made, dossier.org.place),
            ),
        ],
    )


def dossier_cover(user, dossier) -> Form:
    """Bìa hồ sơ (layout: default, configurable — verify): fonds, codes, title, dates, counts."""
    from luutru.filing.dossiers import _active_items, current_certificate

    org = dossier.org
    fonds = getattr(org, "fonds", None)
    cert = current_certificate(dossier)
    if cert is not None:
        docs, pages = cert.doc_total, cert.page_total
    else:
        items = list(_active_items(dossier))
        docs, pages = len(items), sum(it.document.page_amount or 0 for it in items)
    no_dates = ""
    if not (dossier.start_date and dossier.end_date):
        no_dates = (
            "Hồ sơ chưa có đủ ngày bắt đầu và ngày kết thúc: điền tay vào bìa, "
            "hoặc ghi ngày cho văn bản rồi kết thúc hồ sơ để hệ thống tự ghi."
        )
    return Form(
        slug=f"bia-ho-so-{dossier.file_catalog}-{_safe(dossier.file_notation)}",
        title="HỒ SƠ",
        title_size=20,
        issuer=issuer_lines(org),
        subtitle=[],
        marks=_marks(
            secrecy_mark(dossier.secrecy),
            fonds_mark(org),
            "" if cert else "DỰ THẢO – hồ sơ chưa kết thúc.",
            no_dates,
        ),
        secrecy=dossier.secrecy,
        blocks=[
            Para(f"Tên phông: {fonds.name if fonds else org.name}", align="center"),
            Para(f"Mã hồ sơ: {dossier.file_code}", align="center"),
            Para(dossier.title, bold=True, align="center", size=16),
            Para(_span(dossier, long=True), italic=True, align="center"),
            Para(
                f"Gồm {count_words(docs, 'văn bản')}; {count_words(pages, 'trang')}",
                align="center",
            ),
            Para(f"Thời hạn bảo quản: {dossier.retention.label}", bold=True, align="center"),
            Para(
                f"Phông số: {fonds.code if fonds else DOTS}    Mục lục số: {DOTS}    "
                f"Hộp số: {DOTS}    Hồ sơ số: {dossier.file_notation}",
                align="center",
            ),
        ],
    )


def _span(dossier, *, long: bool = False) -> str:
    if long:
        start = long_date(dossier.start_date) or BLANK_DATE
        end = long_date(dossier.end_date) or BLANK_DATE
        return f"Từ {start} đến {end}"
    if dossier.start_date or dossier.end_date:
        return f"từ {short_date(dossier.start_date) or DOTS} đến {short_date(dossier.end_date) or DOTS}"
    return "chưa xác định"


def _safe(notation: str) -> str:
    return "".join(c if c.isalnum() and c.isascii() else "-" for c in notation)


# ---------------------------------------------------------------- 5–7. lists and handover


def _list_table(rows) -> Table:
    from luutru.archive.documents import DEPOSIT_LIST_COLUMNS

    return Table(
        DEPOSIT_LIST_COLUMNS,
        LIST_WIDTHS,
        [Row(r.cells()) for r in rows],
        empty_note="Không có hồ sơ nào.",
    )


def _listed_secrecy(rows) -> int:
    return max((r.secrecy for r in rows if r.visible), default=0)


def fonds_dossier_list(user, org: Organization, year: int | None = None) -> Form:
    """Mục lục hồ sơ of a fonds: the dossiers in its archive holdings, optionally one year."""
    from luutru.access.policy import can_view
    from luutru.archive.documents import (
        HIDDEN_TITLE,
        ListRow,
        dossier_dates,
        dossier_pages,
        list_footer,
    )
    from luutru.filing.models import Dossier
    from luutru.filing.queries import ARCHIVED

    dossiers = Dossier.objects.filter(org=org, status__in=ARCHIVED).select_related("retention")
    if year:
        dossiers = dossiers.filter(file_catalog=year)
    dossiers = list(dossiers.order_by("file_catalog", "file_notation", "pk"))
    pages = dossier_pages([d.pk for d in dossiers])
    rows = []
    for position, d in enumerate(dossiers, start=1):
        visible = can_view(user, d)
        row = ListRow(
            position=position,
            notation=d.file_notation if year else f"{d.file_catalog}/{d.file_notation}",
            title=d.title if visible else HIDDEN_TITLE,
            dates=dossier_dates(d),
            retention=d.retention.label,
            pages=pages.get(d.pk, 0),
            note=d.description if visible else "",
            visible=visible,
            item=None,
            secrecy=d.secrecy,
        )
        rows.append(row)
    fonds = getattr(org, "fonds", None)
    secrecy = _listed_secrecy(rows)
    return Form(
        slug=f"muc-luc-ho-so-{org.code}" + (f"-{year}" if year else ""),
        title="MỤC LỤC HỒ SƠ",
        tabular=True,
        issuer=issuer_lines(org),
        place_date=long_date(_today(), org.place),
        subtitle=[
            f"Phông: {fonds.name if fonds else org.name}",
            f"Năm {year}" if year else "Hồ sơ đã nộp lưu, mọi năm",
        ],
        marks=_marks(secrecy_mark(secrecy), fonds_mark(org)),
        secrecy=secrecy,
        blocks=[_list_table(rows), Para(list_footer(len(rows)), bold=True)],
        landscape=True,
    )


def _deposit_rows(user, deposit):
    from luutru.archive.documents import deposit_rows

    return deposit_rows(user, deposit)


def deposit_list(user, deposit) -> Form:
    """Tài liệu nộp lưu: the deposit list with the count in figures and in words."""
    from luutru.archive.documents import list_footer

    rows = _deposit_rows(user, deposit)
    secrecy = _listed_secrecy(rows)
    person = getattr(deposit.created_by, "person", None)
    return Form(
        slug=f"muc-luc-nop-luu-{deposit.pk}",
        title="MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU",
        tabular=True,
        issuer=issuer_lines(deposit.org),
        place_date=long_date(_today(), deposit.org.place),
        subtitle=[f"Năm {deposit.year} – nộp vào {deposit.archive_org.name}"],
        marks=_marks(secrecy_mark(secrecy), fonds_mark(deposit.org), _deposit_draft(deposit)),
        secrecy=secrecy,
        blocks=[
            _list_table(rows),
            Para(list_footer(len(rows)), bold=True),
            Signatures(
                [Signature("NGƯỜI LẬP", person.full_name if person else "")],
            ),
        ],
        landscape=True,
    )


def _deposit_draft(deposit) -> str:
    if deposit.status == deposit.Status.DRAFT:
        return "DỰ THẢO – đợt nộp lưu chưa gửi cho lưu trữ."
    return ""


def handover_record(user, deposit) -> Form:
    """Biên bản giao nhận: bases, both parties, name, dates, quantity, condition, list attached."""
    from luutru.archive.documents import handover_view, list_footer

    h = handover_view(deposit)
    rows = _deposit_rows(user, deposit)
    secrecy = _listed_secrecy(rows)
    dots = "………………………………"
    blocks = [Para(b, italic=True) for b in h.bases]
    blocks += [
        Para(f"Hôm nay, {long_date(h.day)}, tại {h.receiver_name}, chúng tôi gồm:"),
        Para(f"BÊN GIAO: {h.giver_name}", bold=True),
        Para(f"Đại diện: {h.giver_person or dots}"),
        Para(f"BÊN NHẬN: {h.receiver_name}", bold=True),
        Para(f"Đại diện: {h.receiver_person or dots}"),
        Para("Thống nhất lập biên bản giao nhận tài liệu với những nội dung cụ thể như sau:"),
        Para(f"1. Tên khối tài liệu giao nộp: {h.records_name}."),
        Para(f"2. Thời gian của tài liệu: {h.date_range}."),
        Para("3. Số lượng tài liệu (tài liệu điện tử):"),
        *[Para(f"- {line}.") for line in h.quantity_lines()],
        Para(f"4. Tình trạng tài liệu giao nộp: {h.condition}."),
        Para(
            "5. Mục lục hồ sơ, tài liệu nộp lưu kèm theo: "
            f"{count_words(len(rows), 'hồ sơ')}. Tài liệu điện tử đã được nộp vào hệ thống và "
            "đối chiếu với mục lục."
        ),
        Para(
            "Biên bản này được lập thành hai bản; mỗi bên giữ một bản.",
            italic=True,
        ),
        Signatures(
            [
                Signature("ĐẠI DIỆN BÊN GIAO", h.giver_person),
                Signature("ĐẠI DIỆN BÊN NHẬN", h.receiver_person),
            ]
        ),
        PageBreak(),
        Para("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU", bold=True, align="center"),
        _list_table(rows),
        Para(list_footer(len(rows)), bold=True),
    ]
    return Form(
        slug=f"bien-ban-giao-nhan-{deposit.pk}",
        title="BIÊN BẢN",
        issuer=issuer_lines(deposit.archive_org),
        place_date=long_date(h.day, h.place),
        subtitle=["Về việc giao nhận hồ sơ, tài liệu nộp lưu vào lưu trữ cơ quan"],
        marks=_marks(
            secrecy_mark(secrecy),
            fonds_mark(deposit.org),
            "" if h.final else "DỰ THẢO – chưa được lưu trữ tiếp nhận",
        ),
        secrecy=secrecy,
        blocks=blocks,
    )


# ---------------------------------------------------------------- 8. registers


def register_failures(kind: str, date_from, date_to) -> list[str]:
    failures = []
    if kind not in REGISTER_KINDS:
        failures.append("Loại sổ phải là “đi” hoặc “đến”.")
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


def register(user, org: Organization, kind: str, date_from: dt.date, date_to: dt.date) -> Form:
    """Sổ đăng ký văn bản đi / đến of one body for a date range (NĐ 30 App. IV columns)."""
    from luutru.registry.models import Document
    from luutru.registry.queries import documents_visible_to

    RuleViolation.check(register_failures(kind, date_from, date_to))
    direction = REGISTER_KINDS[kind]
    # Đi: by the document's date. Đến: by the arrival date, else the day the
    # registry took the document in (the arrival date is not always typed).
    arrived = Coalesce("arrival_date", TruncDate("created_at"), output_field=DateField())
    in_range = Document.objects.filter(org=org, direction=direction).annotate(day=arrived)
    day_field = "issued_date" if kind == "di" else "day"
    in_range = in_range.filter(**{f"{day_field}__gte": date_from, f"{day_field}__lte": date_to})
    docs = list(
        documents_visible_to(user)
        .filter(pk__in=in_range.values("pk"))
        .annotate(day=arrived)
        .select_related("doc_type")
        .order_by(day_field, "id")
    )
    hidden = in_range.count() - len(docs)
    rows = []
    for d in docs:
        type_name = d.type_name or (d.doc_type.name if d.doc_type_id else "")
        subject = f"{type_name} {d.subject}".strip() if type_name else d.subject
        if type_name and d.subject.lower().startswith(type_name.lower()):
            subject = d.subject
        if kind == "di":
            signer = ", ".join(p for p in (d.signer_full_name, d.signer_position) if p)
            cells = [d.symbol_display, short_date(d.issued_date), subject, signer]
            cells += ["", "", "", "", "", d.description]
        else:
            cells = [
                short_date(d.day),
                d.arrival_number,
                d.organ_name,
                d.symbol_display,
                short_date(d.issued_date),
                subject,
                "",
                "",
                "",
                d.description,
            ]
        rows.append(Row(cells))
    secrecy = max((d.secrecy for d in docs), default=0)
    word = "đi" if kind == "di" else "đến"
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
        place_date=long_date(_today(), org.place),
        subtitle=[f"Từ {long_date(date_from)} đến {long_date(date_to)}"],
        marks=_marks(secrecy_mark(secrecy), fonds_mark(org)),
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
