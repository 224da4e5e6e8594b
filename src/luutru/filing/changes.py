"""Who may change a dossier, and the guard every change of one passes: a dossier
whose status makes it read-only refuses with a message naming that status.

Only its owner or creator, or a head of its organization, may change it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from luutru.access.policy import has_role
from luutru.filing.models import Dossier, DossierItem, DossierStatus
from luutru.orgs.models import Organization, Person, Role

_READ_ONLY_HINT: dict[str, str] = {
    DossierStatus.CLOSED: "Nếu cần bổ sung, hãy mở lại hồ sơ và ghi lý do.",
    DossierStatus.SUBMITTED: "Hồ sơ đã gửi nộp lưu, đang chờ lưu trữ tiếp nhận.",
    DossierStatus.ARCHIVED: "Hồ sơ đã thuộc lưu trữ cơ quan.",
    DossierStatus.KEPT_BACK: "Hồ sơ đang được giữ lại theo đăng ký đã duyệt.",
    DossierStatus.TRANSFERRED: "Hồ sơ đã nộp vào lưu trữ lịch sử.",
    DossierStatus.DESTROYED: "Hồ sơ đã bị tiêu hủy.",
}


# ---------------------------------------------------------------- permissions


def can_form_dossiers(actor: User | AnonymousUser | None, org: Organization) -> bool:
    """Officials and clerks of the body, and its heads, open dossiers."""
    return (
        has_role(actor, Role.OFFICIAL, org, reach_down=False)
        or has_role(actor, Role.CLERK, org, reach_down=False)
        or has_role(actor, Role.HEAD, org)
    )


def can_change_dossier(actor: User | AnonymousUser | None, dossier: Dossier) -> bool:
    if actor is None or not actor.is_authenticated:
        return False
    if dossier.owner_id == actor.pk:
        return True
    person = getattr(actor, "person", None)
    if person is not None and dossier.creator_id == person.pk:
        return True
    return has_role(actor, Role.HEAD, dossier.org)


def read_only_message(dossier: Dossier) -> str:
    hint = _READ_ONLY_HINT.get(dossier.status, "")
    return (
        f"Hồ sơ “{dossier.file_notation}” đang ở trạng thái “{dossier.get_status_display()}”: "
        f"không thể thay đổi. {hint}"
    ).strip()


def change_failures(actor: User | AnonymousUser | None, dossier: Dossier) -> list[str]:
    """Why ``actor`` may not change ``dossier`` now (empty when they may)."""
    failures = []
    if dossier.is_read_only:
        failures.append(read_only_message(dossier))
    if not can_change_dossier(actor, dossier):
        failures.append("Chỉ người lập hồ sơ hoặc lãnh đạo cơ quan mới được thay đổi hồ sơ này.")
    return failures


def lock(dossier: Dossier) -> Dossier:
    """The dossier row, locked for the change, with its body and retention."""
    return Dossier.objects.select_for_update().select_related("org", "retention").get(pk=dossier.pk)


def state(d: Dossier) -> dict[str, Any]:
    """The dossier as its audit events record it."""
    return {
        "status": d.status,
        "file_notation": d.file_notation,
        "title": d.title,
        "retention": d.retention_id,
        "retention_confirmed": d.retention_confirmed,
        "creator": d.creator_id,
        "owner": d.owner_id,
        "secrecy": d.secrecy,
        "declared_secrecy": d.declared_secrecy,
        "start_date": d.start_date,
        "end_date": d.end_date,
        "file_catalog": d.file_catalog,
    }


def active_items(dossier: Dossier) -> QuerySet[DossierItem]:
    """Its documents in filing order (removed ones left out)."""
    return (
        dossier.items.filter(removed_at__isnull=True)
        .select_related("document")
        .order_by("position", "pk")
    )


def renumber_positions(dossier: Dossier, ordered: list[DossierItem]) -> None:
    """Number ``ordered`` 1, 2, 3 … (only the rows whose place changed are written)."""
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            DossierItem.objects.filter(pk=item.pk).update(position=position)
            item.position = position


def person_of(actor: User | AnonymousUser | None) -> Person | None:
    person: Person | None = getattr(actor, "person", None) if actor is not None else None
    return person


def notation_failures(
    org: Organization, year: int, notation: str, exclude_pk: int | None = None
) -> list[str]:
    clash = Dossier.objects.filter(org=org, file_catalog=year, file_notation=notation).exclude(
        status=DossierStatus.DESTROYED
    )
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        return [
            f"Số và ký hiệu hồ sơ “{notation}” đã được dùng cho một hồ sơ khác năm {year} của cơ quan."
        ]
    return []
