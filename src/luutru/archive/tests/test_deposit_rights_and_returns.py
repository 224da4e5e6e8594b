"""Issue 8 items 5, 14 and 19: who may deposit and accept, what a return leaves
for the official, and how deposits are numbered."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.archive.models import Deposit, DepositItem
from luutru.archive.queries import dossiers_due_for_deposit
from luutru.archive.services import (
    accept_deposit,
    create_deposit,
    return_deposit,
    submit_deposit,
)
from luutru.archive.tests.conftest import make_dossier
from luutru.audit.models import Event
from luutru.compliance.queries import overdue_counts
from luutru.core.errors import RuleViolation
from luutru.deadlines.models import Notification
from luutru.deadlines.queries import my_due, org_due
from luutru.filing.models import Dossier, DossierStatus
from luutru.orgs.models import Organization, Role
from luutru.testing import make_user

pytestmark = pytest.mark.django_db

REASON = "Thiếu Biên bản họp ngày 12/3: bổ sung rồi kết thúc lại hồ sơ."


def _counts():
    return (Deposit.objects.count(), DepositItem.objects.count(), Event.objects.count())


def _statuses(*dossiers):
    return [Dossier.objects.get(pk=d.pk).status for d in dossiers]


# ---------------------------------------------------------------- item 5: who deposits


def test_an_inspector_may_not_deposit_another_bodys_dossier(world, closed):
    a, b = closed
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        create_deposit(world.inspector, world.office, [a, b])
    assert exc.value.messages[0] == (
        "Chỉ cán bộ, văn thư, lãnh đạo hoặc lưu trữ viên của “Văn phòng Tỉnh ủy” mới được nộp "
        "lưu hồ sơ của cơ quan này: bạn không phải là thành viên của cơ quan đó."
    )
    assert _counts() == before
    assert _statuses(a, b) == [DossierStatus.CLOSED, DossierStatus.CLOSED]


def test_a_head_of_the_body_above_may_not_submit_its_deposit(world, closed):
    a, _ = closed
    province_head = make_user("lanhdao_tinh", world.province, Role.HEAD, clearance=3)
    dep = create_deposit(world.official, world.office, [a])
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        submit_deposit(province_head, dep)
    assert "bạn không phải là thành viên của cơ quan đó" in exc.value.messages[0]
    assert _counts() == before
    dep.refresh_from_db()
    assert dep.status == Deposit.Status.DRAFT and dep.submitted_by is None


def test_the_archivist_who_submits_a_deposit_may_not_accept_it(world, closed):
    a, b = closed
    office_archivist = make_user("luutru_vp", world.office, Role.ARCHIVIST, clearance=2)
    dep = create_deposit(office_archivist, world.office, [a, b])
    submit_deposit(office_archivist, dep)
    before = _counts()
    for act in (
        lambda: accept_deposit(office_archivist, dep),
        lambda: return_deposit(office_archivist, dep, {a.pk: REASON, b.pk: REASON}),
    ):
        with pytest.raises(RuleViolation) as exc:
            act()
        assert exc.value.messages == [
            "Bạn là người đã gửi đợt nộp lưu này nên không được tự tiếp nhận hoặc trả lại: "
            "một lưu trữ viên khác phải kiểm tra."
        ]
    assert _counts() == before
    assert _statuses(a, b) == [DossierStatus.SUBMITTED, DossierStatus.SUBMITTED]
    # Not offered to them either; another archivist of the archive accepts.
    from luutru.archive.queries import deposits_awaiting_acceptance, may_decide

    assert not may_decide(office_archivist, dep)
    assert list(deposits_awaiting_acceptance(office_archivist)) == []
    assert list(deposits_awaiting_acceptance(world.archivist)) == [dep]
    accept_deposit(world.archivist, dep)
    assert _statuses(a, b) == [DossierStatus.ARCHIVED, DossierStatus.ARCHIVED]


def test_an_archivist_of_another_body_may_not_accept(world, closed):
    a, _ = closed
    district_archivist = make_user("luutru_huyen", world.district, Role.ARCHIVIST, clearance=2)
    dep = create_deposit(world.official, world.office, [a])
    submit_deposit(world.official, dep)
    before = _counts()
    with pytest.raises(RuleViolation) as exc:
        accept_deposit(district_archivist, dep)
    assert exc.value.messages == [
        "Chỉ lưu trữ viên của “Tỉnh ủy Thử nghiệm” (lưu trữ của “Văn phòng Tỉnh ủy”) "
        "mới được tiếp nhận hoặc trả lại đợt nộp lưu này."
    ]
    assert _counts() == before
    from luutru.archive.queries import deposits_awaiting_acceptance

    assert list(deposits_awaiting_acceptance(district_archivist)) == []


# ---------------------------------------------------------------- item 14: returning


@pytest.fixture
def returned(world, closed, client):
    """The office's two dossiers deposited and returned whole through the screen."""
    a, b = closed
    dep = create_deposit(world.official, world.office, [a, b])
    submit_deposit(world.official, dep)
    client.force_login(world.archivist)
    response = client.post(
        f"/nop-luu/{dep.pk}/tiep-nhan/",
        {"action": "return_all", f"reason_{a.pk}": REASON, f"reason_{b.pk}": "Sai tiêu đề."},
    )
    assert response.status_code == 302
    dep.refresh_from_db()
    assert dep.status == Deposit.Status.RETURNED
    return dep, a, b


def test_a_deposit_returned_whole_and_its_handover_open_for_everyone(world, client, returned):
    dep, a, _ = returned
    for user in (world.archivist, world.official, world.head):
        client.force_login(user)
        page = client.get(f"/nop-luu/{dep.pk}/")
        assert page.status_code == 200, user
        html = page.content.decode()
        assert REASON in html and "trả lại toàn bộ" in html
        for url in (
            f"/nop-luu/{dep.pk}/bien-ban.docx",
            f"/bieu-mau/nop-luu/{dep.pk}/bien-ban.pdf",
            f"/bieu-mau/nop-luu/{dep.pk}/bien-ban.docx",
            f"/nop-luu/{dep.pk}/muc-luc.xlsx",
        ):
            assert client.get(url).status_code == 200, (user, url)


def test_the_official_is_told_why_on_the_dossier_home_and_notifications(world, client, returned):
    dep, a, _ = returned
    note = Notification.objects.get(recipient=world.official, kind="returned", object_id=a.pk)
    assert REASON in note.message and note.read_at is None and note.resolved_at is None
    assert Event.objects.filter(action="notification.create", object_id=str(note.pk)).exists()
    client.force_login(world.official)
    assert REASON in client.get(f"/ho-so/{a.pk}/").content.decode()
    home = client.get("/").content.decode()
    assert REASON in home
    assert REASON in client.get("/thong-bao/").content.decode()


def test_a_returned_dossier_stays_on_every_list_that_counts_it(world, returned):
    dep, a, b = returned
    today = timezone.localdate()
    # The closed fixtures ended on 20/12/2024: both are overdue today.
    archive_rows = dossiers_due_for_deposit(world.official, today)
    assert {r.dossier.pk for r in archive_rows} == {a.pk, b.pk}
    assert all(r.overdue and r.returned and not r.selectable for r in archive_rows)
    assert {i.object_id for i in my_due(world.official, today)} == {a.pk, b.pk}
    org_rows = org_due(world.head, world.office, today)
    overdue_listed = [i for i in org_rows if i.kind == "deposit" and i.state(today) == "overdue"]
    compliance = overdue_counts(Organization.objects.filter(pk=world.office.pk), today)
    assert len(overdue_listed) == compliance["dossiers"] == 2


def test_deadline_lists_agree_with_compliance_for_drafts_and_keep_backs(world, closed):
    a, b = closed
    today = timezone.localdate()
    create_deposit(world.official, world.office, [a])  # a draft: not handed over yet
    Dossier.objects.filter(pk=b.pk).update(
        status=DossierStatus.KEPT_BACK, kept_back_until=dt.date(2025, 1, 1)
    )
    org_rows = org_due(world.head, world.office, today)
    listed = [i for i in org_rows if i.object_type == "dossier" and i.state(today) == "overdue"]
    compliance = overdue_counts(Organization.objects.filter(pk=world.office.pk), today)
    assert len(listed) == compliance["dossiers"] == 2


# ---------------------------------------------------------------- item 19: numbers


def test_deposits_are_numbered_per_body_and_year_not_by_database_id(world, client):
    year = timezone.localdate().year
    board_d = make_dossier(world.board, world.board_official, notation="01.BTC", title="Tổ chức")
    first_board = create_deposit(world.board_official, world.board, [board_d])
    office = [
        make_dossier(world.office, world.official, notation=f"0{n}.VP", title=f"Hồ sơ {n}")
        for n in (1, 2)
    ]
    first = create_deposit(world.official, world.office, [office[0]])
    second = create_deposit(world.official, world.office, [office[1]])
    assert (first_board.number, first.number, second.number) == (1, 1, 2)
    assert second.label == f"Lần nộp 2/{year} — Văn phòng Tỉnh ủy"
    client.force_login(world.official)
    html = client.get(f"/nop-luu/{second.pk}/").content.decode()
    assert f"Lần nộp 2/{year} — Văn phòng Tỉnh ủy" in html
    assert f"Đợt nộp lưu số {second.pk}" not in html
    listing = client.get("/nop-luu/").content.decode()
    assert f"Lần nộp 1/{year}" in listing and f"Lần nộp 2/{year}" in listing
    assert f"Đợt {second.pk}<" not in listing


def test_the_api_gives_a_deposits_number_and_label(client, world, closed):
    from luutru.access.api_auth import issue_token

    dep = create_deposit(world.official, world.office, list(closed))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world.official)}"}
    [listed] = client.get("/api/deposits", **auth).json()
    assert (listed["number"], listed["label"]) == (1, dep.label)
    detail = client.get(f"/api/deposits/{dep.pk}", **auth).json()
    assert detail["label"] == f"Lần nộp 1/{dep.year} — Văn phòng Tỉnh ủy"


def test_the_deposit_page_offers_a_new_deposit_only_to_those_who_may_make_one(
    client, world, closed
):
    client.force_login(world.inspector)
    html = client.get("/nop-luu/").content.decode()
    assert "07.VP" in html  # the inspector sees what is due…
    assert "/nop-luu/moi/" not in html  # …but deposits nothing
    client.force_login(world.official)
    assert "/nop-luu/moi/" in client.get("/nop-luu/").content.decode()
