"""Rule profiles are edited by the administrator here (Quản trị → Quy tắc),
saved through ``rules.services`` so that each change is checked and audited."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from luutru.core.admin_refusals import RefusalsAsMessages
from luutru.rules import services
from luutru.rules.models import DocumentType, IssuerAbbrev, RetentionRule, RuleProfile

if TYPE_CHECKING:  # the admin classes are generic for the type checker only
    Inline = admin.TabularInline[Any, RuleProfile]
    ProfileAdmin = admin.ModelAdmin[RuleProfile]
else:
    Inline = admin.TabularInline
    ProfileAdmin = admin.ModelAdmin


class DocumentTypeInline(Inline):
    model = DocumentType
    extra = 0


class IssuerAbbrevInline(Inline):
    model = IssuerAbbrev
    extra = 0


class RetentionRuleInline(Inline):
    model = RetentionRule
    extra = 0


def _values(form: forms.BaseForm, fields: list[str]) -> dict[str, Any]:
    return {f: form.cleaned_data[f] for f in fields if f in form.cleaned_data}


@admin.register(RuleProfile)
class RuleProfileAdmin(RefusalsAsMessages, ProfileAdmin):
    list_display = ["name", "fonds_system", "numbering_scope", "valid_from", "valid_to", "evidence"]
    list_filter = ["fonds_system", "evidence"]
    inlines = [DocumentTypeInline, IssuerAbbrevInline, RetentionRuleInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a profile ends with "hiệu lực đến"; records keep citing it

    def save_model(self, request: Any, obj: RuleProfile, form: Any, change: bool) -> None:
        if not change:
            fields = [f.name for f in RuleProfile._meta.concrete_fields if not f.primary_key]
            profile = services.create_rule_profile(request.user, **_values(form, fields))
            obj.pk, obj._state.adding = profile.pk, False
            return
        services.change_rule_profile(
            request.user, RuleProfile.objects.get(pk=obj.pk), **_values(form, form.changed_data)
        )

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        actor, profile = request.user, RuleProfile.objects.get(pk=form.instance.pk)
        for formset in formsets:
            formset.save(commit=False)
            for entry in formset.deleted_objects:
                services.remove_rule_entry(actor, entry)
            for entry, fields in formset.changed_objects:
                changes = {f: getattr(entry, f) for f in fields if f != "profile"}
                services.change_rule_entry(actor, entry, **changes)
            for entry in formset.new_objects:
                fields = [
                    f.name
                    for f in type(entry)._meta.concrete_fields
                    if not f.primary_key and f.name != "profile"
                ]
                services.add_rule_entry(
                    actor, profile, type(entry), **{f: getattr(entry, f) for f in fields}
                )
