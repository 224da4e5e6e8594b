"""Party documents for the Văn kiện Đảng tests (``test_party``, ``test_oai``)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from luutru.capture.models import DocumentText
from luutru.filing import services as filing
from luutru.filing.models import Dossier, DossierStatus
from luutru.orgs.models import Secrecy
from luutru.orgs.services import add_term
from luutru.registry.models import Direction, Document
from luutru.rules.models import DocumentType, RetentionRule
from luutru.rules.queries import profile_for, retention_rules

D = dt.date


def _doc(w, number: str, notation: str, type_name: str, day, subject: str, **kw) -> Document:
    org = kw.pop("org", w.office)
    doc_type = DocumentType.objects.filter(profile=profile_for(org, day), name=type_name).first()
    return Document.objects.create(
        org=org,
        direction=Direction.INTERNAL,
        doc_type=doc_type,
        type_name=type_name,
        code_number=number,
        code_notation=notation,
        issued_date=day,
        organ_name=kw.pop("organ_name", w.province.name),
        subject=subject,
        created_by=kw.pop("created_by", w.clerk),
        **kw,
    )


def make_party_documents(w) -> SimpleNamespace:
    """Three terms of the provincial committee; its documents in them, its 16th
    congress's resolution and vote count; a secret directive; a conclusion not yet
    deposited; a district resolution; and documents that are not Party documents."""
    for name, start, end in [
        ("Nhiệm kỳ 2015–2020", D(2015, 10, 16), D(2020, 10, 15)),
        ("Nhiệm kỳ 2020–2025", D(2020, 10, 16), D(2025, 10, 15)),
        ("Nhiệm kỳ 2025–2030", D(2025, 10, 16), None),
    ]:
        add_term(w.admin, w.province, name=name, start=start, end=end)
    p = SimpleNamespace()
    p.nq = _doc(w, "05", "NQ/TU", "Nghị quyết", D(2018, 6, 19), "Về công tác kiểm tra, giám sát")
    p.secret = _doc(
        w,
        "12",
        "CT/TU",
        "Chỉ thị",
        D(2022, 3, 1),
        "Về bảo vệ bí mật nhà nước",
        secrecy=Secrecy.MAT,
    )
    p.congress_nq = _doc(
        w,
        "01",
        "NQ/TU",
        "Nghị quyết",
        D(2020, 10, 14),
        "Đại hội đại biểu Đảng bộ tỉnh lần thứ XVI, nhiệm kỳ 2020–2025",
    )
    p.vote = _doc(
        w,
        "02",
        "BB/TU",
        "Biên bản",
        D(2020, 10, 13),
        "Về kiểm phiếu bầu Ban Chấp hành Đảng bộ tỉnh khóa XVI",
    )
    p.open_kl = _doc(w, "20", "KL/TU", "Kết luận", D(2024, 7, 21), "Về kết quả 6 tháng đầu năm")
    p.district = _doc(
        w,
        "03",
        "NQ/HU",
        "Nghị quyết",
        D(2021, 1, 5),
        "Về nhiệm vụ năm 2021",
        org=w.district,
        organ_name=w.district.name,
        created_by=w.district_official,
    )
    # Not in the database: a công văn, a State resolution, a plan preparing the congress.
    p.others = [
        _doc(w, "07", "CV/VPTU", "Công văn", D(2018, 6, 1), "V/v nộp lưu hồ sơ"),
        _doc(w, "15", "NQ-HĐND", "Nghị quyết", D(2019, 7, 1), "Về dự toán ngân sách"),
        _doc(w, "30", "KH/TU", "Kế hoạch", D(2020, 3, 1), "Về tổ chức Đại hội đại biểu Đảng bộ"),
    ]
    DocumentText.objects.create(
        document=p.nq, text="NGHỊ QUYẾT về công tác kiểm tra, giám sát của cấp ủy các cấp."
    )
    retention = retention_rules(w.office).get(period=RetentionRule.Period.PERMANENT)

    def dossier(notation: str, docs: list[Document], *, archived: bool) -> Dossier:
        d = filing.open_dossier(
            w.head,
            w.office,
            title=f"Hồ sơ {notation}",
            file_notation=notation,
            retention=retention,
            creator=w.head.person,
            start_date=D(2018, 1, 1),
            year=2020,
        )
        for doc in docs:
            filing.add_document_to_dossier(w.head, d, doc)
        if archived:
            Dossier.objects.filter(pk=d.pk).update(status=DossierStatus.ARCHIVED)
        return d

    p.held = dossier("01.VP", [p.nq, p.congress_nq, p.vote, *p.others], archived=True)
    p.held_secret = dossier("03.VP", [p.secret], archived=True)  # Mật, as its directive
    p.working = dossier("02.VP", [p.open_kl], archived=False)
    return p


@pytest.fixture
def docs(world):
    return make_party_documents(world)
