"""Own figures of bodies and officials, read from the stored facts: final per-year
counts minus what happened after the day asked about."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import BooleanField, Count, ExpressionWrapper, F, Q, Sum

from luutru.compliance.facts import document_year, filed
from luutru.compliance.measures import (
    DOSSIER_FIGURES,
    PROBLEM_FIGURES,
    STOCKS,
    STORED,
    Figures,
    dossier_q,
)
from luutru.compliance.models import DossierFacts, OrgYearFacts
from luutru.compliance.plans import count_plans
from luutru.filing.models import FilePlanItem
from luutru.orgs.models import Organization, in_figures
from luutru.registry.models import Direction, Document


def _later(
    column: str, on: dt.date, org_ids: list[int], key: str, where: Q, split_on_time: bool = False
) -> Iterable[tuple]:
    """(key, [on time,] count) of ``DossierFacts`` rows whose ``column`` is after
    ``on``, for ``org_ids``. Grouped on ``key + 0`` so that SQLite reads the range
    of the date's covering index: grouping on the bare column, its planner walks
    the organization index through every row instead."""
    qs = DossierFacts.objects.filter(where, **{f"{column}__gt": on})
    few = len(org_ids) <= 50
    if few:
        qs = qs.filter(org__in=org_ids)
    wanted = None if few else set(org_ids)
    group = ["k", "o"] if key == "year" else ["k"]
    qs = qs.annotate(k=F(key) + 0, o=F("org_id"))
    if split_on_time:
        qs = qs.annotate(
            t=ExpressionWrapper(Q(handed_on__lte=F("due")), output_field=BooleanField())
        )
        group.append("t")
    for row in qs.values_list(*group).annotate(n=Count("pk")).order_by():
        org_id = row[1] if key == "year" else row[0]
        if wanted is None or org_id in wanted:
            yield (row[0], *row[len(group) - (1 if split_on_time else 0) :])


def handed_after(org_ids: list[int], on: dt.date, key: str, where: Q | None = None) -> dict:
    """Deposits handed over after ``on``, on time or late, counted by ``key``
    ("org_id" or "year"): subtracted from the final counts to answer as of ``on``."""
    out: dict = defaultdict(lambda: defaultdict(int))
    where = Q(requires_deposit=True) & (where or Q())
    for k, in_time, n in _later("handed_on", on, org_ids, key, where, split_on_time=True):
        out[k]["handed_on_time" if in_time else "handed_late"] += n
    return out


def stocks_after(org_ids: list[int], on: dt.date, key: str, where: Q | None = None) -> dict:
    """Dossiers falling overdue, ceasing to be overdue and accepted after ``on``,
    counted by ``key`` ("org_id" or "year")."""
    out: dict = defaultdict(lambda: defaultdict(int))
    for column, name in (
        ("overdue_from", "overdue_starts"),
        ("overdue_end", "overdue_ends"),
        ("accepted_on", "accepted"),
    ):
        for k, n in _later(column, on, org_ids, key, where or Q()):
            out[k][name] += n
    return out


def own_figures(
    org_ids: list[int], orgs: dict[int, Organization], on: dt.date, year: int | None
) -> dict[int, Figures]:
    """Own figures of each body: final per-year counts minus what happened after ``on``."""
    out = {i: Figures(organizations=1) for i in org_ids}
    if not org_ids:
        return out
    totals: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = OrgYearFacts.objects.filter(org__in=org_ids)
    # Stocks (overdue, holdings) span every year; the rest only the year asked.
    stocks = ["overdue_starts", "overdue_ends", "accepted"]
    stock_rows: Any = rows.values("org_id").annotate(**{n: Sum(n) for n in stocks}).order_by()
    for r in stock_rows:
        totals[r["org_id"]].update({n: r[n] for n in stocks})
    asked = rows.filter(year=year) if year is not None else rows.filter(year__lte=on.year)
    summed = [*STORED, "handed_on_time", "handed_late"]
    summed_rows: Any = asked.values("org_id").annotate(**{n: Sum(n) for n in summed}).order_by()
    for r in summed_rows:
        f = out[r["org_id"]]
        for n in STORED:
            setattr(f, n, r[n])
        totals[r["org_id"]]["handed_on_time"] = r["handed_on_time"]
        totals[r["org_id"]]["handed_late"] = r["handed_late"]
    issued = {
        (org_id, y): day
        for org_id, y, day in asked.exclude(plan_state="").values_list(
            "org_id", "year", "plan_issued_on"
        )
    }
    stock_later = stocks_after(org_ids, on, "org_id")
    of_year = Q(year=year) if year is not None else Q(year__lte=on.year)
    handed_later = handed_after(org_ids, on, "org_id", of_year)
    for org_id, f in out.items():
        t, late, stock = totals[org_id], handed_later.get(org_id, {}), stock_later.get(org_id, {})
        f.deposited_on_time = t["handed_on_time"] - late.get("handed_on_time", 0)
        f.deposited_late = t["handed_late"] - late.get("handed_late", 0)
        f.overdue_now = (t["overdue_starts"] - stock.get("overdue_starts", 0)) - (
            t["overdue_ends"] - stock.get("overdue_ends", 0)
        )
        f.holdings_dossiers = t["accepted"] - stock.get("accepted", 0)
    count_plans(out, orgs, issued, on, year)
    return out


def person_own_figures(person, on: dt.date, year: int | None) -> Figures:
    f = Figures()
    facts = DossierFacts.objects.filter(creator=person)
    of_year = facts.filter(year__lte=on.year) if year is None else facts.filter(year=year)
    counts = {n: Count("pk", filter=dossier_q(n, on)) for n in DOSSIER_FIGURES}
    row = of_year.aggregate(**counts)
    for n in DOSSIER_FIGURES:
        setattr(f, n, row[n] or 0)
    for mask in of_year.filter(problems__gt=0).values_list("problems", flat=True):
        for bit, name in PROBLEM_FIGURES.items():
            if mask & bit:
                setattr(f, name, getattr(f, name) + 1)
    for n in STOCKS:
        setattr(f, n, facts.filter(dossier_q(n, on)).count())
    # A practice body's records are in no figure, a person's neither (``in_figures``).
    items = FilePlanItem.objects.filter(in_figures("plan__org"), creator=person)
    items = items.filter(plan__year__lte=on.year)
    if year is not None:
        items = items.filter(plan__year=year)
    f.plan_items = items.count()
    f.plan_items_opened = items.filter(dossiers__isnull=False).distinct().count()
    if person.user_id:
        docs = Document.objects.filter(in_figures("org"), created_by_id=person.user_id)
        docs = docs.annotate(y=document_year())
        docs = docs.filter(y__lte=on.year) if year is None else docs.filter(y=year)
        by_dir = dict(docs.values_list("direction").annotate(n=Count("pk")).order_by())
        f.documents_in = by_dir.get(Direction.INCOMING, 0)
        f.documents_out = by_dir.get(Direction.OUTGOING, 0)
        f.documents_internal = by_dir.get(Direction.INTERNAL, 0)
        f.loose_documents = docs.exclude(filed()).count()
    return f
