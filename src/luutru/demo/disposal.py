"""The demo's appraisal and destruction (issue 14), through the services: the
monthly and quarterly reports of Văn phòng Tỉnh ủy for 2018 (5 years) were
deposited in 2019; their retention ended on 31/12/2023. The archivist
(luutru.tu) proposes them, the council (the head of the office in the chair,
the archivist, the records official) agrees, the head decides, and the
destruction is confirmed by the archivist and the head: the files go, the
metadata, the decision and the minutes (with the SHA-256 manifest) stay.
A 2018 correspondence file (10 years) is left in the archive: still running."""

from __future__ import annotations

import datetime as dt

from luutru.demo.catalogue import Doc
from luutru.demo.records import Records
from luutru.disposal import destruction as destroying
from luutru.disposal import services as disposal

DEPOSITED = dt.datetime(2019, 6, 14, 9, 0)
DECISION = "27-QĐ/VPTU"


def disposal_demo(r: Records) -> None:
    office = r.org("VPTU")
    archivist = r.u("luutru.tu")
    head, records_official = r.u("lanhdao.vp"), r.u("canbo2.vp")
    specs: list[tuple[str, str, int | None, list[Doc]]] = [
        (
            "06.VP",
            "Báo cáo tháng, quý năm 2018 của Văn phòng Tỉnh ủy",
            5,
            [
                Doc("BC", "VPTU", "về kết quả công tác quý I năm 2018", 4),
                Doc("BC", "VPTU", "về kết quả công tác quý III năm 2018", 5),
            ],
        ),
        (
            "07.VP",
            "Công văn trao đổi về công tác văn thư, lưu trữ năm 2018",
            10,
            [Doc("CV", "VPTU", "về việc chỉnh lý tài liệu năm 2018", 2)],
        ),
    ]
    made = r.deposited_before_system(
        office, specs, year=2018, deposited=DEPOSITED, note="Hồ sơ năm 2018"
    )
    reports = made[0]
    appraisal = disposal.create_appraisal(
        archivist,
        office.fonds,
        [reports.pk],
        note="Báo cáo tháng, quý năm 2018 đã hết thời hạn bảo quản 5 năm.",
    )
    disposal.add_member(archivist, appraisal, head, role="chair", position="Chánh Văn phòng")
    disposal.add_member(archivist, appraisal, archivist, role="member", position="Lưu trữ viên")
    disposal.add_member(
        archivist, appraisal, records_official, role="secretary", position="Chuyên viên"
    )
    disposal.send_to_council(archivist, appraisal)
    item = appraisal.items.get()
    for member in (head, archivist, records_official):
        disposal.give_opinion(member, item, outcome="destroy", note="Hết giá trị, đồng ý hủy.")
    disposal.decide(
        head, appraisal, disposal.default_decisions(appraisal), decision_number=DECISION
    )
    destruction = appraisal.destruction
    destroying.confirm_destruction(archivist, destruction)
    destroying.confirm_destruction(head, destruction)
