"""Deposits into the current archive (nộp lưu), acceptance or return, keep-backs.

Each function is one user action: one transaction, one or more audit events,
and a ``RuleViolation`` naming every failed precondition in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Max, Min, Sum
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.archive.models import Deposit, DepositItem, HandoverRecord, KeepBack
from luutru.archive.signals import dossier_returned
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.filing.lifecycle import transition
from luutru.filing.models import Dossier, DossierStatus
from luutru.orgs.models import Organization, Role
from luutru.registry.models import Document
from luutru.rules.queries import add_months, deposit_due, profile_in_force

# A dossier listed in a deposit in one of these states may not be deposited again
# (unless the archive returned that dossier).
ACTIVE_DEPOSIT_STATUSES = (
    Deposit.Status.DRAFT,
    Deposit.Status.SUBMITTED,
    Deposit.Status.CHECKED,
    Deposit.Status.ACCEPTED,
)
DEPOSITABLE_STATUSES = (DossierStatus.CLOSED, DossierStatus.KEPT_BACK)
# Finished and not yet handed to the archive: what the deadline lists and the
# compliance figures count as due (a returned dossier is still due, and overdue
# once its date passed, until it is deposited again).
AWAITING_DEPOSIT_STATUSES = (*DEPOSITABLE_STATUSES, DossierStatus.RETURNED)
# Members of a body who may put its dossiers in a deposit and send it: those who
# keep its records. An inspector or a reader of the body watches; they do not deposit.
DEPOSITOR_ROLES = (Role.OFFICIAL, Role.CLERK, Role.HEAD, Role.ARCHIVIST)


# ---------------------------------------------------------------- helpers


def dossier_label(dossier: Dossier) -> str:
    """“Hồ sơ 01.VP “Title”” – used in messages to people who may see the dossier."""
    return f"Hồ sơ {dossier.file_notation} “{dossier.title}”"


def hidden_label(dossier_id: int) -> str:
    return f"Hồ sơ mã số {dossier_id}"


def natural_key(text: str) -> tuple:
    """Sort “2.VP” before “10.VP”."""
    return tuple(int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text or ""))


def due_date(dossier: Dossier) -> dt.date | None:
    """Deposit deadline from the rules; a kept-back dossier is due when its keep-back
    ends (never before the rules' date: compliance counts it the same way)."""
    due = rule_due_date(dossier)
    if dossier.status == DossierStatus.KEPT_BACK and dossier.kept_back_until:
        return max(d for d in (due, dossier.kept_back_until) if d is not None)
    return due


def rule_due_date(dossier: Dossier) -> dt.date | None:
    """Deposit deadline from the rules: the profile's delay after the work ends."""
    if dossier.end_date is None:
        return None
    return deposit_due(dossier.org, dossier.end_date)


def must_be_deposited(dossier: Dossier) -> bool:
    """Retention at least the profile's deposit minimum (default 5 years)."""
    profile = profile_in_force(dossier.org, dossier.end_date)
    return dossier.retention.at_least_years(profile.deposit_min_years)


def may_deposit(actor, org: Organization) -> bool:
    """Is ``actor`` a member of ``org`` who may deposit its dossiers (not of a body above it)?"""
    return any(has_role(actor, r, org, reach_down=False) for r in DEPOSITOR_ROLES)


def may_accept(actor, deposit: Deposit) -> bool:
    """Only the body's archive decides: an archivist of the body itself or of the body
    holding its archive (or above it), and never the person who submitted the deposit."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if deposit.submitted_by_id is not None and deposit.submitted_by_id == actor.pk:
        return False
    return _serves_archive(actor, deposit)


def _serves_archive(actor, deposit: Deposit) -> bool:
    # The archive that receives it (and, as the design has it, the archive above it that
    # the receiving archive answers to), or an archivist of the depositing body itself.
    return has_role(actor, Role.ARCHIVIST, deposit.archive_org) or has_role(
        actor, Role.ARCHIVIST, deposit.org, reach_down=False
    )


def _depositor_failure(actor, org: Organization) -> list[str]:
    if may_deposit(actor, org):
        return []
    return [
        f"Chỉ cán bộ, văn thư, lãnh đạo hoặc lưu trữ viên của “{org.name}” mới được nộp lưu "
        "hồ sơ của cơ quan này: bạn không phải là thành viên của cơ quan đó."
    ]


def active_item_for(dossier: Dossier, exclude_deposit_id: int | None = None) -> DepositItem | None:
    qs = (
        DepositItem.objects.filter(dossier=dossier, deposit__status__in=ACTIVE_DEPOSIT_STATUSES)
        .exclude(outcome=DepositItem.Outcome.RETURNED)
        .select_related("deposit")
    )
    if exclude_deposit_id is not None:
        qs = qs.exclude(deposit_id=exclude_deposit_id)
    return qs.first()


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "trước đó"
    local = timezone.localtime(moment)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


def _person_name(user) -> str:
    if user is None:
        return "người khác"
    person = getattr(user, "person", None)
    return person.full_name if person else user.get_username()


def _status_refusals(dossier: Dossier, label: str) -> list[str]:
    s = dossier.status
    if s in DEPOSITABLE_STATUSES:
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
    if s in (DossierStatus.ARCHIVED, DossierStatus.TRANSFERRED):
        return [f"{label} đã được nộp lưu trước đây: không nộp lưu lần nữa."]
    return [f"{label} đang ở trạng thái “{dossier.get_status_display()}”: không nộp lưu được."]


def _dossier_checks(actor, org, dossier: Dossier, *, deposit_id: int | None = None) -> list[str]:
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
    profile = profile_in_force(dossier.org, dossier.end_date)
    if not dossier.retention.at_least_years(profile.deposit_min_years):
        failures.append(
            f"{label} có thời hạn bảo quản {dossier.retention.label}: chỉ nộp lưu hồ sơ có thời "
            f"hạn bảo quản từ {profile.deposit_min_years} năm trở lên ({profile.name})."
        )
    return failures


def _snapshot(deposit: Deposit) -> dict:
    return {
        "status": deposit.status,
        "items": [
            {"dossier": i.dossier_id, "position": i.position, "outcome": i.outcome}
            for i in deposit.items.order_by("position")
        ],
    }


def _lock_deposit(deposit: Deposit) -> Deposit:
    # Lock the deposit row only; who decided is read after the lock is held.
    return (
        Deposit.objects.select_for_update(of=("self",))
        .select_related("org", "archive_org")
        .get(pk=deposit.pk)
    )


# ---------------------------------------------------------------- deposits


def create_deposit(actor, org, dossiers: Iterable[Dossier], *, note: str = "") -> Deposit:
    """Put closed dossiers of ``org`` into a draft deposit for its archive, listed in order."""
    with transaction.atomic():
        ids = list(dict.fromkeys(d.pk for d in dossiers))
        if not ids:
            raise RuleViolation("Chưa chọn hồ sơ nào: hãy đánh dấu các hồ sơ cần nộp lưu.")
        # The body's row lock serializes numbering: two deposits never share a number.
        org = Organization.objects.select_for_update().get(pk=org.pk)
        failures: list[str] = _depositor_failure(actor, org)
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
            failures += _dossier_checks(actor, org, by_id[pk])
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
        record(actor, "deposit.create", deposit, after=_snapshot(deposit))
        return deposit


def submit_deposit(actor, deposit: Deposit) -> Deposit:
    """Send a draft deposit to the archive; its dossiers become read-only (submitted)."""
    with transaction.atomic():
        deposit = _lock_deposit(deposit)
        failures: list[str] = []
        if not can_view(actor, deposit):
            raise RuleViolation("Bạn không có quyền gửi đợt nộp lưu này.")
        if deposit.status != Deposit.Status.DRAFT:
            failures.append(
                f"Đợt nộp lưu này đã ở trạng thái “{deposit.get_status_display()}”: "
                "chỉ gửi được đợt nộp lưu đang ở dạng dự thảo."
            )
            raise RuleViolation(*failures)
        failures += _depositor_failure(actor, deposit.org)
        items = list(deposit.items.select_related("dossier", "dossier__org", "dossier__retention"))
        if not items:
            failures.append("Đợt nộp lưu chưa có hồ sơ nào.")
        dossiers = list(
            Dossier.objects.select_for_update(of=("self",))
            .filter(pk__in=[i.dossier_id for i in items])
            .select_related("org", "retention")
        )
        for d in dossiers:
            failures += _dossier_checks(actor, deposit.org, d, deposit_id=deposit.pk)
        RuleViolation.check(failures)
        before = _snapshot(deposit)
        now = timezone.now()
        transition(actor, dossiers, "submit", after={"deposit": deposit.pk})
        deposit.status = Deposit.Status.SUBMITTED
        deposit.submitted_at = now
        deposit.submitted_by = actor
        deposit.save(update_fields=["status", "submitted_at", "submitted_by"])
        record(actor, "deposit.submit", deposit, before=before, after=_snapshot(deposit))
        return deposit


def _already_decided(deposit: Deposit) -> str:
    verb = "tiếp nhận" if deposit.status == Deposit.Status.ACCEPTED else "trả lại"
    return (
        f"Đợt nộp lưu này đã được {_person_name(deposit.decided_by)} {verb} lúc "
        f"{_when(deposit.decided_at)}. Không cần làm lại; hãy tải lại trang để xem kết quả."
    )


def _decide(actor, deposit: Deposit, returns: dict[int, str], *, all_returned: bool) -> Deposit:
    """Shared by accept and return: lock, re-check, apply outcomes, make the record."""
    with transaction.atomic():
        # The row lock serializes two archivists: the second waits here, then sees
        # the status the first one committed (SQLite: BEGIN IMMEDIATE does the same).
        deposit = _lock_deposit(deposit)
        if deposit.status in (Deposit.Status.ACCEPTED, Deposit.Status.RETURNED):
            raise RuleViolation(_already_decided(deposit))
        failures: list[str] = []
        if not _serves_archive(actor, deposit):
            failures.append(
                f"Chỉ lưu trữ viên của “{deposit.archive_org.name}” (lưu trữ của "
                f"“{deposit.org.name}”) mới được tiếp nhận hoặc trả lại đợt nộp lưu này."
            )
        elif deposit.submitted_by_id is not None and deposit.submitted_by_id == actor.pk:
            failures.append(
                "Bạn là người đã gửi đợt nộp lưu này nên không được tự tiếp nhận hoặc trả lại: "
                "một lưu trữ viên khác phải kiểm tra."
            )
        if deposit.status == Deposit.Status.DRAFT:
            failures.append(
                "Đợt nộp lưu này còn là dự thảo: bên giao phải bấm “Gửi nộp lưu” trước."
            )
        items = list(deposit.items.select_related("dossier", "dossier__org"))
        by_dossier = {i.dossier_id: i for i in items}
        reasons: dict[int, str] = {}
        for key, reason in (returns or {}).items():
            try:
                pk = int(key)
            except (TypeError, ValueError):
                failures.append(f"“{key}” không phải là mã số hồ sơ.")
                continue
            item = by_dossier.get(pk)
            if item is None:
                failures.append(f"{hidden_label(pk)} không có trong đợt nộp lưu này.")
                continue
            reason = clean_reason(reason or "")
            label = (
                dossier_label(item.dossier)
                if can_view(actor, item.dossier)
                else f"Hồ sơ số thứ tự {item.position}"
            )
            if not reason:
                failures.append(f"{label}: phải ghi lý do trả lại.")
            elif len(reason) > 500:
                failures.append(f"{label}: lý do trả lại dài quá 500 ký tự.")
            reasons[pk] = reason
        if all_returned:
            for item in items:
                if item.dossier_id not in reasons:
                    label = (
                        dossier_label(item.dossier)
                        if can_view(actor, item.dossier)
                        else f"Hồ sơ số thứ tự {item.position}"
                    )
                    failures.append(f"{label}: phải ghi lý do trả lại.")
        RuleViolation.check(failures)

        before = _snapshot(deposit)
        now = timezone.now()
        dossiers = {
            d.pk: d
            for d in Dossier.objects.select_for_update(of=("self",)).filter(pk__in=list(by_dossier))
        }
        accepted: list[Dossier] = []
        returned: list[tuple[Dossier, str]] = []
        for item in items:
            d = dossiers[item.dossier_id]
            if item.dossier_id in reasons:
                item.outcome = DepositItem.Outcome.RETURNED
                item.return_reason = reasons[item.dossier_id]
                transition(
                    actor,
                    d,
                    "return",
                    after={"deposit": deposit.pk, "reason": item.return_reason},
                )
                returned.append((d, item.return_reason))
            else:
                item.outcome = DepositItem.Outcome.ACCEPTED
                item.return_reason = ""
                accepted.append(d)
            item.save(update_fields=["outcome", "return_reason"])
        # Accepted together: one move, one signal (whoever derives "in holdings" for
        # the documents, or reindexes them, listens to it).
        for d in accepted:
            d.archived_at = now
            d.kept_back_until = None
        KeepBack.objects.filter(dossier__in=accepted, status=KeepBack.Status.APPROVED).update(
            status=KeepBack.Status.ENDED
        )
        transition(
            actor,
            accepted,
            "accept",
            fields=["archived_at", "kept_back_until"],
            after={"deposit": deposit.pk},
        )
        deposit.status = Deposit.Status.ACCEPTED if accepted else Deposit.Status.RETURNED
        deposit.decided_by = actor
        deposit.checked_by = actor
        deposit.decided_at = now
        deposit.save(update_fields=["status", "decided_by", "checked_by", "decided_at"])
        if accepted:
            handover = HandoverRecord.objects.create(
                deposit=deposit, **quantities(deposit, accepted)
            )
            record(
                actor,
                "handover.create",
                handover,
                org_id=deposit.org_id,
                after={
                    k: getattr(handover, k)
                    for k in (
                        "dossier_count",
                        "document_count",
                        "computer_file_count",
                        "page_count",
                    )
                },
            )
        action = "deposit.accept" if accepted else "deposit.return"
        record(actor, action, deposit, before=before, after=_snapshot(deposit))
        for d, reason in returned:
            # Inside the transaction: whoever tells the official (deadlines) commits with us.
            dossier_returned.send(
                sender=Deposit, dossier=d, deposit=deposit, reason=reason, actor=actor
            )
        return deposit


def quantities(deposit: Deposit, dossiers: list[Dossier]) -> dict:
    """What a handover record states, computed from the records themselves."""
    ids = [d.pk for d in dossiers]
    docs = Document.objects.filter(
        dossier_items__dossier_id__in=ids, dossier_items__removed_at__isnull=True
    ).distinct()
    doc_ids = list(docs.values_list("pk", flat=True))
    in_docs = Document.objects.filter(pk__in=doc_ids)
    blob_count = in_docs.exclude(blob__isnull=True).values("blob").distinct().count()
    pages = in_docs.aggregate(n=Sum("page_amount"))["n"] or 0
    starts = [d.start_date for d in dossiers if d.start_date]
    ends = [d.end_date for d in dossiers if d.end_date]
    first_doc = in_docs.aggregate(m=Min("issued_date"))["m"]
    date_from = min([*starts, *([first_doc] if first_doc else [])], default=None)
    date_to = max(ends, default=None)
    years = sorted({d.file_catalog for d in dossiers})
    if not years:  # every dossier returned: nothing is handed over
        records_name = f"Không có hồ sơ nào được giao nhận ({deposit.label}: trả lại toàn bộ)"
    elif len(years) == 1:
        records_name = f"Hồ sơ, tài liệu năm {years[0]} của {deposit.org.name}"
    else:
        records_name = f"Hồ sơ, tài liệu các năm {years[0]}–{years[-1]} của {deposit.org.name}"
    return {
        "giver_name": deposit.org.name,
        "receiver_name": deposit.archive_org.name,
        "records_name": records_name[:500],
        "date_from": date_from,
        "date_to": date_to,
        "dossier_count": len(dossiers),
        "document_count": len(doc_ids),
        "computer_file_count": blob_count,
        "page_count": pages,
    }


def accept_deposit(actor, deposit: Deposit, *, returns: dict[int, str] | None = None) -> Deposit:
    """The archivist accepts a submitted deposit; dossiers in ``returns`` (id → reason)
    go back to their creator. Accepted dossiers become read-only archive holdings."""
    return _decide(actor, deposit, dict(returns or {}), all_returned=False)


def return_deposit(actor, deposit: Deposit, reasons: dict[int, str]) -> Deposit:
    """The archivist returns the whole deposit, with a reason for each dossier."""
    return _decide(actor, deposit, dict(reasons or {}), all_returned=True)


def delete_draft_deposit(actor, deposit: Deposit) -> None:
    """Drop a draft deposit (never sent): its dossiers are free to be deposited again."""
    with transaction.atomic():
        deposit = _lock_deposit(deposit)
        failures = []
        if deposit.status != Deposit.Status.DRAFT:
            failures.append("Chỉ hủy được đợt nộp lưu còn là dự thảo (chưa gửi).")
        if not (deposit.created_by_id == actor.pk or has_role(actor, "head", deposit.org)):
            failures.append("Chỉ người lập hoặc lãnh đạo cơ quan mới được hủy đợt nộp lưu này.")
        RuleViolation.check(failures)
        before = _snapshot(deposit)
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


# ---------------------------------------------------------------- keep-backs


def keep_back_limit(dossier: Dossier) -> dt.date | None:
    """The latest date a dossier may be kept back: due date + the profile's maximum."""
    if dossier.end_date is None:
        return None
    due = rule_due_date(dossier)
    profile = profile_in_force(dossier.org, dossier.end_date)
    return add_months(due, 12 * profile.keep_back_max_years)


def request_keep_back(actor, dossier: Dossier, *, reason: str, until: dt.date | None) -> KeepBack:
    """Ask the head to keep a closed dossier in the unit until ``until`` instead of depositing it."""
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("org", "retention")
            .get(pk=dossier.pk)
        )
        if not can_view(actor, dossier):
            raise RuleViolation(
                f"{hidden_label(dossier.pk)}: không tìm thấy hoặc bạn không có quyền xem hồ sơ này."
            )
        label = dossier_label(dossier)
        failures: list[str] = []
        reason = clean_reason(reason)
        if dossier.status != DossierStatus.CLOSED:
            failures.append(
                f"{label} đang ở trạng thái “{dossier.get_status_display()}”: chỉ đề nghị giữ lại "
                "hồ sơ đã kết thúc và chưa nộp lưu."
            )
        if not reason:
            failures.append("Phải ghi lý do giữ lại hồ sơ.")
        elif len(reason) > 500:
            failures.append("Lý do giữ lại dài quá 500 ký tự.")
        if until is None:
            failures.append("Phải ghi ngày giữ lại đến (dd/mm/yyyy).")
        else:
            limit = keep_back_limit(dossier)
            if limit is not None and until > limit:
                profile = profile_in_force(dossier.org, dossier.end_date)
                failures.append(
                    f"Chỉ được giữ lại tối đa {profile.keep_back_max_years} năm kể từ hạn nộp lưu "
                    f"({rule_due_date(dossier):%d/%m/%Y}), tức là đến ngày {limit:%d/%m/%Y}; "
                    f"ngày {until:%d/%m/%Y} vượt quá thời hạn đó."
                )
            if until <= timezone.localdate():
                failures.append("Ngày giữ lại đến phải sau ngày hôm nay.")
        if KeepBack.objects.filter(dossier=dossier, status=KeepBack.Status.REQUESTED).exists():
            failures.append(f"{label} đã có đề nghị giữ lại đang chờ lãnh đạo duyệt.")
        RuleViolation.check(failures)
        kb = KeepBack.objects.create(
            dossier=dossier, reason=reason, until=until, requested_by=actor
        )
        record(
            actor,
            "keepback.request",
            kb,
            org_id=dossier.org_id,
            after={"dossier": dossier.pk, "until": until, "reason": reason},
        )
        return kb


def decide_keep_back(actor, keep_back: KeepBack, *, approve: bool) -> KeepBack:
    """The head approves or refuses a keep-back; approved ⇒ the dossier is kept until the date."""
    with transaction.atomic():
        kb = (
            KeepBack.objects.select_for_update(of=("self",))
            .select_related("dossier", "dossier__org")
            .get(pk=keep_back.pk)
        )
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("org")
            .get(pk=kb.dossier_id)
        )
        failures: list[str] = []
        if not has_role(actor, "head", dossier.org):
            failures.append(
                f"Chỉ lãnh đạo của “{dossier.org.name}” mới được duyệt đề nghị giữ lại hồ sơ."
            )
        if kb.status != KeepBack.Status.REQUESTED:
            failures.append(
                f"Đề nghị này đã được xử lý ({kb.get_status_display().lower()}) lúc "
                f"{_when(kb.decided_at)}."
            )
        elif approve and dossier.status != DossierStatus.CLOSED:
            failures.append(
                f"Hồ sơ đang ở trạng thái “{dossier.get_status_display()}”: không còn giữ lại được."
            )
        RuleViolation.check(failures)
        kb.status = KeepBack.Status.APPROVED if approve else KeepBack.Status.REFUSED
        kb.decided_by = actor
        kb.decided_at = timezone.now()
        kb.save(update_fields=["status", "decided_by", "decided_at"])
        if approve:
            dossier.kept_back_until = kb.until
            transition(
                actor, dossier, "keep_back", fields=["kept_back_until"], after={"until": kb.until}
            )
        record(
            actor,
            "keepback.approve" if approve else "keepback.refuse",
            kb,
            org_id=dossier.org_id,
            after={"status": kb.status},
        )
        return kb


__all__ = [
    "ACTIVE_DEPOSIT_STATUSES",
    "AWAITING_DEPOSIT_STATUSES",
    "DEPOSITOR_ROLES",
    "may_accept",
    "may_deposit",
    "accept_deposit",
    "create_deposit",
    "decide_keep_back",
    "delete_draft_deposit",
    "due_date",
    "keep_back_limit",
    "must_be_deposited",
    "quantities",
    "request_keep_back",
    "return_deposit",
    "submit_deposit",
]
