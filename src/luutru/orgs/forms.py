"""Forms of the organization screens."""

from django import forms


class OrgSearchForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên", max_length=100, required=False, strip=True)
