"""``perform`` and ``refuse``: real requests through the test client to tiny views
of this module's own URLs (the kernel's tests name no other app)."""

from __future__ import annotations

import pytest
from django.contrib.auth.decorators import login_not_required
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import path

from luutru.core.errors import RuleViolation
from luutru.core.outcomes import NO_REASON, perform, refuse

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

REASONS = ("Hồ sơ chưa có văn bản nào.", "Chưa ghi thời hạn bảo quản.")
INTRO = "Không kết thúc được hồ sơ; không có gì thay đổi. Lý do:"
DONE = "Đã kết thúc hồ sơ."


def _service(request):
    """The stand-in for a service: refuses with every reason when asked to."""
    if request.GET.get("refuse"):
        raise RuleViolation(*REASONS)
    return 42


@login_not_required
def plain(request):
    return perform(request, lambda: _service(request), to=("outcome-item", 7), done=DONE)


@login_not_required
def with_intro(request):
    return perform(request, lambda: _service(request), to="outcome-list", intro=INTRO)


@login_not_required
def to_the_result(request):
    return perform(
        request,
        lambda: _service(request),
        to=lambda pk: ("outcome-item", pk),
        done=lambda pk: f"Đã tạo hồ sơ số {pk}.",
    )


@login_not_required
def elsewhere_on_refusal(request):
    return perform(
        request,
        lambda: _service(request),
        to=lambda pk: ("outcome-item", pk),
        refused_to="/danh-sach/?loi=1",
        done=DONE,
    )


@login_not_required
def refusal_only(request):
    refuse(request, RuleViolation(*REASONS), intro=INTRO)
    return perform(request, lambda: None, to="outcome-list")


@login_not_required
def refusal_without_reasons(request):
    def call():
        raise RuleViolation()

    return perform(request, call, to="outcome-list")


urlpatterns = [
    path("lam/", plain),
    path("lam-co-loi-dan/", with_intro),
    path("lam-theo-ket-qua/", to_the_result),
    path("lam-noi-khac/", elsewhere_on_refusal),
    path("chi-tu-choi/", refusal_only),
    path("tu-choi-khong-ly-do/", refusal_without_reasons),
    path("danh-sach/", plain, name="outcome-list"),
    path("muc/<int:pk>/", plain, name="outcome-item"),
]


def _said(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]


def test_success_says_done_and_goes_to_the_named_page(client):
    r = client.post("/lam/")
    assert r.status_code == 302 and r["Location"] == "/muc/7/"
    assert _said(r) == [("success", DONE)]


def test_refusal_says_every_reason_in_order_and_nothing_of_success(client):
    r = client.post("/lam/?refuse=1")
    assert r.status_code == 302 and r["Location"] == "/muc/7/"
    assert _said(r) == [("error", REASONS[0]), ("error", REASONS[1])]


def test_refusal_with_an_intro_says_it_before_the_reasons(client):
    r = client.post("/lam-co-loi-dan/?refuse=1")
    assert r["Location"] == "/danh-sach/"
    assert _said(r) == [("error", INTRO), ("error", REASONS[0]), ("error", REASONS[1])]


def test_success_without_a_done_message_says_nothing(client):
    r = client.post("/lam-co-loi-dan/")
    assert r["Location"] == "/danh-sach/" and _said(r) == []


def test_a_callable_target_and_message_receive_the_services_result(client):
    r = client.post("/lam-theo-ket-qua/")
    assert r["Location"] == "/muc/42/"
    assert _said(r) == [("success", "Đã tạo hồ sơ số 42.")]


def test_a_refusal_with_a_callable_target_stays_on_the_page(client):
    # No result to build the target from: back to the page the request came to.
    r = client.post("/lam-theo-ket-qua/?refuse=1&tab=2")
    assert r["Location"] == "/lam-theo-ket-qua/?refuse=1&tab=2"
    assert [level for level, _ in _said(r)] == ["error", "error"]


def test_refused_to_takes_a_refusal_elsewhere_and_success_still_goes_to(client):
    refused = client.post("/lam-noi-khac/?refuse=1")
    assert refused["Location"] == "/danh-sach/?loi=1"
    assert _said(refused) == [("error", REASONS[0]), ("error", REASONS[1])]
    done = Client().post("/lam-noi-khac/")  # a new session: the refusal's messages stay unread
    assert done["Location"] == "/muc/42/" and _said(done) == [("success", DONE)]


def test_refuse_alone_shows_the_intro_then_the_reasons(client):
    r = client.post("/chi-tu-choi/")
    assert _said(r) == [("error", INTRO), ("error", REASONS[0]), ("error", REASONS[1])]


def test_a_refusal_without_reasons_still_says_in_vietnamese_that_nothing_was_done(client):
    r = client.post("/tu-choi-khong-ly-do/")
    assert _said(r) == [("error", NO_REASON)]
