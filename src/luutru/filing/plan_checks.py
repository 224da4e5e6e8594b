"""Who may change a file plan and the named checks its services share (year, fonds,
titles, retention, headings, creator), each returning its failures in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from luutru.access.policy import has_role
from luutru.core.errors import RuleViolation
from luutru.filing import codes
from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem
from luutru.orgs.models import Organization, Person, Role
from luutru.orgs.services import ensure_fonds_open
from luutru.rules.models import RetentionRule

MIN_YEAR, MAX_YEAR = 1930, 2100

# ---------------------------------------------------------------- permissions


def can_edit_plan(actor: User | AnonymousUser | None, org: Organization) -> bool:
    """Officials and clerks of the body draft its plan; heads and archivists
    above it may too."""
    return (
        has_role(actor, Role.OFFICIAL, org, reach_down=False)
        or has_role(actor, Role.CLERK, org, reach_down=False)
        or has_role(actor, Role.HEAD, org)
        or has_role(actor, Role.ARCHIVIST, org)
    )


def can_approve_plan(actor: User | AnonymousUser | None, org: Organization) -> bool:
    return has_role(actor, Role.HEAD, org)


def can_issue_plan(actor: User | AnonymousUser | None, org: Organization) -> bool:
    return has_role(actor, Role.HEAD, org) or has_role(actor, Role.CLERK, org, reach_down=False)


def edit_failures(actor: User | AnonymousUser | None, plan: FilePlan) -> list[str]:
    failures = []
    if plan.state != FilePlan.State.DRAFT:
        failures.append(
            f"Danh mục hồ sơ năm {plan.year} đã ở trạng thái “{plan.get_state_display()}”: "
            "không thể sửa, thêm hay xóa nữa. Danh mục chỉ sửa được khi còn là dự thảo."
        )
    if not can_edit_plan(actor, plan.org):
        failures.append(f"Bạn không có quyền soạn danh mục hồ sơ của “{plan.org.name}”.")
    return failures


def locked(plan: FilePlan) -> FilePlan:
    return FilePlan.objects.select_for_update().select_related("org").get(pk=plan.pk)


def plan_state(plan: FilePlan) -> dict[str, Any]:
    return {
        "state": plan.state,
        "year": plan.year,
        "code_scheme": plan.code_scheme,
        "decision_number": plan.decision_number,
        "decision_date": plan.decision_date,
    }


def item_state(item: FilePlanItem) -> dict[str, Any]:
    return {
        "code": item.code,
        "title": item.title,
        "heading": item.heading_id,
        "retention": item.retention_id,
        "creator": item.creator_id,
        "note": item.note,
    }


# ---------------------------------------------------------------- validation


def year_failures(org: Organization, year: object) -> list[str]:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        return [f"Năm của danh mục phải là một năm từ {MIN_YEAR} đến {MAX_YEAR}."]
    existing = FilePlan.objects.filter(org=org, year=year).first()
    if existing is not None:
        return [
            f"“{org.name}” đã có danh mục hồ sơ năm {year} "
            f"(trạng thái: {existing.get_state_display()}). Mở danh mục đó để sửa."
        ]
    return []


def fonds_failures(org: Organization, year: int) -> list[str]:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        return []
    try:
        # A plan for a year the body still worked in is allowed; one for a
        # year after its fonds closed is not.
        ensure_fonds_open(org, dt.date(year, 1, 1))
    except RuleViolation as e:
        return e.messages
    return []


def title_failures(title: str, label: str, limit: int) -> list[str]:
    if not title:
        return [f"Chưa nhập {label}."]
    if len(title) > limit:
        return [f"{label[:1].upper()}{label[1:]} dài {len(title)} ký tự, tối đa {limit} ký tự."]
    return []


def retention_failures(plan_org: Organization, retention: object) -> list[str]:
    if retention is None:
        return ["Chưa chọn thời hạn bảo quản."]
    if (
        not isinstance(retention, RetentionRule)
        or retention.profile.fonds_system != plan_org.fonds_system
    ):
        return ["Thời hạn bảo quản đã chọn không thuộc bảng thời hạn áp dụng cho cơ quan này."]
    return []


def heading_failures(
    plan: FilePlan, title: str, abbrev: str, parent: FilePlanHeading | None
) -> list[str]:
    failures = title_failures(title, "tên đề mục", 300)
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


def creator_failures(creator: object) -> list[str]:
    if creator is not None and not isinstance(creator, Person):
        return ["Người lập hồ sơ không hợp lệ."]
    return []
