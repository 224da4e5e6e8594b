"""The schedule pages: everyone signed in reads the schedules; only an
administrator loads one, after a dry run that lists bad rows and changes nothing."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from luutru.rules.models import RetentionSchedule
from luutru.rules.tests.test_schedules import GOOD, xlsx
from luutru.testing import PASSWORD

pytestmark = pytest.mark.django_db

FIELDS = {
    "ma": "dang-tinh",
    "ten": "Bảng thời hạn bảo quản của Tỉnh ủy",
    "loai": "party_model",
    "he_thong": "party",
    "can_cu": "Quyết định 12-QĐ/TU",
    "hieu_luc_tu": "2026-01-01",
}


def upload(data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("bang.xlsx", data)


def test_schedules_are_listed_with_their_items_and_basis(client, world):
    client.login(username=world.archivist.username, password=PASSWORD)
    page = client.get("/xac-dinh-gia-tri/bang-thoi-han/").content.decode()
    assert "Bảng thời hạn bảo quản mẫu của cơ quan Đảng" in page
    assert "Nạp bảng từ tệp Excel" not in page
    state = RetentionSchedule.objects.get(code="nha-nuoc-doan-the")
    page = client.get(f"/xac-dinh-gia-tri/bang-thoi-han/{state.pk}/").content.decode()
    assert "Kế hoạch, báo cáo công tác 6 tháng, 9 tháng" in page and "20 năm" in page
    assert "nhóm do dự án sắp xếp" in page
    assert client.get("/xac-dinh-gia-tri/bang-thoi-han/nap/").status_code == 302


def test_the_administrator_checks_then_loads_and_loading_again_changes_nothing(client, world):
    world.admin.is_superuser = True
    world.admin.save()
    client.login(username=world.admin.username, password=PASSWORD)
    bad = xlsx([*GOOD, ["9", "", "", "mãi mãi", ""]])
    page = client.post(
        "/xac-dinh-gia-tri/bang-thoi-han/nap/", {**FIELDS, "nap": "0", "tep": upload(bad)}
    )
    text = page.content.decode()
    assert page.status_code == 200 and "Dòng 6: thiếu tên nhóm hồ sơ, tài liệu" in text
    assert not RetentionSchedule.objects.filter(code="dang-tinh").exists()
    refused = client.post(
        "/xac-dinh-gia-tri/bang-thoi-han/nap/", {**FIELDS, "nap": "1", "tep": upload(bad)}
    )
    assert (
        refused.status_code == 400
        and not RetentionSchedule.objects.filter(code="dang-tinh").exists()
    )
    good = xlsx(GOOD)
    done = client.post(
        "/xac-dinh-gia-tri/bang-thoi-han/nap/", {**FIELDS, "nap": "1", "tep": upload(good)}
    )
    schedule = RetentionSchedule.objects.get(code="dang-tinh")
    assert done.status_code == 302 and schedule.items.count() == 3
    again = client.post(
        "/xac-dinh-gia-tri/bang-thoi-han/nap/",
        {**FIELDS, "nap": "1", "tep": upload(good)},
        follow=True,
    )
    assert "không có gì thay đổi" in again.content.decode()
    assert RetentionSchedule.objects.filter(code="dang-tinh").count() == 1
    for data in (
        {**FIELDS, "nap": "1", "hieu_luc_tu": "31/02/2026", "tep": upload(good)},
        {**FIELDS},
    ):
        assert client.post("/xac-dinh-gia-tri/bang-thoi-han/nap/", data).status_code == 400
