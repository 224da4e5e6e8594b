"""What the compliance figures are: their names, labels, which records each one
counts (``dossier_q``), and the questions they can be asked (a date, a year)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from django.db.models import F, Q
from django.utils import timezone

from luutru.compliance.models import Problem
from luutru.core.vn import short_date
from luutru.orgs.models import Organization

FIRST_YEAR = 1930  # the Party's founding: no record is older


class FigureError(ValueError):
    """A figure asked for a date, year or body it cannot be computed for (message in Vietnamese)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Figures:
    organizations: int = 0
    plans_due: int = 0
    plan_issued_on_time: int = 0
    plans_late: int = 0
    plans_missing: int = 0
    plan_items: int = 0
    plan_items_opened: int = 0
    dossiers_opened: int = 0
    dossiers_outside_plan: int = 0
    dossiers_closed: int = 0
    deposit_required: int = 0
    deposited_on_time: int = 0
    deposited_late: int = 0
    overdue_now: int = 0
    kept_back: int = 0
    loose_documents: int = 0
    quality_problems: int = 0
    quality_empty: int = 0
    quality_no_index: int = 0
    quality_no_certificate: int = 0
    quality_dates_outside: int = 0
    quality_out_of_order: int = 0
    quality_cited_missing: int = 0
    documents_in: int = 0
    documents_out: int = 0
    documents_internal: int = 0
    holdings_dossiers: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def documents_total(self) -> int:
        return self.documents_in + self.documents_out + self.documents_internal

    @property
    def compliance(self) -> int | None:
        """0–100: the share of what was due that was done (plans on time, dossiers
        deposited on time, nothing overdue); None when nothing was due."""
        due = self.plans_due + self.deposited_on_time + self.deposited_late + self.overdue_now
        if due == 0:
            return None
        done = self.plan_issued_on_time + self.deposited_on_time
        return round(100 * done / due)


# Labels (Vietnamese) and whether the figure is "bad" (more is worse).
LABELS: dict[str, tuple[str, bool]] = {
    "organizations": ("Cơ quan, tổ chức", False),
    "plans_due": ("Danh mục hồ sơ phải ban hành", False),
    "plan_issued_on_time": ("Danh mục ban hành đúng hạn", False),
    "plans_late": ("Danh mục ban hành muộn", True),
    "plans_missing": ("Chưa ban hành danh mục", True),
    "plan_items": ("Hồ sơ trong danh mục", False),
    "plan_items_opened": ("Hồ sơ trong danh mục đã được lập", False),
    "dossiers_opened": ("Hồ sơ đã lập", False),
    "dossiers_outside_plan": ("Hồ sơ lập ngoài danh mục", False),
    "dossiers_closed": ("Hồ sơ đã kết thúc", False),
    "deposit_required": ("Hồ sơ phải nộp lưu", False),
    "deposited_on_time": ("Nộp lưu đúng hạn", False),
    "deposited_late": ("Nộp lưu muộn", True),
    "overdue_now": ("Quá hạn nộp lưu", True),
    "kept_back": ("Đang giữ lại", False),
    "loose_documents": ("Văn bản chưa vào hồ sơ", True),
    "quality_problems": ("Hồ sơ có vấn đề chất lượng", True),
    "quality_empty": (Problem.LABELS[Problem.EMPTY], True),
    "quality_no_index": (Problem.LABELS[Problem.NO_INDEX], True),
    "quality_no_certificate": (Problem.LABELS[Problem.NO_CERTIFICATE], True),
    "quality_dates_outside": (Problem.LABELS[Problem.DATES_OUTSIDE], True),
    "quality_out_of_order": (Problem.LABELS[Problem.OUT_OF_ORDER], True),
    "quality_cited_missing": (Problem.LABELS[Problem.CITED_MISSING], True),
    "documents_in": ("Văn bản đến", False),
    "documents_out": ("Văn bản đi", False),
    "documents_internal": ("Văn bản nội bộ", False),
    "holdings_dossiers": ("Hồ sơ đã nộp lưu (tài liệu lưu trữ)", False),
}
STOCKS = {"overdue_now", "holdings_dossiers"}

# ---------------------------------------------------------------- checking the question


def check_question(on: dt.date, year: int | None, org: Organization | None = None) -> None:
    """Refuse a date in the future, a year after the date, a body not yet founded."""
    today = timezone.localdate()
    if on > today:
        raise FigureError(
            f"Ngày {short_date(on)} ở tương lai: số liệu chỉ tính được đến hôm nay ({short_date(today)})."
        )
    if on.year < FIRST_YEAR:
        raise FigureError(
            f"Ngày {short_date(on)} quá xa: không có hồ sơ nào trước năm {FIRST_YEAR}."
        )
    if year is not None and not FIRST_YEAR <= year <= on.year:
        raise FigureError(
            f"Năm {year} không hợp lệ: chọn một năm từ {FIRST_YEAR} đến năm của ngày xem ({on.year})."
        )
    if org is not None and org.valid_from > on:
        raise FigureError(
            f"“{org.name}” được thành lập ngày {short_date(org.valid_from)}: vào ngày "
            f"{short_date(on)} tổ chức này chưa tồn tại, nên chưa có số liệu. Chọn một ngày từ "
            f"{short_date(org.valid_from)} trở đi."
        )


# ---------------------------------------------------------------- which records a figure counts


def dossier_q(name: str, on: dt.date) -> Q:
    """Which ``DossierFacts`` rows a dossier figure counts: the one definition
    used both for the number and for the list behind it."""
    handed_by = Q(handed_on__isnull=False, handed_on__lte=on)
    return {
        "dossiers_opened": Q(),
        "dossiers_outside_plan": Q(planned=False),
        "dossiers_closed": Q(closed=True),
        "deposit_required": Q(requires_deposit=True),
        "deposited_on_time": Q(requires_deposit=True, handed_on__lte=F("due")) & handed_by,
        "deposited_late": Q(requires_deposit=True, handed_on__gt=F("due")) & handed_by,
        "overdue_now": Q(overdue_from__lte=on) & ~handed_by,
        "kept_back": Q(kept_back=True),
        "quality_problems": Q(problems__gt=0),
        "holdings_dossiers": Q(accepted_on__isnull=False, accepted_on__lte=on),
    }[name]


DOSSIER_FIGURES = [
    "dossiers_opened",
    "dossiers_outside_plan",
    "dossiers_closed",
    "deposit_required",
    "deposited_on_time",
    "deposited_late",
    "kept_back",
    "quality_problems",
]
PROBLEM_FIGURES = {bit: f"quality_{key}" for bit, key in Problem.KEYS.items()}


# Final per-year counts stored on ``OrgYearFacts`` under the figure's own name.
STORED = [
    "dossiers_opened",
    "dossiers_outside_plan",
    "dossiers_closed",
    "deposit_required",
    "kept_back",
    "quality_problems",
    *PROBLEM_FIGURES.values(),
    "plan_items",
    "plan_items_opened",
    "documents_in",
    "documents_out",
    "documents_internal",
    "loose_documents",
]
TOTALS = ["handed_on_time", "handed_late", "overdue_starts", "overdue_ends", "accepted"]
