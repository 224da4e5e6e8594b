"""The deposit list (mục lục hồ sơ, tài liệu nộp lưu) as XLSX and the handover
record (biên bản giao nhận) as DOCX, with the same data the screens show.

A dossier's title is printed only for a viewer who may open that dossier."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.db.models import Sum
from django.utils import timezone

from luutru.access.policy import can_view
from luutru.archive.models import Deposit, DepositItem
from luutru.archive.services import quantities
from luutru.core.vn import count_words, long_date, short_date
from luutru.rules.queries import profile_in_force

# The official columns of the deposit list, in order (DOMAIN.md §4).
DEPOSIT_LIST_COLUMNS = [
    "Số TT",
    "Số, ký hiệu hồ sơ",
    "Tiêu đề hồ sơ",
    "Thời gian tài liệu",
    "Thời hạn bảo quản",
    "Số tờ / Số trang",
    "Ghi chú",
]
HIDDEN_TITLE = "(Không hiển thị: bạn không có quyền xem hồ sơ này)"


@dataclass
class ListRow:
    position: int
    notation: str
    title: str
    dates: str
    retention: str
    pages: int
    note: str
    visible: bool
    item: DepositItem

    def cells(self) -> list:
        return [
            self.position,
            self.notation,
            self.title,
            self.dates,
            self.retention,
            self.pages,
            self.note,
        ]


def _dates(d) -> str:
    if d.start_date and d.end_date:
        return f"{short_date(d.start_date)} – {short_date(d.end_date)}"
    return short_date(d.start_date or d.end_date) or str(d.file_catalog)


def deposit_rows(user, deposit: Deposit) -> list[ListRow]:
    items = deposit.items.select_related("dossier", "dossier__retention", "dossier__org").order_by(
        "position"
    )
    rows = []
    for item in items:
        d = item.dossier
        visible = can_view(user, d)
        pages = (
            d.items.filter(removed_at__isnull=True).aggregate(n=Sum("document__page_amount"))["n"]
            or 0
        )
        if item.outcome == DepositItem.Outcome.RETURNED:
            note = f"Trả lại: {item.return_reason}"
        else:
            note = d.description if visible else ""
        rows.append(
            ListRow(
                position=item.position,
                notation=d.file_notation,
                title=d.title if visible else HIDDEN_TITLE,
                dates=_dates(d),
                retention=d.retention.label,
                pages=pages,
                note=note,
                visible=visible,
                item=item,
            )
        )
    return rows


def list_footer(n: int) -> str:
    return f"Mục lục này gồm {count_words(n, 'hồ sơ')}."


@dataclass
class HandoverView:
    """What the handover record says: frozen once accepted, a preview before."""

    final: bool
    giver_name: str
    receiver_name: str
    records_name: str
    date_from: dt.date | None
    date_to: dt.date | None
    dossier_count: int
    document_count: int
    computer_file_count: int
    page_count: int
    condition: str
    bases: list[str]
    day: dt.date
    place: str
    giver_person: str
    receiver_person: str

    @property
    def date_range(self) -> str:
        if self.date_from and self.date_to:
            return f"Từ {short_date(self.date_from)} đến {short_date(self.date_to)}"
        return short_date(self.date_from or self.date_to) or "Chưa xác định"

    def quantity_lines(self) -> list[str]:
        return [
            f"Tổng số hồ sơ: {count_words(self.dossier_count, 'hồ sơ')}",
            f"Tổng số văn bản: {count_words(self.document_count, 'văn bản')}",
            f"Tổng số tệp tin (tệp máy tính): {count_words(self.computer_file_count, 'tệp tin')}",
            f"Tổng số trang: {count_words(self.page_count, 'trang')}",
        ]


def _name(user) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return person.full_name if person else user.get_username()


def handover_view(deposit: Deposit) -> HandoverView:
    profile = profile_in_force(deposit.org, timezone.localdate())
    bases = [
        f"Căn cứ {profile.legal_basis};",
        f"Căn cứ thời hạn nộp lưu hồ sơ, tài liệu: {profile.deadlines_basis};",
        f"Căn cứ Mục lục hồ sơ, tài liệu nộp lưu năm {deposit.year} của {deposit.org.name}.",
    ]
    handover = getattr(deposit, "handover", None) if deposit.pk else None
    if handover is not None:
        facts = {
            k: getattr(handover, k)
            for k in (
                "giver_name",
                "receiver_name",
                "records_name",
                "date_from",
                "date_to",
                "dossier_count",
                "document_count",
                "computer_file_count",
                "page_count",
            )
        }
        condition, final = handover.condition, True
        day = timezone.localdate(handover.created_at)
    else:
        dossiers = [
            i.dossier
            for i in deposit.items.select_related("dossier")
            if i.outcome != DepositItem.Outcome.RETURNED
        ]
        facts = quantities(deposit, dossiers)
        condition, final = (
            "Đầy đủ, toàn vẹn theo danh mục (lưu trữ sẽ kiểm tra khi tiếp nhận)",
            False,
        )
        day = timezone.localdate()
    return HandoverView(
        final=final,
        condition=condition,
        bases=bases,
        day=day,
        place=deposit.archive_org.place or deposit.org.place,
        giver_person=_name(deposit.created_by),
        receiver_person=_name(deposit.decided_by),
        **facts,
    )


# ---------------------------------------------------------------- XLSX


def deposit_list_xlsx(user, deposit: Deposit) -> bytes:
    """Mục lục hồ sơ, tài liệu nộp lưu in the official column order, with the count in words."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    rows = deposit_rows(user, deposit)
    wb = Workbook()
    ws = wb.active
    ws.title = "Mục lục nộp lưu"
    bold = Font(bold=True)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(vertical="top", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    ncols = len(DEPOSIT_LIST_COLUMNS)

    ws.append([deposit.org.name.upper()])
    ws.append(["MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU"])
    ws.append([f"Năm {deposit.year} – nộp vào {deposit.archive_org.name}"])
    for r in (1, 2, 3):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncols)
        ws.cell(r, 1).alignment = center
        ws.cell(r, 1).font = bold
    ws.append([])
    header_row = ws.max_row + 1
    ws.append(DEPOSIT_LIST_COLUMNS)
    ws.append([f"({n})" for n in range(1, ncols + 1)])
    for r in (header_row, header_row + 1):
        for c in range(1, ncols + 1):
            cell = ws.cell(r, c)
            cell.font, cell.alignment, cell.border = bold, center, box
    for row in rows:
        ws.append(row.cells())
        for c in range(1, ncols + 1):
            cell = ws.cell(ws.max_row, c)
            cell.border, cell.alignment = box, wrap
    ws.append([])
    ws.append([list_footer(len(rows))])
    ws.cell(ws.max_row, 1).font = bold
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=ncols)
    ws.append([f"Người lập: {_name(deposit.created_by)}"])
    for i, width in enumerate((7, 16, 50, 24, 14, 12, 30), 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = ws.cell(header_row + 2, 1)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- DOCX


def handover_docx(user, deposit: Deposit) -> bytes:
    """Biên bản giao nhận: bases, both parties, name, dates, quantity, condition, list attached."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    h = handover_view(deposit)
    rows = deposit_rows(user, deposit)
    doc = Docx()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def para(text: str = "", *, bold=False, center=False, italic=False):
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return p

    head = doc.add_table(rows=1, cols=2)
    head.cell(0, 0).text = f"{deposit.archive_org.name.upper()}\n*"
    head.cell(0, 1).text = "ĐẢNG CỘNG SẢN VIỆT NAM\n" + long_date(h.day, h.place)
    for cell in head.rows[0].cells:
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if not h.final:
        para("DỰ THẢO – chưa được lưu trữ tiếp nhận", italic=True, center=True)
    para("BIÊN BẢN", bold=True, center=True)
    para("Về việc giao nhận hồ sơ, tài liệu nộp lưu vào lưu trữ cơ quan", bold=True, center=True)
    for basis in h.bases:
        para(basis, italic=True)
    para(f"Hôm nay, {long_date(h.day)}, tại {h.receiver_name}, chúng tôi gồm:")
    para(f"BÊN GIAO: {h.giver_name}", bold=True)
    para(f"Đại diện: {h.giver_person or '..............................'}")
    para(f"BÊN NHẬN: {h.receiver_name}", bold=True)
    para(f"Đại diện: {h.receiver_person or '..............................'}")
    para("Thống nhất lập biên bản giao nhận tài liệu với những nội dung cụ thể như sau:")
    para(f"1. Tên khối tài liệu giao nộp: {h.records_name}.")
    para(f"2. Thời gian của tài liệu: {h.date_range}.")
    para("3. Số lượng tài liệu (tài liệu điện tử):")
    for line in h.quantity_lines():
        para(f"- {line}.")
    para(f"4. Tình trạng tài liệu giao nộp: {h.condition}.")
    para(
        "5. Mục lục hồ sơ, tài liệu nộp lưu kèm theo: "
        f"{count_words(len(rows), 'hồ sơ')}. Tài liệu điện tử đã được nộp vào hệ thống và "
        "đối chiếu với mục lục."
    )
    sign = doc.add_table(rows=2, cols=2)
    sign.cell(0, 0).text = "ĐẠI DIỆN BÊN GIAO\n(Ký, ghi rõ họ tên)"
    sign.cell(0, 1).text = "ĐẠI DIỆN BÊN NHẬN\n(Ký, ghi rõ họ tên)"
    sign.cell(1, 0).text = f"\n\n{h.giver_person}"
    sign.cell(1, 1).text = f"\n\n{h.receiver_person}"

    doc.add_page_break()
    para("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU", bold=True, center=True)
    table = doc.add_table(rows=1, cols=len(DEPOSIT_LIST_COLUMNS))
    table.style = "Table Grid"
    for i, title in enumerate(DEPOSIT_LIST_COLUMNS):
        table.rows[0].cells[i].text = f"({i + 1}) {title}"
    for row in rows:
        cells = table.add_row().cells
        for i, value in enumerate(row.cells()):
            cells[i].text = str(value)
    para(list_footer(len(rows)), bold=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
