"""Retention schedules (issue 14): the defaults, the retention-end rule, the XLSX load."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.rules import book
from luutru.rules.models import RetentionRule, RetentionSchedule, RetentionScheduleItem
from luutru.rules.queries import retention_rules
from luutru.rules.schedules import load_schedule, parse_period, read_schedule

pytestmark = pytest.mark.django_db

HEADER = ["Số mục", "Nhóm", "Tên nhóm hồ sơ, tài liệu", "Thời hạn bảo quản", "Căn cứ"]


def xlsx(rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(["BẢNG THỜI HẠN BẢO QUẢN"])
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


GOOD = [
    ["1", "Tổng hợp", "Kế hoạch, báo cáo năm", "Vĩnh viễn", "TT 10/2022/TT-BNV"],
    ["2", "Tổng hợp", "Báo cáo quý, tháng", "5 năm", "TT 10/2022/TT-BNV"],
    ["", "", "Công văn trao đổi", "10", ""],
]


def test_default_schedules_are_loaded_item_by_item_with_their_basis():
    party = RetentionSchedule.objects.get(code="dang-mau")
    state = RetentionSchedule.objects.get(code="nha-nuoc-doan-the")
    assert party.fonds_system == "party" and state.fonds_system == "front"
    items = list(state.items.all())
    assert len(items) == 8
    yearly = items[0]
    assert (yearly.period, yearly.evidence) == ("permanent", "verified")
    assert "09/2011/TT-BNV" in yearly.legal_basis
    # No item number was sourced: every line is the project's grouping, none invents one.
    assert all(i.project_grouping and i.number == "" for i in [*items, *party.items.all()])
    # Party values are not verified for Party bodies.
    assert {i.evidence for i in party.items.all()} == {"default"}


def test_retention_end_counts_from_the_year_the_work_ended(world):
    ten = retention_rules(world.office).get(period="years", years=10)
    permanent = retention_rules(world.office).get(period="permanent")
    lapse = retention_rules(world.office).get(period="until_lapse")
    end = dt.date(2014, 3, 5)
    assert book.retention_end(world.office, ten, end) == dt.date(2024, 12, 31)
    assert book.retention_end(world.office, permanent, end) is None
    assert book.retention_end(world.office, lapse, end) is None
    assert book.retention_end(world.office, ten, None) is None
    # A council's new period replaces the old one.
    assert book.retention_end(world.office, ten, end, 15) == dt.date(2029, 12, 31)
    ruling = book.rulebook().ruling("retention_end", world.office, ten, end)
    assert ruling.value == dt.date(2024, 12, 31)
    assert "160-CV/TW" in ruling.basis
    due = book.rulebook().ruling("transfer_due", world.office, dt.date(2020, 6, 1))
    assert due.value == dt.date(2025, 6, 1) and "Lưu trữ" in due.basis


def test_dry_run_lists_bad_rows_in_vietnamese_and_changes_nothing(world):
    before = RetentionSchedule.objects.count()
    preview = read_schedule(
        xlsx([*GOOD, ["4", "", "", "Mãi mãi", ""], ["5", "", "Hồ sơ thi đua", "abc năm", ""]])
    )
    assert len(preview.items) == 3
    assert preview.errors == [
        "Dòng 6: thiếu tên nhóm hồ sơ, tài liệu; thời hạn “Mãi mãi” không đọc được (ghi "
        "“Vĩnh viễn”, “10 năm”, “Đến khi hết hiệu lực” hoặc “Theo tuổi thọ công trình”).",
        "Dòng 7: thời hạn “abc năm” không đọc được (ghi “Vĩnh viễn”, “10 năm”, "
        "“Đến khi hết hiệu lực” hoặc “Theo tuổi thọ công trình”).",
    ]
    assert RetentionSchedule.objects.count() == before
    with pytest.raises(RuleViolation):
        load_schedule(world.admin, b"not a spreadsheet", **_meta())
    assert RetentionSchedule.objects.count() == before


def _meta(**kw):
    return {
        "code": "dang-tinh",
        "name": "Bảng thời hạn bảo quản của Tỉnh ủy",
        "kind": "party_model",
        "fonds_system": "party",
        "legal_basis": "Quyết định 12-QĐ/TU",
        "valid_from": dt.date(2026, 1, 1),
        **kw,
    }


def test_loading_the_same_file_twice_changes_nothing_and_a_new_file_is_a_new_version(world):
    world.admin.is_superuser = True
    world.admin.save()
    data = xlsx(GOOD)
    schedule, created = load_schedule(world.admin, data, **_meta())
    assert created and schedule.version == 1
    items = list(schedule.items.order_by("order"))
    assert [(i.period, i.years) for i in items] == [
        ("permanent", None),
        ("years", 5),
        ("years", 10),
    ]
    assert [i.project_grouping for i in items] == [False, False, True]
    events = Event.objects.count()
    again, created = load_schedule(world.admin, data, **_meta())
    assert (again.pk, created) == (schedule.pk, False)
    assert RetentionScheduleItem.objects.filter(schedule__code="dang-tinh").count() == 3
    assert Event.objects.count() == events
    v2, created = load_schedule(
        world.admin, xlsx(GOOD[:2]), **_meta(valid_from=dt.date(2027, 1, 1))
    )
    schedule.refresh_from_db()
    assert created and v2.version == 2 and schedule.valid_to == dt.date(2026, 12, 31)


def test_only_an_administrator_loads_a_schedule(world):
    with pytest.raises(RuleViolation) as refused:
        load_schedule(world.archivist, xlsx(GOOD), **_meta())
    assert "quản trị viên" in str(refused.value)
    assert not RetentionSchedule.objects.filter(code="dang-tinh").exists()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Vĩnh viễn", ("permanent", None)),
        ("10 năm", ("years", 10)),
        ("70", ("years", 70)),
        ("Theo tuổi thọ công trình", ("life_of_works", None)),
        ("", None),
        ("0 năm", None),
    ],
)
def test_periods_read_as_officials_write_them(text, expected):
    assert parse_period(text) == expected


def test_period_choices_match_retention_rules():
    assert set(RetentionScheduleItem._meta.get_field("period").choices) == set(
        RetentionRule.Period.choices
    )
