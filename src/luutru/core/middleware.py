from collections.abc import Callable
from typing import Any

from django.contrib.auth.middleware import LoginRequiredMiddleware as _Base
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers


class LoginRequiredMiddleware(_Base):
    """Every page needs a login except the login page, static files and the
    API (which authenticates by token itself)."""

    open_prefixes = ("/static/", "/api/")

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., HttpResponseBase],
        view_args: tuple[Any, ...],
        view_kwargs: dict[Any, Any],
    ) -> HttpResponseBase | None:
        if request.path.startswith(self.open_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class NoStoreMiddleware:
    """Nothing a signed-in user (or an API token) was shown may be kept by the
    browser or a proxy: record pages, downloads and exports are ``no-store``."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
