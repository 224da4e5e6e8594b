"""Grants are shown to the administrator, never edited here: they are issued
and revoked through ``access.services`` (checked, audited)."""

from django.contrib import admin

from luutru.access.models import Grant


@admin.register(Grant)
class GrantAdmin(admin.ModelAdmin):
    list_display = ["person", "object_type", "object_id", "granted_by", "valid_until", "revoked_at"]
    list_filter = ["object_type"]
    search_fields = ["person__full_name", "reason"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
