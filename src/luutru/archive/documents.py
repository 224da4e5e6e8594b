"""What the deposit list (mục lục hồ sơ, tài liệu nộp lưu) and the handover
record (biên bản giao nhận) say: one set of data for the screens and for the
official forms (rendered as DOCX, PDF and XLSX by ``luutru.forms``, which sits
above archive: archive never calls it).

A dossier's title is printed only for a viewer who may open that dossier."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db.models import Sum
from django.utils import timezone

from luutru.access.policy import can_view
from luutru.archive.models import Deposit, DepositItem
from luutru.archive.queries import Reader
from luutru.archive.services import quantities
from luutru.core.vn import count_words, short_date
from luutru.filing.models import Dossier, DossierItem
from luutru.rules.book import rulebook

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
    item: DepositItem | None
    secrecy: int = 0
    return_reason: str = ""  # empty when the row is hidden

    def cells(self) -> list[int | str]:
        return [
            self.position,
            self.notation,
            self.title,
            self.dates,
            self.retention,
            self.pages,
            self.note,
        ]


@dataclass
class DepositRow(ListRow):
    """A row of a deposit's list: it always names its deposit item. On the
    acceptance screen it also keeps what the archivist typed when a decision is
    refused (the "trả lại" tick and the reason)."""

    item: DepositItem
    posted_return: bool = False
    posted_reason: str = ""


def dossier_dates(d: Dossier) -> str:
    if d.start_date and d.end_date:
        return f"{short_date(d.start_date)} – {short_date(d.end_date)}"
    return short_date(d.start_date or d.end_date) or str(d.file_catalog)


def dossier_pages(dossier_ids: list[int]) -> dict[int, int]:
    """Pages of the documents still in each dossier, in one query."""
    totals = (
        DossierItem.objects.filter(dossier_id__in=dossier_ids, removed_at__isnull=True)
        .values("dossier_id")
        .annotate(n=Sum("document__page_amount"))
    )
    return {t["dossier_id"]: t["n"] or 0 for t in totals}


def deposit_rows(user: Reader, deposit: Deposit) -> list[DepositRow]:
    items = list(
        deposit.items.select_related("dossier", "dossier__retention", "dossier__org").order_by(
            "position"
        )
    )
    page_totals = dossier_pages([i.dossier_id for i in items])
    rows: list[DepositRow] = []
    for item in items:
        d = item.dossier
        visible = can_view(user, d)
        pages = page_totals.get(d.pk, 0)
        if not visible:
            # Hidden like the rest of the row: a return reason speaks of the
            # dossier's content; that it was returned is the deposit's own fact.
            note = "Trả lại" if item.outcome == DepositItem.Outcome.RETURNED else ""
        elif item.outcome == DepositItem.Outcome.RETURNED:
            note = f"Trả lại: {item.return_reason}"
        else:
            note = d.description
        rows.append(
            DepositRow(
                position=item.position,
                notation=d.file_notation,
                title=d.title if visible else HIDDEN_TITLE,
                dates=dossier_dates(d),
                retention=d.retention.label,
                pages=pages,
                note=note,
                visible=visible,
                item=item,
                secrecy=d.secrecy,
                return_reason=item.return_reason if visible else "",
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


def _name(user: User | None) -> str:
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return str(person.full_name) if person else user.get_username()


def handover_view(deposit: Deposit) -> HandoverView:
    profile = rulebook().require_profile(deposit.org, timezone.localdate())
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
        if deposit.status == Deposit.Status.RETURNED:
            condition = "Lưu trữ đã trả lại toàn bộ đợt nộp lưu (lý do ở cột Ghi chú của mục lục)"
        else:
            condition = "Đầy đủ, toàn vẹn theo danh mục (lưu trữ sẽ kiểm tra khi tiếp nhận)"
        final = False
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
