"""The 400, 403, 404 and 500 pages: Vietnamese, in the app's layout, saying
what the user can do next (``handler400`` … ``handler500`` in the root urls).

The 500 page renders without a request context: no context processor runs,
so it still shows when the database is what broke.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.template import loader

TITLES = {
    400: "Yêu cầu không hợp lệ",
    403: "Bạn không có quyền xem trang này",
    404: "Không tìm thấy trang",
    500: "Hệ thống gặp lỗi",
}
EXPLANATIONS = {
    400: "Địa chỉ hoặc biểu mẫu vừa gửi có giá trị hệ thống không hiểu.",
    403: "Bạn không có quyền xem hoặc thực hiện việc này.",
    404: "Trang, văn bản hay hồ sơ bạn tìm không có, hoặc đã được chuyển đi.",
    500: "Hệ thống gặp lỗi khi xử lý yêu cầu của bạn; dữ liệu đã lưu không bị ảnh hưởng.",
}


def _message(exception: object) -> str:
    # Only our own refusals carry a message meant for the user (``BadParameter``,
    # ``access.policy.Denied``); Django's own texts are English and technical.
    return getattr(exception, "message", "") if exception is not None else ""


def _page(request: HttpRequest | None, status: int, exception: object = None) -> HttpResponse:
    context = {
        "status": status,
        "title": TITLES[status],
        "explanation": EXPLANATIONS[status],
        "message": _message(exception),
    }
    template = loader.get_template(f"errors/{status}.html")
    return HttpResponse(template.render(context, request), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 400, exception)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 403, exception)


class _CsrfRefusal:
    message = (
        "Biểu mẫu này đã cũ hoặc phiên làm việc đã hết hạn, nên hệ thống không nhận. "
        "Hãy tải lại trang, đăng nhập lại nếu được hỏi, rồi gửi lại."
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: a form sent without a valid token (often an old tab)."""
    return _page(request, 403, _CsrfRefusal())


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request: context processors query the database, which may be down.
    return _page(None, 500)
