"""The documents of a dossier being formed: add, upload, move, sort by date, remove
(the row stays with its reason). One document may sit in several dossiers while its
bytes are stored once."""

from __future__ import annotations

import datetime as dt
from typing import Any, BinaryIO

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from luutru.access.policy import can_view
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.filing.changes import active_items, change_failures, lock, renumber_positions
from luutru.filing.models import Dossier, DossierItem
from luutru.filing.secrecy import derive_dossier_secrecy
from luutru.registry.models import Document
from luutru.registry.services import create_document


def add_document_to_dossier(actor: User, dossier: Dossier, document: Document) -> DossierItem:
    """Put an existing document at the end of the dossier (its bytes are not copied)."""
    with transaction.atomic():
        d = lock(dossier)
        failures = change_failures(actor, d)
        if not can_view(actor, document, "document"):
            failures.append("Bạn không có quyền xem văn bản này nên không thể đưa vào hồ sơ.")
        elif d.items.filter(document=document, removed_at__isnull=True).exists():
            failures.append(
                f"Văn bản “{document.symbol_display or document.subject[:60]}” đã có trong hồ sơ này."
            )
        RuleViolation.check(failures)
        last = d.items.filter(removed_at__isnull=True).aggregate(m=Max("position"))["m"] or 0
        item = DossierItem.objects.create(
            dossier=d, document=document, position=last + 1, added_by=actor
        )
        derive_dossier_secrecy(actor, d, cause="add_document", document=document)
        record(
            actor,
            "dossier.add_document",
            d,
            after={"document": document.pk, "position": item.position, "secrecy": d.secrecy},
        )
    dossier.refresh_from_db()
    return item


def dating_warnings(dossier: Dossier, document: Document) -> list[str]:
    """What to tell (not refuse) when ``document`` goes at the end of ``dossier``: it is
    dated outside the dossier's year or period, or before the document it follows."""
    day = document.issued_date
    if day is None:
        return []
    label = f"Văn bản “{document.symbol_display or document.subject[:60]}” ngày {day:%d/%m/%Y}"
    warnings = []
    if day.year != dossier.file_catalog:
        warnings.append(
            f"{label} không thuộc năm {dossier.file_catalog} của hồ sơ. Văn bản vẫn được "
            "đưa vào; hãy kiểm tra đúng hồ sơ chưa, nếu nhầm thì loại khỏi hồ sơ."
        )
    elif (dossier.start_date and day < dossier.start_date) or (
        dossier.end_date and day > dossier.end_date
    ):
        start = f"{dossier.start_date:%d/%m/%Y}" if dossier.start_date else "…"
        end = f"{dossier.end_date:%d/%m/%Y}" if dossier.end_date else "…"
        warnings.append(
            f"{label} nằm ngoài thời gian của hồ sơ ({start} – {end}). Văn bản vẫn được "
            "đưa vào; hãy kiểm tra lại."
        )
    last = (
        active_items(dossier)
        .exclude(document__issued_date__isnull=True)
        .exclude(document=document)
        .select_related("document")
        .order_by("-position")
        .first()
    )
    if (
        last is not None
        and last.document.issued_date is not None  # (undated ones were left out)
        and last.document.issued_date > day
    ):
        warnings.append(
            f"{label} có ngày trước văn bản đứng trước nó trong hồ sơ (ngày "
            f"{last.document.issued_date:%d/%m/%Y}): thứ tự không theo ngày tháng. Bấm "
            "“Sắp xếp theo ngày tháng” để sắp lại."
        )
    return warnings


def upload_to_dossier(
    actor: User, dossier: Dossier, *, content: BinaryIO, filename: str, metadata: dict[str, Any]
) -> tuple[Document, list[str]]:
    """Register an uploaded file as a document and add it to the dossier.
    Returns (document, warnings)."""
    RuleViolation.check(change_failures(actor, dossier))
    with transaction.atomic():
        document, warnings = create_document(
            actor, dossier.org, content=content, filename=filename, metadata=metadata
        )
        warnings = [*warnings, *dating_warnings(dossier, document)]
        add_document_to_dossier(actor, dossier, document)
    return document, warnings


def _find_item(d: Dossier, document: Document) -> DossierItem | None:
    return d.items.filter(document=document, removed_at__isnull=True).first()


def move_document(actor: User, dossier: Dossier, document: Document, direction: str) -> None:
    """Move a document one place up or down in the dossier."""
    with transaction.atomic():
        d = lock(dossier)
        failures = change_failures(actor, d)
        if direction not in ("up", "down"):
            failures.append("Hướng di chuyển không hợp lệ.")
        items = list(active_items(d))
        index = next((i for i, it in enumerate(items) if it.document_id == document.pk), None)
        if index is None:
            failures.append("Văn bản này không có trong hồ sơ.")
        RuleViolation.check(failures)
        assert index is not None  # refused above when missing
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(items):
            return  # already first or last: nothing to do
        items[index], items[other] = items[other], items[index]
        renumber_positions(d, items)
        record(
            actor,
            "dossier.move_document",
            d,
            after={"document": document.pk, "direction": direction, "position": other + 1},
        )


def sort_by_date(actor: User, dossier: Dossier) -> None:
    """Order the documents by their date (undated ones last, keeping their order)."""
    with transaction.atomic():
        d = lock(dossier)
        RuleViolation.check(change_failures(actor, d))
        items = list(active_items(d))
        before = [it.document_id for it in items]
        items.sort(
            key=lambda it: (
                it.document.issued_date is None,
                it.document.issued_date or dt.date.min,
                it.position,
            )
        )
        renumber_positions(d, items)
        record(
            actor,
            "dossier.sort_by_date",
            d,
            before={"order": before},
            after={"order": [it.document_id for it in items]},
        )


def remove_document(actor: User, dossier: Dossier, document: Document, reason: str) -> None:
    """Take a document out of the dossier; the row stays with its reason."""
    reason = clean_reason(reason)
    with transaction.atomic():
        d = lock(dossier)
        failures = change_failures(actor, d)
        item = _find_item(d, document)
        if item is None:
            failures.append("Văn bản này không có trong hồ sơ.")
        if not reason:
            failures.append("Cần ghi lý do loại văn bản khỏi hồ sơ (ví dụ: bản trùng, bản nháp).")
        elif len(reason) > 300:
            failures.append("Lý do dài quá 300 ký tự.")
        RuleViolation.check(failures)
        assert item is not None  # refused above when missing
        item.removed_at = timezone.now()
        item.removed_reason = reason
        item.save(update_fields=["removed_at", "removed_reason"])
        renumber_positions(d, list(active_items(d)))
        record(
            actor,
            "dossier.remove_document",
            d,
            before={"document": document.pk, "position": item.position},
            after={"removed_reason": reason},
        )
        derive_dossier_secrecy(actor, d, cause="remove_document", document=document)
