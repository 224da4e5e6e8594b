"""Demo: the provincial committee office's paper holdings (issue 13, item 4):
two inventories typed in Excel years ago (1975–2014), 360 dossiers in boxes on
the shelves of repository room 1, imported through the catalogue import as an
archivist would; a few dossiers secret; one box at the digitization desk and
one out on loan."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luutru.demo.records import Records
from luutru.holdings import importer, sample, services
from luutru.holdings.models import Box, Place


def holdings_demo(r: Records) -> None:
    archivist = r.u("luutru.tu")
    fonds = r.org("VPTU").fonds
    n = 120 if r.small else 240
    for inventory, count, first_year in ((1, n, 1975), (2, n // 2, 1995)):
        data = sample.xlsx(
            sample.rows(
                count,
                inventory=inventory,
                per_box=12,
                secret_every=40,
                first_year=first_year,
                seed=inventory,
            )
        )
        rows = importer.read_table(data, "muc-luc.xlsx")
        pv = importer.preview(rows)
        importer.apply(archivist, data, rows, pv, pv.mapping, fonds, None)
    today = timezone.localdate()
    first = Box.objects.get(inventory__fonds=fonds, inventory__number=1, number=1)
    services.move_box(
        archivist,
        first,
        Place.DIGITIZATION,
        today - dt.timedelta(days=10),
        "Lô số hóa mục lục số 1",
    )
    lent = Box.objects.get(inventory__fonds=fonds, inventory__number=1, number=3)
    services.move_box(
        archivist,
        lent,
        Place.LOAN,
        today - dt.timedelta(days=3),
        "Cho Ban Tuyên giáo mượn, phiếu số 12",
    )
