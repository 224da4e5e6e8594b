"""The archive decides a deposit (tiếp nhận / trả lại): accepted dossiers enter its
holdings with a handover record (biên bản giao nhận), returned ones go back to their
official with a reason.

One transaction per decision; the deposit row lock makes two archivists deciding at
once see each other's result (the second is told who decided and when).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Min, Sum
from django.utils import timezone

from luutru.access.policy import can_view
from luutru.archive.deposits import lock_deposit, snapshot
from luutru.archive.labels import dossier_label, hidden_label, person_name, when_text
from luutru.archive.models import Deposit, DepositItem, HandoverRecord, KeepBack
from luutru.archive.rights import serves_archive
from luutru.archive.signals import dossier_returned
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.filing.lifecycle import transition
from luutru.filing.models import Dossier
from luutru.registry.models import Document


def _already_decided(deposit: Deposit) -> str:
    verb = "tiếp nhận" if deposit.status == Deposit.Status.ACCEPTED else "trả lại"
    return (
        f"Đợt nộp lưu này đã được {person_name(deposit.decided_by)} {verb} lúc "
        f"{when_text(deposit.decided_at)}. Không cần làm lại; hãy tải lại trang để xem kết quả."
    )


def _decide(
    actor: User, deposit: Deposit, returns: dict[int, str], *, all_returned: bool
) -> Deposit:
    """Shared by accept and return: lock, re-check, apply outcomes, make the record."""
    with transaction.atomic():
        # The row lock serializes two archivists: the second waits here, then sees
        # the status the first one committed (SQLite: BEGIN IMMEDIATE does the same).
        deposit = lock_deposit(deposit)
        if deposit.status in (Deposit.Status.ACCEPTED, Deposit.Status.RETURNED):
            raise RuleViolation(_already_decided(deposit))
        failures: list[str] = []
        if not serves_archive(actor, deposit):
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

        before = snapshot(deposit)
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
        record(actor, action, deposit, before=before, after=snapshot(deposit))
        for d, reason in returned:
            # Inside the transaction: whoever tells the official (deadlines) commits with us.
            dossier_returned.send(
                sender=Deposit, dossier=d, deposit=deposit, reason=reason, actor=actor
            )
        return deposit


def quantities(deposit: Deposit, dossiers: list[Dossier]) -> dict[str, Any]:
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


def accept_deposit(
    actor: User, deposit: Deposit, *, returns: dict[int, str] | None = None
) -> Deposit:
    """The archivist accepts a submitted deposit; dossiers in ``returns`` (id → reason)
    go back to their creator. Accepted dossiers become read-only archive holdings."""
    return _decide(actor, deposit, dict(returns or {}), all_returned=False)


def return_deposit(actor: User, deposit: Deposit, reasons: dict[int, str]) -> Deposit:
    """The archivist returns the whole deposit, with a reason for each dossier."""
    return _decide(actor, deposit, dict(reasons or {}), all_returned=True)
