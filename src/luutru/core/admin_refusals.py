"""The admin screen (/quan-tri/) saves through services: a refusal they raise
becomes a Vietnamese admin message, and the whole change is rolled back."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponseRedirect

from luutru.core.errors import RuleViolation
from luutru.core.outcomes import NO_REASON


class RefusalsAsMessages:
    """Mix into a ``ModelAdmin`` whose saves, deletes and actions call services."""

    def _refused(self, request, error: RuleViolation):
        for message in error.messages or [str(error) or NO_REASON]:
            self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().changeform_view(request, *args, **kwargs)
        except RuleViolation as error:
            return self._refused(request, error)

    def delete_view(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().delete_view(request, *args, **kwargs)
        except RuleViolation as error:
            return self._refused(request, error)

    def changelist_view(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().changelist_view(request, *args, **kwargs)
        except RuleViolation as error:
            return self._refused(request, error)
