"""Input forms of the forms pages (the register and the fonds list)."""

from __future__ import annotations

from typing import cast

from django import forms
from django.db.models import QuerySet

from luutru.orgs.models import Organization

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
FORMAT_CHOICES = [("pdf", "PDF"), ("docx", "Word (DOCX)"), ("xlsx", "Excel (XLSX)")]


class RegisterForm(forms.Form):
    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        queryset=None,
        label="Cơ quan",
        error_messages={"required": "Hãy chọn cơ quan.", "invalid_choice": "Cơ quan không hợp lệ."},
    )
    kind = forms.ChoiceField(
        label="Loại sổ",
        choices=[
            ("di", "Sổ đăng ký văn bản đi"),
            ("den", "Sổ đăng ký văn bản đến"),
            ("mat_den", "Sổ đăng ký văn bản mật đến"),
        ],
        error_messages={"required": "Hãy chọn loại sổ.", "invalid_choice": "Loại sổ không hợp lệ."},
    )
    date_from = forms.DateField(
        label="Từ ngày",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Hãy nhập ngày bắt đầu.",
            "invalid": "Ngày bắt đầu không hợp lệ (dd/mm/yyyy).",
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label="Đến ngày",
        input_formats=DATE_FORMATS,
        error_messages={
            "required": "Hãy nhập ngày kết thúc.",
            "invalid": "Ngày kết thúc không hợp lệ (dd/mm/yyyy).",
        },
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    fmt = forms.ChoiceField(label="Định dạng", choices=FORMAT_CHOICES, initial="pdf")

    def __init__(self, orgs: QuerySet[Organization], *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ``fields`` holds this form's copy of the ``org`` field declared above.
        cast(forms.ModelChoiceField[Organization], self.fields["org"]).queryset = orgs


class FondsListForm(forms.Form):
    org: forms.ModelChoiceField[Organization] = forms.ModelChoiceField(
        queryset=None,
        label="Phông (cơ quan)",
        error_messages={"required": "Hãy chọn cơ quan.", "invalid_choice": "Cơ quan không hợp lệ."},
    )
    year = forms.IntegerField(
        label="Năm (để trống: mọi năm)",
        required=False,
        min_value=1930,
        max_value=2100,
        error_messages={"invalid": "Năm phải là một số, ví dụ 2024."},
    )
    fmt = forms.ChoiceField(label="Định dạng", choices=FORMAT_CHOICES, initial="pdf")

    def __init__(self, orgs: QuerySet[Organization], *args, **kwargs):
        super().__init__(*args, **kwargs)
        # ``fields`` holds this form's copy of the ``org`` field declared above.
        cast(forms.ModelChoiceField[Organization], self.fields["org"]).queryset = orgs
