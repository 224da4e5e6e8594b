"""Reads for the evaluation: who may see which scores, rankings, the trend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from luutru.access.policy import has_role, subject_for
from luutru.core.errors import RuleViolation
from luutru.evaluation.figures import org_year_figures, person_year_figures
from luutru.evaluation.services import Score, cycle_criteria, score, year_failures
from luutru.orgs.models import Membership, Organization, Person, Role

# Who may read a body's evaluation: those who watch or lead it.
EVALUATOR_ROLES = (Role.INSPECTOR, Role.HEAD)


def may_evaluate(user, org: Organization) -> bool:
    return any(has_role(user, r, org) for r in EVALUATOR_ROLES)


def may_freeze(user) -> bool:
    """A cycle holds for every body: only the administrator or an inspector at the top
    of the tree (the province) freezes it."""
    if user.is_staff:
        return True
    ids = [oid for oid, role in subject_for(user).roles if role == Role.INSPECTOR]
    return Organization.objects.filter(pk__in=ids, parent__isnull=True).exists()


def evaluation_roots(user) -> list[Organization]:
    """The bodies at the top of the user's evaluation scope (inspector or head)."""
    ids = {oid for oid, role in subject_for(user).roles if role in EVALUATOR_ROLES}
    orgs = sorted(Organization.objects.filter(pk__in=ids), key=lambda o: o.path)
    # Drop a body already under another root of the user.
    return [o for o in orgs if not any(o.path.startswith(r.path) and o != r for r in orgs)]


def orgs_in_year(root: Organization, year: int) -> list[Organization]:
    """The root and every body under it that existed at some time during ``year``."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return list(
        Organization.objects.filter(path__startswith=root.path, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("path")
    )


# A year counts as having data once a plan was issued, or a plan item, dossier or
# document of that year exists: a year before the system was used is not "all zero".
_RECORD_FIGURES = ("plan_issued_on_time", "plan_items", "dossiers_opened", "documents")


def _has_records(figures: dict[str, int]) -> bool:
    return any(figures.get(k, 0) for k in _RECORD_FIGURES)


@dataclass
class Ranked:
    rank: int
    subject: Any  # Organization or Person
    org: Organization | None
    score: Score
    figures: dict[str, int]


def _rank(rows: Sequence[tuple[Any, Organization | None, Score, dict[str, int]]]) -> list[Ranked]:
    """Highest score first; equal scores share a rank; no data goes last, unranked."""
    with_data = sorted(
        (r for r in rows if r[2].has_data), key=lambda r: (-(r[2].total or 0.0), str(r[0]))
    )
    ranked, prev, rank = [], None, 0
    for i, (subj, org, s, f) in enumerate(with_data, start=1):
        if s.total != prev:
            rank, prev = i, s.total
        ranked.append(Ranked(rank, subj, org, s, f))
    ranked += [Ranked(0, subj, org, s, f) for subj, org, s, f in rows if not s.has_data]
    return ranked


def unit_ranking(
    root: Organization, year: int, on: dt.date | None = None, criteria: list[dict] | None = None
) -> list[Ranked]:
    """Every body under ``root`` in ``year``, scored and ranked."""
    on = on or timezone.localdate()
    RuleViolation.check(year_failures(year, on))
    criteria = criteria if criteria is not None else cycle_criteria(year)
    orgs = orgs_in_year(root, year)
    figures = org_year_figures(root, [o.pk for o in orgs], on=on, year=year)
    rows = [(o, o, score(figures.get(o.pk, {}), criteria), figures.get(o.pk, {})) for o in orgs]
    ranked = _rank(rows)
    if not any(_has_records(r.figures) for r in ranked):
        raise RuleViolation(
            f"Năm {year} chưa có dữ liệu để đánh giá “{root.name}”: chưa có danh mục hồ sơ, "
            "hồ sơ hay văn bản nào của năm đó. Chọn năm khác, hoặc chờ các cơ quan lập hồ sơ."
        )
    return ranked


def person_ranking(
    root: Organization, year: int, on: dt.date | None = None, criteria: list[dict] | None = None
) -> list[Ranked]:
    """Officials who formed dossiers (or were assigned plan items) under ``root`` in ``year``."""
    on = on or timezone.localdate()
    RuleViolation.check(year_failures(year, on))
    criteria = criteria if criteria is not None else cycle_criteria(year)
    orgs = orgs_in_year(root, year)
    figures = person_year_figures([o.pk for o in orgs], on=on, year=year)
    people = Person.objects.in_bulk(list(figures))
    home = _home_orgs(list(people), orgs)
    rows = [
        (people[pid], home.get(pid), score(f, criteria), f)
        for pid, f in figures.items()
        if pid in people
    ]
    return _rank(rows)


def _home_orgs(person_ids: list[int], orgs: list[Organization]) -> dict[int, Organization]:
    by_id = {o.pk: o for o in orgs}
    out: dict[int, Organization] = {}
    for m in Membership.objects.filter(person_id__in=person_ids, org_id__in=list(by_id)).order_by(
        "valid_from"
    ):
        out.setdefault(m.person_id, by_id[m.org_id])
    return out


@dataclass
class TrendPoint:
    year: int
    score: float | None
    error: str = ""


def trend(
    root: Organization, years: list[int], on: dt.date | None = None, org: Organization | None = None
) -> list[TrendPoint]:
    """The score of ``org`` (default: the average over the bodies under ``root``) per year."""
    points = []
    for y in years:
        try:
            ranked = unit_ranking(root, y, on)
        except RuleViolation as exc:
            points.append(TrendPoint(y, None, exc.messages[0]))
            continue
        if org is not None:
            mine = [r.score.total for r in ranked if r.subject.pk == org.pk and r.score.has_data]
            points.append(TrendPoint(y, mine[0] if mine else None))
        else:
            totals = [r.score.total for r in ranked if r.score.total is not None]
            points.append(TrendPoint(y, round(sum(totals) / len(totals), 1)))
    return points
