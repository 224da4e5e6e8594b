"""Inspections: plan, findings with evidence, fixes with deadlines and follow-up; refusals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.archive.tests.conftest import make_dossier
from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.deadlines.models import Kind
from luutru.deadlines.queries import my_due
from luutru.filing.models import Dossier
from luutru.inspection import services
from luutru.inspection.models import Check, ChecklistItem, EvidenceLink, Fix, Inspection
from luutru.inspection.queries import evidence_for

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _items():
    return list(ChecklistItem.objects.values_list("pk", flat=True))


@pytest.fixture
def inspection(world):
    return services.plan_inspection(
        world.inspector,
        world.office,
        title="Kiểm tra công tác lưu trữ năm 2025",
        planned_on=TODAY,
        year=TODAY.year - 1,
        item_ids=_items()[:3],
    )


def test_default_checklist_is_rule_data_with_legal_basis():
    items = list(ChecklistItem.objects.all())
    assert len(items) == 8 and all(i.legal_basis for i in items)
    # The basis only (it is printed); that it is a default to verify is its evidence.
    assert not any("xác minh" in i.legal_basis for i in items)
    assert all(i.evidence == "default" for i in items)


def test_plan_copies_the_checklist_and_records_an_event(world, inspection):
    checks = list(inspection.checks.all())
    assert [c.code for c in checks] == ["KT01", "KT02", "KT03"]
    assert checks[0].legal_basis.startswith("NĐ 30/2020/NĐ-CP")
    assert Event.objects.filter(action="inspection.plan", object_id=str(inspection.pk)).exists()


def test_inspecting_an_org_out_of_scope_is_refused(world):
    # An official has no inspector role; the inspector of the province reaches the district.
    with pytest.raises(RuleViolation, match="không thuộc phạm vi kiểm tra"):
        services.plan_inspection(
            world.official,
            world.office,
            title="Kiểm tra",
            planned_on=TODAY,
            year=TODAY.year - 1,
            item_ids=_items(),
        )
    assert not Inspection.objects.exists()
    services.plan_inspection(
        world.inspector,
        world.commune,
        title="Kiểm tra xã",
        planned_on=TODAY,
        year=TODAY.year - 1,
        item_ids=_items(),
    )


def test_an_empty_checklist_is_refused(world):
    with pytest.raises(RuleViolation, match="Danh mục nội dung kiểm tra đang trống"):
        services.plan_inspection(
            world.inspector,
            world.office,
            title="Kiểm tra",
            planned_on=TODAY,
            year=TODAY.year - 1,
            item_ids=[],
        )
    assert not Inspection.objects.exists()


def test_a_fail_needs_a_remark_and_a_closed_inspection_is_frozen(world, inspection):
    check = inspection.checks.first()
    with pytest.raises(RuleViolation, match="phải ghi nhận xét"):
        services.record_finding(world.inspector, check, result="fail", note="")
    check.refresh_from_db()
    assert check.result == Check.Result.PENDING
    services.record_finding(world.inspector, check, result="fail", note="Danh mục ban hành muộn")
    inspection.refresh_from_db()
    assert inspection.status == Inspection.Status.IN_PROGRESS
    with pytest.raises(RuleViolation, match="Còn nội dung chưa kiểm tra: KT02, KT03"):
        services.close_inspection(world.inspector, inspection, conclusion="Xong")
    for c in inspection.checks.exclude(pk=check.pk):
        services.record_finding(world.inspector, c, result="pass", note="")
    services.close_inspection(world.inspector, inspection, conclusion="Cơ bản đạt yêu cầu")
    with pytest.raises(RuleViolation, match="đã kết thúc"):
        services.record_finding(world.inspector, check, result="pass", note="")


def test_evidence_is_linked_only_if_the_inspector_may_see_it_and_shown_only_to_who_may(
    world, inspection
):
    dossier = make_dossier(
        world.office, world.official, notation="01.VP", title="Kế hoạch công tác", documents=1
    )
    secret = make_dossier(
        world.office, world.official, notation="02.VP", title="Hồ sơ mật", documents=1
    )
    Dossier.objects.filter(pk=secret.pk).update(secrecy=1)  # above the inspector's clearance
    check = inspection.checks.first()
    services.add_evidence(world.inspector, check, object_type="dossier", object_id=dossier.pk)
    with pytest.raises(RuleViolation, match="không có quyền xem"):
        services.add_evidence(world.inspector, check, object_type="dossier", object_id=secret.pk)
    with pytest.raises(RuleViolation, match="không có quyền xem"):
        services.add_evidence(world.inspector, check, object_type="dossier", object_id=999999)
    assert EvidenceLink.objects.count() == 1
    # The head sees it; the other body's official does not even see the label.
    assert [e.label for e in evidence_for(world.head, check)] == ["Hồ sơ 01.VP Kế hoạch công tác"]
    assert evidence_for(world.board_official, check) == []


def test_fix_with_a_past_deadline_is_refused(world, inspection):
    with pytest.raises(RuleViolation, match="đã qua"):
        services.require_fix(
            world.inspector,
            inspection,
            description="Ban hành danh mục",
            deadline=TODAY - dt.timedelta(days=1),
            responsible=world.clerk.person,
        )
    assert not Fix.objects.exists()


def test_fix_responsible_must_work_at_the_inspected_body(world, inspection):
    with pytest.raises(RuleViolation, match="không làm việc tại"):
        services.require_fix(
            world.inspector,
            inspection,
            description="Ban hành danh mục",
            deadline=TODAY + dt.timedelta(days=30),
            responsible=world.board_official.person,
        )
    assert not Fix.objects.exists()


def test_fix_follow_up_open_done_verified_feeds_the_deadlines(world, inspection):
    fix = services.require_fix(
        world.inspector,
        inspection,
        description="Ban hành danh mục hồ sơ năm",
        deadline=TODAY + dt.timedelta(days=7),
        responsible=world.clerk.person,
        check=inspection.checks.first(),
    )
    [due] = [i for i in my_due(world.clerk) if i.kind == Kind.FIX]
    assert due.object_id == fix.pk and due.due == fix.deadline and due.state(TODAY) == "soon"
    with pytest.raises(RuleViolation, match="Chỉ người chịu trách nhiệm"):
        services.mark_fix_done(world.official, fix, note="Đã làm")
    with pytest.raises(RuleViolation, match="Chỉ xác nhận được"):
        services.verify_fix(world.inspector, fix, accept=True)
    services.mark_fix_done(world.clerk, fix, note="Đã ban hành danh mục")
    assert not [i for i in my_due(world.clerk) if i.kind == Kind.FIX]
    services.verify_fix(world.inspector, fix, accept=True)
    fix.refresh_from_db()
    assert fix.status == Fix.Status.VERIFIED and not fix.overdue
    actions = list(Event.objects.filter(object_type="fix").values_list("action", flat=True))
    assert actions == ["inspection.fix.require", "inspection.fix.done", "inspection.fix.verify"]


def test_overdue_is_computed(world, inspection):
    fix = services.require_fix(
        world.inspector,
        inspection,
        description="Nộp lưu hồ sơ quá hạn",
        deadline=TODAY,
        responsible=world.clerk.person,
    )
    assert not fix.is_overdue(TODAY) and fix.is_overdue(TODAY + dt.timedelta(days=1))


# ---------------------------------------------------------------- screens


def test_plan_through_the_screen_and_refusal_keeps_nothing(client, world):
    client.force_login(world.inspector)
    page = client.get("/kiem-tra/moi/").content.decode()
    assert "Lập kế hoạch kiểm tra" in page and "KT01" in page
    r = client.post(
        "/kiem-tra/moi/",
        {
            "org": world.office.pk,
            "title": "Kiểm tra",
            "planned_on": TODAY.strftime("%d/%m/%Y"),
            "year": TODAY.year - 1,
        },
    )
    assert r.status_code == 400 and "Danh mục nội dung kiểm tra đang trống" in r.content.decode()
    assert not Inspection.objects.exists()
    r = client.post(
        "/kiem-tra/moi/",
        {
            "org": world.office.pk,
            "title": "Kiểm tra VP",
            "planned_on": TODAY.strftime("%d/%m/%Y"),
            "year": TODAY.year - 1,
            "items": _items()[:2],
        },
    )
    inspection = Inspection.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/kiem-tra/{inspection.pk}/"
    html = client.get(r["Location"]).content.decode()
    assert "KT01" in html and "Giao yêu cầu khắc phục" in html


def test_plan_form_is_404_for_someone_without_the_inspector_role(client, world):
    client.force_login(world.official)
    assert client.get("/kiem-tra/moi/").status_code == 404


def test_inspection_page_is_404_outside_scope(client, world, inspection):
    client.force_login(world.district_official)
    assert client.get(f"/kiem-tra/{inspection.pk}/").status_code == 404
    client.force_login(world.head)
    r = client.get(f"/kiem-tra/{inspection.pk}/")
    assert r.status_code == 200 and "Giao yêu cầu khắc phục" not in r.content.decode()


def test_fix_with_past_deadline_through_the_screen(client, world, inspection):
    client.force_login(world.inspector)
    r = client.post(
        f"/kiem-tra/{inspection.pk}/khac-phuc/",
        {
            "description": "Ban hành danh mục",
            "deadline": "01/01/2020",
            "responsible": world.clerk.person.pk,
        },
    )
    assert r.status_code == 400 and "Hạn khắc phục 01/01/2020 đã qua" in r.content.decode()
    assert not Fix.objects.exists()
    r = client.post(
        f"/kiem-tra/{inspection.pk}/khac-phuc/",
        {
            "description": "Ban hành danh mục",
            "deadline": "31/02/2030",
            "responsible": world.clerk.person.pk,
        },
    )
    assert r.status_code == 400 and "không có thật" in r.content.decode()
    deadline = (TODAY + dt.timedelta(days=14)).strftime("%d/%m/%Y")
    r = client.post(
        f"/kiem-tra/{inspection.pk}/khac-phuc/",
        {
            "description": "Ban hành danh mục",
            "deadline": deadline,
            "responsible": world.clerk.person.pk,
        },
    )
    assert r.status_code == 302 and Fix.objects.count() == 1
    client.force_login(world.clerk)
    html = client.get("/kiem-tra/").content.decode()
    assert "Yêu cầu khắc phục giao cho tôi (1)" in html
    fix = Fix.objects.get()
    r = client.post(f"/kiem-tra/khac-phuc/{fix.pk}/xong/", {"note": "Đã ban hành"})
    assert r.status_code == 302
    fix.refresh_from_db()
    assert fix.status == Fix.Status.DONE
    client.force_login(world.inspector)
    html = client.get("/kiem-tra/khac-phuc/").content.decode()
    assert "Ban hành danh mục" in html


def test_finding_and_evidence_through_the_screen(client, world, inspection):
    dossier = make_dossier(
        world.office, world.official, notation="01.VP", title="Kế hoạch công tác", documents=1
    )
    check = inspection.checks.first()
    client.force_login(world.inspector)
    r = client.post(f"/kiem-tra/{inspection.pk}/noi-dung/{check.pk}/", {"result": "fail"})
    assert r.status_code == 400 and "phải ghi nhận xét" in r.content.decode()
    client.post(
        f"/kiem-tra/{inspection.pk}/noi-dung/{check.pk}/", {"result": "note", "note": "Chú ý"}
    )
    client.post(
        f"/kiem-tra/{inspection.pk}/noi-dung/{check.pk}/bang-chung/",
        {"object_type": "dossier", "object_id": dossier.pk},
    )
    html = client.get(f"/kiem-tra/{inspection.pk}/").content.decode()
    assert "Có lưu ý" in html and f'href="/ho-so/{dossier.pk}/"' in html
    assert f'<option value="{dossier.pk}">2024 – 01.VP Kế hoạch công tác</option>' in html
