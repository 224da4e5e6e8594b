"""The outgoing pages and API by role: each says what to do next; bad input gets a
Vietnamese message and changes nothing, never a server error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from luutru.access.api_auth import issue_token
from luutru.dispatch.models import Outgoing, OutgoingState
from luutru.dispatch.tests.conftest import approved, draft, issued, pdf
from luutru.orgs.models import Role
from luutru.testing import PASSWORD, make_user


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


def test_the_official_drafts_through_the_page_and_the_head_sees_it_to_approve(net, client):
    w = net
    _login(client, w.official)
    page = client.get(reverse("dispatch:new"))
    assert page.status_code == 200 and "Soạn văn bản đi" in page.content.decode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("dispatch:new"),
        {
            "org": w.office.pk,
            "doc_type": w.cv.pk,
            "subject": "Về việc báo cáo công tác lưu trữ",
            "recipients": [w.commune.pk],
            "purpose": "để thực hiện",
            "outside": "Sở Nội vụ tỉnh\n",
            "secrecy": 0,
            "urgency": 0,
            "dossier": w.dossier.pk,
            "file": SimpleUploadedFile("du-thao.pdf", pdf("Dự thảo báo cáo"), "application/pdf"),
        },
        follow=True,
    )
    o = Outgoing.objects.get()
    assert "Trình lãnh đạo duyệt" in response.content.decode()
    assert [str(r) for r in o.recipients.all()] == [
        "Đảng ủy xã Thử nghiệm (để thực hiện)",
        "Sở Nội vụ tỉnh",
    ]
    client.post(reverse("dispatch:submit", args=[o.pk]))
    o.refresh_from_db()
    assert o.state == OutgoingState.SUBMITTED
    _login(client, w.head)
    index = client.get(reverse("dispatch:index")).content.decode()
    assert "Chờ bạn duyệt (1)" in index and o.subject in index
    detail = client.get(reverse("dispatch:detail", args=[o.pk])).content.decode()
    assert "Duyệt" in detail and "Trả lại để sửa" in detail


def test_the_clerk_issues_through_the_page_and_sees_who_received_it(net, client):
    w = net
    o = approved(w, dossier=w.dossier)
    _login(client, w.clerk)
    index = client.get(reverse("dispatch:index")).content.decode()
    assert "Chờ cấp số, phát hành (1)" in index
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("dispatch:issue", args=[o.pk]),
        {"file": SimpleUploadedFile("ky.pdf", pdf("Bản ký"), "application/pdf")},
        follow=True,
    )
    page = response.content.decode()
    assert "Đã cấp số 01-CV/VPTU và phát hành văn bản." in page
    assert "Đã đến nơi nhận, đã vào sổ đến" in page and "Đảng ủy xã Thử nghiệm" in page
    package = client.get(reverse("dispatch:package", args=[o.pk]))
    assert package.status_code == 200 and package["Content-Type"] == "application/zip"


def test_bad_input_on_the_pages_is_refused_in_vietnamese_without_a_server_error(net, client):
    w = net
    o = approved(w)
    _login(client, w.clerk)
    for data in ({}, {"issued_date": "31/02/2026"}, {"issued_date": "abc"}):
        response = client.post(reverse("dispatch:issue", args=[o.pk]), data, follow=True)
        assert response.status_code == 200
        assert "Chưa phát hành được; không có gì thay đổi" in _messages(response)
    o.refresh_from_db()
    assert o.state == OutgoingState.APPROVED and o.document is None
    assert client.get(reverse("dispatch:new") + "?co-quan=abc").status_code == 400
    assert client.get(reverse("dispatch:new") + "?tra-loi=²").status_code == 400
    assert client.get(reverse("dispatch:detail", args=[999999])).status_code == 404
    assert client.get(reverse("dispatch:version", args=[o.pk, 99])).status_code == 404
    response = client.post(reverse("dispatch:recall", args=[o.pk]), {"reason": ""}, follow=True)
    assert "Hãy ghi lý do thu hồi" in _messages(response)
    _login(client, w.official)
    response = client.post(reverse("dispatch:new"), {"org": w.office.pk, "subject": ""})
    assert response.status_code == 200 and "Hãy nhập trích yếu" in response.content.decode()
    assert Outgoing.objects.count() == 1


def test_another_body_and_a_reader_see_nothing(net, client):
    w = net
    o = issued(w).outgoing
    outsider = make_user("vanthu_btc", w.board, Role.CLERK)
    for user in (outsider, w.reader):
        _login(client, user)
        assert client.get(reverse("dispatch:detail", args=[o.pk])).status_code == 404
        assert client.get(reverse("dispatch:package", args=[o.pk])).status_code == 404
        assert o.subject not in client.get(reverse("dispatch:index")).content.decode()


def test_the_api_drafts_approves_and_issues_behind_the_same_rules(net, client):
    w = net

    def auth(user):
        return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user, 'thu')}"}

    from django.core.files.uploadedfile import SimpleUploadedFile

    created = client.post(
        "/api/outgoing",
        {
            "org": w.office.pk,
            "doc_type": w.cv.pk,
            "subject": "Về việc qua API",
            "recipients": [w.commune.pk],
            "outside": ["Sở Nội vụ tỉnh"],
            "file": SimpleUploadedFile("du-thao.pdf", pdf("API"), "application/pdf"),
        },
        **auth(w.official),
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert client.post(f"/api/outgoing/{pk}/submit", **auth(w.official)).status_code == 200
    refused = client.post(f"/api/outgoing/{pk}/approve", **auth(w.clerk))
    assert refused.status_code == 403 and "Chỉ lãnh đạo" in refused.json()["detail"]
    assert client.post(f"/api/outgoing/{pk}/approve", **auth(w.head)).json()["state"] == "approved"
    refused = client.post(
        f"/api/outgoing/{pk}/issue",
        {"file": SimpleUploadedFile("ky.txt", b"hello", "text/plain")},
        **auth(w.clerk),
    )
    assert refused.status_code == 422 and Outgoing.objects.get().state == "approved"
    done = client.post(
        f"/api/outgoing/{pk}/issue",
        {"file": SimpleUploadedFile("ky.pdf", pdf("Ký API"), "application/pdf")},
        **auth(w.clerk),
    )
    assert done.status_code == 200, done.content
    body = done.json()
    assert body["symbol"] == "01-CV/VPTU"
    assert body["recipients"][0]["delivery"] == "delivered"
    assert body["recipients"][0]["arrival_number"] == "1"
    outsider = make_user("canbo_xa", w.commune, Role.OFFICIAL)
    assert client.get(f"/api/outgoing/{pk}", **auth(outsider)).status_code == 404


@pytest.mark.parametrize("pk", ["0", "99999999999999999999999", "abc"])
def test_the_api_refuses_bad_ids_without_a_server_error(net, client, pk):
    token = issue_token(net.head, "thu")
    response = client.post(f"/api/outgoing/{pk}/approve", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code in (404, 422)


def test_draft_helper_makes_one_version(net):
    o = draft(net)
    assert o.versions.count() == 1
