"""Handling of incoming documents as a compliance figure (DOMAIN §8: "documents
handled on time vs late"), per body, unit and person: assigned, finished on
time, finished late, overdue now, and handled but never filed.

Computed from the desk's records at the moment of asking (``luutru.desk``),
counting only arrivals the user may open; the person is the lead handler who
holds (or last held) the work, the unit theirs at the time it was given.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone

from luutru.desk.models import ArrivalState, Handling
from luutru.desk.queries import arrivals_visible_to, handled_unfiled_q
from luutru.orgs.models import Organization, Person, Unit

OPEN = (ArrivalState.ASSIGNED, ArrivalState.IN_PROGRESS)
COLUMNS = [
    ("assigned", "Được giao"),
    ("on_time", "Giải quyết đúng hạn"),
    ("late", "Giải quyết trễ hạn"),
    ("overdue", "Đang quá hạn"),
    ("unfiled", "Đã giải quyết, chưa vào hồ sơ"),
]


@dataclass
class HandlingRow:
    label: str
    assigned: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    unfiled: int = 0

    def add(self, counts: dict[str, Any]) -> None:
        for name, _ in COLUMNS:
            setattr(self, name, getattr(self, name) + counts[name])

    @property
    def cells(self) -> list[int]:
        return [getattr(self, name) for name, _ in COLUMNS]


@dataclass
class HandlingFigures:
    total: HandlingRow
    units: list[HandlingRow] = field(default_factory=list)
    people: list[HandlingRow] = field(default_factory=list)


def handling_figures(
    user: Any, org: Organization, *, year: int | None = None, today: dt.date | None = None
) -> HandlingFigures:
    """The figures of ``org`` and every body below it, for arrivals received in
    ``year`` (None: every year), as ``user`` may see them."""
    today = today or timezone.localdate()
    lead = Handling.objects.filter(arrival=OuterRef("pk"), part=Handling.Part.LEAD).order_by(
        "-given_at", "-id"
    )
    arrivals = arrivals_visible_to(user).filter(
        org__path__startswith=org.path, assigned_at__isnull=False
    )
    if year is not None:
        arrivals = arrivals.filter(year=year)
    done = Q(state=ArrivalState.DONE)
    grouped = (
        arrivals.order_by()
        .annotate(
            lead_user=Subquery(lead.values("handler_id")[:1]),
            lead_unit=Subquery(lead.values("unit_id")[:1]),
            finished_day=TruncDate("finished_at"),
        )
        .values("org_id", "lead_user", "lead_unit")
        .annotate(
            assigned=Count("pk"),
            on_time=Count("pk", filter=done & Q(finished_day__lte=F("deadline"))),
            late=Count("pk", filter=done & Q(finished_day__gt=F("deadline"))),
            overdue=Count("pk", filter=Q(state__in=OPEN, deadline__lt=today)),
            unfiled=Count("pk", filter=handled_unfiled_q()),
        )
    )
    rows: list[dict[str, Any]] = [dict(r) for r in grouped]
    orgs = Organization.objects.in_bulk({r["org_id"] for r in rows})
    units = Unit.objects.in_bulk({r["lead_unit"] for r in rows if r["lead_unit"]})
    people = {
        p.user_id: p for p in Person.objects.filter(user_id__in={r["lead_user"] for r in rows})
    }
    total = HandlingRow("Tổng số")
    by_unit: dict[tuple[int, int | None], HandlingRow] = {}
    by_person: dict[tuple[int, int | None], HandlingRow] = {}
    for r in rows:
        body = orgs[r["org_id"]].name
        total.add(r)
        unit = units.get(r["lead_unit"]) if r["lead_unit"] else None
        unit_label = f"{unit.name} – {body}" if unit is not None else f"{body} (chưa chia đơn vị)"
        by_unit.setdefault((r["org_id"], r["lead_unit"]), HandlingRow(unit_label)).add(r)
        person = people.get(r["lead_user"])
        name = person.full_name if person is not None else "—"
        by_person.setdefault((r["org_id"], r["lead_user"]), HandlingRow(f"{name} – {body}")).add(r)
    return HandlingFigures(
        total=total,
        units=sorted(by_unit.values(), key=lambda x: x.label),
        people=sorted(by_person.values(), key=lambda x: (-x.late - x.overdue, x.label)),
    )
