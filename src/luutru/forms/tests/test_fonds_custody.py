"""Biên bản bàn giao phông lưu trữ (issue 13 item 2): after the district level is
dissolved through ``orgs.reorganize``, the district's closed fonds passes to the
province's archive; the record prints as PDF and DOCX with the fonds, both sides
and what passes, counted from the records; only the two sides' administrators,
archivists and heads may print it, anyone else gets 404."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from luutru.archive.tests.conftest import make_dossier
from luutru.filing.models import Dossier, DossierStatus, Medium
from luutru.forms.tests.conftest import docx_tables, docx_text, pdf_text
from luutru.holdings.models import Box, Inventory, PaperDossier
from luutru.orgs.models import FondsCustody, Level
from luutru.orgs.reorganize import dissolve_level
from luutru.testing import PASSWORD

pytestmark = pytest.mark.django_db

DECISION = "Quyết định số 12-QĐ/TU"


@pytest.fixture
def custody(world) -> FondsCustody:
    district, official = world.district, world.district_official
    make_dossier(
        district,
        official,
        notation="01.HU",
        title="Hồ sơ hội nghị",
        documents=0,
        status=DossierStatus.OPEN,
    )
    archived = make_dossier(
        district, official, notation="02.HU", title="Hồ sơ đại hội", documents=1
    )
    Dossier.objects.filter(pk=archived.pk).update(
        status=DossierStatus.ARCHIVED, medium=Medium.PAPER
    )
    destroyed = make_dossier(
        district,
        official,
        notation="03.HU",
        title="Hồ sơ đã hủy",
        documents=0,
        status=DossierStatus.OPEN,
    )
    Dossier.objects.filter(pk=destroyed.pk).update(status=DossierStatus.DESTROYED)
    inventory = Inventory.objects.create(fonds=district.fonds, number=1, title="Mục lục số 1")
    boxes = [
        Box.objects.create(inventory=inventory, number=n, width_cm=w)
        for n, w in ((1, Decimal("10")), (2, Decimal("9")))
    ]
    for n in range(1, 4):
        PaperDossier.objects.create(
            org=district, inventory=inventory, box=boxes[n % 2], number=n, title=f"Hồ sơ giấy {n}"
        )
    dissolve_level(
        world.admin, world.province, Level.DISTRICT, dt.date(2025, 6, 30), decision=DECISION
    )
    return FondsCustody.objects.get(fonds=district.fonds)


def test_the_handover_record_prints_the_fonds_both_sides_and_what_passes(client, world, custody):
    assert custody.keeper == world.province and custody.since == dt.date(2025, 7, 1)
    client.login(username="luutru", password=PASSWORD)  # the province's archivist
    page = client.get(f"/to-chuc/{world.district.pk}/")
    assert f"/bieu-mau/ban-giao-phong/{custody.pk}.pdf" in page.content.decode()
    r = client.get(f"/bieu-mau/ban-giao-phong/{custody.pk}.pdf")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(r.content).split())
    assert "BIÊN BẢN" in text and "Về việc bàn giao phông lưu trữ" in text
    assert "CỘNG SẢN VIỆT NAM" in text
    assert f"Mã phông: {world.district.fonds.code}" in text and world.district.fonds.name in text
    assert "BÊN GIAO: Huyện ủy Thử nghiệm" in text and "BÊN NHẬN: Tỉnh ủy Thử nghiệm" in text
    assert "từ ngày 01/01/2015 đến hết ngày 30/06/2025" in text and DECISION in text
    assert "Hạ Long, ngày 01 tháng 7 năm 2025" in text
    assert "2 (hai) hồ sơ" in text  # on the system, the destroyed one does not pass
    assert "3 (ba) hồ sơ trong 2 (hai) hộp, cặp, 0,19 m giá" in text
    assert "ĐẠI DIỆN BÊN GIAO" in text and "ĐẠI DIỆN BÊN NHẬN" in text

    client.login(username="quantri", password=PASSWORD)  # the administrator
    r = client.get(f"/bieu-mau/ban-giao-phong/{custody.pk}.docx")
    assert r.status_code == 200
    assert f"bien-ban-ban-giao-phong-{world.district.fonds.code}" in r["Content-Disposition"]
    tables = docx_tables(r.content)
    states = {row[1]: row[2:] for row in tables[1][1:]}
    assert states["Đang lập"] == ["1", "0", "0", "1"]
    assert states["Đã nộp lưu (lưu trữ cơ quan)"] == ["0", "1", "0", "1"]
    assert states["Cộng"] == ["1", "1", "0", "2"]
    assert "Đã tiêu hủy" not in states
    paper = {row[1]: row[2] for row in tables[2][1:]}
    assert paper == {
        "Mục lục hồ sơ": "1",
        "Hộp, cặp": "2",
        "Hồ sơ giấy trong mục lục": "3",
        "Mét giá tài liệu": "0,19 m",
    }
    assert "Lưu trữ quản lý phông đến ngày bàn giao: Huyện ủy Thử nghiệm" in docx_text(r.content)


def test_others_and_bad_addresses_get_404(client, world, custody):
    client.login(username="docgia", password=PASSWORD)  # a reader of the province
    assert client.get(f"/bieu-mau/ban-giao-phong/{custody.pk}.pdf").status_code == 404
    client.login(username="lanhdao", password=PASSWORD)  # head of another body
    assert client.get(f"/bieu-mau/ban-giao-phong/{custody.pk}.docx").status_code == 404
    client.logout()
    assert client.get(f"/bieu-mau/ban-giao-phong/{custody.pk}.pdf").status_code in (302, 404)
    client.login(username="luutru", password=PASSWORD)
    for url in (
        f"/bieu-mau/ban-giao-phong/{custody.pk}.xlsx",
        f"/bieu-mau/ban-giao-phong/{custody.pk}.exe",
        f"/bieu-mau/ban-giao-phong/{custody.pk + 1000}.pdf",
        "/bieu-mau/ban-giao-phong/99999999999999999999999.pdf",
        "/bieu-mau/ban-giao-phong/abc.pdf",
    ):
        assert client.get(url).status_code == 404, url
