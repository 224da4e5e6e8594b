"""File plans due, issued on time, late or missing: the deadline is the rule book's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from luutru.compliance.measures import Figures
from luutru.compliance.models import OrgYearFacts
from luutru.orgs.models import Organization
from luutru.rules.book import rulebook


def first_plan_year() -> int | None:
    return (
        OrgYearFacts.objects.exclude(plan_state="")
        .order_by("year")
        .values_list("year", flat=True)
        .first()
    )


def plan_status(
    org: Organization, year: int, issued_on: dt.date | None, deadline: dt.date, on: dt.date
) -> str | None:
    """'on_time', 'late', 'missing' or None (not due: deadline not passed, body not there)."""
    if issued_on is not None and issued_on <= on:
        return "on_time" if issued_on <= deadline else "late"
    if deadline >= on or not org.is_active_on(deadline):
        return None
    return "missing"


def plan_table(
    orgs: dict[int, Organization],
    years: Iterable[int] | None,
    on: dt.date,
    issued: dict[tuple[int, int], dt.date | None] | None = None,
) -> list[tuple[Organization, int, str]]:
    """(body, year, status) of every plan due or issued for ``years`` (None: every
    year since the system holds plans at all, up to ``on``), as the figures count them."""
    if issued is None:
        rows = OrgYearFacts.objects.filter(org__in=list(orgs), year__lte=on.year).exclude(
            plan_state=""
        )
        if years is not None:
            rows = rows.filter(year__in=list(years))
        issued = {
            (org_id, y): day
            for org_id, y, day in rows.values_list("org_id", "year", "plan_issued_on")
        }
    book = rulebook()  # one book for every body and year
    first = None if years is not None else first_plan_year()
    deadlines: dict[tuple[str, int], dt.date] = {}
    out = []
    for org_id, org in orgs.items():
        if years is not None:
            span: Iterable[int] = years
        elif first is None:
            span = []
        else:
            span = range(max(first, org.valid_from.year), on.year + 1)
        for y in span:
            key = (org.fonds_system, y)
            if key not in deadlines:
                deadlines[key] = book.plan_deadline(org.fonds_system, y)
            status = plan_status(org, y, issued.get((org_id, y)), deadlines[key], on)
            if status is not None:
                out.append((org, y, status))
    return out


def count_plans(
    out: dict[int, Figures],
    orgs: dict[int, Organization],
    issued: dict[tuple[int, int], dt.date | None],
    on: dt.date,
    year: int | None,
) -> None:
    field_for = {"on_time": "plan_issued_on_time", "late": "plans_late", "missing": "plans_missing"}
    for org, _y, status in plan_table(orgs, None if year is None else [year], on, issued):
        f = out[org.pk]
        f.plans_due += 1
        setattr(f, field_for[status], getattr(f, field_for[status]) + 1)
