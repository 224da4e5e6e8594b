"""Capture forms: the upload (files, a folder or a ZIP) and the review form."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from django import forms

from luutru.registry.forms import DocumentForm
from luutru.registry.models import Direction

# Parsed header field → the review form field it fills.
FORM_FIELD = {
    "doc_type": "doc_type",
    "type_name": "doc_type",
    "code_number": "symbol",
    "code_notation": "symbol",
    "issued_date": "issued_date",
    "issuer": "organ_name",
    "organ_name": "organ_name",
    "subject": "subject",
    "signer_full_name": "signer_full_name",
    "signer_position": "signer_position",
    "secrecy": "secrecy",
    "urgency": "urgency",
}


class UploadForm(forms.Form):
    org = forms.TypedChoiceField(label="Cơ quan quản lý tài liệu", coerce=int)
    direction = forms.ChoiceField(
        label="Loại văn bản", choices=Direction.choices, initial=Direction.INTERNAL
    )

    def __init__(self, orgs, data=None, **kwargs):
        super().__init__(data, **kwargs)
        cast(forms.TypedChoiceField, self.fields["org"]).choices = [(o.pk, o.name) for o in orgs]


class ReviewForm(DocumentForm):
    """The document form without the file (the file is already in); fields the
    parser was unsure of are marked for the template."""

    def __init__(self, org, data=None, *, low: Iterable[str] = frozenset(), **kwargs):
        super().__init__(org, data, **kwargs)
        self.fields.pop("file", None)
        self.low = set(low)
        for name in self.low:
            if name in self.fields:
                css = self.fields[name].widget.attrs.get("class", "")
                self.fields[name].widget.attrs["class"] = (css + " low-confidence").strip()
                self.fields[name].widget.attrs["aria-describedby"] = "low-hint"


def low_form_fields(parsed: dict, threshold: float) -> set[str]:
    """The review form fields to highlight: parsed below ``threshold`` or missing."""
    out = set()
    for key, f in (parsed or {}).items():
        if key in FORM_FIELD and float(f.get("confidence", 0)) < threshold:
            out.add(FORM_FIELD[key])
    for key in ("type_name", "code_number", "issued_date", "subject"):
        if key not in (parsed or {}):
            out.add(FORM_FIELD[key])
    return out
