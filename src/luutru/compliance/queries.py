"""Counts computed from the records themselves (DESIGN.md §4.5: computed, not typed).

Plain functions, so that ``luutru stats`` and the dashboard share them. Each
takes ``orgs``: the organizations whose records are counted (``None`` = the
whole database, as the administrator's command line sees it). A screen must
pass only the organizations the user may inspect (e.g. the subtree of an
inspector's body), so that counts never reach beyond the access policy's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from luutru.archive.models import Deposit, DepositItem
from luutru.compliance.holdings_stats import HOLDINGS_NOTE, holdings_counts
from luutru.filing import deposit
from luutru.filing.models import Dossier, DossierItem, DossierStatus, FilePlan
from luutru.orgs.models import Fonds, Kind, Level, Membership, Organization, Role
from luutru.registry.models import Document
from luutru.rules.book import rulebook

# What the seed report states (shared/seed), to compare with what is computed.
REPORTED = {
    "district_level": 14,
    "commune_level": 125,
    "grassroots": 508,
    "socio_political_provincial": 6,
}
REPORTED_SPLIT = {"grassroots_committees": 256, "grassroots_cells": 352}

Orgs = Iterable[Organization] | QuerySet[Organization] | None


def _org_filter(orgs: Orgs, field: str = "org") -> Q:
    if orgs is None:
        return Q()
    ids = orgs.values("pk") if isinstance(orgs, QuerySet) else [o.pk for o in orgs]
    return Q(**{f"{field}__in": ids})


def _counts(qs, field: str, keys: Iterable[str]) -> dict[str, int]:
    """Every key present (0 when none), in the order of ``keys``."""
    found = dict(qs.values_list(field).annotate(n=Count("pk")).order_by())
    return {k: found.get(k, 0) for k in keys}


# ---------------------------------------------------------------- organizations


def organization_counts(orgs: Orgs = None, today: dt.date | None = None) -> dict:
    """Organizations by level, by kind and by status (active / dissolved on ``today``)."""
    today = today or timezone.localdate()
    qs = Organization.objects.filter(_org_filter(orgs, "pk"))
    dissolved = qs.filter(valid_to__lt=today).count()
    return {
        "total": qs.count(),
        "by_level": _counts(qs, "level", Level.values),
        "by_kind": _counts(qs, "kind", Kind.values),
        "by_status": {"active": qs.count() - dissolved, "dissolved": dissolved},
    }


def report_figures(orgs: Orgs = None) -> dict[str, int]:
    """The seed report's four figures, counted from the kinds of the bodies in the tree
    (dissolved bodies included: the report describes the structure as it was)."""
    qs = Organization.objects.filter(_org_filter(orgs, "pk"))
    kinds = dict(qs.values_list("kind").annotate(n=Count("pk")).order_by())
    return {
        "district_level": kinds.get(Kind.DISTRICT_COMMITTEE, 0),
        "commune_level": kinds.get(Kind.COMMUNE_PARTY, 0),
        "grassroots": kinds.get(Kind.GRASSROOTS_COMMITTEE, 0) + kinds.get(Kind.GRASSROOTS_CELL, 0),
        "socio_political_provincial": qs.filter(
            kind=Kind.SOCIO_POLITICAL, level=Level.PROVINCE
        ).count(),
    }


def fonds_counts(orgs: Orgs = None) -> dict[str, int]:
    return _counts(Fonds.objects.filter(_org_filter(orgs)), "status", Fonds.Status.values)


def user_counts(orgs: Orgs = None, today: dt.date | None = None) -> dict:
    """Active accounts, and people by their current role (a person may hold several)."""
    today = today or timezone.localdate()
    users = get_user_model().objects.filter(is_active=True)
    current = Membership.objects.filter(_org_filter(orgs), valid_from__lte=today).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    )
    if orgs is not None:
        users = users.filter(person__memberships__in=current).distinct()
    by_role = dict(
        current.values_list("role").annotate(n=Count("person", distinct=True)).order_by()
    )
    return {"total": users.count(), "by_role": {r: by_role.get(r, 0) for r in Role.values}}


# ---------------------------------------------------------------- records


def file_plan_counts(orgs: Orgs = None) -> dict:
    qs = FilePlan.objects.filter(_org_filter(orgs))
    return {"total": qs.count(), "by_state": _counts(qs, "state", FilePlan.State.values)}


def dossier_counts(orgs: Orgs = None) -> dict:
    """Dossiers by status; every status of ``DossierStatus`` is present."""
    qs = Dossier.objects.filter(_org_filter(orgs))
    return {"total": qs.count(), "by_status": _counts(qs, "status", DossierStatus.values)}


def loose_documents(orgs: Orgs = None) -> QuerySet[Document]:
    """Documents in no dossier (an item removed with a reason does not count as filed)."""
    filed = DossierItem.objects.filter(removed_at__isnull=True).values("document")
    return Document.objects.filter(_org_filter(orgs)).exclude(pk__in=filed)


def document_counts(orgs: Orgs = None) -> dict[str, int]:
    return {
        "total": Document.objects.filter(_org_filter(orgs)).count(),
        "in_no_dossier": loose_documents(orgs).count(),
    }


def deposit_counts(orgs: Orgs = None) -> dict:
    qs = Deposit.objects.filter(_org_filter(orgs))
    return {"total": qs.count(), "by_status": _counts(qs, "status", Deposit.Status.values)}


# ---------------------------------------------------------------- overdue deposits


@dataclass(frozen=True)
class OverdueDossier:
    dossier: Dossier
    due: dt.date

    @property
    def days_late(self) -> int:
        return (timezone.localdate() - self.due).days


def overdue_dossiers(orgs: Orgs = None, today: dt.date | None = None) -> list[OverdueDossier]:
    """Dossiers that should have been deposited by now and were not: finished
    (closed, returned by the archive, or kept back past the keep-back's end), not
    in an accepted deposit, and due (``filing.deposit.deposit_due``: the rules'
    minimum and delay, a keep-back's end) before ``today``."""
    today = today or timezone.localdate()
    accepted = DepositItem.objects.filter(
        deposit__status=Deposit.Status.ACCEPTED, outcome=DepositItem.Outcome.ACCEPTED
    ).values("dossier")
    candidates = (
        Dossier.objects.filter(_org_filter(orgs), end_date__isnull=False)
        .filter(status__in=deposit.AWAITING_DEPOSIT)
        .exclude(pk__in=accepted)
        .select_related("org", "retention")
        .order_by("org__path", "file_catalog", "file_notation", "pk")
    )
    book = rulebook()  # one book for the whole list, asked per dossier through filing
    result = []
    for d in candidates:
        due = deposit.deposit_due(d, book)
        if due is not None and due < today:
            result.append(OverdueDossier(d, due))
    return result


def overdue_counts(orgs: Orgs = None, today: dt.date | None = None) -> dict[str, int]:
    overdue = overdue_dossiers(orgs, today)
    return {"dossiers": len(overdue), "organizations": len({o.dossier.org_id for o in overdue})}


# ---------------------------------------------------------------- everything


def statistics(orgs: Orgs = None, today: dt.date | None = None) -> dict:
    """Every count of ``luutru stats``, computed now from the records."""
    today = today or timezone.localdate()
    organizations = organization_counts(orgs, today)
    kinds = organizations["by_kind"]
    committees, cells = kinds[Kind.GRASSROOTS_COMMITTEE], kinds[Kind.GRASSROOTS_CELL]
    reported_sum = sum(REPORTED_SPLIT.values())
    notes = [
        f"Báo cáo gốc ghi {REPORTED['grassroots']} tổ chức cơ sở đảng, gồm "
        f"{REPORTED_SPLIT['grassroots_committees']} đảng bộ cơ sở và {REPORTED_SPLIT['grassroots_cells']} "
        f"chi bộ cơ sở; hai số này cộng lại là {reported_sum}, mâu thuẫn với tổng {REPORTED['grassroots']}. "
        f"Tỉnh mẫu giữ tổng {REPORTED['grassroots']} và {REPORTED_SPLIT['grassroots_committees']} đảng bộ "
        f"cơ sở, nên có {REPORTED['grassroots'] - REPORTED_SPLIT['grassroots_committees']} chi bộ cơ sở.",
        f"Số liệu tính từ dữ liệu hiện có: {committees} đảng bộ cơ sở + {cells} chi bộ cơ sở = "
        f"{committees + cells} tổ chức cơ sở đảng.",
        "Các số theo báo cáo (report_figures) tính cả tổ chức đã kết thúc hoạt động: hiện có "
        f"{organizations['by_status']['dissolved']} tổ chức đã kết thúc, phông đã đóng, hồ sơ vẫn được giữ.",
        HOLDINGS_NOTE,
    ]
    return {
        "computed_on": today.isoformat(),
        "report_figures": report_figures(orgs),
        "organizations": organizations,
        "fonds": fonds_counts(orgs),
        "users": user_counts(orgs, today),
        "file_plans": file_plan_counts(orgs),
        "dossiers": dossier_counts(orgs),
        "documents": document_counts(orgs),
        "deposits": deposit_counts(orgs),
        "overdue_deposits": overdue_counts(orgs, today),
        "holdings": holdings_counts(orgs),
        "notes": notes,
    }
