"""Deposit, acceptance, return: the happy path and every bad input of issue 2 item 7."""

from __future__ import annotations

import datetime as dt

import pytest

from luutru.archive.models import Deposit, DepositItem, HandoverRecord
from luutru.archive.services import (
    accept_deposit,
    create_deposit,
    delete_draft_deposit,
    return_deposit,
    submit_deposit,
)
from luutru.archive.tests.conftest import make_dossier
from luutru.audit.models import Event
from luutru.audit.services import verify
from luutru.core.errors import RuleViolation
from luutru.filing.models import Dossier, DossierStatus
from luutru.registry.models import Document

pytestmark = pytest.mark.django_db


def _state(*dossiers):
    return [(d.pk, Dossier.objects.get(pk=d.pk).status) for d in dossiers]


def _counts():
    return (
        Deposit.objects.count(),
        DepositItem.objects.count(),
        HandoverRecord.objects.count(),
        Event.objects.count(),
    )


def test_deposit_lists_dossiers_in_order_and_submit_makes_them_read_only(world, closed):
    a, b = closed
    deposit = create_deposit(world.official, world.office, [b, a], note="Nộp lưu năm 2025")
    assert deposit.status == Deposit.Status.DRAFT
    assert deposit.archive_org == world.province
    assert [(i.position, i.dossier_id) for i in deposit.items.all()] == [(1, a.pk), (2, b.pk)]
    submit_deposit(world.official, deposit)
    deposit.refresh_from_db()
    assert deposit.status == Deposit.Status.SUBMITTED and deposit.submitted_at
    for d in (a, b):
        d.refresh_from_db()
        assert d.status == DossierStatus.SUBMITTED and d.is_read_only
    assert Event.objects.filter(action="deposit.submit", object_id=str(deposit.pk)).exists()
    assert verify().ok


def test_depositing_an_open_dossier_is_refused_and_changes_nothing(world, closed):
    a, _ = closed
    open_d = make_dossier(
        world.office,
        world.official,
        notation="02.VP",
        title="Báo cáo tháng năm 2025",
        status=DossierStatus.OPEN,
    )
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.official, world.office, [a, open_d])
    assert exc.value.messages == [
        "Hồ sơ 02.VP “Báo cáo tháng năm 2025” đang mở: phải kết thúc hồ sơ trước khi nộp lưu."
    ]
    assert _counts() == before
    assert _state(a, open_d) == [(a.pk, "closed"), (open_d.pk, "open")]


def test_depositing_a_dossier_already_in_a_deposit_is_refused(world, closed):
    a, b = closed
    first = create_deposit(world.official, world.office, [a])
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.official2, world.office, [a, b])
    assert exc.value.messages == [
        f"Hồ sơ 01.VP “Kế hoạch công tác năm 2024” đã có trong đợt nộp lưu “{first.short_label}” "
        "(dự thảo): không nộp lưu hai lần."
    ]
    assert _counts() == before


def test_depositing_an_accepted_dossier_again_is_refused(world, closed):
    a, _ = closed
    dep = create_deposit(world.official, world.office, [a])
    submit_deposit(world.official, dep)
    accept_deposit(world.archivist, dep)
    a.refresh_from_db()
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.official, world.office, [a])
    assert "đã được nộp lưu trước đây" in exc.value.messages[0]
    assert f"đã có trong đợt nộp lưu “{dep.short_label}” (đã tiếp nhận)" in exc.value.messages[1]
    assert _counts() == before


def test_retention_below_the_profile_minimum_is_refused(world):
    short = make_dossier(
        world.office, world.official, notation="09.VP", title="Giấy mời họp năm 2024", years=2
    )
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.official, world.office, [short])
    (msg,) = exc.value.messages
    assert msg.startswith("Hồ sơ 09.VP “Giấy mời họp năm 2024” có thời hạn bảo quản 2 năm: ")
    assert "từ 5 năm trở lên" in msg
    assert _counts() == before


def test_the_minimum_comes_from_the_profile(world):
    from luutru.rules.queries import profile_for

    five = make_dossier(
        world.office, world.official, notation="06.VP", title="Báo cáo quý", years=5
    )
    profile = profile_for(world.office, five.end_date)
    profile.deposit_min_years = 10
    profile.save()
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.official, world.office, [five])
    assert "từ 10 năm trở lên" in exc.value.messages[0]


def test_a_dossier_of_another_org_is_refused_with_every_reason(world, closed):
    a, _ = closed
    other = make_dossier(
        world.board, world.board_official, notation="03.BTC", title="Hồ sơ nhân sự", years=None
    )
    # The head of the province committee sees both bodies' dossiers.
    from luutru.orgs.models import Membership, Role

    Membership.objects.create(person=world.head.person, org=world.province, role=Role.HEAD)
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.head, world.office, [a, other])
    assert exc.value.messages == [
        "Hồ sơ 03.BTC “Hồ sơ nhân sự” thuộc “Ban Tổ chức Tỉnh ủy”, không thuộc “Văn phòng Tỉnh ủy”: "
        "mỗi cơ quan chỉ nộp lưu hồ sơ của mình."
    ]
    assert _counts() == before


def test_a_dossier_the_actor_may_not_see_is_refused_without_its_title(world):
    other = make_dossier(
        world.board, world.board_official, notation="03.BTC", title="Hồ sơ nhân sự mật", years=None
    )
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.official, world.office, [other])
    (msg,) = exc.value.messages
    assert "Hồ sơ nhân sự mật" not in msg and "03.BTC" not in msg
    assert "không có quyền xem" in msg
    assert not Deposit.objects.exists()


def test_several_failures_are_all_listed(world):
    open_d = make_dossier(
        world.office,
        world.official,
        notation="02.VP",
        title="A",
        status=DossierStatus.OPEN,
        years=2,
    )
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.official, world.office, [open_d])
    assert len(exc.value.messages) == 2


def test_an_empty_selection_is_refused(world):
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.official, world.office, [])
    assert exc.value.messages == ["Chưa chọn hồ sơ nào: hãy đánh dấu các hồ sơ cần nộp lưu."]


def test_accepting_makes_holdings_and_freezes_the_handover_record(world, closed):
    a, b = closed
    # one document shared by both dossiers: counted once, one computer file
    shared = a.items.first().document
    from luutru.filing.models import DossierItem

    DossierItem.objects.create(dossier=b, document=shared, position=3)
    dep = create_deposit(world.official, world.office, [a, b])
    submit_deposit(world.official, dep)
    accept_deposit(world.archivist, dep)
    dep.refresh_from_db()
    assert dep.status == Deposit.Status.ACCEPTED and dep.decided_by == world.archivist
    for d in (a, b):
        d.refresh_from_db()
        assert d.status == DossierStatus.ARCHIVED and d.archived_at and d.is_read_only
    docs = Document.objects.filter(dossier_items__dossier__in=[a, b]).distinct()
    assert docs.count() == 4 and all(doc.in_holdings for doc in docs)
    # A list reads the same fact in its own query (the API's document list).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from luutru.registry.queries import with_holdings

    listed = with_holdings(Document.objects.order_by("pk"))
    with CaptureQueriesContext(connection) as queries:
        held = {doc.pk: doc.in_holdings for doc in listed}
    assert len(queries) == 1
    assert held == {doc.pk: doc.pk in set(docs.values_list("pk", flat=True)) for doc in listed}
    h = dep.handover
    assert (h.dossier_count, h.document_count, h.computer_file_count) == (2, 4, 4)
    assert h.page_count == sum(doc.page_amount for doc in docs)
    assert h.giver_name == "Văn phòng Tỉnh ủy" and h.receiver_name == "Tỉnh ủy Thử nghiệm"
    assert h.date_from == a.start_date and h.date_to == a.end_date
    assert verify().ok


def test_accepting_without_the_archivist_role_is_refused(world, closed):
    a, b = closed
    dep = create_deposit(world.official, world.office, [a, b])
    submit_deposit(world.official, dep)
    before = _counts()
    for user in (world.head, world.official, world.inspector):
        with pytest.raises(RuleViolation) as exc:
            accept_deposit(user, dep)
        assert exc.value.messages == [
            "Chỉ lưu trữ viên của “Tỉnh ủy Thử nghiệm” (lưu trữ của “Văn phòng Tỉnh ủy”) "
            "mới được tiếp nhận hoặc trả lại đợt nộp lưu này."
        ]
    assert _counts() == before
    assert _state(a, b) == [(a.pk, "submitted"), (b.pk, "submitted")]


def test_accepting_a_draft_is_refused(world, closed):
    dep = create_deposit(world.official, world.office, list(closed))
    with pytest.raises(RuleViolation) as exc:
        accept_deposit(world.archivist, dep)
    assert "bấm “Gửi nộp lưu” trước" in exc.value.messages[0]
    assert Deposit.objects.get(pk=dep.pk).status == Deposit.Status.DRAFT


def test_accepting_twice_names_who_accepted_and_when(world, closed):
    dep = create_deposit(world.official, world.office, list(closed))
    submit_deposit(world.official, dep)
    accept_deposit(world.archivist, dep)
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        accept_deposit(world.archivist2, dep)
    (msg,) = exc.value.messages
    assert msg.startswith("Đợt nộp lưu này đã được Vũ Thị Giang tiếp nhận lúc ")
    assert _counts() == before
    assert Deposit.objects.get(pk=dep.pk).decided_by == world.archivist


def test_returning_some_dossiers_needs_a_reason_each(world, closed):
    a, b = closed
    dep = create_deposit(world.official, world.office, [a, b])
    submit_deposit(world.official, dep)
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        accept_deposit(world.archivist, dep, returns={b.pk: "   "})
    assert exc.value.messages == [
        "Hồ sơ 07.VP “Công văn trao đổi về công tác văn thư năm 2024”: phải ghi lý do trả lại."
    ]
    assert _counts() == before
    accept_deposit(world.archivist, dep, returns={b.pk: "Thiếu mục lục văn bản"})
    dep.refresh_from_db()
    assert dep.status == Deposit.Status.ACCEPTED
    assert _state(a, b) == [(a.pk, "archived"), (b.pk, "returned")]
    item = dep.items.get(dossier=b)
    assert (item.outcome, item.return_reason) == ("returned", "Thiếu mục lục văn bản")
    assert dep.handover.dossier_count == 1
    assert not any(doc.in_holdings for doc in Document.objects.filter(dossier_items__dossier=b))
    # The list the API makes says the same, in one query (a held one and a returned one).
    from luutru.registry.queries import with_holdings

    listed = with_holdings(Document.objects.filter(dossier_items__dossier__in=[a, b]))
    assert {d.pk: d.in_holdings for d in listed} == {
        d.pk: d.in_holdings for d in Document.objects.filter(dossier_items__dossier__in=[a, b])
    }
    assert {d.in_holdings for d in listed} == {True, False}


def test_a_returned_dossier_closed_again_can_be_deposited_again(world, closed):
    a, b = closed
    dep = create_deposit(world.official, world.office, [a, b])
    submit_deposit(world.official, dep)
    accept_deposit(world.archivist, dep, returns={b.pk: "Thiếu văn bản"})
    Dossier.objects.filter(pk=b.pk).update(status=DossierStatus.CLOSED)
    again = create_deposit(world.official, world.office, [b])
    assert again.items.get().dossier_id == b.pk


def test_returning_the_whole_deposit_needs_every_reason(world, closed):
    a, b = closed
    dep = create_deposit(world.official, world.office, [a, b])
    submit_deposit(world.official, dep)
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        return_deposit(world.archivist, dep, {a.pk: "Sai thời hạn bảo quản"})
    assert exc.value.messages == [
        "Hồ sơ 07.VP “Công văn trao đổi về công tác văn thư năm 2024”: phải ghi lý do trả lại."
    ]
    assert _counts() == before
    return_deposit(world.archivist, dep, {a.pk: "Sai thời hạn", b.pk: "Thiếu văn bản"})
    dep.refresh_from_db()
    assert dep.status == Deposit.Status.RETURNED
    assert _state(a, b) == [(a.pk, "returned"), (b.pk, "returned")]
    assert not HandoverRecord.objects.filter(deposit=dep).exists()
    with pytest.raises(RuleViolation) as exc:
        accept_deposit(world.archivist2, dep)
    assert "trả lại lúc" in exc.value.messages[0]


def test_submitting_twice_is_refused(world, closed):
    dep = create_deposit(world.official, world.office, list(closed))
    submit_deposit(world.official, dep)
    with pytest.raises(RuleViolation) as exc:
        submit_deposit(world.official, dep)
    assert "chỉ gửi được đợt nộp lưu đang ở dạng dự thảo" in exc.value.messages[0]


def test_submit_rechecks_a_dossier_reopened_meanwhile(world, closed):
    a, b = closed
    dep = create_deposit(world.official, world.office, [a, b])
    Dossier.objects.filter(pk=a.pk).update(status=DossierStatus.OPEN)
    with pytest.raises(RuleViolation) as exc:
        submit_deposit(world.official, dep)
    assert "đang mở: phải kết thúc hồ sơ trước khi nộp lưu" in exc.value.messages[0]
    assert Deposit.objects.get(pk=dep.pk).status == Deposit.Status.DRAFT
    assert Dossier.objects.get(pk=b.pk).status == DossierStatus.CLOSED


def test_a_draft_can_be_dropped_and_its_dossiers_deposited_again(world, closed):
    dep = create_deposit(world.official, world.office, list(closed))
    delete_draft_deposit(world.official, dep)
    assert not Deposit.objects.exists()
    create_deposit(world.official, world.office, list(closed))


def test_due_date_uses_the_profile_delay(world, closed):
    from luutru.archive.services import due_date
    from luutru.rules.queries import profile_for

    a, _ = closed
    assert due_date(a) == dt.date(2025, 12, 20)
    profile = profile_for(world.office, a.end_date)
    profile.deposit_delay_months = 3
    profile.save()
    assert due_date(a) == dt.date(2025, 3, 20)


def test_after_acceptance_the_dossier_is_read_only_for_filing_services(world, closed):
    from luutru.filing.services import add_document_to_dossier, reopen_dossier

    a, b = closed
    dep = create_deposit(world.official, world.office, [a, b])
    submit_deposit(world.official, dep)
    accept_deposit(world.archivist, dep)
    a.refresh_from_db()
    items_before = a.items.count()
    with pytest.raises(RuleViolation) as exc:
        reopen_dossier(world.official, a, "Cần bổ sung văn bản")
    assert "chỉ mở lại được hồ sơ" in exc.value.messages[0]
    with pytest.raises(RuleViolation) as exc:
        add_document_to_dossier(world.official, a, b.items.first().document)
    assert "không thể thay đổi" in exc.value.messages[0]
    a.refresh_from_db()
    assert a.status == DossierStatus.ARCHIVED and a.items.count() == items_before


def test_while_submitted_the_dossier_is_read_only_too(world, closed):
    from luutru.filing.services import reopen_dossier

    a, _ = closed
    dep = create_deposit(world.official, world.office, [a])
    submit_deposit(world.official, dep)
    with pytest.raises(RuleViolation):
        reopen_dossier(world.official, a, "Sửa")
    assert Dossier.objects.get(pk=a.pk).status == DossierStatus.SUBMITTED
