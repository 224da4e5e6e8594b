"""Who may deposit a body's dossiers and who decides a deposit."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from luutru.access.policy import has_role
from luutru.archive.models import Deposit
from luutru.orgs.models import Organization, Role

# Members of a body who may put its dossiers in a deposit and send it: those who
# keep its records. An inspector or a reader of the body watches; they do not deposit.
DEPOSITOR_ROLES = (Role.OFFICIAL, Role.CLERK, Role.HEAD, Role.ARCHIVIST)


def may_deposit(actor: User | AnonymousUser | None, org: Organization) -> bool:
    """Is ``actor`` a member of ``org`` who may deposit its dossiers (not of a body above it)?"""
    return any(has_role(actor, r, org, reach_down=False) for r in DEPOSITOR_ROLES)


def may_accept(actor: User | AnonymousUser | None, deposit: Deposit) -> bool:
    """Only the body's archive decides: an archivist of the body itself or of the body
    holding its archive (or above it), and never the person who submitted the deposit."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    if deposit.submitted_by_id is not None and deposit.submitted_by_id == actor.pk:
        return False
    return serves_archive(actor, deposit)


def serves_archive(actor: User | AnonymousUser | None, deposit: Deposit) -> bool:
    """An archivist of the archive that receives it (or of the one above it, which the
    receiving archive answers to), or an archivist of the depositing body itself."""
    return has_role(actor, Role.ARCHIVIST, deposit.archive_org) or has_role(
        actor, Role.ARCHIVIST, deposit.org, reach_down=False
    )


def depositor_failures(actor: User | AnonymousUser | None, org: Organization) -> list[str]:
    """Why ``actor`` may not deposit the dossiers of ``org`` (empty when they may)."""
    if may_deposit(actor, org):
        return []
    return [
        f"Chỉ cán bộ, văn thư, lãnh đạo hoặc lưu trữ viên của “{org.name}” mới được nộp lưu "
        "hồ sơ của cơ quan này: bạn không phải là thành viên của cơ quan đó."
    ]
