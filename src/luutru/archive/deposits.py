"""Making and sending a deposit (nộp lưu): the body lists its finished dossiers in
a draft, sends it to its archive, or drops the draft.

Each function is one user action: one transaction, its audit events, and a
``RuleViolation`` naming every failed precondition in Vietnamese.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.archive.labels import dossier_label, hidden_label, natural_key
from luutru.archive.lifecycle import DEPOSITABLE
from luutru.archive.models import Deposit, DepositItem
from luutru.archive.rights import depositor_failures
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.filing.deposit import AWAITING_DEPOSIT, must_deposit
from luutru.filing.lifecycle import HELD, transition
from luutru.filing.models import Dossier, DossierStatus
from luutru.orgs.models import Organization
from luutru.rules.book import rulebook

# A dossier listed in a deposit in one of these states may not be deposited again
# (unless the archive returned that dossier).
ACTIVE_DEPOSIT_STATUSES = (
    Deposit.Status.DRAFT,
    Deposit.Status.SUBMITTED,
    Deposit.Status.CHECKED,
    Deposit.Status.ACCEPTED,
)
DEPOSITABLE_STATUSES = tuple(sorted(DEPOSITABLE))
# Finished and not yet handed to the archive: what the deadline lists and the
# compliance figures count as due (a returned dossier is still due, and overdue
# once its date passed, until it is deposited again).
AWAITING_DEPOSIT_STATUSES = tuple(sorted(AWAITING_DEPOSIT))


def active_item_for(dossier: Dossier, exclude_deposit_id: int | None = None) -> DepositItem | None:
    """The deposit line that holds ``dossier`` now (draft to accepted, not returned)."""
    qs = (
        DepositItem.objects.filter(dossier=dossier, deposit__status__in=ACTIVE_DEPOSIT_STATUSES)
        .exclude(outcome=DepositItem.Outcome.RETURNED)
        .select_related("deposit")
    )
    if exclude_deposit_id is not None:
        qs = qs.exclude(deposit_id=exclude_deposit_id)
    return qs.first()


def _status_refusals(dossier: Dossier, label: str) -> list[str]:
    s = dossier.status
    if s in DEPOSITABLE:
        return []
    if s == DossierStatus.OPEN:
        return [f"{label} đang mở: phải kết thúc hồ sơ trước khi nộp lưu."]
    if s == DossierStatus.RETURNED:
        return [
            f"{label} đã bị lưu trữ trả lại: phải bổ sung, sửa theo lý do trả lại và "
            "kết thúc lại hồ sơ trước khi nộp lưu."
        ]
    if s == DossierStatus.SUBMITTED:
        return [f"{label} đã được gửi nộp lưu, đang chờ lưu trữ tiếp nhận."]
    if s in HELD:
        return [f"{label} đã được nộp lưu trước đây: không nộp lưu lần nữa."]
    return [f"{label} đang ở trạng thái “{dossier.get_status_display()}”: không nộp lưu được."]


def _retention_refusals(dossier: Dossier, label: str) -> list[str]:
    book = rulebook()
    if must_deposit(dossier, book):
        return []
    profile = book.profile(dossier.org, dossier.end_date)
    if profile is None:
        return [
            f"{label}: chưa có bộ quy tắc nào áp dụng cho “{dossier.org.name}” nên chưa biết "
            "hồ sơ có phải nộp lưu không. Đề nghị quản trị viên bổ sung trong mục Quy tắc."
        ]
    return [
        f"{label} có thời hạn bảo quản {dossier.retention.label}: chỉ nộp lưu hồ sơ có thời "
        f"hạn bảo quản từ {profile.deposit_min_years} năm trở lên ({profile.name})."
    ]


def dossier_checks(
    actor: User, org: Organization, dossier: Dossier, *, deposit_id: int | None = None
) -> list[str]:
    """Every reason ``dossier`` cannot go into a deposit of ``org``."""
    if not can_view(actor, dossier):
        return [
            f"{hidden_label(dossier.pk)}: không tìm thấy hoặc bạn không có quyền xem hồ sơ này."
        ]
    label = dossier_label(dossier)
    failures: list[str] = []
    if dossier.org_id != org.pk:
        failures.append(
            f"{label} thuộc “{dossier.org.name}”, không thuộc “{org.name}”: "
            "mỗi cơ quan chỉ nộp lưu hồ sơ của mình."
        )
    failures += _status_refusals(dossier, label)
    existing = active_item_for(dossier, exclude_deposit_id=deposit_id)
    if existing is not None:
        failures.append(
            f"{label} đã có trong đợt nộp lưu “{existing.deposit.short_label}” "
            f"({existing.deposit.get_status_display().lower()}): không nộp lưu hai lần."
        )
    failures += _retention_refusals(dossier, label)
    return failures


def snapshot(deposit: Deposit) -> dict[str, Any]:
    """The deposit as its audit events record it."""
    return {
        "status": deposit.status,
        "items": [
            {"dossier": i.dossier_id, "position": i.position, "outcome": i.outcome}
            for i in deposit.items.order_by("position")
        ],
    }


def lock_deposit(deposit: Deposit) -> Deposit:
    """The deposit row, locked; who decided is read after the lock is held."""
    return (
        Deposit.objects.select_for_update(of=("self",))
        .select_related("org", "archive_org")
        .get(pk=deposit.pk)
    )


def create_deposit(
    actor: User, org: Organization, dossiers: Iterable[Dossier], *, note: str = ""
) -> Deposit:
    """Put closed dossiers of ``org`` into a draft deposit for its archive, listed in order."""
    with transaction.atomic():
        ids = list(dict.fromkeys(d.pk for d in dossiers))
        if not ids:
            raise RuleViolation("Chưa chọn hồ sơ nào: hãy đánh dấu các hồ sơ cần nộp lưu.")
        # The body's row lock serializes numbering: two deposits never share a number.
        org = Organization.objects.select_for_update().get(pk=org.pk)
        failures: list[str] = depositor_failures(actor, org)
        locked = list(
            Dossier.objects.select_for_update(of=("self",))
            .filter(pk__in=ids)
            .select_related("org", "retention", "retention__profile")
        )
        by_id = {d.pk: d for d in locked}
        for pk in ids:
            if pk not in by_id:
                failures.append(f"{hidden_label(pk)}: không tìm thấy.")
                continue
            failures += dossier_checks(actor, org, by_id[pk])
        RuleViolation.check(failures)
        ordered = sorted(locked, key=lambda d: (d.file_catalog, natural_key(d.file_notation), d.pk))
        year = timezone.localdate().year
        last = Deposit.objects.filter(org=org, year=year).aggregate(n=Max("number"))["n"]
        deposit = Deposit.objects.create(
            org=org,
            archive_org=org.receiving_archive,
            year=year,
            number=(last or 0) + 1,
            note=(note or "").strip()[:500],
            created_by=actor,
        )
        DepositItem.objects.bulk_create(
            DepositItem(deposit=deposit, dossier=d, position=n) for n, d in enumerate(ordered, 1)
        )
        record(actor, "deposit.create", deposit, after=snapshot(deposit))
        return deposit


def submit_deposit(actor: User, deposit: Deposit) -> Deposit:
    """Send a draft deposit to the archive; its dossiers become read-only (submitted)."""
    with transaction.atomic():
        deposit = lock_deposit(deposit)
        failures: list[str] = []
        if not can_view(actor, deposit):
            raise RuleViolation("Bạn không có quyền gửi đợt nộp lưu này.")
        if deposit.status != Deposit.Status.DRAFT:
            failures.append(
                f"Đợt nộp lưu này đã ở trạng thái “{deposit.get_status_display()}”: "
                "chỉ gửi được đợt nộp lưu đang ở dạng dự thảo."
            )
            raise RuleViolation(*failures)
        failures += depositor_failures(actor, deposit.org)
        items = list(deposit.items.select_related("dossier", "dossier__org", "dossier__retention"))
        if not items:
            failures.append("Đợt nộp lưu chưa có hồ sơ nào.")
        dossiers = list(
            Dossier.objects.select_for_update(of=("self",))
            .filter(pk__in=[i.dossier_id for i in items])
            .select_related("org", "retention")
        )
        for d in dossiers:
            failures += dossier_checks(actor, deposit.org, d, deposit_id=deposit.pk)
        RuleViolation.check(failures)
        before = snapshot(deposit)
        transition(actor, dossiers, "submit", after={"deposit": deposit.pk})
        deposit.status = Deposit.Status.SUBMITTED
        deposit.submitted_at = timezone.now()
        deposit.submitted_by = actor
        deposit.save(update_fields=["status", "submitted_at", "submitted_by"])
        record(actor, "deposit.submit", deposit, before=before, after=snapshot(deposit))
        return deposit


def delete_draft_deposit(actor: User, deposit: Deposit) -> None:
    """Drop a draft deposit (never sent): its dossiers are free to be deposited again."""
    with transaction.atomic():
        deposit = lock_deposit(deposit)
        failures = []
        if deposit.status != Deposit.Status.DRAFT:
            failures.append("Chỉ hủy được đợt nộp lưu còn là dự thảo (chưa gửi).")
        if not (deposit.created_by_id == actor.pk or has_role(actor, "head", deposit.org)):
            failures.append("Chỉ người lập hoặc lãnh đạo cơ quan mới được hủy đợt nộp lưu này.")
        RuleViolation.check(failures)
        before = snapshot(deposit)
        pk, org_id = deposit.pk, deposit.org_id
        deposit.items.all().delete()
        deposit.delete()
        record(
            actor,
            "deposit.delete",
            object_type="deposit",
            object_id=pk,
            org_id=org_id,
            before=before,
        )
