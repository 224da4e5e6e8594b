"""Lists of dossiers and their handover: the fonds' dossier list (mục lục hồ sơ),
a deposit's list (mục lục hồ sơ, tài liệu nộp lưu) and its handover record
(biên bản giao nhận), from what archive says of them (``archive.documents``)."""

from __future__ import annotations

from luutru.access.policy import can_view
from luutru.archive.documents import (
    DEPOSIT_LIST_COLUMNS,
    HIDDEN_TITLE,
    ListRow,
    deposit_rows,
    dossier_dates,
    dossier_pages,
    handover_view,
    list_footer,
)
from luutru.core.vn import count_words, long_date
from luutru.filing.models import Dossier
from luutru.filing.queries import ARCHIVED
from luutru.forms.layout import Block, Form, PageBreak, Para, Row, Signature, Signatures, Table
from luutru.forms.parts import fonds_mark, issuer_lines, marks, secrecy_mark, today
from luutru.orgs.models import Organization

LIST_WIDTHS = [7, 16, 50, 24, 14, 12, 30]


def _list_table(rows) -> Table:
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
    archived = Dossier.objects.filter(org=org, status__in=ARCHIVED).select_related("retention")
    if year:
        archived = archived.filter(file_catalog=year)
    dossiers = list(archived.order_by("file_catalog", "file_notation", "pk"))
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
        place_date=long_date(today(), org.place),
        subtitle=[
            f"Phông: {fonds.name if fonds else org.name}",
            f"Năm {year}" if year else "Hồ sơ đã nộp lưu, mọi năm",
        ],
        marks=marks(secrecy_mark(secrecy), fonds_mark(org)),
        secrecy=secrecy,
        blocks=[_list_table(rows), Para(list_footer(len(rows)), bold=True)],
        landscape=True,
    )


def _deposit_rows(user, deposit):
    return deposit_rows(user, deposit)


def deposit_list(user, deposit) -> Form:
    """Tài liệu nộp lưu: the deposit list with the count in figures and in words."""
    rows = _deposit_rows(user, deposit)
    secrecy = _listed_secrecy(rows)
    person = getattr(deposit.created_by, "person", None)
    return Form(
        slug=f"muc-luc-nop-luu-{deposit.pk}",
        title="MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU",
        tabular=True,
        issuer=issuer_lines(deposit.org),
        place_date=long_date(today(), deposit.org.place),
        subtitle=[f"Năm {deposit.year} – nộp vào {deposit.archive_org.name}"],
        marks=marks(secrecy_mark(secrecy), fonds_mark(deposit.org), _deposit_draft(deposit)),
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
    h = handover_view(deposit)
    rows = _deposit_rows(user, deposit)
    secrecy = _listed_secrecy(rows)
    dots = "………………………………"
    blocks: list[Block] = [Para(b, italic=True) for b in h.bases]
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
        marks=marks(
            secrecy_mark(secrecy),
            fonds_mark(deposit.org),
            "" if h.final else "DỰ THẢO – chưa được lưu trữ tiếp nhận",
        ),
        secrecy=secrecy,
        blocks=blocks,
    )
