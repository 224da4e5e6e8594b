"""The review screen (issue 11 item 3): start a review, see the proposals,
move, split, merge, rename; every role sees only what the policy lets it;
bad input gets a Vietnamese message and changes nothing, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from luutru.bundles import services
from luutru.bundles.models import GroupMember, ProposedGroup, ReviewSession
from luutru.bundles.tests.review_records import add_document, build, ready_session
from luutru.orgs.models import Secrecy

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    return build(world)


def _client(user) -> Client:
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c


def _url(session, tail: str = "") -> str:
    return f"/gom-ho-so/phien/{session.pk}/{tail}"


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_starting_a_review_of_loose_documents_computes_the_proposals_inline(world, records):
    c = _client(world.clerk)
    r = c.post("/gom-ho-so/", {"org": world.office.pk, "year": "2025"}, follow=True)
    assert r.status_code == 200
    session = ReviewSession.objects.get()
    assert session.state == "ready" and session.total == 5  # the 2024 plan stays out
    html = r.content.decode()
    assert "Nhóm 1:" in html
    assert "chưa xếp vào nhóm nào" in html
    # Every document of the year is somewhere: in a group or listed apart.
    assert GroupMember.objects.filter(session=session).count() == 5


def test_the_review_page_shows_groups_gaps_and_unassigned(world, records):
    session = ready_session(world, records)
    html = _client(world.clerk).get(_url(session)).content.decode()
    assert "Tập kế hoạch, báo cáo công tác năm 2025" in html
    assert "35-CT/TW" in html and "30/05/2019" in html  # the gap, as cited
    assert "Thông báo lịch trực cơ quan" in html  # the unassigned notice
    assert "Chấp nhận tất cả (3 hồ sơ)" in html


def test_move_split_merge_and_rename(world, records):
    session = ready_session(world, records)
    c = _client(world.clerk)
    report = session.groups.get(title__startswith="Tập kế hoạch")
    letters = session.groups.get(title__startswith="Hồ sơ về việc nộp lưu")
    # Move the notice (unassigned) into the letters' group.
    c.post(_url(session, "chuyen/"), {"document": records.tb.pk, "to": letters.pk})
    assert GroupMember.objects.get(document=records.tb).group_id == letters.pk
    # Kept in date order: the notice of 01/04 comes after the reply of 20/03.
    order = list(letters.members.order_by("position").values_list("document_id", flat=True))
    assert order == [records.cv.pk, records.reply.pk, records.tb.pk]
    # Split it out again into a new group.
    c.post(_url(session, f"nhom/{letters.pk}/tach/"), {"documents": [records.tb.pk]})
    new = GroupMember.objects.get(document=records.tb).group
    assert new is not None and new.pk not in (letters.pk, report.pk)
    # Merge the report's group and the letters' group.
    c.post(_url(session, "gop/"), {"groups": [report.pk, letters.pk]})
    assert not ProposedGroup.objects.filter(pk=letters.pk).exists()
    merged = list(report.members.order_by("position").values_list("document_id", flat=True))
    assert merged == [records.kh.pk, records.cv.pk, records.reply.pk, records.bc.pk]
    # Rename it.
    c.post(_url(session, f"nhom/{report.pk}/"), {"title": "Hồ sơ công tác văn phòng năm 2025"})
    report.refresh_from_db()
    assert report.title == "Hồ sơ công tác văn phòng năm 2025"
    # A gap stays while its citing document is in the group.
    assert [g["number_symbol"] for g in report.missing] == ["35-CT/TW"]


def test_accept_through_the_page(world, records):
    session = ready_session(world, records)
    group = session.groups.get(title__startswith="Tập kế hoạch")
    r = _client(world.clerk).post(_url(session, f"nhom/{group.pk}/chap-nhan/"), follow=True)
    assert "Đã lập hồ sơ" in _messages(r)
    group.refresh_from_db()
    assert group.dossier is not None


@pytest.mark.parametrize(
    "data",
    [
        {"document": "abc", "to": "1"},
        {"document": "1", "to": "abc"},
        {"document": str(10**30), "to": "new"},
        {"document": "1", "to_number": "99999"},
        {"document": "²", "to": "none"},
    ],
)
def test_bad_input_to_move_is_refused_in_vietnamese_and_changes_nothing(world, records, data):
    session = ready_session(world, records)
    before = list(GroupMember.objects.order_by("pk").values_list("document_id", "group_id"))
    r = _client(world.clerk).post(_url(session, "chuyen/"), data, follow=True)
    assert r.status_code in (200, 400)
    html = r.content.decode()
    assert any(w in html for w in ("không", "Không", "Hãy")), html[:500]
    after = list(GroupMember.objects.order_by("pk").values_list("document_id", "group_id"))
    assert after == before


def test_unknown_group_ids_and_pages_are_refused_in_vietnamese(world, records):
    session = ready_session(world, records)
    c = _client(world.clerk)
    r = c.post(_url(session, "nhom/999999/chap-nhan/"), follow=True)
    assert "Không tìm thấy nhóm hồ sơ đề xuất" in _messages(r)
    r = c.post(_url(session, f"nhom/{10**30}/"), {"title": "x"}, follow=True)
    assert r.status_code < 500
    r = c.post(_url(session, "gop/"), {"groups": ["abc", "999999"]}, follow=True)
    assert r.status_code == 200 and "Hãy đánh dấu ít nhất hai nhóm" in _messages(r)
    for page in ("99999999", "abc", str(10**30), "-1"):
        r = c.get(_url(session), {"trang": page, "trang_le": page})
        assert r.status_code == 200
    assert c.get(f"/gom-ho-so/phien/{10**30}/").status_code == 404
    r = c.post("/gom-ho-so/", {"org": "abc"})
    assert r.status_code == 400 and "không phải là một số nguyên" in r.content.decode()
    assert not ProposedGroup.objects.filter(state="accepted").exists()


def test_each_role_sees_what_the_policy_lets_it(world, records):
    secret = add_document(
        world.head,
        world.office,
        "7-BC/VPTU",
        dt.date(2025, 5, 5),
        "Báo cáo tình hình bảo vệ chính trị nội bộ",
        secrecy=Secrecy.MAT,
    )
    session = ready_session(world, records)
    group = session.groups.get(title__startswith="Tập kế hoạch")
    GroupMember.objects.filter(document=secret).update(group=group)
    ProposedGroup.objects.filter(pk=group.pk).update(
        secrecy=Secrecy.MAT, title="Tập báo cáo bảo vệ chính trị nội bộ"
    )
    url = _url(session)
    seen = {}
    for who in ("clerk", "official", "head", "archivist", "inspector", "reader", "board_official"):
        r = _client(getattr(world, who)).get(url)
        seen[who] = (r.status_code, r.content.decode())
    # Another body and a reader of the catalogue do not see the session at all.
    assert seen["board_official"][0] == 404
    assert seen["reader"][0] == 404
    # Officials of the body see it, without the secret group (title hidden) and document.
    for who in ("clerk", "official"):
        status, html = seen[who]
        assert status == 200
        assert "bảo vệ chính trị nội bộ" not in html
        assert "1 nhóm và" in html
    # The head (cleared) and the archivist (cleared for mật) see it; only the head may work.
    for who in ("head", "archivist"):
        status, html = seen[who]
        assert status == 200 and "bảo vệ chính trị nội bộ" in html
    assert "Chấp nhận tất cả" in seen["head"][1]
    assert "Chấp nhận tất cả" not in seen["archivist"][1]
    assert "Chấp nhận tất cả" not in seen["inspector"][1]
    # Nobody but the cleared opens the secret group through a form either.
    r = _client(world.clerk).post(_url(session, f"nhom/{group.pk}/chap-nhan/"), follow=True)
    assert "Không tìm thấy nhóm" in _messages(r)


def test_a_user_who_does_not_form_dossiers_cannot_start_a_review(world, records):
    r = _client(world.archivist).post("/gom-ho-so/", {"org": world.office.pk}, follow=True)
    assert "Hãy chọn một cơ quan bạn đang làm việc" in _messages(r)
    assert not ReviewSession.objects.exists()
    with pytest.raises(Exception):  # noqa: B017 RuleViolation, as the page shows
        services.start_session(world.board_official, world.office)
    assert not ReviewSession.objects.exists()


def test_a_closed_fonds_says_so_on_the_review_page(world, records):
    from luutru.orgs.models import Fonds

    session = ready_session(world, records)
    Fonds.objects.filter(org=world.office).update(
        status=Fonds.Status.CLOSED, closed_on=timezone.localdate() - dt.timedelta(days=1)
    )
    html = _client(world.clerk).get(_url(session)).content.decode()
    assert "đã đóng" in html and "không lập được hồ sơ mới trong phông này" in html
