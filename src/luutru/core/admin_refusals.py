"""The admin screen (/quan-tri/) saves through services: a refusal they raise
becomes a Vietnamese admin message, and the whole change is rolled back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from luutru.core.errors import RuleViolation
from luutru.core.outcomes import NO_REASON

if TYPE_CHECKING:  # a mixin for a ModelAdmin: typed as one so its super() calls resolve
    _AdminBase = admin.ModelAdmin[Any]
else:
    _AdminBase = object


class RefusalsAsMessages(_AdminBase):
    """Mix into a ``ModelAdmin`` whose saves, deletes and actions call services."""

    def _refused(self, request: HttpRequest, error: RuleViolation) -> HttpResponseRedirect:
        for message in error.messages or [str(error) or NO_REASON]:
            self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().changeform_view(request, *args, **kwargs)
        except RuleViolation as error:
            return self._refused(request, error)

    def delete_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().delete_view(request, *args, **kwargs)
        except RuleViolation as error:
            return self._refused(request, error)

    def changelist_view(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().changelist_view(request, *args, **kwargs)
        except RuleViolation as error:
            return self._refused(request, error)
