"""The question a compliance page answers: ``?ngay=`` (a date) and ``?nam=`` (a year,
or ``tat-ca``), parsed with every error listed in Vietnamese, never raised; and the
figures it shows, in sections, each linking to the records behind it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from luutru.compliance.measures import LABELS, FigureError, Figures, check_question

SECTIONS: list[tuple[str, list[str]]] = [
    (
        "Danh mục hồ sơ",
        [
            "plans_due",
            "plan_issued_on_time",
            "plans_late",
            "plans_missing",
            "plan_items",
            "plan_items_opened",
        ],
    ),
    ("Lập hồ sơ", ["dossiers_opened", "dossiers_outside_plan", "dossiers_closed", "kept_back"]),
    (
        "Nộp lưu",
        [
            "deposit_required",
            "deposited_on_time",
            "deposited_late",
            "overdue_now",
            "holdings_dossiers",
        ],
    ),
    (
        "Văn bản",
        ["documents_in", "documents_out", "documents_internal", "loose_documents"],
    ),
    (
        "Chất lượng hồ sơ",
        [
            "quality_problems",
            "quality_empty",
            "quality_no_index",
            "quality_no_certificate",
            "quality_dates_outside",
            "quality_out_of_order",
            "quality_cited_missing",
        ],
    ),
]
PERSON_HIDDEN = {"plans_due", "plan_issued_on_time", "plans_late", "plans_missing"}


@dataclass
class Question:
    on: dt.date
    year: int | None
    errors: list[str]

    def query(self, **extra) -> str:
        params = {"ngay": self.on.isoformat(), "nam": self.year or "tat-ca", **extra}
        return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def parse_question(request: HttpRequest) -> Question:
    """``?ngay=`` as 2025-06-30 or 30/06/2025 (default today); ``?nam=`` a year or
    ``tat-ca`` (default the date's year). Errors are listed, never raised."""
    today = timezone.localdate()
    errors: list[str] = []
    raw_day = (request.GET.get("ngay") or "").strip()
    on = today
    if raw_day:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw_day) or re.fullmatch(
            r"(\d{1,2})/(\d{1,2})/(\d{4})", raw_day
        )
        try:
            if m is None:
                raise ValueError
            a, b, c = (int(g) for g in m.groups())
            on = dt.date(a, b, c) if "-" in raw_day else dt.date(c, b, a)
        except ValueError:
            errors.append(
                f"Ngày “{raw_day}” không đúng: ghi theo dạng ngày/tháng/năm, ví dụ 30/06/2025."
            )
            on = today
    raw_year = (request.GET.get("nam") or "").strip()
    year: int | None = on.year
    if raw_year == "tat-ca":
        year = None
    elif raw_year:
        if not re.fullmatch(r"\d{4}", raw_year):
            errors.append(f"Năm “{raw_year}” không đúng: ghi bốn chữ số, ví dụ 2024.")
        else:
            year = int(raw_year)
    if not errors:
        try:
            check_question(on, year)
        except FigureError as e:
            errors.append(e.message)
    return Question(on, year, errors)


@dataclass
class FigureRow:
    name: str
    label: str
    value: int
    bad: bool
    href: str


def figure_sections(f: Figures, q: Question, hidden=frozenset(), **scope) -> list[tuple[str, list]]:
    out = []
    for title, names in SECTIONS:
        rows = []
        for n in names:
            if n in hidden:
                continue
            label, bad = LABELS[n]
            href = reverse("compliance:behind", args=[n]) + "?" + q.query(**scope)
            rows.append(FigureRow(n, label, getattr(f, n), bad, href))
        out.append((title, rows))
    return out
