"""The one shape of a view that asks a service to change something.

A view never decides; it calls a service. The service either does the work
(and writes its own audit event) or raises ``RuleViolation`` naming every
failed precondition in Vietnamese. The view then shows those reasons, or a
success message, and redirects. ``perform`` is that shape, written once::

    return perform(
        request,
        lambda: services.close_dossier(request.user, dossier),
        done="Đã kết thúc hồ sơ.",
        to=("filing:dossier_detail", dossier.pk),
    )

``to`` (and ``refused_to``) is a URL, a URL name, a tuple ``(name, *args)``,
or a callable that receives the service's result and returns one of those.
``done`` is a message or a callable of the result. ``intro`` is said before
the reasons of a refusal ("Không nhập được …; không có gì thay đổi. Lý do:").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect

from luutru.core.errors import RuleViolation

T = TypeVar("T")
# Said when a refusal carries no reason of its own (a service should always give one).
NO_REASON = "Hệ thống không thực hiện việc này; không có gì thay đổi."
Target = str | tuple[Any, ...] | Callable[[Any], Any]


def refuse(request: HttpRequest, error: RuleViolation, intro: str = "") -> None:
    """Show every reason of a refusal as an error message (after ``intro``, if any)."""
    if intro:
        messages.error(request, intro)
    for reason in error.messages or [str(error) or NO_REASON]:
        messages.error(request, reason)


def refuse_on_form(form: forms.BaseForm, error: RuleViolation) -> None:
    """Put every reason of a refusal on the form, so it is shown above its fields."""
    for reason in error.messages or [str(error) or NO_REASON]:
        form.add_error(None, reason)


def perform(
    request: HttpRequest,
    call: Callable[[], T],
    *,
    to: Target,
    done: str | Callable[[T], str] | None = None,
    refused_to: Target | None = None,
    intro: str = "",
) -> HttpResponseRedirect:
    """Run ``call``; on refusal show the reasons and redirect to ``refused_to`` (else
    ``to``); on success show ``done`` and redirect to ``to``."""
    try:
        result = call()
    except RuleViolation as error:
        refuse(request, error, intro)
        if refused_to is not None:
            return _redirect(refused_to, None)
        if callable(to):  # the target needs a result there is none of: stay on the page
            return redirect(request.get_full_path())
        return _redirect(to, None)
    if done:
        messages.success(request, done(result) if callable(done) else done)
    return _redirect(to, result)


def _redirect(target: Target, result: Any) -> HttpResponseRedirect:
    if callable(target):
        target = target(result)
    if isinstance(target, tuple):
        name, *args = target
        return redirect(name, *args)
    return redirect(target)
