"""File plan services: draft → approved → issued, and the refusals on the way."""

import datetime as dt

import pytest

from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.filing import services
from luutru.filing.models import FilePlan, FilePlanHeading, FilePlanItem
from luutru.orgs.services import dissolve_org

from .conftest import retention


def snapshot(plan):
    plan.refresh_from_db()
    return (
        plan.state,
        list(plan.items.order_by("order").values_list("code", "title", "retention_id")),
        list(plan.headings.values_list("title", "abbrev")),
        Event.objects.count(),
    )


def test_a_plan_numbers_items_with_the_major_heading_abbreviation(world, plan):
    assert list(plan.items.order_by("order").values_list("code", flat=True)) == [
        "01.VP",
        "02.VP",
        "03.TC",
    ]
    headings = {h.title: h.numeral for h in plan.headings.all()}
    assert headings == {"Công tác tổng hợp": "I", "Văn thư, lưu trữ": "1", "Công tác tổ chức": "II"}


def test_inserting_an_item_renumbers_the_following_codes(world, plan):
    vp = plan.headings.get(abbrev="VP")
    services.add_item(world.clerk, plan, vp, title="Hồ sơ hội nghị", retention=retention())
    assert list(plan.items.order_by("order").values_list("code", "title")) == [
        ("01.VP", "Kế hoạch, báo cáo công tác năm 2025"),
        ("02.VP", "Hồ sơ hội nghị"),
        ("03.VP", "Công văn trao đổi về công tác văn thư năm 2025"),
        ("04.TC", "Hồ sơ nhân sự"),
    ]


def test_deleting_an_item_closes_the_gap(world, plan):
    services.delete_item(world.clerk, plan.items.get(code="01.VP"))
    assert list(plan.items.order_by("order").values_list("code", flat=True)) == ["01.VP", "02.TC"]


def test_numbering_within_each_major_heading(world, plan):
    services.set_code_scheme(world.clerk, plan, FilePlan.CodeScheme.PER_HEADING)
    assert list(plan.items.order_by("order").values_list("code", flat=True)) == [
        "01.VP",
        "02.VP",
        "01.TC",
    ]


def test_approving_and_issuing_puts_the_plan_in_force(world, plan):
    services.approve_plan(world.head, plan)
    plan.refresh_from_db()
    assert plan.state == "approved" and plan.approved_by == world.head
    services.issue_plan(
        world.clerk, plan, decision_number="15-QĐ/VPTU", decision_date=dt.date(2025, 1, 10)
    )
    plan.refresh_from_db()
    assert plan.state == "issued" and plan.decision_number == "15-QĐ/VPTU"
    assert Event.objects.filter(action="file_plan.issue", object_id=str(plan.pk)).exists()


def test_a_plan_approved_twice_is_refused(world, plan):
    services.approve_plan(world.head, plan)
    before = snapshot(plan)
    with pytest.raises(RuleViolation) as e:
        services.approve_plan(world.head, plan)
    assert "Danh mục hồ sơ này đã được duyệt" in e.value.messages[0]
    assert snapshot(plan) == before


def test_only_a_head_approves_a_plan(world, plan):
    before = snapshot(plan)
    with pytest.raises(RuleViolation) as e:
        services.approve_plan(world.official, plan)
    assert any("Chỉ lãnh đạo" in m for m in e.value.messages)
    assert snapshot(plan) == before


def test_an_empty_plan_cannot_be_approved(world):
    plan = services.create_plan(world.clerk, world.office, 2026)
    with pytest.raises(RuleViolation) as e:
        services.approve_plan(world.head, plan)
    assert e.value.messages == [
        "Danh mục chưa có hồ sơ nào: thêm ít nhất một hồ sơ trước khi trình duyệt."
    ]
    plan.refresh_from_db()
    assert plan.state == "draft"


def test_editing_an_approved_plan_is_refused(world, plan):
    services.approve_plan(world.head, plan)
    before = snapshot(plan)
    item = plan.items.get(code="01.VP")
    vp = plan.headings.get(abbrev="VP")
    attempts = [
        lambda: services.add_item(world.clerk, plan, vp, title="Mới", retention=retention()),
        lambda: services.update_item(world.clerk, item, title="Sửa tiêu đề"),
        lambda: services.delete_item(world.clerk, item),
        lambda: services.add_heading(world.clerk, plan, title="Đề mục mới", abbrev="MOI"),
        lambda: services.set_code_scheme(world.clerk, plan, "per_heading"),
    ]
    for attempt in attempts:
        with pytest.raises(RuleViolation) as e:
            attempt()
        assert "đã ở trạng thái “Đã duyệt”: không thể sửa" in e.value.messages[0]
    assert snapshot(plan) == before


def test_issuing_needs_an_approved_plan_and_a_decision(world, plan):
    before = snapshot(plan)
    with pytest.raises(RuleViolation) as e:
        services.issue_plan(world.clerk, plan, decision_number="", decision_date=None)
    assert e.value.messages == [
        "Danh mục chưa được lãnh đạo duyệt: cần duyệt trước khi ban hành.",
        "Chưa nhập số quyết định ban hành danh mục.",
        "Chưa nhập ngày quyết định ban hành.",
    ]
    assert snapshot(plan) == before


def test_a_second_plan_for_the_same_year_is_refused(world, plan):
    with pytest.raises(RuleViolation) as e:
        services.create_plan(world.clerk, world.office, 2025)
    assert "đã có danh mục hồ sơ năm 2025" in e.value.messages[0]
    assert FilePlan.objects.filter(org=world.office).count() == 1


def test_creating_a_plan_in_a_closed_fonds_is_refused(world):
    dissolve_org(None, world.district, dt.date(2025, 6, 30))
    with pytest.raises(RuleViolation) as e:
        services.create_plan(world.district_official, world.district, 2026)
    assert "đã đóng từ ngày 30/06/2025" in e.value.messages[0]
    assert not FilePlan.objects.filter(org=world.district).exists()


def test_people_of_another_body_cannot_draft_its_plan(world):
    with pytest.raises(RuleViolation) as e:
        services.create_plan(world.board_official, world.office, 2025)
    assert e.value.messages == ["Bạn không có quyền lập danh mục hồ sơ của “Văn phòng Tỉnh ủy”."]


def test_bad_headings_and_items_list_every_failure(world, plan):
    before = snapshot(plan)
    with pytest.raises(RuleViolation) as e:
        services.add_heading(world.clerk, plan, title="", abbrev="vp văn")
    assert e.value.messages == [
        "Chưa nhập tên đề mục.",
        "Chữ viết tắt “VP VĂN” không hợp lệ: chỉ dùng chữ in hoa, chữ số, dấu gạch ngang, tối đa 16 ký tự.",
    ]
    with pytest.raises(RuleViolation) as e:
        services.add_heading(world.clerk, plan, title="Trùng", abbrev="VP")
    assert e.value.messages == [
        "Chữ viết tắt “VP” đã dùng cho một đề mục lớn khác trong danh mục này."
    ]
    with pytest.raises(RuleViolation) as e:
        services.add_item(
            world.clerk, plan, plan.headings.get(abbrev="VP"), title="  ", retention=None
        )
    assert e.value.messages == ["Chưa nhập tiêu đề hồ sơ.", "Chưa chọn thời hạn bảo quản."]
    assert snapshot(plan) == before


def test_copying_last_years_plan_moves_the_year_in_titles(world, plan):
    services.approve_plan(world.head, plan)
    new = services.copy_plan(world.clerk, plan, 2026)
    assert new.state == "draft" and new.year == 2026
    assert list(new.items.order_by("order").values_list("code", "title")) == [
        ("01.VP", "Kế hoạch, báo cáo công tác năm 2026"),
        ("02.VP", "Công văn trao đổi về công tác văn thư năm 2026"),
        ("03.TC", "Hồ sơ nhân sự"),
    ]
    assert new.headings.count() == 3
    assert new.headings.get(title="Văn thư, lưu trữ").parent.abbrev == "VP"
    # the source is untouched
    assert plan.items.get(code="01.VP").title.endswith("2025")


def test_update_item_can_move_it_to_another_heading(world, plan):
    item = plan.items.get(code="01.VP")
    tc = plan.headings.get(abbrev="TC")
    services.update_item(world.clerk, item, heading=tc, note="Chuyển")
    assert list(plan.items.order_by("order").values_list("code", "title")) == [
        ("01.VP", "Công văn trao đổi về công tác văn thư năm 2025"),
        ("02.TC", "Hồ sơ nhân sự"),
        ("03.TC", "Kế hoạch, báo cáo công tác năm 2025"),
    ]


def test_delete_heading_only_when_empty(world, plan):
    vp = plan.headings.get(abbrev="VP")
    with pytest.raises(RuleViolation):
        services.delete_heading(world.clerk, vp)
    empty = services.add_heading(world.clerk, plan, title="Trống", abbrev="TR")
    services.delete_heading(world.clerk, empty)
    assert not FilePlanHeading.objects.filter(pk=empty.pk).exists()
    assert FilePlanItem.objects.filter(plan=plan).count() == 3
