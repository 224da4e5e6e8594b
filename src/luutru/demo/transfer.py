"""The demo's transfer to the historical archive (issue 14): two permanent
dossiers of Văn phòng Tỉnh ủy of 2018, deposited in its agency archive in
2019, are now due. The archivist (luutru.tu) builds their package at
/nop-luu-lich-su/; the demo writes no package itself (packages are files in
the data folder, and the demo is built in tests too)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from luutru.archive import services as archive
from luutru.demo.catalogue import Doc
from luutru.demo.records import Records
from luutru.filing import services as filing
from luutru.filing.models import Dossier

DEPOSITED = dt.datetime(2019, 6, 14, 9, 0)


def transfer_demo(r: Records) -> None:
    office = r.org("VPTU")
    official, archivist = r.u("canbo.vp"), r.u("luutru.tu")
    specs = [
        (
            "01.VP",
            "Hồ sơ Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15 (khóa XV) năm 2018",
            [
                Doc("NQ", "TU", "Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ tỉnh khóa XV", 6),
                Doc("BB", "TU", "Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ tỉnh khóa XV", 8),
            ],
        ),
        (
            "04.VP",
            "Kế hoạch, báo cáo công tác năm 2018 của Văn phòng Tỉnh ủy",
            [
                Doc("KH", "VPTU", "công tác năm 2018 của Văn phòng Tỉnh ủy", 5),
                Doc("BC", "VPTU", "tổng kết công tác năm 2018", 12),
            ],
        ),
    ]
    made = []
    for notation, title, docs in specs:
        d = filing.open_dossier(
            official,
            office,
            title=title,
            file_notation=notation,
            retention=r.retention(office, None),
            creator=official.person,
            start_date=dt.date(2018, 1, 3),
            year=2018,
        )
        for doc, day in r.doc_dates(docs, 2018, cap=None, last=(12, 10)):
            r.upload(official, d, doc, day)
        made.append(r.close(d, end=dt.date(2018, 12, 28)))
    archive.accept_deposit(archivist, r.deposit(official, office, made, note="Hồ sơ năm 2018"))
    # Deposited in 2019, before the system existed: the date they entered the
    # agency archive is what makes them due now (5 years, Luật Lưu trữ 2024).
    Dossier.objects.filter(pk__in=[d.pk for d in made]).update(
        archived_at=timezone.make_aware(DEPOSITED)
    )
