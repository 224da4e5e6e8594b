"""The desk's write operations in the JSON API: the same services and policy as
the pages; refusals answer 422 in Vietnamese and change nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from luutru.access.api_auth import issue_token
from luutru.desk.models import Arrival, ArrivalState
from luutru.desk.tests.conftest import desk_snapshot
from luutru.registry.tests.files import make_pdf

TOMORROW = timezone.localdate() + dt.timedelta(days=1)


@pytest.fixture
def call(client):
    tokens: dict[int, str] = {}

    def _call(user, method, path, data=None, **kw):
        if user.pk not in tokens:
            tokens[user.pk] = issue_token(user)
        auth = {"HTTP_AUTHORIZATION": f"Bearer {tokens[user.pk]}"}
        url = f"/api/desk{path}"
        if method == "get":
            return client.get(url, data or {}, **auth)
        if kw.get("multipart"):
            return client.post(url, data, **auth)
        return client.post(url, json.dumps(data or {}), content_type="application/json", **auth)

    return _call


def _register(call, world, **over):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = {
        "org": world.office.pk,
        "doc_type": "CV",
        "symbol": "88-CV/TU",
        "issued_date": "03/01/2025",
        "organ_name": "Tỉnh ủy Thử nghiệm",
        "subject": "Về việc báo cáo số liệu",
        "sender": "Tỉnh ủy Thử nghiệm",
        "channel": "electronic",
        "file": SimpleUploadedFile("cv88.pdf", make_pdf(["Công văn 88"]), "application/pdf"),
    }
    data.update(over)
    return call(world.clerk, "post", "/arrivals", data, multipart=True)


def test_the_whole_loop_through_the_api(call, world):
    r = _register(call, world)
    assert r.status_code == 201, r.content
    a = r.json()
    assert a["arrival_number"] == 1 and a["channel"] == "electronic"
    r = call(world.clerk, "post", f"/arrivals/{a['id']}/route", {"head": world.head.pk})
    assert r.status_code == 200 and r.json()["state"] == "presented"
    r = call(
        world.head,
        "post",
        f"/arrivals/{a['id']}/assign",
        {
            "lead": world.official.pk,
            "co_handlers": [world.official2.pk],
            "deadline": TOMORROW.isoformat(),
            "instructions": "Xử lý.",
        },
    )
    assert r.status_code == 200 and r.json()["state"] == "assigned", r.content
    queue = call(world.official, "get", "/queue").json()
    assert [q["id"] for q in queue] == [a["id"]]
    r = call(world.official, "post", f"/arrivals/{a['id']}/progress", {"note": "Đang làm."})
    assert r.json()["state"] == "in_progress"
    r = call(world.official, "post", f"/arrivals/{a['id']}/finish", {})
    assert r.status_code == 200 and r.json()["state"] == "done"


def test_refusals_answer_422_and_change_nothing(call, world):
    a = _register(call, world).json()
    call(world.clerk, "post", f"/arrivals/{a['id']}/route", {"head": world.head.pk})
    call(world.head, "get", "/queue")  # its token is a row too: made before the snapshot
    before = desk_snapshot()
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    r = call(
        world.head,
        "post",
        f"/arrivals/{a['id']}/assign",
        {"lead": world.official.pk, "deadline": yesterday},
    )
    assert r.status_code == 422 and "đã qua" in r.json()["detail"]
    r = call(
        world.head,
        "post",
        f"/arrivals/{a['id']}/assign",
        {"lead": world.board_official.pk, "deadline": TOMORROW.isoformat()},
    )
    assert r.status_code == 422 and "không làm việc tại" in r.json()["detail"]
    r = call(
        world.head,
        "post",
        f"/arrivals/{a['id']}/assign",
        {"lead": 987654, "deadline": TOMORROW.isoformat()},
    )
    assert r.status_code == 422 and "Không có người dùng" in r.json()["detail"]
    r = call(world.head, "post", f"/arrivals/{a['id']}/assign", {"lead": "abc"})
    assert r.status_code == 422
    assert desk_snapshot() == before
    assert Arrival.objects.get(pk=a["id"]).state == ArrivalState.PRESENTED


def test_others_get_404_or_403(call, world):
    a = _register(call, world).json()
    for user in (world.reader, world.board_official, world.district_official):
        assert call(user, "get", f"/arrivals/{a['id']}").status_code == 404
        assert (
            call(user, "post", f"/arrivals/{a['id']}/route", {"head": world.head.pk}).status_code
            == 404
        )
        assert call(user, "get", "/arrivals").json()["count"] == 0
    r = _register(call, world, org=world.board.pk)
    assert r.status_code == 403
    assert Arrival.objects.count() == 1


def test_bad_registration_input_is_refused_in_vietnamese(call, world):
    r = _register(call, world, issued_date="31/02/2025", channel="fax")
    assert r.status_code == 422
    assert "không có thật" in r.json()["detail"] and "Hình thức nhận" in r.json()["detail"]
    assert Arrival.objects.count() == 0
