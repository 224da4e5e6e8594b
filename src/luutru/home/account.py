"""The user's own account: changing the password."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import render
from django.urls import reverse_lazy

from luutru.home.auth import change_password


class _Form(PasswordChangeForm):
    def save(self, commit=True):
        change_password(self.user, self.cleaned_data["new_password1"])
        return self.user


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "home/password_change.html"
    form_class = _Form
    success_url = reverse_lazy("home:home")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, "Đã đổi mật khẩu. Lần đăng nhập sau, dùng mật khẩu mới.")
        return response


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: a Vietnamese page, 429."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "home/lockout.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "lock_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
