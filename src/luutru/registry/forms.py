"""The document form: a file and its metadata, producing the ``metadata`` dict
that ``registry.services.create_document`` and ``update_document_metadata`` take.

The filing app reuses it to upload documents into a dossier::

    form = DocumentForm(org, request.POST, request.FILES)
    if form.is_valid():
        doc, warnings = create_document(user, org, content=form.cleaned_data["file"],
                                        filename=form.cleaned_data["file"].name,
                                        metadata=form.metadata())
"""

from __future__ import annotations

from typing import Any, cast

from django import forms

from luutru.core.errors import RuleViolation
from luutru.orgs.models import Secrecy
from luutru.registry import kept_uploads
from luutru.registry.content import ACCEPTED
from luutru.registry.models import Document, Urgency
from luutru.registry.secrecy import allowed_levels
from luutru.rules.book import rulebook
from luutru.rules.models import DocumentType
from luutru.rules.queries import document_types

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]

# How a number and symbol is written, by the style the body's rules give
# (``rules.book.number_style``): an example and how it is built.
SYMBOL_HINTS = {
    "party": ("12-NQ/TU", "số, gạch nối, loại văn bản, gạch chéo, cơ quan ban hành"),
    "state": ("12/QĐ-UBND", "số, gạch chéo, loại văn bản, gạch nối, cơ quan ban hành"),
}


def symbol_hint(style: str) -> tuple[str, str]:
    """(example, help text) for a symbol written in ``style``."""
    example, parts = SYMBOL_HINTS.get(style, SYMBOL_HINTS["party"])
    return example, f"Ví dụ: {example} ({parts}). Để trống nếu văn bản không có số."


class DocumentTypeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.abbrev})" if obj.abbrev else obj.name


class DocumentForm(forms.Form):
    """``DocumentForm(org, data, files)``; pass ``document=`` to correct an
    existing document (then the file is not asked for)."""

    file = forms.FileField(
        label="Tệp văn bản",
        help_text=f"Nhận {ACCEPTED}. Hệ thống kiểm tra nội dung tệp, không chỉ đuôi tệp.",
        error_messages={
            "required": "Hãy chọn tệp văn bản cần tải lên.",
            "empty": "Tệp đã chọn rỗng.",
        },
    )
    # The file chosen before a refused submission, kept server-side (``kept_uploads``).
    kept_file = forms.CharField(label="Tệp đã chọn", required=False, widget=forms.HiddenInput)
    doc_type = DocumentTypeChoice(
        queryset=None,
        label="Tên loại văn bản",
        empty_label="— Chọn loại văn bản —",
        error_messages={
            "required": "Hãy chọn tên loại văn bản.",
            "invalid_choice": "Loại văn bản đã chọn không có trong bộ quy tắc.",
        },
    )
    symbol = forms.CharField(
        label="Số, ký hiệu",
        required=False,
        max_length=60,
        help_text="Ví dụ: 12-NQ/TU (số, gạch nối, loại văn bản, gạch chéo, cơ quan ban hành). "
        "Để trống nếu văn bản không có số.",
    )
    issued_date = forms.DateField(
        label="Ngày tháng văn bản",
        input_formats=DATE_FORMATS,
        help_text="Ghi theo dạng ngày/tháng/năm, ví dụ 04/02/2025.",
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "required": "Hãy nhập ngày tháng văn bản.",
            "invalid": "Ngày không đúng dạng ngày/tháng/năm hoặc không có thật (ví dụ 04/02/2025).",
        },
    )
    organ_name = forms.CharField(
        label="Tác giả văn bản (cơ quan ban hành)",
        required=False,
        max_length=200,
        help_text="Để trống nếu văn bản do chính cơ quan mình ban hành.",
    )
    subject = forms.CharField(
        label="Trích yếu nội dung",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy nhập trích yếu nội dung văn bản."},
    )
    signer_full_name = forms.CharField(label="Người ký", required=False, max_length=50)
    signer_position = forms.CharField(label="Chức vụ người ký", required=False, max_length=100)
    page_amount = forms.IntegerField(
        label="Số trang",
        required=False,
        min_value=1,
        max_value=999,
        help_text="Với tệp PDF, hệ thống tự đếm số trang.",
    )
    secrecy = forms.TypedChoiceField(label="Độ mật", choices=Secrecy.choices, coerce=int, initial=0)
    urgency = forms.TypedChoiceField(
        label="Độ khẩn", choices=Urgency.choices, coerce=int, initial=0
    )
    description = forms.CharField(
        label="Ghi chú", required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    secrecy_reason = forms.CharField(
        label="Lý do giảm độ mật",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Chỉ ghi khi người đứng đầu cơ quan quyết định giảm độ mật, giải mật: "
        "ghi số, ngày của quyết định.",
    )

    def __init__(
        self,
        org,
        data=None,
        files=None,
        *,
        document: Document | None = None,
        actor=None,
        current_secrecy: int | None = None,
        uploader=None,
        **kwargs,
    ):
        """With ``actor``, the secrecy offered never goes below the current level
        (``current_secrecy``, else the document's) unless the actor may lower it."""
        self.org = org
        self.document = document
        if document is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "doc_type": document.doc_type_id,
                "symbol": document.symbol_display,
                "issued_date": document.issued_date,
                "organ_name": document.organ_name,
                "subject": document.subject,
                "signer_full_name": document.signer_full_name,
                "signer_position": document.signer_position,
                "page_amount": document.page_amount,
                "secrecy": document.secrecy,
                "urgency": document.urgency,
                "description": document.description,
            }
        super().__init__(data, files, **kwargs)
        doc_type = cast(forms.ModelChoiceField, self.fields["doc_type"])
        try:
            doc_type.queryset = document_types(org).order_by("name")
        except RuleViolation as exc:
            doc_type.queryset = _no_types()
            self.rules_missing = exc.messages
        else:
            self.rules_missing = []
        example, self.fields["symbol"].help_text = symbol_hint(rulebook().number_style(org))
        self.fields["symbol"].widget.attrs["placeholder"] = example
        self.uploader = uploader
        self.kept: Any = None
        self.kept_name = ""
        if document is not None:
            del self.fields["file"]
            del self.fields["kept_file"]
        elif self.is_bound and not self.files.get(self.add_prefix("file")):
            # No new file chosen: the one kept from the refused submission, if any.
            self.kept = kept_uploads.restore(uploader, self.data.get(self.add_prefix("kept_file")))
            if self.kept is not None:
                self.fields["file"].required = False
                self._say_kept(self.kept.name or "")
        if current_secrecy is None:
            current_secrecy = document.secrecy if document is not None else Secrecy.NONE
        levels = allowed_levels(actor, org, current_secrecy) if actor is not None else None
        if levels is not None:
            cast(forms.ChoiceField, self.fields["secrecy"]).choices = [
                (v, label) for v, label in Secrecy.choices if v in levels
            ]
        if levels is None or current_secrecy == Secrecy.NONE or min(levels) >= current_secrecy:
            # Nothing can be lowered here: no reason to ask for.
            del self.fields["secrecy_reason"]

    def clean_file(self):
        return self.cleaned_data.get("file") or self.kept

    def full_clean(self) -> None:
        super().full_clean()
        if self.errors:
            self.keep_chosen_file()

    def keep_chosen_file(self) -> None:
        """After a refusal, keep the chosen file and carry its reference in the form."""
        if "kept_file" not in self.fields or not self.is_bound:
            return
        upload = self.files.get(self.add_prefix("file")) or self.kept
        if upload is None:
            return
        kept = kept_uploads.keep(self.uploader, upload)
        if kept is None:  # the file itself was refused: the user chooses another
            return
        token, name = kept
        data = self.data.copy()  # type: ignore[attr-defined]  # a QueryDict when bound
        data[self.add_prefix("kept_file")] = token
        self.data = data
        self._say_kept(name)

    def _say_kept(self, name: str) -> None:
        self.kept_name = name
        field = self.fields["file"]
        # The browser must not insist on a new file: the kept one will do.
        field.required = False
        field.help_text = (
            f"Đã giữ tệp “{name}” bạn chọn lần trước: không cần chọn lại "
            "(chọn tệp khác nếu muốn thay)."
        )
        self["file"].help_text = field.help_text  # a bound field copies it when first made

    def metadata(self) -> dict:
        """The metadata dict for the registry services (call after ``is_valid()``)."""
        c = self.cleaned_data
        return {
            "doc_type": c.get("doc_type"),
            "symbol": c.get("symbol", ""),
            "issued_date": c.get("issued_date"),
            "organ_name": c.get("organ_name", ""),
            "subject": c.get("subject", ""),
            "signer_full_name": c.get("signer_full_name", ""),
            "signer_position": c.get("signer_position", ""),
            "page_amount": c.get("page_amount"),
            "secrecy": c.get("secrecy", 0),
            "urgency": c.get("urgency", 0),
            "description": c.get("description", ""),
        }

    def reason(self) -> str:
        """The reason typed for lowering the secrecy ("" if none was asked)."""
        return self.cleaned_data.get("secrecy_reason", "")

    def add_refusal(self, exc: RuleViolation) -> None:
        """Show a service's refusal on the form (every message, as non-field errors)."""
        for message in exc.messages:
            self.add_error(None, message)
        self.keep_chosen_file()


def _no_types():
    return DocumentType.objects.none()


class OrgChoiceForm(forms.Form):
    """Which body the new document belongs to (among the user's workplaces)."""

    org: forms.ModelChoiceField = forms.ModelChoiceField(
        queryset=None, label="Cơ quan quản lý văn bản", empty_label=None
    )

    def __init__(self, orgs, data=None, **kwargs):
        super().__init__(data, **kwargs)
        cast(forms.ModelChoiceField, self.fields["org"]).queryset = orgs


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo trích yếu hoặc số, ký hiệu", required=False, max_length=200)
    org = forms.TypedChoiceField(label="Cơ quan", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)

    def __init__(self, orgs, years, data=None, **kwargs):
        super().__init__(data, **kwargs)
        cast(forms.ChoiceField, self.fields["org"]).choices = [("", "Tất cả")] + [
            (o.pk, o.name) for o in orgs
        ]
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", "Tất cả")] + [
            (y, str(y)) for y in years
        ]
