"""The official forms of a transfer to the historical archive (issue 14): the
list of the dossiers transferred (mục lục hồ sơ, tài liệu nộp lưu, the deposit
list's columns) and the handover record (biên bản giao nhận) between the agency
archive and the historical archive, offered on the transfer's page as XLSX and
DOCX. Built from what ``luutru.transfer`` records; transfer never calls forms."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from luutru.access.policy import can_view
from luutru.archive.documents import ListRow, dossier_dates, dossier_pages, list_footer
from luutru.core.params import MAX_ID
from luutru.core.vn import count_words, long_date, short_date
from luutru.forms.holdings import _list_table
from luutru.forms.layout import Block, Form, PageBreak, Para, Signature, Signatures
from luutru.forms.parts import fonds_mark, issuer_lines, marks
from luutru.forms.render import CONTENT_TYPES, to_docx, to_xlsx
from luutru.transfer.models import Transfer


def _rows(t: Transfer) -> list[ListRow]:
    items = list(t.items.select_related("dossier", "dossier__retention"))
    pages = dossier_pages([i.dossier_id for i in items])
    return [
        ListRow(
            position=i.position,
            notation=f"{i.dossier.file_catalog}/{i.dossier.file_notation}",
            title=i.dossier.title,
            dates=dossier_dates(i.dossier),
            retention=i.dossier.retention.label,
            pages=pages.get(i.dossier_id, 0),
            note="; ".join(i.reasons) if i.outcome == i.Outcome.REFUSED else "",
            visible=True,
            item=None,
            secrecy=0,  # secret dossiers are never transferred
        )
        for i in items
    ]


def transfer_list(t: Transfer) -> Form:
    rows = _rows(t)
    return Form(
        slug=f"muc-luc-nop-luu-lich-su-{t.pk}",
        title="MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU",
        tabular=True,
        issuer=issuer_lines(t.org),
        place_date=long_date(timezone.localdate(t.created_at), t.org.place),
        subtitle=[f"Nộp vào {t.receiver_name} – gói {t.package_id}"],
        marks=marks(fonds_mark(t.org)),
        secrecy=0,
        blocks=[_list_table(rows), Para(list_footer(len(rows)), bold=True)],
        landscape=True,
    )


def transfer_handover(t: Transfer) -> Form:
    rows = _rows(t)
    dated = [r.dossier for r in t.items.select_related("dossier")]
    starts = [d.start_date for d in dated if d.start_date]
    ends = [d.end_date for d in dated if d.end_date]
    span = f"{short_date(min(starts))} – {short_date(max(ends))}" if starts and ends else "…"
    dots = "………………………………"
    answered = t.answered_at is not None
    blocks: list[Block] = [
        Para("Căn cứ Luật Lưu trữ số 33/2024/QH15;", italic=True),
        Para(
            f"Căn cứ Mục lục hồ sơ, tài liệu nộp lưu của {t.org.name} (gói {t.package_id}).",
            italic=True,
        ),
        Para(f"Hôm nay, {long_date(timezone.localdate(t.created_at))}, chúng tôi gồm:"),
        Para(f"BÊN GIAO: {t.org.name}", bold=True),
        Para(f"Đại diện: {dots}"),
        Para(f"BÊN NHẬN: {t.receiver_name}", bold=True),
        Para(f"Đại diện: {dots}"),
        Para("Thống nhất lập biên bản giao nhận tài liệu với những nội dung cụ thể như sau:"),
        Para(f"1. Tên khối tài liệu giao nộp: Phông lưu trữ {t.org.name}."),
        Para(f"2. Thời gian của tài liệu: {span}."),
        Para("3. Số lượng tài liệu (tài liệu điện tử):"),
        Para(f"- {count_words(len(rows), 'hồ sơ')};"),
        Para(f"- {t.file_count} tệp tin, dung lượng {t.byte_count} byte (gói E-ARK, BagIt)."),
        Para(
            "4. Tình trạng tài liệu giao nộp: toàn vẹn; mã kiểm tra SHA-256 của bảng kê gói "
            f"{t.manifest_sha256}{', có chữ ký số' if t.signed else ''}."
        ),
        Para(
            "5. Mục lục hồ sơ, tài liệu nộp lưu kèm theo. Bên nhận kiểm tra mã kiểm tra của "
            "từng tệp trước khi nhận; hồ sơ bên nhận từ chối ghi lý do ở cột Ghi chú."
        ),
        Para("Biên bản này được lập thành hai bản; mỗi bên giữ một bản.", italic=True),
        Signatures([Signature("ĐẠI DIỆN BÊN GIAO", ""), Signature("ĐẠI DIỆN BÊN NHẬN", "")]),
        PageBreak(),
        Para("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU", bold=True, align="center"),
        _list_table(rows),
        Para(list_footer(len(rows)), bold=True),
    ]
    return Form(
        slug=f"bien-ban-giao-nhan-lich-su-{t.pk}",
        title="BIÊN BẢN",
        issuer=issuer_lines(t.org),
        place_date=long_date(timezone.localdate(t.created_at), t.org.place),
        subtitle=["Về việc giao nhận hồ sơ, tài liệu nộp lưu vào Lưu trữ lịch sử"],
        marks=marks(fonds_mark(t.org), "" if answered else "DỰ THẢO – chờ Lưu trữ lịch sử trả lời"),
        secrecy=0,
        blocks=blocks,
    )


def _visible(request: HttpRequest, pk: int) -> Transfer:
    t = Transfer.objects.select_related("org").filter(pk=pk).first() if pk <= MAX_ID else None
    if t is None or not can_view(request.user, t):
        raise Http404("Không tìm thấy gói nộp lưu.")
    return t


def _attachment(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def transfer_list_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    t = _visible(request, pk)
    return _attachment(to_xlsx(transfer_list(t)), "xlsx", f"muc-luc-nop-luu-lich-su-{t.pk}.xlsx")


def transfer_handover_docx(request: HttpRequest, pk: int) -> HttpResponse:
    t = _visible(request, pk)
    return _attachment(
        to_docx(transfer_handover(t)), "docx", f"bien-ban-giao-nhan-lich-su-{t.pk}.docx"
    )
