"""The register of registry and archive staff: who, since when, full- or part-time,
trained when; changes by administrators only; bad input changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from luutru.core.errors import RuleViolation
from luutru.orgs import staff
from luutru.orgs.models import Person, StaffDuty, Training

pytestmark = pytest.mark.django_db


def person(user) -> Person:
    return Person.objects.get(user=user)


def test_register_names_bodies_without_staff_and_the_untrained(world):
    clerk = person(world.clerk)
    duty = staff.assign_duty(
        world.admin, clerk, world.office, "registry", since=dt.date(2020, 1, 1)
    )
    rows = {r.org.code: r for r in staff.register(staff.overseen(world.admin))}
    assert rows["VPTU"].missing == ["Lưu trữ"]
    assert rows["X1"].missing == ["Văn thư", "Lưu trữ"]
    today = timezone.localdate()
    assert staff.untrained(duty, today)
    staff.add_training(world.admin, clerk, day=dt.date(2024, 5, 10), course="Nghiệp vụ văn thư")
    assert not staff.untrained(StaffDuty.objects.get(pk=duty.pk), today)
    book = load_workbook(
        io.BytesIO(staff.export(staff.register(staff.overseen(world.admin)), today))
    )
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert "Nghiệp vụ văn thư" in cells and "Chưa có người" in cells


def test_changes_are_refused_to_others_and_change_nothing(world):
    clerk = person(world.clerk)
    with pytest.raises(RuleViolation, match="không quản trị"):
        staff.assign_duty(world.head, clerk, world.office, "registry", since=dt.date(2020, 1, 1))
    with pytest.raises(RuleViolation, match="văn thư hoặc lưu trữ"):
        staff.assign_duty(world.admin, clerk, world.office, "kế toán", since=dt.date(2020, 1, 1))
    with pytest.raises(RuleViolation, match="không quản trị"):
        staff.add_training(world.clerk, clerk, day=dt.date(2024, 1, 1), course="Khóa")
    with pytest.raises(RuleViolation, match="tương lai"):
        staff.add_training(world.admin, clerk, day=dt.date(2999, 1, 1), course="Khóa")
    assert not StaffDuty.objects.exists() and not Training.objects.exists()


def test_the_page_by_role_and_with_bad_input(world, client):
    client.force_login(world.clerk)
    assert client.get("/to-chuc/van-thu-luu-tru/").status_code == 403
    client.force_login(world.admin)
    page = client.get("/to-chuc/van-thu-luu-tru/")
    assert "Chưa có người làm văn thư, lưu trữ" in page.content.decode()
    done = client.post(
        "/to-chuc/van-thu-luu-tru/",
        {
            "viec": "giao",
            "co_quan": "VPTU",
            "ten_dang_nhap": "vanthu",
            "nhiem_vu": "registry",
            "ngay": "01/03/2024",
            "chuyen_trach": "1",
        },
        follow=True,
    )
    assert "Đã ghi Phạm Thị Dung" in done.content.decode()
    for bad in [
        {"viec": "giao", "co_quan": "KHONGCO", "ten_dang_nhap": "vanthu", "ngay": "01/03/2024"},
        {"viec": "giao", "co_quan": "VPTU", "ten_dang_nhap": "vanthu", "ngay": "31/02/2024"},
        {"viec": "boi_duong", "nhiem_vu_id": "9" * 30, "ngay": "01/03/2024", "khoa": "K"},
        {"viec": "boi_duong", "nhiem_vu_id": "²", "ngay": "01/03/2024", "khoa": "K"},
        {"viec": "xoa", "ngay": "01/03/2024"},
    ]:
        page = client.post("/to-chuc/van-thu-luu-tru/", bad, follow=True)
        assert page.status_code == 200, bad
    assert StaffDuty.objects.count() == 1 and not Training.objects.exists()
    xlsx = client.get("/to-chuc/van-thu-luu-tru/?xuat=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/to-chuc/van-thu-luu-tru/?trang=99999999999999999999").status_code == 200
