"""The demo's transfer to the historical archive (issue 14): two permanent
dossiers of Văn phòng Tỉnh ủy of 2018, deposited in its agency archive in
2019, are now due. The archivist (luutru.tu) builds their package at
/nop-luu-lich-su/; the demo writes no package itself (packages are files in
the data folder, and the demo is built in tests too)."""

from __future__ import annotations

import datetime as dt

from luutru.demo.catalogue import Doc
from luutru.demo.records import Records

DEPOSITED = dt.datetime(2019, 6, 14, 9, 0)


def transfer_demo(r: Records) -> None:
    office = r.org("VPTU")
    specs: list[tuple[str, str, int | None, list[Doc]]] = [
        (
            "01.VP",
            "Hồ sơ Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15 (khóa XV) năm 2018",
            None,
            [
                Doc("NQ", "TU", "Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ tỉnh khóa XV", 6),
                Doc("BB", "TU", "Hội nghị lần thứ 15 Ban Chấp hành Đảng bộ tỉnh khóa XV", 8),
            ],
        ),
        (
            "04.VP",
            "Kế hoạch, báo cáo công tác năm 2018 của Văn phòng Tỉnh ủy",
            None,
            [
                Doc("KH", "VPTU", "công tác năm 2018 của Văn phòng Tỉnh ủy", 5),
                Doc("BC", "VPTU", "tổng kết công tác năm 2018", 12),
            ],
        ),
    ]
    # Deposited in 2019, before the system existed: the date they entered the
    # agency archive is what makes them due now (5 years, Luật Lưu trữ 2024).
    r.deposited_before_system(office, specs, year=2018, deposited=DEPOSITED, note="Hồ sơ năm 2018")
