"""The desk's pages as each role sees them: the clerk registers and routes, the
head assigns, the handler works; a reader and another body's clerk see nothing.
Bad input gets a Vietnamese message and changes nothing, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.desk import services
from luutru.desk.models import Arrival, ArrivalState
from luutru.desk.tests.conftest import desk_snapshot
from luutru.orgs.models import Role
from luutru.registry.tests.files import make_pdf
from luutru.rules.queries import document_types
from luutru.testing import PASSWORD, make_user

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def other_clerk(world):
    return make_user("vanthu_btc", world.board, Role.CLERK, full_name="Chu Thị Ngân")


def _as(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def _receive_post(world, **over):
    cv = document_types(world.office).filter(abbrev="CV").order_by("pk").first()
    data = {
        "org": world.office.pk,
        "doc_type": cv.pk,
        "symbol": "45-CV/TU",
        "issued_date": "02/01/2025",
        "organ_name": "Tỉnh ủy Thử nghiệm",
        "subject": "Về việc chuẩn bị hội nghị tổng kết",
        "secrecy": 0,
        "urgency": 1,
        "sender": "Văn phòng Tỉnh ủy tỉnh bạn",
        "channel": "paper",
        "received_at": "",
    }
    data.update(over)
    return data


def test_the_clerk_registers_and_routes_from_the_desk(client, world):
    c = _as(client, world.clerk)
    page = c.get("/van-thu/")
    assert page.status_code == 200
    assert "Vào sổ văn bản đến" in page.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _receive_post(world)
    data["file"] = SimpleUploadedFile("cv45.pdf", make_pdf(["Công văn 45"]), "application/pdf")
    r = c.post("/van-thu/vao-so/", data)
    assert r.status_code == 302, r.content.decode()[:3000]
    a = Arrival.objects.get()
    assert a.arrival_number == 1 and a.urgency == 1 and a.sender == "Văn phòng Tỉnh ủy tỉnh bạn"
    detail = c.get(r["Location"]).content.decode()
    assert "Số: 1" in detail and "ĐẾN" in detail
    r = c.post(f"/van-thu/den/{a.pk}/chuyen/", {"head": world.head.pk})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.state == ArrivalState.PRESENTED and a.routed_to == world.head


def test_a_bad_registration_says_why_and_changes_nothing(client, world):
    c = _as(client, world.clerk)
    before = desk_snapshot()
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = _receive_post(world, issued_date="31/02/2025", channel="fax", received_at="hôm qua")
    data["file"] = SimpleUploadedFile("cv.pdf", make_pdf(["x"]), "application/pdf")
    r = c.post("/van-thu/vao-so/", data)
    assert r.status_code == 400
    body = r.content.decode()
    assert "Hình thức nhận không hợp lệ" in body
    assert "Ngày giờ đến không đúng dạng" in body
    assert desk_snapshot() == before


def test_head_assigns_and_handler_finishes_through_the_pages(client, world, arrive):
    a = services.route(world.clerk, arrive(), head=world.head)
    c = _as(client, world.head)
    page = c.get("/van-thu/giao-xu-ly/").content.decode()
    assert a.document.subject in page
    r = c.post(
        f"/van-thu/den/{a.pk}/giao/",
        {"lead": world.official.pk, "deadline": TOMORROW.isoformat(), "instructions": "Xử lý."},
    )
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.state == ArrivalState.ASSIGNED
    c = _as(client, world.official)
    queue = c.get("/van-thu/can-xu-ly/").content.decode()
    assert a.document.subject in queue
    assert c.post(f"/van-thu/den/{a.pk}/tien-do/", {"note": "Đang soạn."}).status_code == 302
    r = c.post(f"/van-thu/den/{a.pk}/ket-thuc/", {"answer": "", "dossier": "", "note": ""})
    assert r.status_code == 302
    a.refresh_from_db()
    assert a.state == ArrivalState.DONE
    # Handled but never filed: the handler is told.
    assert "chưa đưa vào hồ sơ" in c.get("/van-thu/can-xu-ly/").content.decode()


@pytest.mark.parametrize(
    "data, reason",
    [
        ({"lead": "abc", "deadline": "x"}, "Người đã chọn không làm việc tại cơ quan"),
        ({"lead": "", "deadline": "2025-13-45"}, "Hãy chọn người chủ trì"),
        ({"deadline": "2000-01-01"}, "đã qua"),
        ({"lead_is_outsider": True}, "Người đã chọn không làm việc tại cơ quan"),
    ],
)
def test_bad_assignments_are_refused_in_vietnamese(client, world, arrive, data, reason):
    a = services.route(world.clerk, arrive(), head=world.head)
    if data.pop("lead_is_outsider", False):
        data = {"lead": world.board_official.pk, "deadline": TOMORROW.isoformat()}
    data.setdefault("lead", world.official.pk)
    c = _as(client, world.head)  # a login is an audit event: before the snapshot
    before = desk_snapshot()
    r = c.post(f"/van-thu/den/{a.pk}/giao/", data, follow=True)
    assert r.status_code == 200
    assert reason in r.content.decode()
    assert desk_snapshot() == before


@pytest.mark.parametrize("who", ["reader", "other_clerk", "district_official", "board_official"])
def test_others_see_nothing_of_the_body_s_arrivals(client, world, arrive, other_clerk, who):
    a = arrive()
    user = other_clerk if who == "other_clerk" else getattr(world, who)
    c = _as(client, user)
    assert c.get(f"/van-thu/den/{a.pk}/").status_code == 404
    for url in ("/van-thu/", "/van-thu/giao-xu-ly/", "/van-thu/can-xu-ly/"):
        page = c.get(url)
        assert page.status_code == 200
        assert a.document.subject not in page.content.decode()
    assert c.post(f"/van-thu/den/{a.pk}/chuyen/", {"head": world.head.pk}).status_code == 404
    # Another body's clerk cannot register into this body's register.
    assert c.get(f"/van-thu/vao-so/?org={world.office.pk}").status_code in (200, 302)
    assert Arrival.objects.count() == 1


@pytest.mark.parametrize("who", ["clerk", "head", "official", "inspector", "archivist"])
def test_each_role_opens_each_desk_page(client, world, arrive, who):
    a = arrive()
    c = _as(client, getattr(world, who))
    for url in (
        "/van-thu/",
        "/van-thu/giao-xu-ly/",
        "/van-thu/can-xu-ly/",
        f"/van-thu/den/{a.pk}/",
    ):
        assert c.get(url).status_code == 200, (who, url)


def test_bad_ids_answer_404_not_500(client, world):
    c = _as(client, world.clerk)
    assert c.get("/van-thu/den/999999/").status_code == 404
    assert c.get("/van-thu/?org=abc").status_code == 200
    assert c.get("/van-thu/?org=99999999999999999999999").status_code == 200


def test_the_document_page_shows_its_arrival_number_and_links_the_handling(client, world, arrive):
    a = arrive()
    page = _as(client, world.clerk).get(f"/van-ban/{a.document_id}/").content.decode()
    assert "Số đến, ngày đến" in page and f"/van-thu/den/{a.pk}/" in page
