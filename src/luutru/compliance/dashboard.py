"""Reads behind the dashboards: who may inspect what, trends, offenders, officials.

Only inspectors, heads and archivists of a body (or of a body above it) see its
dashboard; an official sees their own page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from luutru.access.policy import has_role, subject_for
from luutru.compliance.figures import (
    Figures,
    Tree,
    cached,
    handed_after,
    person_figures,
    plan_table,
    rollup,
    stocks_after,
)
from luutru.compliance.models import DossierFacts, OrgYearFacts
from luutru.orgs.models import Membership, Organization, Person, Role, in_figures

INSPECTING_ROLES = (Role.INSPECTOR, Role.HEAD, Role.ARCHIVIST)
TREND_YEARS = 8
OFFENDERS = 10


def can_inspect(user, org: Organization) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(has_role(user, role, org) for role in INSPECTING_ROLES)


def inspected_roots(user) -> list[Organization]:
    """The highest bodies the user inspects (their subtrees are the user's dashboard)."""
    ids = {org_id for org_id, role in subject_for(user).roles if role in INSPECTING_ROLES}
    if getattr(user, "is_superuser", False):
        tops = Organization.objects.filter(in_figures(), parent__isnull=True)
        ids |= set(tops.values_list("pk", flat=True))
    orgs = sorted(Organization.objects.filter(pk__in=ids), key=lambda o: o.path)
    roots: list[Organization] = []
    for o in orgs:
        if not any(o.path.startswith(r.path) for r in roots):
            roots.append(o)
    return roots


def can_see_person(user, person: Person, on: dt.date) -> bool:
    """The official themself, or someone inspecting one of the bodies they work in."""
    if getattr(user, "person", None) is not None and user.person.pk == person.pk:
        return True
    orgs = Organization.objects.filter(memberships__person=person).distinct()
    return any(can_inspect(user, o) for o in orgs)


# ---------------------------------------------------------------- trends


@dataclass
class Trend:
    years: list[int]
    on_time: list[int]
    late: list[int]
    overdue: list[int]
    plans_on_time: list[int]
    plans_late: list[int]
    plans_missing: list[int]


def trend(tree: Tree, org_id: int, last_year: int) -> Trend:
    """Deposits and plans of each year up to ``last_year``, for a subtree on ``tree.on``."""
    return cached(
        f"trend:{org_id}:{tree.root.pk}:{tree.on}:{last_year}",
        lambda: _trend(tree, org_id, last_year),
    )


def _trend(tree: Tree, org_id: int, last_year: int) -> Trend:
    ids = tree.subtree_ids(org_id)
    on = tree.on
    years = list(range(last_year - TREND_YEARS + 1, last_year + 1))
    # Final counts per year of formation, minus what happened after ``on``.
    final: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    columns = ["year", "handed_on_time", "handed_late", "overdue_starts", "overdue_ends"]
    for values in OrgYearFacts.objects.filter(org__in=ids, year__in=years).values_list(*columns):
        for name, v in zip(columns[1:], values[1:], strict=True):
            final[values[0]][name] += v
    in_years = Q(year__in=years)
    later = handed_after(ids, on, "year", in_years)
    for y, counts in stocks_after(ids, on, "year", in_years).items():
        later[y].update(counts)
    by_year = {}
    for y in years:
        f, a = final.get(y, {}), later.get(y, {})
        by_year[y] = {
            "on_time": f.get("handed_on_time", 0) - a.get("handed_on_time", 0),
            "late": f.get("handed_late", 0) - a.get("handed_late", 0),
            "overdue": (f.get("overdue_starts", 0) - a.get("overdue_starts", 0))
            - (f.get("overdue_ends", 0) - a.get("overdue_ends", 0)),
        }
        if not any(by_year[y].values()):
            del by_year[y]
    plans: dict[tuple[int, str], int] = {}
    for _org, y, status in plan_table({i: tree.orgs[i] for i in ids}, years, on):
        plans[(y, status)] = plans.get((y, status), 0) + 1
    # Leave out the leading years where nothing at all happened.
    while (
        years
        and not by_year.get(years[0])
        and not any(plans.get((years[0], s)) for s in ("on_time", "late"))
    ):
        years.pop(0)
    return Trend(
        years=years,
        on_time=[by_year.get(y, {}).get("on_time", 0) for y in years],
        late=[by_year.get(y, {}).get("late", 0) for y in years],
        overdue=[by_year.get(y, {}).get("overdue", 0) for y in years],
        plans_on_time=[plans.get((y, "on_time"), 0) for y in years],
        plans_late=[plans.get((y, "late"), 0) for y in years],
        plans_missing=[plans.get((y, "missing"), 0) for y in years],
    )


# ---------------------------------------------------------------- offenders, officials


@dataclass
class Row:
    org: Organization
    own: Figures
    total: Figures
    depth: int = 0
    dissolved: bool = False
    href: str = ""  # set by the page: links are formatted there
    overdue_href: str = ""


def offenders(tree: Tree, org_id: int, limit: int = OFFENDERS) -> list[Row]:
    """Bodies with the most overdue dossiers, then missing plans, then loose documents."""
    rows = [
        Row(tree.orgs[i], tree.own[i], tree.total[i], d, tree.dissolved(i))
        for i, d in tree.walk(org_id)
    ]
    rows = [
        r
        for r in rows
        if r.own.overdue_now
        or r.own.plans_missing
        or r.own.plans_late
        or r.own.loose_documents
        or r.own.quality_problems
    ]
    rows.sort(
        key=lambda r: (
            -r.own.overdue_now,
            -r.own.plans_missing,
            -r.own.plans_late,
            -r.own.quality_problems,
            -r.own.loose_documents,
            r.org.path,
        )
    )
    return rows[:limit]


def children_rows(tree: Tree, org_id: int) -> list[Row]:
    return [
        Row(tree.orgs[i], tree.own[i], tree.total[i], 1, tree.dissolved(i))
        for i in tree.children.get(org_id, [])
    ]


@dataclass
class Official:
    person: Person
    roles: list[str]
    unit: str
    figures: Figures


def officials(org: Organization, on: dt.date, year: int | None) -> list[Official]:
    """People working in ``org`` on ``on`` or who formed its dossiers, with their figures."""
    members = (
        Membership.objects.filter(org=org, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("person", "unit")
    )
    people: dict[int, Official] = {}
    for m in members:
        o = people.setdefault(m.person_id, Official(m.person, [], "", Figures()))
        o.roles.append(m.get_role_display())
        o.unit = o.unit or (m.unit.name if m.unit else "")
    formed = DossierFacts.objects.filter(org=org).values_list("creator_id", flat=True).distinct()
    for p in Person.objects.filter(pk__in=formed).exclude(pk__in=list(people)):
        people[p.pk] = Official(p, ["Người lập hồ sơ"], "", Figures())
    for o in people.values():
        o.figures = person_figures(o.person, on=on, year=year)
    return sorted(
        people.values(),
        key=lambda o: (-o.figures.overdue_now, -o.figures.dossiers_opened, o.person.full_name),
    )


def units(people: list[Official]) -> list[tuple[str, Figures]]:
    """Officials' figures summed per unit (đơn vị, phòng ban) of the body."""
    out: dict[str, Figures] = {}
    for o in people:
        if o.unit:
            out[o.unit] = out.get(o.unit, Figures()) + o.figures
    return sorted(out.items())


def overview(root: Organization, on: dt.date, year: int | None) -> Tree:
    return rollup(root, on=on, year=year)
