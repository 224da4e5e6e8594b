"""The yearly figures the evaluation scores, per organization and per official.

``org_year_figures`` is the one seam to the compliance app's figures: while its
published ``org_figures`` is missing, the same counts are computed here from
the records and the rules (never typed, never hard-coded).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Min, Q

from luutru.archive.models import Deposit, DepositItem
from luutru.deadlines.dates import Profiles, plan_deadline, plan_issued_on
from luutru.filing.models import Dossier, DossierItem, DossierStatus, FilePlan, FilePlanItem
from luutru.orgs.models import Organization
from luutru.registry.models import Document
from luutru.rules.queries import add_months

from .models import FIGURES

Figures = dict[str, int]


def _empty() -> Figures:
    return dict.fromkeys(FIGURES, 0)


def _deposit_dates(dossier_ids: Iterable[int]) -> dict[int, dt.date]:
    """When each dossier was handed to the archive (submitted in a deposit not returned)."""
    rows = (
        DepositItem.objects.filter(
            dossier_id__in=list(dossier_ids),
            deposit__status__in=[
                Deposit.Status.SUBMITTED,
                Deposit.Status.CHECKED,
                Deposit.Status.ACCEPTED,
            ],
        )
        .exclude(outcome=DepositItem.Outcome.RETURNED)
        .values("dossier_id")
        .annotate(first=Min("deposit__submitted_at"))
    )
    return {r["dossier_id"]: r["first"].date() for r in rows if r["first"] is not None}


def _dossier_figures(dossiers, key, on: dt.date, profiles: Profiles, out: dict) -> None:
    """Opened, closed, due, deposited on time / late and overdue, grouped by ``key(d)``."""
    dossiers = list(dossiers)
    deposited = _deposit_dates(d.pk for d in dossiers)
    for d in dossiers:
        f = out[key(d)]
        f["dossiers_opened"] += 1
        if d.status == DossierStatus.OPEN:
            continue
        f["dossiers_closed"] += 1
        if d.end_date is None or d.status == DossierStatus.DESTROYED:
            continue
        profile = profiles.on(d.org.fonds_system, d.end_date)
        if profile is None or not d.retention.at_least_years(profile.deposit_min_years):
            continue
        due = add_months(d.end_date, profile.deposit_delay_months)
        if d.status == DossierStatus.KEPT_BACK and d.kept_back_until:
            due = max(due, d.kept_back_until)
        handed = deposited.get(d.pk)
        if handed is not None:
            f["deposited_on_time" if handed <= due else "deposited_late"] += 1
            f["dossiers_due"] += 1
        elif due < on:
            f["overdue_now"] += 1
            f["dossiers_due"] += 1


def local_org_figures(org_ids: list[int], *, on: dt.date, year: int) -> dict[int, Figures]:
    """Each organization's own figures for ``year`` as they stand on ``on``."""
    out: dict[int, Figures] = defaultdict(_empty)
    orgs = Organization.objects.in_bulk(org_ids)
    profiles = Profiles()
    plans = {p.org_id: p for p in FilePlan.objects.filter(org_id__in=org_ids, year=year)}
    for oid, org in orgs.items():
        out[oid]  # every organization present, even with nothing to count
        profile = profiles.on(org.fonds_system, dt.date(year, 1, 1))
        if profile is None:
            continue
        deadline = plan_deadline(profile, year)
        issued = plan_issued_on(plans[oid]) if oid in plans else None
        if org.is_active_on(deadline) and (deadline < on or issued is not None):
            out[oid]["plans_expected"] = 1
            out[oid]["plan_issued_on_time"] = int(issued is not None and issued <= deadline)
    for row in (
        FilePlanItem.objects.filter(plan__org_id__in=org_ids, plan__year=year)
        .values("plan__org_id")
        .annotate(n=Count("pk"))
    ):
        out[row["plan__org_id"]]["plan_items"] = row["n"]
    dossiers = Dossier.objects.filter(org_id__in=org_ids, file_catalog=year).select_related(
        "org", "retention"
    )
    _dossier_figures(dossiers, lambda d: d.org_id, on, profiles, out)
    filed = DossierItem.objects.filter(removed_at__isnull=True).values("document")
    for row in (
        Document.objects.filter(org_id__in=org_ids, issued_date__year=year)
        .values("org_id")
        .annotate(n=Count("pk"), loose=Count("pk", filter=~Q(pk__in=filed)))
    ):
        out[row["org_id"]]["documents"] = row["n"]
        out[row["org_id"]]["loose_documents"] = row["loose"]
    return dict(out)


def org_year_figures(org_ids: list[int], *, on: dt.date, year: int) -> dict[int, Figures]:
    """The seam: the compliance app's figures when published, else the local ones."""
    return local_org_figures(org_ids, on=on, year=year)


def person_year_figures(org_ids: list[int], *, on: dt.date, year: int) -> dict[int, Figures]:
    """Per official (Person, by the dossiers they form and the plan items assigned to them)."""
    out: dict[int, Figures] = defaultdict(_empty)
    for row in (
        FilePlanItem.objects.filter(
            plan__org_id__in=org_ids, plan__year=year, creator__isnull=False
        )
        .values("creator_id")
        .annotate(n=Count("pk"))
    ):
        out[row["creator_id"]]["plan_items"] = row["n"]
    dossiers = Dossier.objects.filter(org_id__in=org_ids, file_catalog=year).select_related(
        "org", "retention"
    )
    _dossier_figures(dossiers, lambda d: d.creator_id, on, Profiles(), out)
    return dict(out)
