"""Dossier services (hồ sơ): open → collect documents → close → (reopen).

A dossier whose ``is_read_only`` is true refuses every change with a message
naming its status. Only its owner or creator, or a head of its organization,
may change it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.core.vn import nfc, short_date
from luutru.filing import lifecycle
from luutru.filing.models import (
    ClosingCertificate,
    Dossier,
    DossierIndex,
    DossierItem,
    DossierStatus,
    FilePlan,
    FilePlanItem,
)
from luutru.filing.secrecy import derive_dossier_secrecy
from luutru.orgs.models import Organization, Person, Role, Secrecy
from luutru.orgs.services import ensure_fonds_open
from luutru.registry.secrecy import allowed_levels, clearance_of, lowering_failures
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

_READ_ONLY_HINT = {
    DossierStatus.CLOSED: "Nếu cần bổ sung, hãy mở lại hồ sơ và ghi lý do.",
    DossierStatus.SUBMITTED: "Hồ sơ đã gửi nộp lưu, đang chờ lưu trữ tiếp nhận.",
    DossierStatus.ARCHIVED: "Hồ sơ đã thuộc lưu trữ cơ quan.",
    DossierStatus.KEPT_BACK: "Hồ sơ đang được giữ lại theo đăng ký đã duyệt.",
    DossierStatus.TRANSFERRED: "Hồ sơ đã nộp vào lưu trữ lịch sử.",
    DossierStatus.DESTROYED: "Hồ sơ đã bị tiêu hủy.",
}


# ---------------------------------------------------------------- permissions


def can_form_dossiers(actor, org: Organization) -> bool:
    """Officials and clerks of the body, and its heads, open dossiers."""
    return (
        has_role(actor, Role.OFFICIAL, org, reach_down=False)
        or has_role(actor, Role.CLERK, org, reach_down=False)
        or has_role(actor, Role.HEAD, org)
    )


def can_change_dossier(actor, dossier: Dossier) -> bool:
    if actor is None or not actor.is_authenticated:
        return False
    if dossier.owner_id == actor.pk:
        return True
    person = getattr(actor, "person", None)
    if person is not None and dossier.creator_id == person.pk:
        return True
    return has_role(actor, Role.HEAD, dossier.org)


def read_only_message(dossier: Dossier) -> str:
    hint = _READ_ONLY_HINT.get(dossier.status, "")
    return (
        f"Hồ sơ “{dossier.file_notation}” đang ở trạng thái “{dossier.get_status_display()}”: "
        f"không thể thay đổi. {hint}"
    ).strip()


def _change_failures(actor, dossier: Dossier) -> list[str]:
    failures = []
    if dossier.is_read_only:
        failures.append(read_only_message(dossier))
    if not can_change_dossier(actor, dossier):
        failures.append("Chỉ người lập hồ sơ hoặc lãnh đạo cơ quan mới được thay đổi hồ sơ này.")
    return failures


def _lock(dossier: Dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("org", "retention").get(pk=dossier.pk)


def _state(d: Dossier) -> dict:
    return {
        "status": d.status,
        "file_notation": d.file_notation,
        "title": d.title,
        "retention": d.retention_id,
        "retention_confirmed": d.retention_confirmed,
        "creator": d.creator_id,
        "owner": d.owner_id,
        "secrecy": d.secrecy,
        "declared_secrecy": d.declared_secrecy,
        "start_date": d.start_date,
        "end_date": d.end_date,
        "file_catalog": d.file_catalog,
    }


def _active_items(dossier: Dossier):
    return (
        dossier.items.filter(removed_at__isnull=True)
        .select_related("document")
        .order_by("position", "pk")
    )


def _renumber_positions(dossier: Dossier, ordered: list[DossierItem]) -> None:
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            DossierItem.objects.filter(pk=item.pk).update(position=position)
            item.position = position


def _person_of(actor) -> Person | None:
    return getattr(actor, "person", None) if actor is not None else None


def _notation_failures(org: Organization, year: int, notation: str, exclude_pk=None) -> list[str]:
    clash = Dossier.objects.filter(org=org, file_catalog=year, file_notation=notation).exclude(
        status=DossierStatus.DESTROYED
    )
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        return [
            f"Số và ký hiệu hồ sơ “{notation}” đã được dùng cho một hồ sơ khác năm {year} của cơ quan."
        ]
    return []


# ---------------------------------------------------------------- opening


def open_dossier_from_plan(actor, item: FilePlanItem) -> Dossier:
    """Open the dossier of a planned file in an issued plan (one per item)."""
    with transaction.atomic():
        item = (
            FilePlanItem.objects.select_for_update()
            .select_related("plan__org", "retention")
            .get(pk=item.pk)
        )
        plan = item.plan
        org = plan.org
        failures = []
        if plan.state != FilePlan.State.ISSUED:
            failures.append(
                f"Danh mục hồ sơ năm {plan.year} chưa được ban hành "
                f"(trạng thái: {plan.get_state_display()}): chưa thể mở hồ sơ theo danh mục."
            )
        existing = item.dossiers.exclude(status=DossierStatus.DESTROYED).first()
        if existing is not None:
            failures.append(
                f"Mục “{item.code}” đã có hồ sơ (trạng thái: {existing.get_status_display()}). "
                "Hãy tiếp tục với hồ sơ đó (mở lại nếu đã kết thúc)."
            )
        try:
            ensure_fonds_open(org)
        except RuleViolation as e:
            failures += e.messages
        if not can_form_dossiers(actor, org):
            failures.append(f"Bạn không có vai trò lập hồ sơ tại “{org.name}”.")
        creator = item.creator or _person_of(actor)
        if creator is None:
            failures.append(
                "Chưa xác định được người lập hồ sơ: tài khoản của bạn chưa gắn với cán bộ nào."
            )
        RuleViolation.check(failures)
        dossier = Dossier.objects.create(
            org=org,
            plan_item=item,
            file_catalog=plan.year,
            file_notation=item.code,
            title=item.title,
            retention=item.retention,
            creator=creator,
            owner=actor,
        )
        record(actor, "dossier.open", dossier, after={**_state(dossier), "plan_item": item.pk})
        lifecycle.opened(actor, dossier)
    return dossier


def open_dossier(
    actor,
    org: Organization,
    *,
    title: str,
    file_notation: str,
    retention: RetentionRule | None,
    creator: Person | None,
    start_date: dt.date | None,
    year: int | None = None,
) -> Dossier:
    """Open a dossier outside the plan with its five required data."""
    title, file_notation = nfc(title).strip(), nfc(file_notation).strip()
    today = timezone.localdate()
    failures = []
    if not title:
        failures.append("Chưa nhập tiêu đề hồ sơ.")
    elif len(title) > 500:
        failures.append(f"Tiêu đề hồ sơ dài {len(title)} ký tự, tối đa 500 ký tự.")
    if not file_notation:
        failures.append("Chưa nhập số và ký hiệu hồ sơ.")
    elif len(file_notation) > 20:
        failures.append(f"Số và ký hiệu hồ sơ dài {len(file_notation)} ký tự, tối đa 20 ký tự.")
    if retention is None:
        failures.append("Chưa chọn thời hạn bảo quản.")
    elif retention.profile.fonds_system != org.fonds_system:
        failures.append(
            "Thời hạn bảo quản đã chọn không thuộc bảng thời hạn áp dụng cho cơ quan này."
        )
    if creator is None:
        failures.append("Chưa chọn người lập hồ sơ.")
    if start_date is None:
        failures.append("Chưa nhập ngày bắt đầu hồ sơ.")
    elif start_date > today:
        failures.append(f"Ngày bắt đầu {short_date(start_date)} ở tương lai.")
    if year is None and start_date is not None:
        year = start_date.year
    if year is not None and start_date is not None and year < start_date.year:
        failures.append(
            f"Năm hình thành hồ sơ ({year}) trước năm của ngày bắt đầu ({start_date.year})."
        )
    if year is not None and file_notation:
        failures += _notation_failures(org, year, file_notation)
    try:
        ensure_fonds_open(org)
    except RuleViolation as e:
        failures += e.messages
    if not can_form_dossiers(actor, org):
        failures.append(f"Bạn không có vai trò lập hồ sơ tại “{org.name}”.")
    RuleViolation.check(failures)
    with transaction.atomic():
        dossier = Dossier.objects.create(
            org=org,
            file_catalog=year,
            file_notation=file_notation,
            title=title,
            retention=retention,
            creator=creator,
            owner=actor,
            start_date=start_date,
        )
        record(actor, "dossier.open", dossier, after=_state(dossier))
        lifecycle.opened(actor, dossier)
    return dossier


def update_dossier(
    actor,
    dossier: Dossier,
    *,
    title: str | None = None,
    retention: RetentionRule | None = None,
    description: str | None = None,
) -> Dossier:
    """Correct the title, retention or description of a dossier being formed."""
    with transaction.atomic():
        d = _lock(dossier)
        failures = _change_failures(actor, d)
        new_title = d.title if title is None else nfc(title).strip()
        new_description = d.description if description is None else nfc(description).strip()
        if not new_title:
            failures.append("Chưa nhập tiêu đề hồ sơ.")
        elif len(new_title) > 500:
            failures.append(f"Tiêu đề hồ sơ dài {len(new_title)} ký tự, tối đa 500 ký tự.")
        if len(new_description) > 500:
            failures.append("Chú giải dài quá 500 ký tự.")
        if retention is not None and retention.profile.fonds_system != d.org.fonds_system:
            failures.append(
                "Thời hạn bảo quản đã chọn không thuộc bảng thời hạn áp dụng cho cơ quan này."
            )
        RuleViolation.check(failures)
        before = _state(d)
        d.title, d.description = new_title, new_description
        if retention is not None and retention.pk != d.retention_id:
            d.retention = retention
            d.retention_confirmed = False
        d.save()
        record(actor, "dossier.update", d, before=before, after=_state(d))
    dossier.refresh_from_db()
    return dossier


def declarable_levels(actor, dossier: Dossier) -> list[tuple[int, str]]:
    """The levels a form may offer ``actor`` to declare: within their clearance, none
    below the declared one unless they may lower it."""
    top = clearance_of(actor)
    return [
        (level, Secrecy(level).label)
        for level in allowed_levels(actor, dossier.org, dossier.declared_secrecy)
        if level <= top
    ]


def declare_dossier_secrecy(actor, dossier: Dossier, level: int, *, reason: str = "") -> Dossier:
    """Declare the level the dossier holds whatever its documents (a floor: its level
    stays max(declared, documents)). Raising needs clearance for the level; lowering
    the declared level is decided by the head, with a reason (as for a document)."""
    with transaction.atomic():
        d = _lock(dossier)
        failures = _change_failures(actor, d)
        if level not in Secrecy.values:
            failures.append("Độ mật không hợp lệ.")
        else:
            if clearance_of(actor) < level:
                failures.append(
                    f"Bạn chưa được tiếp cận tài liệu độ “{Secrecy(level).label}” nên không thể "
                    "xác định hồ sơ ở độ mật này."
                )
            failures += lowering_failures(actor, d.org, d.declared_secrecy, level, reason)
        RuleViolation.check(failures)
        if level == d.declared_secrecy:
            return d
        before = {"declared_secrecy": d.declared_secrecy, "secrecy": d.secrecy}
        d.declared_secrecy = level
        d.save(update_fields=["declared_secrecy", "updated_at"])
        record(
            actor,
            "dossier.declare_secrecy",
            d,
            before=before,
            after={"declared_secrecy": level, "reason": clean_reason(reason)},
        )
        derive_dossier_secrecy(actor, d, cause="declared", document=None)
    dossier.refresh_from_db()
    return dossier


# ---------------------------------------------------------------- documents


def add_document_to_dossier(actor, dossier: Dossier, document) -> DossierItem:
    """Put an existing document at the end of the dossier (its bytes are not copied)."""
    with transaction.atomic():
        d = _lock(dossier)
        failures = _change_failures(actor, d)
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


def dating_warnings(dossier: Dossier, document) -> list[str]:
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
        _active_items(dossier)
        .exclude(document__issued_date__isnull=True)
        .exclude(document=document)
        .select_related("document")
        .order_by("-position")
        .first()
    )
    if last is not None and last.document.issued_date > day:
        warnings.append(
            f"{label} có ngày trước văn bản đứng trước nó trong hồ sơ (ngày "
            f"{last.document.issued_date:%d/%m/%Y}): thứ tự không theo ngày tháng. Bấm "
            "“Sắp xếp theo ngày tháng” để sắp lại."
        )
    return warnings


def upload_to_dossier(actor, dossier: Dossier, *, content, filename: str, metadata: dict):
    """Register an uploaded file as a document and add it to the dossier.
    Returns (document, warnings)."""
    from luutru.registry.services import create_document

    RuleViolation.check(_change_failures(actor, dossier))
    with transaction.atomic():
        document, warnings = create_document(
            actor, dossier.org, content=content, filename=filename, metadata=metadata
        )
        warnings = [*warnings, *dating_warnings(dossier, document)]
        add_document_to_dossier(actor, dossier, document)
    return document, warnings


def _find_item(d: Dossier, document) -> DossierItem | None:
    return d.items.filter(document=document, removed_at__isnull=True).first()


def move_document(actor, dossier: Dossier, document, direction: str) -> None:
    """Move a document one place up or down in the dossier."""
    with transaction.atomic():
        d = _lock(dossier)
        failures = _change_failures(actor, d)
        if direction not in ("up", "down"):
            failures.append("Hướng di chuyển không hợp lệ.")
        items = list(_active_items(d))
        index = next((i for i, it in enumerate(items) if it.document_id == document.pk), None)
        if index is None:
            failures.append("Văn bản này không có trong hồ sơ.")
        RuleViolation.check(failures)
        other = index - 1 if direction == "up" else index + 1
        if not 0 <= other < len(items):
            return  # already first or last: nothing to do
        items[index], items[other] = items[other], items[index]
        _renumber_positions(d, items)
        record(
            actor,
            "dossier.move_document",
            d,
            after={"document": document.pk, "direction": direction, "position": other + 1},
        )


def sort_by_date(actor, dossier: Dossier) -> None:
    """Order the documents by their date (undated ones last, keeping their order)."""
    with transaction.atomic():
        d = _lock(dossier)
        RuleViolation.check(_change_failures(actor, d))
        items = list(_active_items(d))
        before = [it.document_id for it in items]
        items.sort(
            key=lambda it: (
                it.document.issued_date is None,
                it.document.issued_date or dt.date.min,
                it.position,
            )
        )
        _renumber_positions(d, items)
        record(
            actor,
            "dossier.sort_by_date",
            d,
            before={"order": before},
            after={"order": [it.document_id for it in items]},
        )


def remove_document(actor, dossier: Dossier, document, reason: str) -> None:
    """Take a document out of the dossier; the row stays with its reason."""
    reason = clean_reason(reason)
    with transaction.atomic():
        d = _lock(dossier)
        failures = _change_failures(actor, d)
        item = _find_item(d, document)
        if item is None:
            failures.append("Văn bản này không có trong hồ sơ.")
        if not reason:
            failures.append("Cần ghi lý do loại văn bản khỏi hồ sơ (ví dụ: bản trùng, bản nháp).")
        elif len(reason) > 300:
            failures.append("Lý do dài quá 300 ký tự.")
        RuleViolation.check(failures)
        item.removed_at = timezone.now()
        item.removed_reason = reason
        item.save(update_fields=["removed_at", "removed_reason"])
        _renumber_positions(d, list(_active_items(d)))
        record(
            actor,
            "dossier.remove_document",
            d,
            before={"document": document.pk, "position": item.position},
            after={"removed_reason": reason},
        )
        derive_dossier_secrecy(actor, d, cause="remove_document", document=document)


# ---------------------------------------------------------------- closing


def _index_rows(items: list[DossierItem]) -> list[dict]:
    rows, page = [], 1
    for stt, it in enumerate(items, start=1):
        doc = it.document
        type_name = doc.type_name or (doc.doc_type.name if doc.doc_type_id else "")
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
    if dossier.status not in (DossierStatus.OPEN, DossierStatus.RETURNED):
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
    actor,
    dossier: Dossier,
    *,
    end_date: dt.date | None = None,
    confirm_retention: bool = False,
    retention: RetentionRule | None = None,
) -> Dossier:
    """Close a dossier when every named precondition holds: freezes its
    document index and closing certificate; lists every failure otherwise."""
    with transaction.atomic():
        d = _lock(dossier)
        items = list(_active_items(d).select_related("document__doc_type", "document__org"))
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
        before = _state(Dossier.objects.get(pk=d.pk))
        dates = [it.document.issued_date for it in items]
        d.end_date = end_date or max(dates)
        d.start_date = d.start_date or min(dates)
        # The declared level stays a floor (DOMAIN §7: at least its most secret document).
        d.secrecy = max(d.declared_secrecy, *(it.document.secrecy for it in items))
        d.retention_confirmed = True
        d.closed_at = timezone.now()
        rows = _index_rows(items)
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
                **_state(d),
                "doc_total": certificate.doc_total,
                "page_total": certificate.page_total,
            },
        )
    dossier.refresh_from_db()
    return dossier


def reopen_dossier(actor, dossier: Dossier, reason: str) -> Dossier:
    """Reopen a closed (or returned) dossier with a reason; its index and
    certificate are superseded and made again at the next closing."""
    reason = clean_reason(reason)
    with transaction.atomic():
        d = _lock(dossier)
        failures = []
        if d.status not in (DossierStatus.CLOSED, DossierStatus.RETURNED):
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
        before = _state(d)
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
            after={**_state(d), "reason": reason},
        )
    dossier.refresh_from_db()
    return dossier


def current_index(dossier: Dossier) -> DossierIndex | None:
    return dossier.indexes.filter(superseded_at__isnull=True).order_by("-created_at").first()


def current_certificate(dossier: Dossier) -> ClosingCertificate | None:
    return dossier.certificates.filter(superseded_at__isnull=True).order_by("-created_at").first()
