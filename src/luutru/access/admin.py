"""Grants are shown to the administrator, never edited here: they are issued
and revoked through ``access.services`` (checked, audited)."""

from django.contrib import admin
from django.http import HttpRequest

from luutru.access.models import Grant


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin[Grant]):
    list_display = ["person", "object_type", "object_id", "granted_by", "valid_until", "revoked_at"]
    list_filter = ["object_type"]
    search_fields = ["person__full_name", "reason"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Grant | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Grant | None = None) -> bool:
        return False
