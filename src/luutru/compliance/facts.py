"""Derive ``DossierFacts`` and ``OrgYearFacts`` from the records.

``rebuild(org_ids, book)`` replaces the facts of some bodies (or of all) by ones
derived now; the worker calls it through ``compliance.refresh`` for the bodies
marked stale. Deadlines are asked of the rule book, never decided here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils import timezone

from luutru.archive.models import Deposit, DepositItem, KeepBack
from luutru.capture.models import ImportItem
from luutru.compliance.models import DossierFacts, OrgYearFacts, Problem
from luutru.filing import lifecycle
from luutru.filing.models import (
    ClosingCertificate,
    Dossier,
    DossierIndex,
    DossierItem,
    DossierStatus,
    FilePlan,
)
from luutru.orgs.models import practice_org_ids
from luutru.registry.models import Direction, Document
from luutru.rules.book import RuleBook
from luutru.rules.models import RetentionRule

BATCH = 5000
# Statuses in which a dossier's work is over and its closing papers must exist.
FINISHED = lifecycle.FINISHED
HANDED = [Deposit.Status.SUBMITTED, Deposit.Status.CHECKED, Deposit.Status.ACCEPTED]


def _local_day(moment) -> dt.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def _org_q(org_ids: set[int] | None, field: str = "org", *, counted: bool = True) -> Q:
    """Rows of ``org_ids`` (None: of every body); ``counted``: only of bodies that count
    in figures (``orgs.models.in_figures``: a practice body's records make no facts)."""
    q = Q() if org_ids is None else Q(**{f"{field}__in": list(org_ids)})
    practice = practice_org_ids() if counted else []
    return q & ~Q(**{f"{field}__in": practice}) if practice else q


# ---------------------------------------------------------------- dossiers


def _dossier_facts(org_ids: set[int] | None, book: RuleBook) -> Iterable[DossierFacts]:
    rules = {r.pk: r for r in RetentionRule.objects.all()}
    in_orgs = _org_q(org_ids, "dossier__org")
    with_index = set(
        DossierIndex.objects.filter(in_orgs, superseded_at__isnull=True).values_list(
            "dossier_id", flat=True
        )
    )
    with_cert = set(
        ClosingCertificate.objects.filter(in_orgs, superseded_at__isnull=True).values_list(
            "dossier_id", flat=True
        )
    )
    handed: dict[int, dt.date] = {}
    accepted: dict[int, dt.date] = {}
    deposit_rows = (
        DepositItem.objects.filter(in_orgs, deposit__status__in=HANDED)
        .exclude(outcome=DepositItem.Outcome.RETURNED)
        .values_list(
            "dossier_id",
            "deposit__submitted_at",
            "deposit__status",
            "outcome",
            "deposit__decided_at",
        )
    )
    for dossier_id, submitted_at, status, outcome, decided_at in deposit_rows:
        day = _local_day(submitted_at) or _local_day(decided_at)
        if day is not None and (dossier_id not in handed or day < handed[dossier_id]):
            handed[dossier_id] = day
        if status == Deposit.Status.ACCEPTED and outcome == DepositItem.Outcome.ACCEPTED:
            day = _local_day(decided_at) or day
            if day is not None and (dossier_id not in accepted or day < accepted[dossier_id]):
                accepted[dossier_id] = day
    kept: dict[int, dt.date] = {}
    for dossier_id, until in KeepBack.objects.filter(
        in_orgs, status__in=[KeepBack.Status.APPROVED, KeepBack.Status.ENDED]
    ).values_list("dossier_id", "until"):
        kept[dossier_id] = max(until, kept.get(dossier_id, until))

    # Items in filing order, streamed alongside the dossiers (both by dossier id):
    # the one pass over the documents, without holding them all in memory.
    item_rows = (
        DossierItem.objects.filter(in_orgs, removed_at__isnull=True)
        .order_by("dossier_id", "position", "pk")
        .values_list(
            "dossier_id",
            "document__issued_date",
            "document__page_amount",
            "document_id",
            "document__code_number",
            "document__code_notation",
        )
        .iterator(chunk_size=20_000)
    )
    pending = next(item_rows, None)

    def items_of(dossier_id: int) -> list[tuple]:
        nonlocal pending
        out = []
        while pending is not None and pending[0] < dossier_id:
            pending = next(item_rows, None)
        while pending is not None and pending[0] == dossier_id:
            out.append(pending[1:])
            pending = next(item_rows, None)
        return out

    cites = _citations(org_ids)

    rows = (
        Dossier.objects.filter(_org_q(org_ids))
        .values_list(
            "pk",
            "org_id",
            "org__fonds_system",
            "file_catalog",
            "creator_id",
            "plan_item_id",
            "status",
            "start_date",
            "end_date",
            "kept_back_until",
            "retention_id",
        )
        .order_by("pk")
        .iterator(chunk_size=20_000)
    )
    for pk, org_id, system, year, creator, plan_item, status, start, end, kept_until, ret in rows:
        docs = items_of(pk)
        closed = status != DossierStatus.OPEN and end is not None
        requires = False
        due = overdue_from = None
        if closed:
            requires = book.must_deposit(system, rules.get(ret), end)
        if requires:
            due = book.deposit_due(system, end)
            # A keep-back moves the deadline to its end (DOMAIN.md §4).
            last_allowed = max(d for d in (due, kept.get(pk), kept_until) if d is not None)
            overdue_from = last_allowed + dt.timedelta(days=1)
        problems = 0
        if not docs:
            problems |= Problem.EMPTY
        if status in FINISHED:
            if pk not in with_cert:
                problems |= Problem.NO_CERTIFICATE
            rule = rules.get(ret)
            if (
                rule is not None
                and rule.period == RetentionRule.Period.PERMANENT
                and (pk not in with_index)
            ):
                problems |= Problem.NO_INDEX
        dates = [d[0] for d in docs if d[0] is not None]
        if any((start and d < start) or (end and d > end) for d in dates):
            problems |= Problem.DATES_OUTSIDE
        if any(b < a for a, b in zip(dates, dates[1:], strict=False)):
            problems |= Problem.OUT_OF_ORDER
        cited = [s for d in docs for s in cites.get(d[2], ())]
        if cited and set(cited) - {symbol_key(f"{d[3]}-{d[4]}") for d in docs}:
            problems |= Problem.CITED_MISSING
        yield DossierFacts(
            dossier_id=pk,
            org_id=org_id,
            year=year,
            creator_id=creator,
            planned=plan_item is not None,
            closed=closed,
            requires_deposit=requires,
            due=due,
            overdue_from=overdue_from,
            handed_on=handed.get(pk),
            overdue_end=(
                max(overdue_from, handed[pk]) if overdue_from is not None and pk in handed else None
            ),
            accepted_on=accepted.get(pk),
            kept_back=status == DossierStatus.KEPT_BACK,
            problems=problems,
            doc_count=len(docs),
            page_count=sum(d[1] or 0 for d in docs),
        )


def symbol_key(symbol: str) -> str:
    """A number and symbol as compared: "Số 35-CT/TW" and "35-ct/tw" are the same."""
    text = "".join(str(symbol).split()).upper()
    return text[2:].lstrip(":") if text.startswith("SỐ") else text


def _citations(org_ids: set[int] | None) -> dict[int, list[str]]:
    """Documents cited by each document, as the capture header parser read them
    (``ImportItem.parsed["cited"]``); documents registered by hand cite nothing known."""
    items = ImportItem.objects.filter(document__isnull=False, parsed__has_key="cited")
    if org_ids is not None:
        items = items.filter(document__dossier_items__dossier__org__in=list(org_ids)).distinct()
    out: dict[int, list[str]] = {}
    for document_id, parsed in items.values_list("document_id", "parsed"):
        value = (parsed.get("cited") or {}).get("value") or []
        if isinstance(value, str):
            value = [value]
        out.setdefault(document_id, []).extend(symbol_key(v) for v in value)
    return out


# ---------------------------------------------------------------- organizations × years


def document_year():
    """The year a document counts in: its date, else the day it was registered."""
    return ExtractYear(Coalesce("issued_date", TruncDate("created_at")))


def filed() -> Exists:
    """The document is in at least one dossier (an item removed with a reason does
    not count). A correlated EXISTS on the item's document index: ``NOT IN`` over
    every item would materialize millions of ids for one body's count."""
    return Exists(DossierItem.objects.filter(document=OuterRef("pk"), removed_at__isnull=True))


def _count_dossier(rows: dict[tuple[int, int], OrgYearFacts], f: DossierFacts) -> None:
    key = (f.org_id, f.year)
    if key not in rows:
        rows[key] = OrgYearFacts(org_id=f.org_id, year=f.year)
    r = rows[key]
    r.dossiers_opened += 1
    r.dossiers_outside_plan += not f.planned
    r.dossiers_closed += f.closed
    r.deposit_required += f.requires_deposit
    r.kept_back += f.kept_back
    if f.requires_deposit and f.handed_on is not None and f.due is not None:
        if f.handed_on <= f.due:
            r.handed_on_time += 1
        else:
            r.handed_late += 1
    r.overdue_starts += f.overdue_from is not None
    r.overdue_ends += f.overdue_end is not None
    r.accepted += f.accepted_on is not None
    if f.problems:
        r.quality_problems += 1
        for bit, key_name in Problem.KEYS.items():
            if f.problems & bit:
                name = f"quality_{key_name}"
                setattr(r, name, getattr(r, name) + 1)


def _org_year_facts(
    org_ids: set[int] | None, rows: dict[tuple[int, int], OrgYearFacts]
) -> Iterable[OrgYearFacts]:

    def row(org_id: int, year: int) -> OrgYearFacts:
        key = (org_id, year)
        if key not in rows:
            rows[key] = OrgYearFacts(org_id=org_id, year=year)
        return rows[key]

    plans = (
        FilePlan.objects.filter(_org_q(org_ids))
        .annotate(
            n_items=Count("items", distinct=True),
            n_opened=Count("items", filter=Q(items__dossiers__isnull=False), distinct=True),
        )
        .values_list("org_id", "year", "state", "decision_date", "issued_at", "n_items", "n_opened")
    )
    for org_id, year, state, decision_date, issued_at, n_items, n_opened in plans:
        r = row(org_id, year)
        r.plan_state = state
        if state == FilePlan.State.ISSUED:
            r.plan_issued_on = decision_date or _local_day(issued_at)
        r.plan_items, r.plan_items_opened = n_items, n_opened

    field = {
        Direction.INCOMING: "documents_in",
        Direction.OUTGOING: "documents_out",
        Direction.INTERNAL: "documents_internal",
    }
    docs = Document.objects.filter(_org_q(org_ids))
    # Dated documents: one conditional count per year on the date column (no
    # per-row function call: SQLite would run Python for each of millions of rows).
    span = docs.filter(issued_date__isnull=False).aggregate(
        lo=Min("issued_date"), hi=Max("issued_date")
    )
    if span["lo"] is not None:
        years = range(span["lo"].year, span["hi"].year + 1)
        per_year = {
            f"y{y}": Count(
                "pk",
                filter=Q(issued_date__gte=dt.date(y, 1, 1), issued_date__lte=dt.date(y, 12, 31)),
            )
            for y in years
        }
        dated = docs.filter(issued_date__isnull=False)
        counted: Any = dated.values("org_id", "direction").annotate(**per_year).order_by()
        for c in counted:
            for y in years:
                if c[f"y{y}"]:
                    setattr(row(c["org_id"], y), field[c["direction"]], c[f"y{y}"])
        loose: Any = dated.exclude(filed()).values("org_id").annotate(**per_year).order_by()
        for c in loose:
            for y in years:
                if c[f"y{y}"]:
                    row(c["org_id"], y).loose_documents = c[f"y{y}"]
    # Undated documents count in the year they were registered.
    undated = docs.filter(issued_date__isnull=True).annotate(y=document_year())
    for org_id, year, direction, n in (
        undated.values_list("org_id", "y", "direction").annotate(n=Count("pk")).order_by()
    ):
        r = row(org_id, year)
        setattr(r, field[direction], getattr(r, field[direction]) + n)
    loose = undated.exclude(filed())
    for org_id, year, n in loose.values_list("org_id", "y").annotate(n=Count("pk")).order_by():
        row(org_id, year).loose_documents += n
    return rows.values()


# ---------------------------------------------------------------- rebuilding


def rebuild(org_ids: Iterable[int] | None, book: RuleBook) -> None:
    """Replace the facts of ``org_ids`` (None: every organization) by ones derived
    now, in one transaction (the caller's)."""
    ids = None if org_ids is None else set(org_ids)
    with transaction.atomic():
        DossierFacts.objects.filter(_org_q(ids, counted=False)).delete()
        OrgYearFacts.objects.filter(_org_q(ids, counted=False)).delete()
        batch: list[DossierFacts] = []
        per_year: dict[tuple[int, int], OrgYearFacts] = {}
        for f in _dossier_facts(ids, book):
            _count_dossier(per_year, f)
            batch.append(f)
            if len(batch) >= BATCH:
                DossierFacts.objects.bulk_create(batch)
                batch = []
        DossierFacts.objects.bulk_create(batch)
        OrgYearFacts.objects.bulk_create(list(_org_year_facts(ids, per_year)), batch_size=BATCH)


def linked_orgs(org_ids: set[int]) -> set[int]:
    """Organizations whose figures move with these: documents of one filed in
    dossiers of the other (loose counts, dossier dates)."""
    ids = list(org_ids)
    docs_elsewhere = DossierItem.objects.filter(dossier__org__in=ids).exclude(document__org__in=ids)
    dossiers_elsewhere = DossierItem.objects.filter(document__org__in=ids).exclude(
        dossier__org__in=ids
    )
    return set(docs_elsewhere.values_list("document__org_id", flat=True).distinct()) | set(
        dossiers_elsewhere.values_list("dossier__org_id", flat=True).distinct()
    )
