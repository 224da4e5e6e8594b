from django.contrib.auth.middleware import LoginRequiredMiddleware as _Base
from django.http import Http404
from django.utils.cache import add_never_cache_headers

from luutru.core.params import MAX_ID


class LoginRequiredMiddleware(_Base):
    """Every page needs a login except the login page, static files and the
    API (which authenticates by token itself)."""

    open_prefixes = ("/static/", "/api/")

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.open_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class NoStoreMiddleware:
    """Nothing a signed-in user (or an API token) was shown may be kept by the
    browser or a proxy: record pages, downloads and exports are ``no-store``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class UrlNumbersMiddleware:
    """A number in the address (``/van-ban/<int:pk>/``) past what a database
    key can hold is a page that does not exist: 404, not an OverflowError."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
                raise Http404("number out of range")
        return None
