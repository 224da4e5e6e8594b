"""Scoring the yearly evaluation from the criteria (rule data) and the computed figures.

Writes (opening a cycle) record their audit event; the scores themselves are
computed, never stored (DESIGN.md §4.5).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.evaluation.models import FIGURES, CriteriaSet, EvaluationCycle
from luutru.evaluation.weights import weight_failures

FIRST_YEAR = 1930


def year_failures(year: int | None, today: dt.date | None = None) -> list[str]:
    today = today or timezone.localdate()
    if year is None:
        return ["Phải chọn năm đánh giá (ví dụ 2024)."]
    if year < FIRST_YEAR or year > today.year:
        return [f"Năm {year} không hợp lệ: chọn một năm từ {FIRST_YEAR} đến {today.year}."]
    return []


def criteria_set_for(year: int) -> CriteriaSet:
    day = dt.date(year, 12, 31)
    found = (
        CriteriaSet.objects.filter(valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=dt.date(year, 1, 1)))
        .order_by("-valid_from")
        .first()
    )
    if found is None:
        raise RuleViolation(
            f"Chưa có bộ tiêu chí đánh giá nào áp dụng cho năm {year}. Đề nghị quản trị viên "
            "bổ sung trong mục Quản trị → Bộ tiêu chí đánh giá."
        )
    return found


def criteria_in_force(year: int) -> list[dict]:
    """The criteria of the set in force for ``year``, as snapshots; weights checked."""
    cset = criteria_set_for(year)
    day = dt.date(year, 12, 31)
    rows = [c.snapshot() for c in cset.criteria.all() if c.in_force_on(day)]
    failures = weight_failures([(r["code"], r["weight"]) for r in rows])
    if failures:
        raise RuleViolation(
            *[f"Bộ tiêu chí “{cset.name}” (năm {year}): {m}" for m in failures],
            "Đề nghị quản trị viên sửa trọng số trong mục Quản trị → Bộ tiêu chí đánh giá.",
        )
    return rows


def cycle_criteria(year: int) -> list[dict]:
    """A closed-in cycle's frozen criteria, else those in force now (checked)."""
    cycle = EvaluationCycle.objects.filter(year=year).first()
    if cycle is not None:
        failures = weight_failures([(r["code"], r["weight"]) for r in cycle.criteria])
        RuleViolation.check([f"Kỳ đánh giá năm {year}: {m}" for m in failures])
        return cycle.criteria
    return criteria_in_force(year)


_ALREADY = "Kỳ đánh giá năm {year} đã được chốt trước đây; tiêu chí của kỳ đó không đổi nữa."


def open_cycle(actor, year: int) -> EvaluationCycle:
    """Freeze the criteria in force for ``year`` into its evaluation cycle."""
    RuleViolation.check(year_failures(year))
    if EvaluationCycle.objects.filter(year=year).exists():
        raise RuleViolation(_ALREADY.format(year=year))
    rows = criteria_in_force(year)
    try:
        with transaction.atomic():
            cycle = EvaluationCycle.objects.create(
                year=year,
                criteria_set=criteria_set_for(year),
                criteria=rows,
                created_by=actor if getattr(actor, "is_authenticated", False) else None,
            )
            record(actor, "evaluation.open_cycle", cycle, after={"year": year, "criteria": rows})
    except IntegrityError:
        raise RuleViolation(_ALREADY.format(year=year)) from None
    return cycle


# ---------------------------------------------------------------- scoring


@dataclass
class CriterionScore:
    code: str
    name: str
    weight: int
    numerator: int
    denominator: int | None
    points: float | None  # None: not applicable (nothing to measure)

    @property
    def applicable(self) -> bool:
        return self.points is not None


@dataclass
class Score:
    total: float | None
    parts: list[CriterionScore] = field(default_factory=list)

    @property
    def has_data(self) -> bool:
        return self.total is not None


def score(figures: dict[str, int], criteria: list[dict]) -> Score:
    """0–100: each criterion's share of its weight, over the weights that apply.
    A criterion with nothing to measure (denominator 0) does not count for or against."""
    parts: list[CriterionScore] = []
    for c in criteria:
        num = figures.get(c["numerator"], 0)
        den = figures.get(c["denominator"], 0) if c["denominator"] else None
        if den == 0:
            parts.append(CriterionScore(c["code"], c["name"], c["weight"], num, den, None))
            continue
        ratio = min(num / den, 1.0) if den else min(float(num), 1.0)
        value = ratio if c["direction"] == "higher" else 1.0 - ratio
        parts.append(
            CriterionScore(c["code"], c["name"], c["weight"], num, den, c["weight"] * value)
        )
    applied = [p for p in parts if p.applicable]
    weight = sum(p.weight for p in applied)
    total = round(100 * sum(p.points or 0.0 for p in applied) / weight, 1) if weight else None
    return Score(total, parts)


def figure_label(key: str) -> str:
    return FIGURES.get(key, key)
