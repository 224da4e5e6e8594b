"""Reads for the archive app, always filtered through the access policy."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from luutru.access.policy import can_view, has_role, subject_for, visible_q
from luutru.archive.deposits import (
    ACTIVE_DEPOSIT_STATUSES,
    AWAITING_DEPOSIT_STATUSES,
    DEPOSITABLE_STATUSES,
)
from luutru.archive.labels import natural_key
from luutru.archive.models import Deposit, DepositItem, KeepBack
from luutru.archive.rights import may_accept, may_deposit
from luutru.filing.deposit import deposit_due
from luutru.filing.models import Dossier, DossierStatus
from luutru.filing.queries import dossiers_visible_to
from luutru.orgs.models import Organization, Role
from luutru.rules.book import rulebook

# Who reads: a signed-in user, or anyone else (who is shown nothing the policy hides).
Reader = User | AnonymousUser | None


def deposits_visible_to(user: Reader) -> QuerySet[Deposit]:
    return Deposit.objects.filter(
        visible_q(
            user,
            object_type="deposit",
            org_fields=("org", "archive_org"),
            secrecy_field=None,
            owner_field="created_by",
        )
    )


def in_active_deposit_q() -> Exists:
    return Exists(
        DepositItem.objects.filter(
            dossier=OuterRef("pk"), deposit__status__in=ACTIVE_DEPOSIT_STATUSES
        ).exclude(outcome=DepositItem.Outcome.RETURNED)
    )


def handed_over_q() -> Exists:
    """In a deposit the archive has received (submitted, checked or accepted) and not
    returned: from then on the dossier is no longer due. A draft is not handed over."""
    handed = [s for s in ACTIVE_DEPOSIT_STATUSES if s != Deposit.Status.DRAFT]
    return Exists(
        DepositItem.objects.filter(dossier=OuterRef("pk"), deposit__status__in=handed).exclude(
            outcome=DepositItem.Outcome.RETURNED
        )
    )


def awaiting_deposit(dossiers: QuerySet[Dossier]) -> QuerySet[Dossier]:
    """The one definition of “still to be deposited” for every list that counts due
    or overdue dossiers (archive, deadlines, home pages), the same as compliance's:
    finished (closed, kept back, or returned by the archive), not yet handed over.
    A dossier in a draft deposit is still due: the archive has not received it."""
    return dossiers.filter(status__in=AWAITING_DEPOSIT_STATUSES).exclude(handed_over_q())


def latest_return_reasons(dossier_ids: Iterable[int]) -> dict[int, DepositItem]:
    """For each returned dossier, the deposit item that returned it last (its reason,
    who and when), to show the official what to fix."""
    items = (
        DepositItem.objects.filter(
            dossier_id__in=list(dossier_ids), outcome=DepositItem.Outcome.RETURNED
        )
        .select_related("deposit", "deposit__org", "deposit__decided_by__person")
        .order_by("dossier_id", "-deposit__decided_at", "-pk")
    )
    out: dict[int, DepositItem] = {}
    for item in items:
        out.setdefault(item.dossier_id, item)
    return out


@dataclass
class DueDossier:
    dossier: Dossier
    due: dt.date | None
    overdue: bool
    soon: bool
    days_left: int | None
    # Already listed in a draft deposit (not yet sent): due still, not selectable again.
    in_draft: bool = False
    return_reason: str = ""

    @property
    def returned(self) -> bool:
        return self.dossier.status == DossierStatus.RETURNED

    @property
    def selectable(self) -> bool:
        """May go into a new deposit now (closed or kept back, in no draft)."""
        return self.dossier.status in DEPOSITABLE_STATUSES and not self.in_draft

    @property
    def state_label(self) -> str:
        if self.overdue:
            return "quá hạn nộp lưu"
        if self.soon:
            return "sắp đến hạn"
        if self.dossier.status == DossierStatus.KEPT_BACK:
            return "đang giữ lại"
        return "chưa đến hạn"

    @property
    def next_step(self) -> str:
        if self.returned:
            return "Bị lưu trữ trả lại: sửa theo lý do, kết thúc lại hồ sơ rồi nộp lưu lại."
        if self.in_draft:
            return "Đã có trong đợt nộp lưu dự thảo: mở đợt đó và bấm “Gửi nộp lưu”."
        return ""

    @property
    def css(self) -> str:
        return "overdue" if self.overdue else ("closed" if self.soon else "open")


def dossiers_due_for_deposit(
    user: Reader, today: dt.date | None = None, *, dossiers: QuerySet[Dossier] | None = None
) -> list[DueDossier]:
    """Finished dossiers the user may see that must go to the archive (retention at
    least the profile's minimum) and that the archive has not received: soonest due
    first. Returned dossiers stay (with the archive's reason); a kept-back dossier is
    due (and overdue) only from the end of its keep-back. ``dossiers`` narrows the set
    (e.g. the user's own)."""
    today = today or timezone.localdate()
    base = dossiers if dossiers is not None else dossiers_visible_to(user)
    qs = (
        awaiting_deposit(base)
        .annotate(in_draft=in_active_deposit_q())
        .select_related("org", "retention", "creator")
    )
    rows: list[DueDossier] = []
    book = rulebook()
    for d in qs:
        if not book.must_deposit(d.org, d.retention, d.end_date):
            continue
        due = deposit_due(d, book)
        overdue = due is not None and due < today
        days_left = (due - today).days if due is not None else None
        soon = (
            not overdue
            and days_left is not None
            and days_left <= book.reminder_days(d.org, d.end_date)
        )
        rows.append(DueDossier(d, due, overdue, soon, days_left, in_draft=d.in_draft))
    reasons = latest_return_reasons(r.dossier.pk for r in rows if r.returned)
    for r in rows:
        if r.dossier.pk in reasons:
            r.return_reason = reasons[r.dossier.pk].return_reason
    rows.sort(
        key=lambda r: (
            r.due or dt.date.max,
            r.dossier.org_id,
            natural_key(r.dossier.file_notation),
        )
    )
    return rows


def archivist_orgs(user: Reader) -> list[Organization]:
    """Organizations where the user holds the archivist role."""
    ids = [oid for oid, role in subject_for(user).roles if role == Role.ARCHIVIST]
    return list(Organization.objects.filter(pk__in=ids))


def deposits_awaiting_acceptance(user: Reader) -> QuerySet[Deposit]:
    """Submitted deposits this user may decide (``services.may_accept``): sent by a body
    or to an archive where they are archivist, and not submitted by themselves."""
    orgs = archivist_orgs(user)
    # Only a signed-in user holds roles: anyone else is archivist nowhere.
    if not orgs or not isinstance(user, User):
        return Deposit.objects.none()
    served = Q(org_id__in=[o.pk for o in orgs])
    for org in orgs:
        served |= Q(archive_org__path__startswith=org.path)
    return (
        deposits_visible_to(user)
        .filter(served)
        .filter(status__in=[Deposit.Status.SUBMITTED, Deposit.Status.CHECKED])
        .exclude(submitted_by=user)
        .select_related("org", "archive_org")
        .order_by("submitted_at", "pk")
    )


def my_deposits(user: Reader) -> QuerySet[Deposit]:
    """Deposits the user may see, newest first (their own body's and those they made)."""
    return deposits_visible_to(user).select_related("org", "archive_org", "created_by__person")


def holdings(user: Reader) -> QuerySet[Dossier]:
    """Dossiers accepted into the archive that the user may see."""
    return (
        dossiers_visible_to(user)
        .filter(status=DossierStatus.ARCHIVED)
        .select_related("org", "retention")
        .order_by("org__path", "-file_catalog", "file_notation")
    )


def visible_deposit(user: Reader, pk: int) -> Deposit | None:
    return (
        deposits_visible_to(user)
        .select_related("org", "archive_org", "created_by__person", "decided_by__person")
        .filter(pk=pk)
        .first()
    )


@dataclass
class ListedItem:
    item: DepositItem
    visible: bool

    @property
    def dossier(self) -> Dossier:
        return self.item.dossier


def deposit_items_for(user: Reader, deposit: Deposit) -> list[ListedItem]:
    """The deposit list with, per dossier, whether this user may see its title."""
    items = deposit.items.select_related(
        "dossier", "dossier__org", "dossier__retention", "dossier__creator"
    ).order_by("position")
    return [ListedItem(i, can_view(user, i.dossier)) for i in items]


def may_submit(user: Reader, deposit: Deposit) -> bool:
    return deposit.status == Deposit.Status.DRAFT and may_deposit(user, deposit.org)


def may_decide(user: Reader, deposit: Deposit) -> bool:
    return deposit.status in (
        Deposit.Status.SUBMITTED,
        Deposit.Status.CHECKED,
    ) and may_accept(user, deposit)


def keep_backs_visible_to(user: Reader) -> QuerySet[KeepBack]:
    visible = dossiers_visible_to(user).values("pk")
    return KeepBack.objects.filter(dossier__in=visible).select_related(
        "dossier", "dossier__org", "requested_by__person", "decided_by__person"
    )


def keep_backs_awaiting_decision(user: Reader) -> list[KeepBack]:
    return [
        kb
        for kb in keep_backs_visible_to(user).filter(status=KeepBack.Status.REQUESTED)
        if has_role(user, "head", kb.dossier.org)
    ]
