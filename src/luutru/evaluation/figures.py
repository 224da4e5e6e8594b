"""The yearly figures the evaluation scores, per organization and per official.

They come from the compliance app (``luutru.compliance.figures``: computed from
the records, rolled up on the tree as it stood on a date); this module only
renames them into the keys a criterion may name (``models.FIGURES``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from luutru.compliance import figures as compliance
from luutru.core.errors import RuleViolation
from luutru.filing.models import Dossier, FilePlanItem
from luutru.orgs.models import Organization, Person

Figures = dict[str, int]


def adapt(f: compliance.Figures) -> Figures:
    """Compliance figures → the evaluation's figure keys."""
    return {
        "plan_issued_on_time": f.plan_issued_on_time,
        "plans_expected": f.plans_due,
        "plan_items": f.plan_items,
        "dossiers_opened": f.dossiers_opened,
        "dossiers_closed": f.dossiers_closed,
        # What fell due: handed over (on time or late) or overdue on the day of the evaluation.
        "dossiers_due": f.deposited_on_time + f.deposited_late + f.overdue_now,
        "deposited_on_time": f.deposited_on_time,
        "deposited_late": f.deposited_late,
        "overdue_now": f.overdue_now,
        "documents": f.documents_total,
        "loose_documents": f.loose_documents,
    }


def org_year_figures(
    root: Organization, org_ids: list[int], *, on: dt.date, year: int
) -> dict[int, Figures]:
    """Each body's own figures for ``year`` as they stand on ``on`` (bodies of ``root``'s subtree)."""
    try:
        by_org = compliance.figures_by_org(root, on=on, year=year)
    except compliance.FigureError as exc:
        raise RuleViolation(exc.message) from None
    return {i: adapt(by_org[i]) if i in by_org else adapt(compliance.Figures()) for i in org_ids}


def person_year_figures(org_ids: list[int], *, on: dt.date, year: int) -> dict[int, Figures]:
    """Per official who formed a dossier of ``year`` or was assigned a plan item of it."""
    ids = set(
        Dossier.objects.filter(org_id__in=org_ids, file_catalog=year).values_list(
            "creator_id", flat=True
        )
    ) | set(
        FilePlanItem.objects.filter(
            Q(creator__isnull=False), plan__org_id__in=org_ids, plan__year=year
        ).values_list("creator_id", flat=True)
    )
    out = {}
    try:
        for person in Person.objects.filter(pk__in=ids):
            out[person.pk] = adapt(compliance.person_figures(person, on=on, year=year))
    except compliance.FigureError as exc:
        raise RuleViolation(exc.message) from None
    return out
