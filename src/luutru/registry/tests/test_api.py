"""API: the same policy as the pages."""

from __future__ import annotations

import pytest

from luutru.access.api_auth import issue_token
from luutru.registry.tests.files import make_pdf


@pytest.fixture
def api(client):
    def _get(user, path, **params):
        return client.get(
            f"/api/documents{path}", params, HTTP_AUTHORIZATION=f"Bearer {issue_token(user)}"
        )

    return _get


@pytest.fixture
def docs(world, upload):
    office, _ = upload(make_pdf(["Văn phòng"]), subject="Kế hoạch của Văn phòng")
    board, _ = upload(
        make_pdf(["Ban"]),
        actor=world.board_official,
        org=world.board,
        subject="Đề án của Ban Tổ chức",
        symbol="3-NQ/TU",
    )
    return office, board


def test_api_list_shows_only_visible_documents(api, world, docs):
    office, board = docs
    body = api(world.official, "").json()
    assert body["count"] == 1
    assert [d["id"] for d in body["items"]] == [office.pk]
    assert body["items"][0]["symbol"] == "12-NQ/TU"
    archivist = api(world.archivist, "").json()
    assert {d["id"] for d in archivist["items"]} == {office.pk, board.pk}
    assert api(world.reader, "").json()["count"] == 0


def test_api_list_filters(api, world, docs):
    assert api(world.archivist, "", org=world.board.pk).json()["count"] == 1
    assert api(world.archivist, "", q="Kế hoạch").json()["count"] == 1
    assert api(world.archivist, "", year=2019).json()["count"] == 0


def test_api_detail_and_content_are_404_when_not_visible(api, world, docs):
    office, board = docs
    assert api(world.official, f"/{office.pk}").json()["subject"] == office.subject
    r = api(world.official, f"/{board.pk}")
    assert r.status_code == 404 and board.subject not in r.content.decode()
    assert api(world.official, f"/{board.pk}/content").status_code == 404
    content = api(world.official, f"/{office.pk}/content")
    assert content.status_code == 200 and b"".join(content.streaming_content).startswith(b"%PDF-")


def test_api_needs_a_token(client, docs):
    assert client.get("/api/documents").status_code == 401
    assert (
        client.get(f"/api/documents/{docs[0].pk}", HTTP_AUTHORIZATION="Bearer sai").status_code
        == 401
    )


def test_a_file_lost_from_the_store_is_a_503_saying_what_to_do_not_a_500(api, world, docs):
    from luutru.storage.services import store

    office, _ = docs
    store().path(office.blob.sha256).unlink()
    r = api(world.official, f"/{office.pk}/content")
    assert r.status_code == 503
    assert "luutru fixity" in r.json()["detail"]
