"""The 400, 403, 404 and 500 pages (issue 8 item 15): Vietnamese, in the
app's layout, saying what the user can do; ``access.policy.Denied`` and a
refused parameter anywhere in a view end on them, never as a 500."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import path

import luutru.urls
from luutru.access.policy import Denied
from luutru.core.params import BadParameter, id_param

pytestmark = pytest.mark.django_db


def _denied(request):
    raise Denied("Bạn cần quyền đọc tài liệu MẬT để xem hồ sơ này.")


def _bad_param(request):
    id_param(request.GET, "org", label="cơ quan")
    return None


def _broken(request):
    raise RuntimeError("boom")


# The app's own URLs, plus three views that fail the ways real views fail.
urlpatterns = [
    path("thu-loi/tu-choi/", _denied),
    path("thu-loi/tham-so/", _bad_param),
    path("thu-loi/hong/", _broken),
    *luutru.urls.urlpatterns,
]
handler400 = luutru.urls.handler400
handler403 = luutru.urls.handler403
handler404 = luutru.urls.handler404
handler500 = luutru.urls.handler500


@pytest.fixture
def client_of(world, settings):
    settings.ROOT_URLCONF = __name__

    def make(user):
        c = Client(raise_request_exception=False)
        c.force_login(user)
        return c

    return make


def _in_layout(html: str) -> None:
    assert 'lang="vi"' in html
    assert "Lưu trữ điện tử" in html  # the app's top bar
    assert 'href="/"' in html and 'href="/tim-kiem/"' in html
    assert "Quay lại" in html and "quản trị hệ thống" in html
    assert "Not Found" not in html and "Server Error" not in html and "Forbidden" not in html


def test_unknown_page_is_the_vietnamese_404(world, client_of):
    r = client_of(world.official).get("/khong-co-trang-nay/")
    assert r.status_code == 404
    html = r.content.decode()
    _in_layout(html)
    assert "Không tìm thấy trang" in html
    assert "Nguyễn Văn An" in html  # the signed-in layout, with the user's name


def test_denied_in_a_view_is_the_vietnamese_403_with_its_reason(world, client_of):
    r = client_of(world.official).get("/thu-loi/tu-choi/")
    assert r.status_code == 403
    html = r.content.decode()
    _in_layout(html)
    assert "Bạn không có quyền xem trang này" in html
    assert "Bạn cần quyền đọc tài liệu MẬT để xem hồ sơ này." in html


def test_a_form_without_its_csrf_token_is_the_vietnamese_403(world, settings):
    c = Client(enforce_csrf_checks=True, raise_request_exception=False)
    c.force_login(world.official)
    r = c.post("/ho-so/moi/", {"title": "x"})
    assert r.status_code == 403
    html = r.content.decode()
    _in_layout(html)
    assert "Hãy tải lại trang" in html


def test_a_refused_parameter_is_the_vietnamese_400_naming_it(world, client_of):
    r = client_of(world.official).get("/thu-loi/tham-so/", {"org": "abc"})
    assert r.status_code == 400
    html = r.content.decode()
    _in_layout(html)
    assert "Yêu cầu không hợp lệ" in html
    assert "“abc” của cơ quan không phải là một số nguyên" in html


def test_server_error_is_vietnamese_and_needs_no_database(world, client_of):
    r = client_of(world.official).get("/thu-loi/hong/")
    assert r.status_code == 500
    html = r.content.decode()
    _in_layout(html)
    assert "Hệ thống gặp lỗi" in html
    assert "dữ liệu đã lưu không bị ảnh hưởng" in html


def test_server_error_page_renders_with_the_database_gone(settings):
    from luutru.core.error_pages import server_error

    with pytest.MonkeyPatch.context() as mp:
        # Any query now fails: the page must not ask for one.
        def refuse(*args, **kwargs):
            raise RuntimeError("database unavailable")

        mp.setattr(connection, "cursor", refuse)
        r = server_error(None)
    assert r.status_code == 500
    assert "Hệ thống gặp lỗi" in r.content.decode()


def test_api_refusals_are_json_with_a_vietnamese_detail(world, settings):
    from luutru.access.api_auth import issue_token

    c = Client(
        raise_request_exception=False, HTTP_AUTHORIZATION=f"Bearer {issue_token(world.head)}"
    )
    r = c.get("/api/plans", {"year": "99999"})
    assert r.status_code in (400, 422)
    assert r["Content-Type"].startswith("application/json")
    r = c.get("/api/documents/" + str(10**30))
    assert r.status_code in (404, 422)
    assert r["Content-Type"].startswith("application/json")


def test_bad_parameter_is_a_django_bad_request():
    from django.core.exceptions import BadRequest

    assert issubclass(BadParameter, BadRequest)
