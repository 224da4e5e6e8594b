"""Inspection workflow: plan, record findings with evidence, require fixes, follow up.

Each function is one user action in one transaction with its audit event, and
refuses with a ``RuleViolation`` naming every failed precondition in Vietnamese.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.filing.models import Dossier, FilePlan
from luutru.inspection.models import Check, ChecklistItem, EvidenceLink, Fix, Inspection
from luutru.orgs.models import Membership, Organization, Person, Role
from luutru.registry.models import Document


def may_inspect(actor, org: Organization) -> bool:
    """An inspector over ``org`` (at it or at a body above it)."""
    return has_role(actor, Role.INSPECTOR, org)


def _scope_failure(actor, org: Organization) -> list[str]:
    if may_inspect(actor, org):
        return []
    return [
        f"“{org.name}” không thuộc phạm vi kiểm tra của bạn: chỉ cán bộ có vai trò Kiểm tra "
        "tại cơ quan này hoặc cơ quan cấp trên mới được kiểm tra."
    ]


def checklist_in_force(day: dt.date):
    return ChecklistItem.objects.filter(valid_from__lte=day).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def _lock(inspection: Inspection) -> Inspection:
    return (
        Inspection.objects.select_for_update(of=("self",))
        .select_related("org")
        .get(pk=inspection.pk)
    )


def _open_failures(inspection: Inspection) -> list[str]:
    if inspection.status == Inspection.Status.CLOSED:
        return ["Đợt kiểm tra đã kết thúc: không sửa kết quả được nữa."]
    return []


def plan_inspection(
    actor,
    org: Organization,
    *,
    title: str,
    planned_on: dt.date | None,
    year: int | None,
    item_ids: list[int],
) -> Inspection:
    """Plan an inspection of ``org`` with the chosen checklist items (templates in force)."""
    failures = _scope_failure(actor, org)
    title = (title or "").strip()
    if not title:
        failures.append("Phải ghi tên đợt kiểm tra.")
    elif len(title) > 300:
        failures.append("Tên đợt kiểm tra dài quá 300 ký tự.")
    if planned_on is None:
        failures.append("Phải ghi ngày kiểm tra (dd/mm/yyyy).")
    elif planned_on < org.valid_from:
        failures.append(f"Ngày kiểm tra trước khi “{org.name}” được thành lập.")
    today = timezone.localdate()
    if year is None or year < org.valid_from.year or year > today.year:
        failures.append(
            f"Năm được kiểm tra phải từ {org.valid_from.year} đến {today.year} "
            f"(năm “{org.name}” còn hoạt động)."
        )
    items = list(checklist_in_force(planned_on or today).filter(pk__in=item_ids))
    if not items:
        failures.append(
            "Danh mục nội dung kiểm tra đang trống: chọn ít nhất một nội dung kiểm tra."
        )
    elif len(items) != len(set(item_ids)):
        failures.append("Có nội dung kiểm tra không còn hiệu lực vào ngày kiểm tra: chọn lại.")
    RuleViolation.check(failures)
    assert planned_on is not None and year is not None  # refused above when missing
    with transaction.atomic():
        inspection = Inspection.objects.create(
            org=org, title=title, planned_on=planned_on, year=year, created_by=actor
        )
        Check.objects.bulk_create(
            Check(
                inspection=inspection,
                item=item,
                order=i,
                code=item.code,
                title=item.title,
                legal_basis=item.legal_basis,
            )
            for i, item in enumerate(items, start=1)
        )
        record(
            actor,
            "inspection.plan",
            inspection,
            after={
                "title": title,
                "planned_on": planned_on,
                "year": year,
                "checklist": [i.code for i in items],
            },
        )
    return inspection


def record_finding(actor, check: Check, *, result: str, note: str) -> Check:
    """Record a checklist line's result (pass / fail / note) and the inspector's remark."""
    with transaction.atomic():
        inspection = _lock(check.inspection)
        check = Check.objects.get(pk=check.pk)
        failures = _scope_failure(actor, inspection.org) + _open_failures(inspection)
        note = clean_reason(note)
        if result not in (Check.Result.PASS, Check.Result.FAIL, Check.Result.NOTE):
            failures.append("Chọn kết quả: Đạt, Không đạt hoặc Có lưu ý.")
        if result in (Check.Result.FAIL, Check.Result.NOTE) and not note:
            failures.append(
                f"Nội dung {check.code}: kết quả “không đạt” hoặc “có lưu ý” phải ghi nhận xét."
            )
        RuleViolation.check(failures)
        before = {"result": check.result, "note": check.note}
        check.result, check.note = result, note
        check.decided_by, check.decided_at = actor, timezone.now()
        check.save()
        if inspection.status == Inspection.Status.PLANNED:
            inspection.status = Inspection.Status.IN_PROGRESS
            inspection.save(update_fields=["status"])
        record(
            actor,
            "inspection.finding",
            object_type="inspection",
            object_id=inspection.pk,
            org_id=inspection.org_id,
            before={"check": check.code, **before},
            after={"check": check.code, "result": result, "note": note},
        )
    return check


def _evidence_object(object_type: str, object_id: int) -> Dossier | Document | FilePlan | None:
    if object_type == "dossier":
        return Dossier.objects.filter(pk=object_id).first()
    if object_type == "document":
        return Document.objects.filter(pk=object_id).first()
    if object_type == "fileplan":
        return FilePlan.objects.filter(pk=object_id).first()
    return None


def add_evidence(actor, check: Check, *, object_type: str, object_id: int | None) -> EvidenceLink:
    """Link a dossier, document or file plan the inspector may see to a finding."""
    with transaction.atomic():
        inspection = _lock(check.inspection)
        failures = _scope_failure(actor, inspection.org) + _open_failures(inspection)
        obj = _evidence_object(object_type, object_id) if object_id else None
        if obj is None or not can_view(actor, obj, object_type):
            failures.append(
                f"Không tìm thấy {EvidenceLink.Type(object_type).label.lower() if object_type in EvidenceLink.Type.values else 'hồ sơ, văn bản'} "
                f"mã số {object_id or '(trống)'}, hoặc bạn không có quyền xem: chỉ dẫn chứng được những gì bạn xem được."
            )
        elif not obj.org.path.startswith(inspection.org.path):
            failures.append(
                f"Bằng chứng thuộc “{obj.org.name}”, không thuộc cơ quan được kiểm tra “{inspection.org.name}”."
            )
        elif EvidenceLink.objects.filter(
            check_line=check, object_type=object_type, object_id=obj.pk
        ).exists():
            failures.append("Bằng chứng này đã được gắn với nội dung kiểm tra.")
        RuleViolation.check(failures)
        assert object_id is not None  # refused above when missing
        link = EvidenceLink.objects.create(
            check_line=check, object_type=object_type, object_id=object_id, added_by=actor
        )
        record(
            actor,
            "inspection.evidence",
            object_type="inspection",
            object_id=inspection.pk,
            org_id=inspection.org_id,
            after={"check": check.code, "object_type": object_type, "object_id": object_id},
        )
    return link


def members_of(org: Organization, day: dt.date | None = None):
    """People with a current role in ``org`` (who may be made responsible for a fix)."""
    day = day or timezone.localdate()
    ids = (
        Membership.objects.filter(org=org, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .values("person")
    )
    return Person.objects.filter(pk__in=ids).order_by("full_name")


def require_fix(
    actor,
    inspection: Inspection,
    *,
    description: str,
    deadline: dt.date | None,
    responsible: Person | None,
    check: Check | None = None,
) -> Fix:
    """Require the inspected body to fix something by a deadline, naming who answers for it."""
    with transaction.atomic():
        inspection = _lock(inspection)
        failures = _scope_failure(actor, inspection.org) + _open_failures(inspection)
        description = (description or "").strip()
        if not description:
            failures.append("Phải ghi nội dung yêu cầu khắc phục.")
        elif len(description) > 500:
            failures.append("Nội dung yêu cầu khắc phục dài quá 500 ký tự.")
        today = timezone.localdate()
        if deadline is None:
            failures.append("Phải ghi hạn khắc phục (dd/mm/yyyy).")
        elif deadline < today:
            failures.append(
                f"Hạn khắc phục {deadline:%d/%m/%Y} đã qua: chọn một ngày từ hôm nay "
                f"({today:%d/%m/%Y}) trở đi."
            )
        if responsible is None:
            failures.append("Phải chọn người chịu trách nhiệm khắc phục.")
        elif not members_of(inspection.org).filter(pk=responsible.pk).exists():
            failures.append(
                f"{responsible.full_name} không làm việc tại “{inspection.org.name}”: chọn người "
                "của cơ quan được kiểm tra."
            )
        if check is not None and check.inspection_id != inspection.pk:
            failures.append("Nội dung kiểm tra không thuộc đợt kiểm tra này.")
        RuleViolation.check(failures)
        assert deadline is not None and responsible is not None  # refused above when missing
        fix = Fix.objects.create(
            inspection=inspection,
            check_line=check,
            description=description,
            deadline=deadline,
            responsible=responsible,
            created_by=actor,
        )
        record(
            actor,
            "inspection.fix.require",
            fix,
            org_id=inspection.org_id,
            after={
                "inspection": inspection.pk,
                "description": description,
                "deadline": deadline,
                "responsible": responsible.pk,
            },
        )
    return fix


def _may_report_fix(actor, fix: Fix) -> bool:
    person = getattr(actor, "person", None)
    return (person is not None and person.pk == fix.responsible_id) or has_role(
        actor, Role.HEAD, fix.inspection.org
    )


def mark_fix_done(actor, fix: Fix, *, note: str) -> Fix:
    """The responsible person (or the body's head) reports the fix done."""
    with transaction.atomic():
        fix = (
            Fix.objects.select_for_update(of=("self",))
            .select_related("inspection__org")
            .get(pk=fix.pk)
        )
        failures = []
        if not _may_report_fix(actor, fix):
            failures.append(
                "Chỉ người chịu trách nhiệm hoặc lãnh đạo cơ quan được kiểm tra mới báo cáo "
                "đã khắc phục."
            )
        if fix.status != Fix.Status.OPEN:
            failures.append(f"Yêu cầu này đã ở trạng thái “{fix.get_status_display()}”.")
        note = clean_reason(note)
        if not note:
            failures.append("Phải ghi kết quả khắc phục (đã làm gì).")
        RuleViolation.check(failures)
        fix.status, fix.done_note, fix.done_by, fix.done_at = (
            Fix.Status.DONE,
            note[:500],
            actor,
            timezone.now(),
        )
        fix.save()
        record(
            actor,
            "inspection.fix.done",
            fix,
            org_id=fix.inspection.org_id,
            before={"status": Fix.Status.OPEN},
            after={"status": fix.status, "note": fix.done_note},
        )
    return fix


def verify_fix(actor, fix: Fix, *, accept: bool) -> Fix:
    """The inspector confirms the fix, or sends it back open."""
    with transaction.atomic():
        fix = (
            Fix.objects.select_for_update(of=("self",))
            .select_related("inspection__org")
            .get(pk=fix.pk)
        )
        failures = _scope_failure(actor, fix.inspection.org)
        if fix.status != Fix.Status.DONE:
            failures.append("Chỉ xác nhận được yêu cầu đã được báo cáo khắc phục.")
        RuleViolation.check(failures)
        before = fix.status
        if accept:
            fix.status, fix.verified_by, fix.verified_at = (
                Fix.Status.VERIFIED,
                actor,
                timezone.now(),
            )
        else:
            fix.status = Fix.Status.OPEN
        fix.save()
        record(
            actor,
            "inspection.fix.verify" if accept else "inspection.fix.reopen",
            fix,
            org_id=fix.inspection.org_id,
            before={"status": before},
            after={"status": fix.status},
        )
    return fix


def close_inspection(actor, inspection: Inspection, *, conclusion: str) -> Inspection:
    """End the inspection with a conclusion; every checklist line must have a result."""
    with transaction.atomic():
        inspection = _lock(inspection)
        failures = _scope_failure(actor, inspection.org) + _open_failures(inspection)
        pending = list(
            inspection.checks.filter(result=Check.Result.PENDING).values_list("code", flat=True)
        )
        if pending:
            failures.append("Còn nội dung chưa kiểm tra: " + ", ".join(pending) + ".")
        conclusion = (conclusion or "").strip()
        if not conclusion:
            failures.append("Phải ghi kết luận kiểm tra.")
        RuleViolation.check(failures)
        inspection.status, inspection.conclusion = Inspection.Status.CLOSED, conclusion
        inspection.closed_at = timezone.now()
        inspection.save()
        record(actor, "inspection.close", inspection, after={"conclusion": conclusion})
    return inspection
