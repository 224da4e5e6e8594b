"""Evaluation criteria are rule data: the administrator edits weights here; a set
whose weights do not sum to 100 is refused at save time."""

from django import forms
from django.contrib import admin

from luutru.evaluation.models import CriteriaSet, Criterion, EvaluationCycle
from luutru.evaluation.weights import weight_failures


class CriterionFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            (f.cleaned_data.get("code", ""), f.cleaned_data.get("weight") or 0)
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        failures = weight_failures(kept)
        if failures:
            raise forms.ValidationError(failures)


class CriterionInline(admin.TabularInline):
    model = Criterion
    formset = CriterionFormSet
    extra = 0


@admin.register(CriteriaSet)
class CriteriaSetAdmin(admin.ModelAdmin):
    list_display = ["name", "valid_from", "valid_to", "evidence"]
    inlines = [CriterionInline]


@admin.register(EvaluationCycle)
class EvaluationCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "criteria_set", "created_at"]
    readonly_fields = ["year", "criteria_set", "criteria", "created_by", "created_at"]

    def has_add_permission(self, request):
        return False
