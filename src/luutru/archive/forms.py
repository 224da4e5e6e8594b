"""Forms of the archive screens: they parse and say what is wrong, in Vietnamese."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django import forms
from django.http import QueryDict

from luutru.core.params import as_int

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]


def parse_ids(values: Iterable[str]) -> tuple[list[int], list[str]]:
    """Dossier ids from ticked checkboxes; anything else is reported, not guessed."""
    ids: list[int] = []
    errors: list[str] = []
    for v in values:
        if (n := as_int(v)) is not None:
            ids.append(n)
        else:
            errors.append(f"“{v}” không phải là mã số hồ sơ.")
    return ids, errors


class KeepBackForm(forms.Form):
    reason = forms.CharField(
        label="Lý do giữ lại",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    until = forms.DateField(
        label="Giữ lại đến ngày (dd/mm/yyyy)",
        input_formats=DATE_FORMATS,
        required=False,
        error_messages={"invalid": "Ngày giữ lại đến phải viết dạng dd/mm/yyyy, ví dụ 31/12/2026."},
    )

    @property
    def until_value(self) -> dt.date | None:
        return self.cleaned_data.get("until")


def parse_returns(post: QueryDict, dossier_ids: list[int]) -> dict[int, str]:
    """From the acceptance form: dossiers ticked "trả lại" → their reason (maybe empty)."""
    returns: dict[int, str] = {}
    for pk in dossier_ids:
        if post.get(f"return_{pk}"):
            returns[pk] = post.get(f"reason_{pk}", "")
    return returns
