"""Keeping a dossier back (giữ lại hồ sơ): an official asks to keep a finished
dossier in the unit past its deposit date, the head approves or refuses. How long
is the rules' answer (``filing.deposit.keep_back_limit``); an approved keep-back
moves the dossier along the archive's ``keep_back`` edge."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from luutru.access.policy import can_view, has_role
from luutru.archive.labels import dossier_label, hidden_label, when_text
from luutru.archive.models import KeepBack
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.filing.deposit import keep_back_limit, keep_back_max_years, rule_due
from luutru.filing.lifecycle import transition
from luutru.filing.models import Dossier, DossierStatus
from luutru.rules.book import rulebook


def request_keep_back(
    actor: User, dossier: Dossier, *, reason: str, until: dt.date | None
) -> KeepBack:
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
            book = rulebook()
            limit = keep_back_limit(dossier, book)
            if limit is not None and until > limit:
                failures.append(
                    f"Chỉ được giữ lại tối đa {keep_back_max_years(dossier, book)} năm kể từ hạn "
                    f"nộp lưu ({rule_due(dossier, book):%d/%m/%Y}), tức là đến ngày "
                    f"{limit:%d/%m/%Y}; ngày {until:%d/%m/%Y} vượt quá thời hạn đó."
                )
            if until <= timezone.localdate():
                failures.append("Ngày giữ lại đến phải sau ngày hôm nay.")
        if KeepBack.objects.filter(dossier=dossier, status=KeepBack.Status.REQUESTED).exists():
            failures.append(f"{label} đã có đề nghị giữ lại đang chờ lãnh đạo duyệt.")
        RuleViolation.check(failures)
        assert until is not None  # refused above otherwise
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


def decide_keep_back(actor: User, keep_back: KeepBack, *, approve: bool) -> KeepBack:
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
                f"{when_text(kb.decided_at)}."
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
