"""The search page and ``GET /api/search/``: same results, same policy."""

from __future__ import annotations

import pytest
from django.test import Client

from luutru.access.api_auth import issue_token
from luutru.search.services import refresh_index
from luutru.testing import PASSWORD

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def test_empty_page_explains_how_to_search(world):
    r = client_for(world.head).get("/tim-kiem/")
    html = r.content.decode()
    assert r.status_code == 200
    assert "Cách tìm" in html and "có dấu hay không dấu" in html


def test_page_shows_ranked_hits_facets_and_links(world, make_doc, make_dossier):
    doc = make_doc("Nghị quyết Đại hội Đảng bộ tỉnh", text="Đại hội thông qua nghị quyết")
    dossier = make_dossier("Hồ sơ Đại hội Đảng bộ", docs=[doc])
    make_doc("Đại hội bí mật", secrecy=3)
    refresh_index()
    html = client_for(world.head).get("/tim-kiem/", {"q": "dai hoi"}).content.decode()
    assert "Kết quả 1–2 trong 2" in html
    assert f'href="/van-ban/{doc.pk}/"' in html and f'href="/ho-so/{dossier.pk}/"' in html
    assert "<mark>Đại</mark> <mark>hội</mark>" in html
    assert "bí mật" not in html
    assert "Năm" in html and "Văn phòng Tỉnh ủy" in html
    assert "?q=dai+hoi&amp;kind=dossier" in html  # a facet narrows the search


def test_htmx_request_gets_only_the_results(world, make_doc):
    make_doc("Kế hoạch công tác")
    refresh_index()
    r = client_for(world.head).get(
        "/tim-kiem/",
        {"q": "kế hoạch"},
        headers={"HX-Request": "true", "HX-Target": "search-results"},
    )
    html = r.content.decode()
    assert html.lstrip().startswith('<div id="search-results"') and "<html" not in html


def test_bad_input_on_the_page_is_explained(world, make_doc):
    make_doc("Kế hoạch công tác")
    refresh_index()
    c = client_for(world.head)
    html = c.get("/tim-kiem/", {"q": "kế hoạch", "year": "xyz", "page": "abc"}).content.decode()
    assert "Bỏ qua điều kiện lọc không hợp lệ" in html and "Số trang không hợp lệ" in html
    html = c.get("/tim-kiem/", {"q": '"(*:'}).content.decode()
    assert "không có chữ hay số nào để tìm" in html
    html = c.get("/tim-kiem/", {"q": "chữ không có đâu"}).content.decode()
    assert "Không tìm thấy văn bản hay hồ sơ nào" in html


def test_the_page_needs_a_login(world):
    r = Client().get("/tim-kiem/", {"q": "x"})
    assert r.status_code == 302


def test_api_returns_the_same_as_the_page_with_the_tokens_user(world, make_doc):
    make_doc("Báo cáo công tác tổ chức")
    make_doc("Báo cáo mật", secrecy=2)
    refresh_index()
    headers = {"Authorization": f"Bearer {issue_token(world.official)}"}
    r = Client().get("/api/search/", {"q": "bao cao"}, headers=headers)
    assert r.status_code == 200
    data = r.json()
    assert data["total"] == 1 and data["results"][0]["title"] == "Báo cáo công tác tổ chức"
    assert data["facets"]["secrecy"] == [
        {"value": 0, "label": "Thường", "count": 1, "selected": False}
    ]
    head = {"Authorization": f"Bearer {issue_token(world.head)}"}
    assert Client().get("/api/search/", {"q": "bao cao"}, headers=head).json()["total"] == 2
    bad = (
        Client()
        .get("/api/search/", {"q": "bao cao", "secrecy": "x", "page": "-1"}, headers=headers)
        .json()
    )
    assert bad["total"] == 1 and any("độ mật “x”" in m for m in bad["messages"])
    assert Client().get("/api/search/", {"q": "bao cao"}).status_code == 401
