"""Routing, assigning, forwarding, progress and finishing an arrival: each step's
named preconditions; every refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.archive.tests.conftest import make_dossier
from luutru.core.errors import RuleViolation
from luutru.desk import queries, services
from luutru.desk.models import ArrivalState, Handling, Outcome, Step
from luutru.desk.tests.conftest import desk_snapshot
from luutru.filing.changes import active_items
from luutru.orgs.models import Membership, Role, Secrecy, Unit
from luutru.testing import make_user

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def routed(world, arrive):
    a = arrive()
    return services.route(world.clerk, a, head=world.head)


@pytest.fixture
def assigned(world, routed):
    return services.assign(
        world.head,
        routed,
        lead=world.official,
        co_handlers=[world.official2],
        deadline=TOMORROW,
        instructions="Đề nghị nghiên cứu, tham mưu trả lời.",
    )


def _refused(fn, reason: str) -> None:
    before = desk_snapshot()
    with pytest.raises(RuleViolation) as exc:
        fn()
    assert reason in str(exc.value), exc.value.messages
    assert desk_snapshot() == before


def test_the_loop_from_route_to_finish(world, assigned):
    a = assigned
    assert a.state == ArrivalState.ASSIGNED
    assert list(queries.queue_of(world.official)) == [a]
    assert list(queries.queue_of(world.official2)) == [a]
    assert list(queries.queue_of(world.board_official)) == []
    services.record_progress(world.official2, a, "Đã phối hợp chuẩn bị số liệu.")
    a.refresh_from_db()
    assert a.state == ArrivalState.IN_PROGRESS
    services.finish(world.official, a, note="Đã nghiên cứu.")
    a.refresh_from_db()
    assert a.state == ArrivalState.DONE and a.outcome == Outcome.NOTED
    assert not queries.queue_of(world.official).exists()
    assert [s.kind for s in a.steps.all()] == ["receive", "route", "assign", "progress", "finish"]


def test_route_refusals(world, arrive):
    a = arrive()
    _refused(lambda: services.route(world.official, a, head=world.head), "Chỉ văn thư")
    _refused(lambda: services.route(world.clerk, a), "Hãy chọn một lãnh đạo")
    _refused(lambda: services.route(world.clerk, a, head=world.official), "không phải lãnh đạo")
    other_unit = Unit.objects.create(org=world.board, name="Phòng Tổ chức")
    _refused(lambda: services.route(world.clerk, a, unit=other_unit), "không thuộc")


def test_route_to_a_unit_reaches_the_unit_head(world, arrive):
    unit = Unit.objects.create(org=world.office, name="Phòng Hành chính")
    Membership.objects.filter(person=world.head.person).update(unit=unit)
    a = services.route(world.clerk, arrive(), unit=unit)
    assert a.state == ArrivalState.PRESENTED
    assert list(queries.for_head(world.head)) == [a]


def test_a_handler_outside_the_body_is_refused(world, routed):
    _refused(
        lambda: services.assign(world.head, routed, lead=world.board_official, deadline=TOMORROW),
        "không làm việc tại",
    )
    _refused(
        lambda: services.assign(
            world.head,
            routed,
            lead=world.official,
            co_handlers=[world.district_official],
            deadline=TOMORROW,
        ),
        "không làm việc tại",
    )


def test_a_deadline_in_the_past_is_refused(world, routed):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    _refused(
        lambda: services.assign(world.head, routed, lead=world.official, deadline=yesterday),
        "đã qua",
    )
    _refused(
        lambda: services.assign(world.head, routed, lead=world.official, deadline=None),
        "thời hạn",
    )


def test_only_a_head_of_the_body_assigns(world, routed):
    _refused(
        lambda: services.assign(world.clerk, routed, lead=world.official, deadline=TOMORROW),
        "Chỉ lãnh đạo",
    )


def test_a_secret_document_goes_only_to_cleared_people(world, arrive):
    world.clerk.person.clearance = Secrecy.MAT
    world.clerk.person.save()
    a = services.route(world.clerk, arrive(secrecy=Secrecy.MAT), head=world.head)
    _refused(
        lambda: services.assign(world.head, a, lead=world.official, deadline=TOMORROW),
        "chưa được tiếp cận",
    )
    world.official.person.clearance = Secrecy.MAT
    world.official.person.save()
    services.assign(world.head, a, lead=world.official, deadline=TOMORROW)
    # The uncleared colleague does not even see it.
    assert not queries.arrivals_visible_to(world.official2).filter(pk=a.pk).exists()


def test_forward_within_the_unit_only(world, assigned):
    unit = Unit.objects.create(org=world.office, name="Phòng Tổng hợp")
    Membership.objects.filter(person=world.official.person).update(unit=unit)
    _refused(
        lambda: services.forward(world.official, assigned, to=world.official2),
        "chỉ chuyển tiếp trong đơn vị",
    )
    _refused(lambda: services.forward(world.official2, assigned, to=world.official), "chủ trì")
    colleague = make_user("canbo3", world.office, Role.OFFICIAL, full_name="Mai Văn Phúc")
    Membership.objects.filter(person=colleague.person).update(unit=unit)
    services.forward(world.official, assigned, to=colleague, note="Đồng chí Phúc xử lý.")
    assert list(queries.queue_of(colleague)) == [assigned]
    lead = Handling.objects.get(arrival=assigned, handler=world.official)
    assert lead.ended_at is not None
    assert not queries.queue_of(world.official).exists()


def test_finish_with_an_answer_files_both_in_the_handlers_dossier(world, assigned, upload):
    answer, _ = upload(
        actor=world.official,
        direction="outgoing",
        symbol="5-CV/VPTU",
        type_abbrev="CV",
        organ_name="Văn phòng Tỉnh ủy",
    )
    dossier = make_dossier(
        world.office,
        world.official,
        notation="07.VP",
        title="Công văn trao đổi",
        status="open",
        documents=0,
    )
    services.finish(world.official, assigned, answer=answer, dossier=dossier)
    assigned.refresh_from_db()
    assert assigned.outcome == Outcome.ANSWERED and assigned.answer == answer
    docs = [i.document_id for i in active_items(dossier).order_by("position")]
    assert docs == [assigned.document_id, answer.pk]


def test_finish_refusals_change_nothing(world, assigned, upload):
    other, _ = upload(actor=world.board_official, org=world.board)
    _refused(lambda: services.finish(world.official2, assigned), "chủ trì")
    _refused(
        lambda: services.finish(world.official, assigned, answer=other),
        "cùng cơ quan",
    )
    _refused(
        lambda: services.finish(world.official, assigned, answer=assigned.document),
        "chính văn bản đến",
    )


def test_progress_only_by_a_handler(world, assigned):
    _refused(lambda: services.record_progress(world.clerk, assigned, "x"), "đang xử lý")
    _refused(lambda: services.record_progress(world.official, assigned, "  "), "Hãy ghi tiến độ")
    assert Step.objects.filter(arrival=assigned, kind="progress").count() == 0
