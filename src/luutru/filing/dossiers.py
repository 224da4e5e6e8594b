"""Dossier services (hồ sơ): open → collect documents → close → (reopen).

Opening, correcting and declaring the secrecy of a dossier live here; its documents
in ``contents``, closing and reopening in ``closing``, the guard every change passes
in ``changes``. The names of those modules are published here too, for callers.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.core.vn import nfc, short_date
from luutru.filing import lifecycle
from luutru.filing.changes import (
    can_change_dossier,
    can_form_dossiers,
    change_failures,
    lock,
    notation_failures,
    person_of,
    read_only_message,
    state,
)
from luutru.filing.closing import (
    INDEX_COLUMNS,
    close_dossier,
    close_failures,
    current_certificate,
    current_index,
    index_rows,
    reopen_dossier,
)
from luutru.filing.contents import (
    add_document_to_dossier,
    dating_warnings,
    move_document,
    remove_document,
    sort_by_date,
    upload_to_dossier,
)
from luutru.filing.models import Dossier, DossierStatus, FilePlan, FilePlanItem
from luutru.filing.secrecy import derive_dossier_secrecy
from luutru.orgs.models import Organization, Person, Secrecy
from luutru.orgs.services import ensure_fonds_open
from luutru.registry.secrecy import allowed_levels, clearance_of, lowering_failures
from luutru.rules.models import RetentionRule


def open_dossier_from_plan(actor: User, item: FilePlanItem) -> Dossier:
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
        creator = item.creator or person_of(actor)
        if creator is None:
            failures.append(
                "Chưa xác định được người lập hồ sơ: tài khoản của bạn chưa gắn với cán bộ nào."
            )
        RuleViolation.check(failures)
        assert creator is not None  # refused above when missing
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
        record(actor, "dossier.open", dossier, after={**state(dossier), "plan_item": item.pk})
        lifecycle.opened(actor, dossier)
    return dossier


def open_dossier(
    actor: User,
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
        failures += notation_failures(org, year, file_notation)
    try:
        ensure_fonds_open(org)
    except RuleViolation as e:
        failures += e.messages
    if not can_form_dossiers(actor, org):
        failures.append(f"Bạn không có vai trò lập hồ sơ tại “{org.name}”.")
    RuleViolation.check(failures)
    # refused above when missing (the year follows the start date)
    assert year is not None and retention is not None and creator is not None
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
        record(actor, "dossier.open", dossier, after=state(dossier))
        lifecycle.opened(actor, dossier)
    return dossier


def update_dossier(
    actor: User,
    dossier: Dossier,
    *,
    title: str | None = None,
    retention: RetentionRule | None = None,
    description: str | None = None,
) -> Dossier:
    """Correct the title, retention or description of a dossier being formed."""
    with transaction.atomic():
        d = lock(dossier)
        failures = change_failures(actor, d)
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
        before = state(d)
        d.title, d.description = new_title, new_description
        if retention is not None and retention.pk != d.retention_id:
            d.retention = retention
            d.retention_confirmed = False
        d.save()
        record(actor, "dossier.update", d, before=before, after=state(d))
    dossier.refresh_from_db()
    return dossier


def declarable_levels(actor: User | AnonymousUser, dossier: Dossier) -> list[tuple[int, str]]:
    """The levels a form may offer ``actor`` to declare: within their clearance, none
    below the declared one unless they may lower it."""
    top = clearance_of(actor)
    return [
        (level, Secrecy(level).label)
        for level in allowed_levels(actor, dossier.org, dossier.declared_secrecy)
        if level <= top
    ]


def declare_dossier_secrecy(
    actor: User, dossier: Dossier, level: int, *, reason: str = ""
) -> Dossier:
    """Declare the level the dossier holds whatever its documents (a floor: its level
    stays max(declared, documents)). Raising needs clearance for the level; lowering
    the declared level is decided by the head, with a reason (as for a document)."""
    with transaction.atomic():
        d = lock(dossier)
        failures = change_failures(actor, d)
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


__all__ = [
    "INDEX_COLUMNS",
    "add_document_to_dossier",
    "can_change_dossier",
    "can_form_dossiers",
    "close_dossier",
    "close_failures",
    "current_certificate",
    "current_index",
    "dating_warnings",
    "declarable_levels",
    "declare_dossier_secrecy",
    "index_rows",
    "move_document",
    "open_dossier",
    "open_dossier_from_plan",
    "read_only_message",
    "remove_document",
    "reopen_dossier",
    "sort_by_date",
    "update_dossier",
    "upload_to_dossier",
]
