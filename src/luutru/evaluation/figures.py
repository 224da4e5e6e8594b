"""The yearly figures the evaluation scores, per organization and per official.

They come from the compliance app (``luutru.compliance.figures``: computed from
the records, rolled up on the tree as it stood on a date); this module only
renames them into the keys a criterion may name (``models.FIGURES``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q

from luutru.compliance import figures as compliance
from luutru.compliance.facts import document_year, filed
from luutru.compliance.measures import dossier_q
from luutru.compliance.models import DossierFacts
from luutru.core.errors import RuleViolation
from luutru.filing.models import Dossier, FilePlanItem
from luutru.orgs.models import Organization, Person
from luutru.registry.models import Direction, Document

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
    """Per official who formed a dossier of ``year`` or was assigned a plan item of it:
    ``compliance.figures.person_figures`` for many people at once (grouped queries over
    the same derived facts and the same figure definitions; a test checks they agree)."""
    try:
        compliance.check_question(on, year)
    except compliance.FigureError as exc:
        raise RuleViolation(exc.message) from None
    ids = set(
        Dossier.objects.filter(org_id__in=org_ids, file_catalog=year).values_list(
            "creator_id", flat=True
        )
    ) | set(
        FilePlanItem.objects.filter(
            Q(creator__isnull=False), plan__org_id__in=org_ids, plan__year=year
        ).values_list("creator_id", flat=True)
    )
    people = dict(Person.objects.filter(pk__in=ids).values_list("pk", "user_id"))
    out = {pid: compliance.Figures() for pid in people}
    counts = {n: Count("pk", filter=dossier_q(n, on)) for n in _DOSSIER_FIGURES}
    stocks = {n: Count("pk", filter=dossier_q(n, on)) for n in compliance.STOCKS}
    by_user = {uid: pid for pid, uid in people.items() if uid}
    for chunk in _chunks(list(people)):
        facts = DossierFacts.objects.filter(creator_id__in=chunk)
        # The figures are named by variables, not literals: plain dicts.
        for row in facts.filter(year=year).values("creator_id").annotate(**counts).order_by():
            values: dict[str, Any] = dict(row)
            for n in _DOSSIER_FIGURES:
                setattr(out[values["creator_id"]], n, values[n])
        for row in facts.values("creator_id").annotate(**stocks).order_by():
            values = dict(row)
            for n in compliance.STOCKS:
                setattr(out[values["creator_id"]], n, values[n])
        items = FilePlanItem.objects.filter(creator_id__in=chunk, plan__year=year)
        for row in (
            items.values("creator_id")
            .annotate(
                n=Count("pk", distinct=True),
                opened=Count("pk", distinct=True, filter=Q(dossiers__isnull=False)),
            )
            .order_by()
        ):
            out[row["creator_id"]].plan_items = row["n"]
            out[row["creator_id"]].plan_items_opened = row["opened"]
    field_for = {
        Direction.INCOMING: "documents_in",
        Direction.OUTGOING: "documents_out",
        Direction.INTERNAL: "documents_internal",
    }
    for chunk in _chunks(list(by_user)):
        docs = (
            Document.objects.filter(created_by_id__in=chunk)
            .annotate(y=document_year())
            .filter(y=year)
        )
        for uid, direction, n in (
            docs.values_list("created_by_id", "direction").annotate(n=Count("pk")).order_by()
        ):
            setattr(out[by_user[uid]], field_for[direction], n)
        for uid, n in (
            docs.exclude(filed()).values_list("created_by_id").annotate(n=Count("pk")).order_by()
        ):
            out[by_user[uid]].loose_documents = n
    return {pid: adapt(f) for pid, f in out.items()}


# The dossier figures of ``compliance.figures`` that the evaluation reads.
_DOSSIER_FIGURES = [
    "dossiers_opened",
    "dossiers_closed",
    "deposited_on_time",
    "deposited_late",
]


def _chunks(ids: list[int], size: int = 500):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
