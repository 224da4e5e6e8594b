"""Keep-back (giữ lại hồ sơ): request, the head's decision, the profile's maximum."""

from __future__ import annotations

import datetime as dt

import pytest

from luutru.archive.models import KeepBack
from luutru.archive.queries import dossiers_due_for_deposit
from luutru.archive.services import create_deposit, decide_keep_back, request_keep_back
from luutru.archive.tests.conftest import make_dossier
from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.filing.models import Dossier, DossierStatus
from luutru.rules.queries import profile_for

pytestmark = pytest.mark.django_db

# closed on 20/12/2024 → due 20/12/2025 (12 months) → keep-back at most to 20/12/2027
END = dt.date(2024, 12, 20)


@pytest.fixture
def due(world):
    return make_dossier(
        world.office,
        world.official,
        notation="04.VP",
        title="Hồ sơ theo dõi thi đua năm 2024",
        years=None,
        end_date=END,
    )


def test_keep_back_beyond_the_maximum_is_refused(world, due):
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as exc:
        request_keep_back(
            world.official, due, reason="Còn dùng để tổng kết", until=dt.date(2027, 12, 21)
        )
    assert exc.value.messages == [
        "Chỉ được giữ lại tối đa 2 năm kể từ hạn nộp lưu (20/12/2025), tức là đến ngày "
        "20/12/2027; ngày 21/12/2027 vượt quá thời hạn đó."
    ]
    assert not KeepBack.objects.exists() and Event.objects.count() == events


def test_the_maximum_comes_from_the_profile(world, due):
    profile = profile_for(world.office, END)
    profile.keep_back_max_years = 3
    profile.save()
    kb = request_keep_back(world.official, due, reason="Còn dùng", until=dt.date(2028, 12, 20))
    assert kb.status == KeepBack.Status.REQUESTED


def test_keep_back_needs_a_reason_and_a_closed_dossier(world):
    open_d = make_dossier(
        world.office,
        world.official,
        notation="05.VP",
        title="Đang lập",
        status=DossierStatus.OPEN,
        years=None,
    )
    with pytest.raises(RuleViolation) as exc:
        request_keep_back(world.official, open_d, reason=" ", until=None)
    assert exc.value.messages == [
        "Hồ sơ 05.VP “Đang lập” đang ở trạng thái “Đang lập”: chỉ đề nghị giữ lại hồ sơ đã kết "
        "thúc và chưa nộp lưu.",
        "Phải ghi lý do giữ lại hồ sơ.",
        "Phải ghi ngày giữ lại đến (dd/mm/yyyy).",
    ]
    assert not KeepBack.objects.exists()


def test_only_a_head_decides_and_approval_keeps_the_dossier_back(world, due):
    kb = request_keep_back(
        world.official, due, reason="Còn dùng để tổng kết", until=dt.date(2027, 6, 30)
    )
    with pytest.raises(RuleViolation) as exc:
        decide_keep_back(world.archivist, kb, approve=True)
    assert exc.value.messages == [
        "Chỉ lãnh đạo của “Văn phòng Tỉnh ủy” mới được duyệt đề nghị giữ lại hồ sơ."
    ]
    assert KeepBack.objects.get(pk=kb.pk).status == KeepBack.Status.REQUESTED
    decide_keep_back(world.head, kb, approve=True)
    due.refresh_from_db()
    assert due.status == DossierStatus.KEPT_BACK and due.kept_back_until == dt.date(2027, 6, 30)
    with pytest.raises(RuleViolation) as exc:
        decide_keep_back(world.head, kb, approve=False)
    assert "đã được xử lý" in exc.value.messages[0]


def test_a_kept_back_dossier_is_not_overdue_until_its_date(world, due):
    rows = dossiers_due_for_deposit(world.official, today=dt.date(2026, 3, 1))
    assert [(r.dossier.pk, r.overdue) for r in rows] == [(due.pk, True)]
    kb = request_keep_back(world.official, due, reason="Còn dùng", until=dt.date(2027, 6, 30))
    decide_keep_back(world.head, kb, approve=True)
    (row,) = dossiers_due_for_deposit(world.official, today=dt.date(2026, 3, 1))
    assert (row.due, row.overdue, row.state_label) == (dt.date(2027, 6, 30), False, "đang giữ lại")
    (row,) = dossiers_due_for_deposit(world.official, today=dt.date(2027, 7, 1))
    assert row.overdue
    # a kept-back dossier may still be deposited
    dep = create_deposit(world.official, world.office, [Dossier.objects.get(pk=due.pk)])
    assert dep.items.count() == 1


def test_refusal_leaves_the_dossier_due(world, due):
    kb = request_keep_back(world.official, due, reason="Còn dùng", until=dt.date(2027, 6, 30))
    decide_keep_back(world.head, kb, approve=False)
    assert Dossier.objects.get(pk=due.pk).status == DossierStatus.CLOSED
    assert KeepBack.objects.get(pk=kb.pk).status == KeepBack.Status.REFUSED
