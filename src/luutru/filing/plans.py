"""File plan services (danh mục hồ sơ): draft → approved (by the head) → issued.

Every function is one user action: one transaction, one audit event, and a
``RuleViolation`` naming every failed precondition in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from luutru.access.policy import has_role
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.vn import nfc
from luutru.filing import codes
from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem
from luutru.orgs.models import Organization, Person, Role
from luutru.orgs.services import ensure_fonds_open
from luutru.rules.models import RetentionRule

MIN_YEAR, MAX_YEAR = 1930, 2100


# ---------------------------------------------------------------- permissions


def can_edit_plan(actor, org: Organization) -> bool:
    """Officials and clerks of the body draft its plan; heads and archivists
    above it may too."""
    return (
        has_role(actor, Role.OFFICIAL, org, reach_down=False)
        or has_role(actor, Role.CLERK, org, reach_down=False)
        or has_role(actor, Role.HEAD, org)
        or has_role(actor, Role.ARCHIVIST, org)
    )


def can_approve_plan(actor, org: Organization) -> bool:
    return has_role(actor, Role.HEAD, org)


def can_issue_plan(actor, org: Organization) -> bool:
    return has_role(actor, Role.HEAD, org) or has_role(actor, Role.CLERK, org, reach_down=False)


def _edit_failures(actor, plan: FilePlan) -> list[str]:
    failures = []
    if plan.state != FilePlan.State.DRAFT:
        failures.append(
            f"Danh mục hồ sơ năm {plan.year} đã ở trạng thái “{plan.get_state_display()}”: "
            "không thể sửa, thêm hay xóa nữa. Danh mục chỉ sửa được khi còn là dự thảo."
        )
    if not can_edit_plan(actor, plan.org):
        failures.append(f"Bạn không có quyền soạn danh mục hồ sơ của “{plan.org.name}”.")
    return failures


def _locked(plan: FilePlan) -> FilePlan:
    return FilePlan.objects.select_for_update().select_related("org").get(pk=plan.pk)


def _plan_state(plan: FilePlan) -> dict:
    return {
        "state": plan.state,
        "year": plan.year,
        "code_scheme": plan.code_scheme,
        "decision_number": plan.decision_number,
        "decision_date": plan.decision_date,
    }


def _item_state(item: FilePlanItem) -> dict:
    return {
        "code": item.code,
        "title": item.title,
        "heading": item.heading_id,
        "retention": item.retention_id,
        "creator": item.creator_id,
        "note": item.note,
    }


# ---------------------------------------------------------------- validation


def _year_failures(org: Organization, year) -> list[str]:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        return [f"Năm của danh mục phải là một năm từ {MIN_YEAR} đến {MAX_YEAR}."]
    existing = FilePlan.objects.filter(org=org, year=year).first()
    if existing is not None:
        return [
            f"“{org.name}” đã có danh mục hồ sơ năm {year} "
            f"(trạng thái: {existing.get_state_display()}). Mở danh mục đó để sửa."
        ]
    return []


def _fonds_failures(org: Organization, year: int) -> list[str]:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        return []
    try:
        # A plan for a year the body still worked in is allowed; one for a
        # year after its fonds closed is not.
        ensure_fonds_open(org, dt.date(year, 1, 1))
    except RuleViolation as e:
        return e.messages
    return []


def _title_failures(title: str, label: str, limit: int) -> list[str]:
    if not title:
        return [f"Chưa nhập {label}."]
    if len(title) > limit:
        return [f"{label[:1].upper()}{label[1:]} dài {len(title)} ký tự, tối đa {limit} ký tự."]
    return []


def _retention_failures(plan_org: Organization, retention) -> list[str]:
    if retention is None:
        return ["Chưa chọn thời hạn bảo quản."]
    if (
        not isinstance(retention, RetentionRule)
        or retention.profile.fonds_system != plan_org.fonds_system
    ):
        return ["Thời hạn bảo quản đã chọn không thuộc bảng thời hạn áp dụng cho cơ quan này."]
    return []


def _heading_failures(plan: FilePlan, title: str, abbrev: str, parent) -> list[str]:
    failures = _title_failures(title, "tên đề mục", 300)
    if parent is not None:
        if parent.plan_id != plan.pk:
            failures.append("Đề mục cha không thuộc danh mục này.")
        elif parent.parent_id is not None:
            failures.append(
                "Chỉ chia hai cấp: đề mục lớn (số La Mã) và đề mục nhỏ (số Ả Rập). "
                "Hãy chọn một đề mục lớn làm đề mục cha."
            )
        if abbrev and not codes.ABBREV_RE.match(abbrev):
            failures.append(
                f"Chữ viết tắt “{abbrev}” không hợp lệ: chỉ dùng chữ in hoa, chữ số, dấu gạch ngang, tối đa 16 ký tự."
            )
        return failures
    if not abbrev:
        failures.append(
            "Đề mục lớn cần chữ viết tắt (ví dụ: VP, TCCB) để ghép vào số và ký hiệu hồ sơ."
        )
    elif not codes.ABBREV_RE.match(abbrev):
        failures.append(
            f"Chữ viết tắt “{abbrev}” không hợp lệ: chỉ dùng chữ in hoa, chữ số, dấu gạch ngang, tối đa 16 ký tự."
        )
    elif plan.headings.filter(parent__isnull=True, abbrev=abbrev).exists():
        failures.append(
            f"Chữ viết tắt “{abbrev}” đã dùng cho một đề mục lớn khác trong danh mục này."
        )
    return failures


def _creator_failures(creator) -> list[str]:
    if creator is not None and not isinstance(creator, Person):
        return ["Người lập hồ sơ không hợp lệ."]
    return []


# ---------------------------------------------------------------- plan


def create_plan(
    actor, org: Organization, year: int, *, code_scheme: str = codes.ACROSS_PLAN
) -> FilePlan:
    """Start an empty draft file plan for ``org`` and ``year``."""
    failures = _year_failures(org, year) + _fonds_failures(org, year)
    if not can_edit_plan(actor, org):
        failures.append(f"Bạn không có quyền lập danh mục hồ sơ của “{org.name}”.")
    if code_scheme not in FilePlan.CodeScheme.values:
        failures.append("Cách đánh số hồ sơ không hợp lệ.")
    RuleViolation.check(failures)
    with transaction.atomic():
        plan = FilePlan.objects.create(org=org, year=year, code_scheme=code_scheme)
        record(actor, "file_plan.create", plan, after=_plan_state(plan))
    return plan


def _next_year_title(title: str, old: int, new: int) -> str:
    return re.sub(rf"{old}$", str(new), title) if title.rstrip().endswith(str(old)) else title


def copy_plan(actor, source: FilePlan, year: int) -> FilePlan:
    """Start a new draft from ``source``: same headings and items, titles
    ending in the old year moved to the new one."""
    org = source.org
    failures = _year_failures(org, year) + _fonds_failures(org, year)
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
                parent=heading_map.get(h.parent_id),
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
            after={**_plan_state(plan), "source": source.pk, "items": plan.items.count()},
        )
    return plan


def set_code_scheme(actor, plan: FilePlan, code_scheme: str) -> FilePlan:
    """Switch between numbering across the plan and within each major heading."""
    with transaction.atomic():
        plan = _locked(plan)
        failures = _edit_failures(actor, plan)
        if code_scheme not in FilePlan.CodeScheme.values:
            failures.append("Cách đánh số hồ sơ không hợp lệ.")
        RuleViolation.check(failures)
        before = _plan_state(plan)
        plan.code_scheme = code_scheme
        plan.save(update_fields=["code_scheme"])
        codes.renumber(plan)
        record(actor, "file_plan.code_scheme", plan, before=before, after=_plan_state(plan))
    return plan


def add_heading(
    actor, plan: FilePlan, *, title: str, abbrev: str = "", parent: FilePlanHeading | None = None
) -> FilePlanHeading:
    """Add a major heading (Roman numeral) or, under ``parent``, a sub-heading."""
    title, abbrev = nfc(title).strip(), nfc(abbrev).strip().upper()
    with transaction.atomic():
        plan = _locked(plan)
        RuleViolation.check(
            _edit_failures(actor, plan) + _heading_failures(plan, title, abbrev, parent)
        )
        siblings = plan.headings.filter(parent=parent)
        order = (siblings.aggregate(m=Max("order"))["m"] or 0) + 1
        heading = FilePlanHeading.objects.create(
            plan=plan, parent=parent, order=order, title=title, abbrev=abbrev
        )
        record(
            actor,
            "file_plan.add_heading",
            heading,
            org_id=plan.org_id,
            after={
                "plan": plan.pk,
                "title": title,
                "abbrev": abbrev,
                "parent": parent and parent.pk,
            },
        )
    return heading


def add_item(
    actor,
    plan: FilePlan,
    heading: FilePlanHeading,
    *,
    title: str,
    retention: RetentionRule,
    creator: Person | None = None,
    note: str = "",
) -> FilePlanItem:
    """Add a planned file at the end of ``heading``; codes are renumbered."""
    title, note = nfc(title).strip(), nfc(note).strip()
    with transaction.atomic():
        plan = _locked(plan)
        failures = _edit_failures(actor, plan)
        if heading is None or heading.plan_id != plan.pk:
            failures.append("Chưa chọn đề mục thuộc danh mục này cho hồ sơ.")
        failures += _title_failures(title, "tiêu đề hồ sơ", 500)
        failures += _retention_failures(plan.org, retention)
        failures += _creator_failures(creator)
        if len(note) > 300:
            failures.append(f"Ghi chú dài {len(note)} ký tự, tối đa 300 ký tự.")
        RuleViolation.check(failures)
        last = plan.items.aggregate(m=Max("order"))["m"] or 0
        item = FilePlanItem.objects.create(
            plan=plan,
            heading=heading,
            order=last + 1,
            code=f"~new{last + 1}",
            title=title,
            retention=retention,
            creator=creator,
            note=note,
        )
        codes.renumber(plan)
        item.refresh_from_db()
        record(actor, "file_plan.add_item", item, org_id=plan.org_id, after=_item_state(item))
    return item


_UNSET = object()


def update_item(
    actor,
    item: FilePlanItem,
    *,
    title: str | None = None,
    retention=None,
    creator=_UNSET,
    note: str | None = None,
    heading: FilePlanHeading | None = None,
) -> FilePlanItem:
    """Change a planned file while its plan is a draft (moving it renumbers)."""
    with transaction.atomic():
        plan = _locked(item.plan)
        item = FilePlanItem.objects.select_for_update().get(pk=item.pk)
        failures = _edit_failures(actor, plan)
        new_title = item.title if title is None else nfc(title).strip()
        new_note = item.note if note is None else nfc(note).strip()
        failures += _title_failures(new_title, "tiêu đề hồ sơ", 500)
        if retention is not None:
            failures += _retention_failures(plan.org, retention)
        if creator is not _UNSET:
            failures += _creator_failures(creator)
        if heading is not None and heading.plan_id != plan.pk:
            failures.append("Đề mục đã chọn không thuộc danh mục này.")
        if len(new_note) > 300:
            failures.append(f"Ghi chú dài {len(new_note)} ký tự, tối đa 300 ký tự.")
        RuleViolation.check(failures)
        before = _item_state(item)
        item.title, item.note = new_title, new_note
        if retention is not None:
            item.retention = retention
        if creator is not _UNSET:
            item.creator = creator
        if heading is not None and heading.pk != item.heading_id:
            item.heading = heading
            item.order = (plan.items.aggregate(m=Max("order"))["m"] or 0) + 1
        item.save()
        codes.renumber(plan)
        item.refresh_from_db()
        record(
            actor,
            "file_plan.update_item",
            item,
            org_id=plan.org_id,
            before=before,
            after=_item_state(item),
        )
    return item


def delete_item(actor, item: FilePlanItem) -> None:
    """Remove a planned file from a draft plan; the others are renumbered."""
    with transaction.atomic():
        plan = _locked(item.plan)
        failures = _edit_failures(actor, plan)
        if item.dossiers.exists():
            failures.append(f"Đã có hồ sơ được mở từ mục “{item.code}”: không thể xóa mục này.")
        RuleViolation.check(failures)
        before = _item_state(item)
        pk = item.pk
        item.delete()
        codes.renumber(plan)
        record(
            actor,
            "file_plan.delete_item",
            object_type="fileplanitem",
            object_id=pk,
            org_id=plan.org_id,
            before=before,
        )


def delete_heading(actor, heading: FilePlanHeading) -> None:
    """Remove an empty heading from a draft plan."""
    with transaction.atomic():
        plan = _locked(heading.plan)
        failures = _edit_failures(actor, plan)
        if heading.items.exists() or heading.children.exists():
            failures.append(
                f"Đề mục “{heading.title}” còn hồ sơ hoặc đề mục con: hãy xóa hoặc chuyển chúng trước."
            )
        RuleViolation.check(failures)
        before = {"title": heading.title, "abbrev": heading.abbrev, "parent": heading.parent_id}
        pk, parent = heading.pk, heading.parent
        heading.delete()
        for order, h in enumerate(
            plan.headings.filter(parent=parent).order_by("order", "pk"), start=1
        ):
            if h.order != order:
                FilePlanHeading.objects.filter(pk=h.pk).update(order=order)
        codes.renumber(plan)
        record(
            actor,
            "file_plan.delete_heading",
            object_type="fileplanheading",
            object_id=pk,
            org_id=plan.org_id,
            before=before,
        )


def approve_plan(actor, plan: FilePlan) -> FilePlan:
    """The head approves a draft plan that has at least one planned file."""
    with transaction.atomic():
        plan = _locked(plan)
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
        before = _plan_state(plan)
        plan.state = FilePlan.State.APPROVED
        plan.approved_by = actor
        plan.approved_at = timezone.now()
        plan.save(update_fields=["state", "approved_by", "approved_at"])
        record(actor, "file_plan.approve", plan, before=before, after=_plan_state(plan))
    return plan


def issue_plan(
    actor, plan: FilePlan, *, decision_number: str, decision_date: dt.date | None
) -> FilePlan:
    """Issue an approved plan with its decision: from now on it is in force."""
    decision_number = nfc(decision_number).strip()
    with transaction.atomic():
        plan = _locked(plan)
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
        before = _plan_state(plan)
        plan.state = FilePlan.State.ISSUED
        plan.decision_number, plan.decision_date = decision_number, decision_date
        plan.issued_at = timezone.now()
        plan.save(update_fields=["state", "decision_number", "decision_date", "issued_at"])
        record(actor, "file_plan.issue", plan, before=before, after=_plan_state(plan))
    return plan
