"""Closing a dossier when the work ends (named preconditions, every failure listed),
which freezes its document index (mục lục văn bản) and closing certificate; and
reopening it with a reason. Both move the dossier along filing's lifecycle edges."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.core.vn import short_date
from luutru.filing import lifecycle
from luutru.filing.changes import active_items, can_change_dossier, lock, state
from luutru.filing.models import (
    ClosingCertificate,
    Dossier,
    DossierIndex,
    DossierItem,
)
from luutru.rules.models import RetentionRule

# DossierIndex rows: (key, official column title), in the official order.
INDEX_COLUMNS = [
    ("stt", "STT"),
    ("symbol", "Số, ký hiệu văn bản"),
    ("date", "Ngày tháng năm văn bản"),
    ("type_and_subject", "Tên loại và trích yếu nội dung"),
    ("author", "Tác giả văn bản"),
    ("pages", "Tờ số / Trang số"),
    ("note", "Ghi chú"),
]


def index_rows(items: list[DossierItem]) -> list[dict[str, Any]]:
    """The rows of the document index, in the official column order, pages counted on."""
    rows: list[dict[str, Any]] = []
    page = 1
    for stt, it in enumerate(items, start=1):
        doc = it.document
        type_name = doc.type_name or (doc.doc_type.name if doc.doc_type is not None else "")
        subject = doc.subject or ""
        if type_name and not subject.lower().startswith(type_name.lower()):
            type_and_subject = f"{type_name} {subject}".strip()
        else:
            type_and_subject = subject
        if doc.page_amount:
            last = page + doc.page_amount - 1
            pages = f"{page}" if last == page else f"{page}–{last}"
            page = last + 1
        else:
            pages = ""
        rows.append(
            {
                "stt": stt,
                "symbol": doc.symbol_display,
                "date": short_date(doc.issued_date),
                "type_and_subject": type_and_subject,
                "author": doc.organ_name or doc.org.name,
                "pages": pages,
                "note": doc.description or "",
                "document_id": doc.pk,
            }
        )
    return rows


def close_failures(
    dossier: Dossier, items: list[DossierItem], end_date: dt.date | None, confirmed: bool
) -> list[str]:
    """Every named precondition of closing that is not met, in Vietnamese."""
    failures = []
    if not lifecycle.allowed("close", dossier):
        failures.append(
            f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”: chỉ kết thúc được hồ sơ "
            "đang lập hoặc bị trả lại."
        )
    if not items:
        failures.append("Hồ sơ chưa có văn bản nào: cần ít nhất một văn bản trước khi kết thúc.")
    dates = [it.document.issued_date for it in items if it.document.issued_date]
    end = end_date or (max(dates) if dates else None)
    if end is None:
        failures.append(
            "Chưa có ngày kết thúc hồ sơ: nhập ngày kết thúc hoặc ghi ngày tháng cho các văn bản."
        )
    elif end > timezone.localdate():
        failures.append(f"Ngày kết thúc {short_date(end)} ở tương lai.")
    elif dates and end < max(dates):
        failures.append(
            f"Ngày kết thúc {short_date(end)} trước ngày của văn bản mới nhất ({short_date(max(dates))})."
        )
    if not confirmed:
        failures.append(
            f"Chưa xác nhận thời hạn bảo quản (hiện là “{dossier.retention.label}”): "
            "kiểm tra lại và đánh dấu ô xác nhận."
        )
    for it in items:
        doc = it.document
        name = f"Văn bản thứ {it.position}" + (
            f" ({doc.symbol_display})" if doc.symbol_display else ""
        )
        if doc.issued_date is None:
            failures.append(f"{name} chưa có ngày tháng văn bản.")
        if not (doc.subject or "").strip():
            failures.append(f"{name} chưa có trích yếu nội dung.")
    start = dossier.start_date or (min(dates) if dates else None)
    if start and end and start > end:
        failures.append(
            f"Ngày bắt đầu ({short_date(start)}) sau ngày kết thúc ({short_date(end)})."
        )
    return failures


# What closing sets besides the status (saved with it by the lifecycle).
_CLOSING_FIELDS = (
    "end_date",
    "start_date",
    "secrecy",
    "retention",
    "retention_confirmed",
    "closed_at",
)


def close_dossier(
    actor: User,
    dossier: Dossier,
    *,
    end_date: dt.date | None = None,
    confirm_retention: bool = False,
    retention: RetentionRule | None = None,
) -> Dossier:
    """Close a dossier when every named precondition holds: freezes its
    document index and closing certificate; lists every failure otherwise."""
    with transaction.atomic():
        d = lock(dossier)
        items = list(active_items(d).select_related("document__doc_type", "document__org"))
        failures = []
        if not can_change_dossier(actor, d):
            failures.append(
                "Chỉ người lập hồ sơ hoặc lãnh đạo cơ quan mới được kết thúc hồ sơ này."
            )
        if retention is not None and retention.pk != d.retention_id:
            if retention.profile.fonds_system != d.org.fonds_system:
                failures.append(
                    "Thời hạn bảo quản đã chọn không thuộc bảng thời hạn áp dụng cho cơ quan này."
                )
            else:
                d.retention = retention
        failures += close_failures(d, items, end_date, confirm_retention or d.retention_confirmed)
        RuleViolation.check(failures)
        before = state(Dossier.objects.get(pk=d.pk))
        # Every document is dated (close_failures refused otherwise).
        dates = [it.document.issued_date for it in items if it.document.issued_date is not None]
        d.end_date = end_date or max(dates)
        d.start_date = d.start_date or min(dates)
        # The declared level stays a floor (DOMAIN §7: at least its most secret document).
        d.secrecy = max(d.declared_secrecy, *(it.document.secrecy for it in items))
        d.retention_confirmed = True
        d.closed_at = timezone.now()
        rows = index_rows(items)
        DossierIndex.objects.create(dossier=d, rows=rows)
        certificate = ClosingCertificate.objects.create(
            dossier=d,
            doc_total=len(items),
            page_total=sum(it.document.page_amount or 0 for it in items),
            created_by=actor,
        )
        lifecycle.transition(
            actor,
            d,
            "close",
            fields=_CLOSING_FIELDS,
            before=before,
            after={
                **state(d),
                "doc_total": certificate.doc_total,
                "page_total": certificate.page_total,
            },
        )
    dossier.refresh_from_db()
    return dossier


def reopen_dossier(actor: User, dossier: Dossier, reason: str) -> Dossier:
    """Reopen a closed (or returned) dossier with a reason; its index and
    certificate are superseded and made again at the next closing."""
    reason = clean_reason(reason)
    with transaction.atomic():
        d = lock(dossier)
        failures = []
        if not lifecycle.allowed("reopen", d):
            failures.append(
                f"Hồ sơ đang ở trạng thái “{d.get_status_display()}”: chỉ mở lại được hồ sơ "
                "đã kết thúc (chưa nộp lưu) hoặc bị trả lại."
            )
        if not can_change_dossier(actor, d):
            failures.append("Chỉ người lập hồ sơ hoặc lãnh đạo cơ quan mới được mở lại hồ sơ này.")
        if not reason:
            failures.append("Cần ghi lý do mở lại hồ sơ.")
        elif len(reason) > 300:
            failures.append("Lý do dài quá 300 ký tự.")
        RuleViolation.check(failures)
        before = state(d)
        now = timezone.now()
        d.indexes.filter(superseded_at__isnull=True).update(superseded_at=now)
        d.certificates.filter(superseded_at__isnull=True).update(superseded_at=now)
        d.closed_at = None
        lifecycle.transition(
            actor,
            d,
            "reopen",
            fields=["closed_at"],
            before=before,
            after={**state(d), "reason": reason},
        )
    dossier.refresh_from_db()
    return dossier


def current_index(dossier: Dossier) -> DossierIndex | None:
    return dossier.indexes.filter(superseded_at__isnull=True).order_by("-created_at").first()


def current_certificate(dossier: Dossier) -> ClosingCertificate | None:
    return dossier.certificates.filter(superseded_at__isnull=True).order_by("-created_at").first()
