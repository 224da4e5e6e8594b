"""Rule profiles are edited by the administrator here (Quản trị → Quy tắc)."""

from django.contrib import admin

from luutru.rules.models import DocumentType, IssuerAbbrev, RetentionRule, RuleProfile


class DocumentTypeInline(admin.TabularInline):
    model = DocumentType
    extra = 0


class IssuerAbbrevInline(admin.TabularInline):
    model = IssuerAbbrev
    extra = 0


class RetentionRuleInline(admin.TabularInline):
    model = RetentionRule
    extra = 0


@admin.register(RuleProfile)
class RuleProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "fonds_system", "numbering_scope", "valid_from", "valid_to", "evidence"]
    list_filter = ["fonds_system", "evidence"]
    inlines = [DocumentTypeInline, IssuerAbbrevInline, RetentionRuleInline]
