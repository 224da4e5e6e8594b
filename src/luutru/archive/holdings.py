"""What happens to a dossier in the archive's holdings. For now: recording a
transfer or destruction made before the system existed (the workflows with
councils and minutes will be their own edges, registered in ``archive.lifecycle``
or by an appraisal app)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from luutru.core.errors import RuleViolation
from luutru.core.text import clean_reason
from luutru.filing.lifecycle import allowed, transition
from luutru.filing.models import Dossier, DossierStatus

_EARLIER: dict[str, str] = {
    DossierStatus.TRANSFERRED: "record_transfer",
    DossierStatus.DESTROYED: "record_destruction",
}


def record_earlier_disposition(
    actor: User, dossier: Dossier, final: str, *, note: str, content_purged: list[int] | None = None
) -> Dossier:
    """Record that a dossier of the holdings was transferred to the historical archive
    or destroyed before the system held it; ``note`` says how it is known."""
    note = clean_reason(note)
    with transaction.atomic():
        d = Dossier.objects.select_for_update().get(pk=dossier.pk)
        failures: list[str] = []
        edge = _EARLIER.get(final)
        if edge is None:
            failures.append("Chỉ ghi nhận được việc đã nộp vào lưu trữ lịch sử hoặc đã tiêu hủy.")
        elif not allowed(edge, d):
            failures.append(
                f"Hồ sơ {d.file_notation} đang ở trạng thái “{d.get_status_display()}”: chỉ ghi "
                "nhận được cho hồ sơ đang thuộc lưu trữ cơ quan."
            )
        if not note:
            failures.append("Phải ghi căn cứ ghi nhận (quyết định, biên bản, năm thực hiện).")
        RuleViolation.check(failures)
        assert edge is not None  # refused above otherwise
        transition(
            actor, d, edge, after={"note": note, "content_purged": list(content_purged or [])}
        )
    dossier.refresh_from_db()
    return dossier
