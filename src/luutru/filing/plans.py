"""File plan services (danh mục hồ sơ): draft → approved (by the head) → issued.

Every function is one user action: one transaction, one audit event, and a
``RuleViolation`` naming every failed precondition in Vietnamese.

The headings and planned files are in ``plan_contents``, the shared checks in
``plan_checks``; their names are published here too.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.filing import codes
from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem
from luutru.filing.plan_checks import (
    MAX_YEAR,
    MIN_YEAR,
    can_approve_plan,
    can_edit_plan,
    can_issue_plan,
    edit_failures,
    fonds_failures,
    locked,
    plan_state,
    year_failures,
)
from luutru.filing.plan_contents import (
    add_heading,
    add_item,
    delete_heading,
    delete_item,
    update_item,
)
from luutru.orgs.models import Organization

# ---------------------------------------------------------------- plan


def create_plan(
    actor: User, org: Organization, year: int, *, code_scheme: str = codes.ACROSS_PLAN
) -> FilePlan:
    """Start an empty draft file plan for ``org`` and ``year``."""
    failures = year_failures(org, year) + fonds_failures(org, year)
    if not can_edit_plan(actor, org):
        failures.append(f"Bạn không có quyền lập danh mục hồ sơ của “{org.name}”.")
    if code_scheme not in FilePlan.CodeScheme.values:
        failures.append("Cách đánh số hồ sơ không hợp lệ.")
    RuleViolation.check(failures)
    with transaction.atomic():
        plan = FilePlan.objects.create(org=org, year=year, code_scheme=code_scheme)
        record(actor, "file_plan.create", plan, after=plan_state(plan))
    return plan


def _next_year_title(title: str, old: int, new: int) -> str:
    return re.sub(rf"{old}$", str(new), title) if title.rstrip().endswith(str(old)) else title


def copy_plan(actor: User, source: FilePlan, year: int) -> FilePlan:
    """Start a new draft from ``source``: same headings and items, titles
    ending in the old year moved to the new one."""
    org = source.org
    failures = year_failures(org, year) + fonds_failures(org, year)
    if not can_edit_plan(actor, org):
        failures.append(f"Bạn không có quyền lập danh mục hồ sơ của “{org.name}”.")
    if not source.items.exists():
        failures.append(f"Danh mục năm {source.year} chưa có hồ sơ nào để sao chép.")
    RuleViolation.check(failures)
    with transaction.atomic():
        plan = FilePlan.objects.create(org=org, year=year, code_scheme=source.code_scheme)
        heading_map: dict[int, FilePlanHeading] = {}
        old_headings = sorted(
            source.headings.all(), key=lambda h: (h.parent_id is not None, h.order)
        )
        for h in old_headings:
            heading_map[h.pk] = FilePlanHeading.objects.create(
                plan=plan,
                parent=heading_map.get(h.parent_id) if h.parent_id is not None else None,
                order=h.order,
                title=_next_year_title(h.title, source.year, year),
                abbrev=h.abbrev,
            )
        for it in source.items.all():
            FilePlanItem.objects.create(
                plan=plan,
                heading=heading_map[it.heading_id],
                order=it.order,
                code=it.code,
                title=_next_year_title(it.title, source.year, year),
                retention_id=it.retention_id,
                creator_id=it.creator_id,
                note=it.note,
            )
        codes.renumber(plan)
        record(
            actor,
            "file_plan.copy",
            plan,
            after={**plan_state(plan), "source": source.pk, "items": plan.items.count()},
        )
    return plan


def set_code_scheme(actor: User, plan: FilePlan, code_scheme: str) -> FilePlan:
    """Switch between numbering across the plan and within each major heading."""
    with transaction.atomic():
        plan = locked(plan)
        failures = edit_failures(actor, plan)
        if code_scheme not in FilePlan.CodeScheme.values:
            failures.append("Cách đánh số hồ sơ không hợp lệ.")
        RuleViolation.check(failures)
        before = plan_state(plan)
        plan.code_scheme = code_scheme
        plan.save(update_fields=["code_scheme"])
        codes.renumber(plan)
        record(actor, "file_plan.code_scheme", plan, before=before, after=plan_state(plan))
    return plan


def approve_plan(actor: User, plan: FilePlan) -> FilePlan:
    """The head approves a draft plan that has at least one planned file."""
    with transaction.atomic():
        plan = locked(plan)
        failures = []
        if plan.state != FilePlan.State.DRAFT:
            by = plan.approved_by.get_username() if plan.approved_by else ""
            when = (
                timezone.localtime(plan.approved_at).strftime("%d/%m/%Y")
                if plan.approved_at
                else ""
            )
            failures.append(
                f"Danh mục hồ sơ này đã được duyệt"
                f"{f' ngày {when}' if when else ''}{f' (người duyệt: {by})' if by else ''}; "
                f"trạng thái hiện tại: {plan.get_state_display()}. Không cần duyệt lại."
            )
        if not can_approve_plan(actor, plan.org):
            failures.append(
                f"Chỉ lãnh đạo của “{plan.org.name}” (hoặc cấp trên) mới được duyệt danh mục hồ sơ."
            )
        if plan.state == FilePlan.State.DRAFT and not plan.items.exists():
            failures.append(
                "Danh mục chưa có hồ sơ nào: thêm ít nhất một hồ sơ trước khi trình duyệt."
            )
        RuleViolation.check(failures)
        before = plan_state(plan)
        plan.state = FilePlan.State.APPROVED
        plan.approved_by = actor
        plan.approved_at = timezone.now()
        plan.save(update_fields=["state", "approved_by", "approved_at"])
        record(actor, "file_plan.approve", plan, before=before, after=plan_state(plan))
    return plan


def issue_plan(
    actor: User, plan: FilePlan, *, decision_number: str, decision_date: dt.date | None
) -> FilePlan:
    """Issue an approved plan with its decision: from now on it is in force."""
    decision_number = nfc(decision_number).strip()
    with transaction.atomic():
        plan = locked(plan)
        failures = []
        if plan.state == FilePlan.State.DRAFT:
            failures.append("Danh mục chưa được lãnh đạo duyệt: cần duyệt trước khi ban hành.")
        elif plan.state == FilePlan.State.ISSUED:
            failures.append(
                f"Danh mục hồ sơ này đã được ban hành theo quyết định số {plan.decision_number}."
            )
        if not can_issue_plan(actor, plan.org):
            failures.append(
                "Chỉ lãnh đạo hoặc văn thư của cơ quan mới được ban hành danh mục hồ sơ."
            )
        if not decision_number:
            failures.append("Chưa nhập số quyết định ban hành danh mục.")
        elif len(decision_number) > 40:
            failures.append("Số quyết định dài quá 40 ký tự.")
        if decision_date is None:
            failures.append("Chưa nhập ngày quyết định ban hành.")
        elif decision_date > timezone.localdate():
            failures.append(f"Ngày quyết định {decision_date:%d/%m/%Y} ở tương lai.")
        RuleViolation.check(failures)
        before = plan_state(plan)
        plan.state = FilePlan.State.ISSUED
        plan.decision_number, plan.decision_date = decision_number, decision_date
        plan.issued_at = timezone.now()
        plan.save(update_fields=["state", "decision_number", "decision_date", "issued_at"])
        record(actor, "file_plan.issue", plan, before=before, after=plan_state(plan))
    return plan


__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "add_heading",
    "add_item",
    "approve_plan",
    "can_approve_plan",
    "can_edit_plan",
    "can_issue_plan",
    "copy_plan",
    "create_plan",
    "delete_heading",
    "delete_item",
    "issue_plan",
    "set_code_scheme",
    "update_item",
]
