"""The records behind a figure: the same predicate as the count, through the access policy.

``records_behind(user, name, scope)`` answers one figure of ``figures.LABELS``
for a scope (organizations or one official, a date, a year) with a list of
dossiers, documents, plans, plan items or organizations. Lists pass through
``visible_q``: what the user may not open is not listed (the page says how many
are hidden, never what they are).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from luutru.compliance.facts import document_year, filed
from luutru.compliance.measures import (
    DOSSIER_FIGURES,
    LABELS,
    PROBLEM_FIGURES,
    STOCKS,
    dossier_q,
)
from luutru.compliance.models import DossierFacts
from luutru.compliance.plans import plan_table
from luutru.filing.models import Dossier, FilePlanItem
from luutru.filing.queries import dossiers_visible_to, plans_visible_to
from luutru.orgs.models import Organization, Person
from luutru.registry.models import Direction, Document
from luutru.registry.queries import documents_visible_to

DOCUMENT_FIGURES = {
    "loose_documents": None,
    "documents_in": Direction.INCOMING,
    "documents_out": Direction.OUTGOING,
    "documents_internal": Direction.INTERNAL,
}
PLAN_FIGURES = {"plan_issued_on_time": "on_time", "plans_late": "late"}
ORG_FIGURES = {"organizations": None, "plans_missing": "missing", "plans_due": "due"}


@dataclass
class Scope:
    org_ids: list[int] | None  # None with a person: the official's own records

    @property
    def orgs(self) -> list[int]:
        """The bodies counted (none for an official's own records)."""
        return self.org_ids or []

    on: dt.date
    year: int | None
    person: Person | None = None


@dataclass
class Behind:
    kind: str  # "dossier" | "document" | "plan" | "plan_item" | "org"
    rows: QuerySet | list
    total: int  # how many records the figure counts
    shown: int  # how many of them the user may open


def _facts(scope: Scope, name: str) -> QuerySet[DossierFacts]:
    facts = DossierFacts.objects.all()
    if scope.person is not None:
        facts = facts.filter(creator=scope.person)
    else:
        facts = facts.filter(org__in=scope.orgs)
    if name not in STOCKS:
        facts = (
            facts.filter(year=scope.year)
            if scope.year is not None
            else facts.filter(year__lte=scope.on.year)
        )
    return facts


def _dossiers(user, scope: Scope, name: str) -> Behind:
    facts = _facts(scope, name)
    bits = {v: k for k, v in PROBLEM_FIGURES.items()}
    if name in bits:
        ids = [
            pk
            for pk, mask in facts.filter(problems__gt=0).values_list("dossier_id", "problems")
            if mask & bits[name]
        ]
        facts = facts.filter(dossier_id__in=ids)
    else:
        facts = facts.filter(dossier_q(name, scope.on))
    total = facts.count()
    rows = (
        dossiers_visible_to(user)
        .filter(pk__in=facts.values("dossier_id"))
        .select_related("org", "creator", "retention", "facts")
        .order_by("org__path", "-file_catalog", "file_notation", "pk")
    )
    return Behind("dossier", rows, total, rows.count())


def _documents(user, scope: Scope, name: str) -> Behind:
    docs = Document.objects.annotate(y=document_year())
    if scope.person is not None:
        docs = docs.filter(created_by_id=scope.person.user_id)
    else:
        docs = docs.filter(org__in=scope.orgs)
    docs = (
        docs.filter(y=scope.year) if scope.year is not None else docs.filter(y__lte=scope.on.year)
    )
    direction = DOCUMENT_FIGURES[name]
    docs = docs.exclude(filed()) if direction is None else docs.filter(direction=direction)
    total = docs.count()
    rows = (
        documents_visible_to(user)
        .filter(pk__in=docs.values("pk"))
        .select_related("org")
        .order_by("org__path", "issued_date", "pk")
    )
    return Behind("document", rows, total, rows.count())


def _plan_statuses(scope: Scope) -> list[tuple[Organization, int, str]]:
    """(body, year, status) of every plan due or issued in the scope."""
    orgs = {o.pk: o for o in Organization.objects.filter(pk__in=scope.orgs)}
    return plan_table(orgs, None if scope.year is None else [scope.year], scope.on)


def _plans(user, scope: Scope, name: str) -> Behind:
    wanted = PLAN_FIGURES[name]
    keys = [(o.pk, y) for o, y, s in _plan_statuses(scope) if s == wanted]
    q = Q(pk__in=[])
    for org_id, year in keys:
        q |= Q(org_id=org_id, year=year)
    rows = plans_visible_to(user).filter(q).select_related("org").order_by("org__path", "-year")
    return Behind("plan", rows, len(keys), rows.count())


def _plan_items(user, scope: Scope, name: str) -> Behind:
    items = FilePlanItem.objects.filter(plan__year__lte=scope.on.year)
    if scope.person is not None:
        items = items.filter(creator=scope.person)
    else:
        items = items.filter(plan__org__in=scope.orgs)
    if scope.year is not None:
        items = items.filter(plan__year=scope.year)
    if name == "plan_items_opened":
        items = items.filter(dossiers__isnull=False).distinct()
    total = items.count()
    rows = (
        items.filter(plan__in=plans_visible_to(user))
        .select_related("plan__org", "creator")
        .order_by("plan__org__path", "-plan__year", "order")
    )
    return Behind("plan_item", rows, total, rows.count())


def _orgs(scope: Scope, name: str) -> Behind:
    wanted = ORG_FIGURES[name]
    if wanted is None:
        bodies = list(Organization.objects.filter(pk__in=scope.orgs).order_by("path"))
        return Behind("org", [(o, None) for o in bodies], len(bodies), len(bodies))
    rows = [(o, y) for o, y, s in _plan_statuses(scope) if wanted == "due" or s == wanted]
    rows.sort(key=lambda r: (r[0].path, r[1]))
    # Organizations are not secret: every row may be shown.
    return Behind("org", rows, len(rows), len(rows))


def records_behind(user, name: str, scope: Scope) -> Behind:
    """The records a figure counts, those the user may open listed."""
    if name not in LABELS:
        raise KeyError(name)
    if name in DOSSIER_FIGURES or name in STOCKS or name in PROBLEM_FIGURES.values():
        return _dossiers(user, scope, name)
    if name in DOCUMENT_FIGURES:
        return _documents(user, scope, name)
    if name in ("plan_items", "plan_items_opened"):
        return _plan_items(user, scope, name)
    if scope.person is not None:
        return Behind("org", [], 0, 0)
    if name in PLAN_FIGURES:
        return _plans(user, scope, name)
    return _orgs(scope, name)


__all__ = ["Behind", "Scope", "records_behind", "Dossier"]
