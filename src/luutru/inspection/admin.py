"""The checklist templates are rule data: the administrator edits them here."""

from django.contrib import admin

from luutru.inspection.models import ChecklistItem


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "legal_basis", "evidence", "valid_from", "valid_to", "order"]
    list_filter = ["evidence"]
    search_fields = ["code", "title"]
