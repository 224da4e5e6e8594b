"""The yearly archive report's holdings figures (issue 13 item 8), computed from
the records: dossiers by medium — electronic, paper, mixed (filing's dossiers by
their ``medium``) and the catalogued paper dossiers of ``holdings``, of which
the digitized ones (confirmed by ``digitization``) — per year and per fonds;
boxes, shelf metres and repository rooms (kho).

A catalogued paper dossier counts as paper; "digitized" is a part of paper, not
a fourth medium. A destroyed dossier is no longer held and is not counted. The
year of a dossier is the year it was formed (``file_catalog``); of a
catalogued paper dossier, its recorded year, else the year of its end or start
date, else "unknown".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear

from luutru.digitization.models import Digitized
from luutru.filing.models import Dossier, DossierStatus, Medium
from luutru.holdings.models import Box, Location, PaperDossier
from luutru.orgs.models import Fonds, Organization, in_figures

MEDIA = ("electronic", "paper", "mixed", "digitized")
MEDIUM_LABELS = {
    "electronic": "Hồ sơ điện tử",
    "paper": "Hồ sơ giấy",
    "mixed": "Hồ sơ hỗn hợp (giấy và điện tử)",
    "digitized": "trong đó hồ sơ giấy đã số hóa",
}
UNKNOWN_YEAR = "unknown"
HOLDINGS_NOTE = (
    "Hồ sơ theo loại (holdings): hồ sơ điện tử, giấy, hỗn hợp lập trên hệ thống (trừ hồ sơ đã "
    "tiêu hủy) và hồ sơ giấy trong mục lục hồ sơ của kho; hồ sơ đã số hóa là một phần của hồ sơ "
    "giấy (đã xác nhận số hóa đủ). Mét giá tính từ độ dày các hộp; kho là số phòng kho."
)

Orgs = Iterable[Organization] | QuerySet[Organization] | None


def _within(orgs: Orgs, field: str) -> Q:
    counted = in_figures(field)  # a practice body is in no statistic
    if orgs is None:
        return counted
    ids = orgs.values("pk") if isinstance(orgs, QuerySet) else [o.pk for o in orgs]
    return counted & Q(**{f"{field}__in": ids})


def _zero() -> dict[str, int]:
    return dict.fromkeys(MEDIA, 0)


def _year(value: Any) -> str:
    return str(value) if value else UNKNOWN_YEAR


def holdings_counts(orgs: Orgs = None) -> dict[str, Any]:
    """Every holdings figure of ``luutru stats``: totals, by year, by fonds."""
    fonds_of = dict(Fonds.objects.values_list("org_id", "code"))
    names = dict(Fonds.objects.values_list("code", "name"))
    # (fonds code, year) → medium → count
    cells: dict[tuple[str, str], dict[str, int]] = defaultdict(_zero)

    electronic = (
        Dossier.objects.filter(_within(orgs, "org"))
        .exclude(status=DossierStatus.DESTROYED)
        .values_list("org_id", "org__code", "file_catalog", "medium")
        .annotate(n=Count("pk"))
    )
    for org_id, org_code, year, medium, n in electronic:
        key = (fonds_of.get(org_id, org_code), _year(year))
        cells[key][medium if medium in Medium.values else "electronic"] += n

    paper = PaperDossier.objects.filter(_within(orgs, "org")).annotate(
        y=Coalesce("year", ExtractYear("end_date"), ExtractYear("start_date"))
    )
    digitized = Digitized.objects.values("dossier_id")
    for medium, qs in (("paper", paper), ("digitized", paper.filter(pk__in=digitized))):
        for code, year, n in qs.values_list("inventory__fonds__code", "y").annotate(n=Count("pk")):
            cells[(code, _year(year))][medium] += n

    boxes = (
        Box.objects.filter(_within(orgs, "inventory__fonds__org"))
        .values_list("inventory__fonds__code")
        .annotate(n=Count("pk"), width=Sum("width_cm"))
    )
    box_rows = {code: (n, width or Decimal(0)) for code, n, width in boxes}

    rooms = (
        Location.objects.filter(_within(orgs, "keeper"), kind=Location.Kind.ROOM)
        .values_list("keeper__code")
        .annotate(n=Count("pk"))
    )
    rooms_by_keeper = {code: n for code, n in sorted(rooms)}

    totals = _zero()
    by_year: defaultdict[Any, dict[str, int]] = defaultdict(_zero)
    by_fonds: dict[str, dict[str, Any]] = {}
    for code in sorted({c for c, _ in cells} | set(box_rows)):
        n_boxes, width = box_rows.get(code, (0, Decimal(0)))
        by_fonds[code] = {
            "name": names.get(code, ""),
            "dossiers": _zero(),
            "by_year": {},
            "boxes": n_boxes,
            "metres": _metres(width),
        }
    for (code, year), counts in sorted(cells.items()):
        row = by_fonds[code]
        row["by_year"][year] = dict(counts)
        for medium, n in counts.items():
            row["dossiers"][medium] += n
            by_year[year][medium] += n
            totals[medium] += n
    all_width = sum((w for _, w in box_rows.values()), Decimal(0))
    return {
        "dossiers_by_medium": {**totals, "total": sum(totals[m] for m in MEDIA[:3])},
        "by_year": {y: by_year[y] for y in sorted(by_year)},
        "by_fonds": by_fonds,
        "boxes": sum(n for n, _ in box_rows.values()),
        "metres": _metres(all_width),
        "rooms": sum(rooms_by_keeper.values()),
        "rooms_by_keeper": rooms_by_keeper,
    }


def _metres(width_cm: Decimal) -> float:
    """Shelf metres from the boxes' widths (as ``holdings`` computes them), to the cm."""
    return float((Decimal(width_cm) / 100).quantize(Decimal("0.01")))
