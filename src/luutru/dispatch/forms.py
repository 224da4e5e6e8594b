"""Forms of the outgoing pages; they only read input, the services decide."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import timezone

from luutru.dispatch.queries import recipient_choices
from luutru.filing.queries import my_open_dossiers
from luutru.orgs.models import Organization, Secrecy
from luutru.registry.forms import DATE_FORMATS, DocumentTypeChoice
from luutru.registry.models import Urgency
from luutru.rules.queries import document_types


class OrgChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class DossierChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.file_notation} – {obj.title}"


class DraftForm(forms.Form):
    """``DraftForm(user, org, data, files)``; ``editing=True`` makes the file optional
    (a new file is a new version)."""

    file = forms.FileField(
        label="Tệp dự thảo",
        help_text="Tài liệu Word (.docx) hoặc PDF. Mỗi lần tải tệp mới là một bản dự thảo mới; "
        "các bản trước vẫn được giữ.",
        error_messages={"required": "Hãy chọn tệp dự thảo.", "empty": "Tệp đã chọn rỗng."},
    )
    doc_type = DocumentTypeChoice(
        queryset=None,
        label="Tên loại văn bản",
        empty_label="— Chọn loại văn bản —",
        error_messages={
            "required": "Hãy chọn tên loại văn bản.",
            "invalid_choice": "Loại văn bản đã chọn không có trong bộ quy tắc.",
        },
    )
    subject = forms.CharField(
        label="Trích yếu nội dung",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Hãy nhập trích yếu nội dung văn bản."},
    )
    recipients = OrgChoice(
        queryset=None,
        required=False,
        label="Nơi nhận trong hệ thống",
        help_text="Các cơ quan dùng hệ thống nhận văn bản ngay vào sổ văn bản đến, không phải nhập lại. "
        "Giữ phím Ctrl để chọn nhiều cơ quan.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    purpose = forms.CharField(
        label="Để",
        required=False,
        max_length=100,
        initial="để thực hiện",
        help_text="Ví dụ: để thực hiện; để biết; để báo cáo.",
    )
    outside = forms.CharField(
        label="Nơi nhận ngoài hệ thống",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Mỗi dòng một cơ quan. Văn thư tải gói trao đổi (PDF và tệp thông tin) để gửi cho họ.",
    )
    secrecy = forms.TypedChoiceField(label="Độ mật", choices=Secrecy.choices, coerce=int, initial=0)
    urgency = forms.TypedChoiceField(
        label="Độ khẩn", choices=Urgency.choices, coerce=int, initial=0
    )
    signer_full_name = forms.CharField(label="Người ký", required=False, max_length=50)
    signer_position = forms.CharField(label="Chức vụ người ký", required=False, max_length=100)
    dossier = DossierChoice(
        queryset=None,
        required=False,
        label="Hồ sơ lưu văn bản",
        empty_label="— Chọn sau (văn bản chờ trong danh sách cần đưa vào hồ sơ) —",
        help_text="Hồ sơ công việc bạn đang lập. Khi văn bản được phát hành, bản lưu tự vào hồ sơ này "
        "(sau văn bản đến mà nó trả lời).",
    )
    note = forms.CharField(label="Ghi chú cho bản dự thảo", required=False, max_length=500)

    def __init__(
        self, user: Any, org: Organization, *args: Any, editing: bool = False, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        types = document_types(org, timezone.localdate()).order_by("name")
        cast(forms.ModelChoiceField, self.fields["doc_type"]).queryset = types
        cast(OrgChoice, self.fields["recipients"]).queryset = recipient_choices(org)
        mine = my_open_dossiers(user).filter(org=org)
        cast(DossierChoice, self.fields["dossier"]).queryset = mine
        if editing:
            self.fields["file"].required = False
            self.fields[
                "file"
            ].help_text = "Để trống nếu không đổi tệp; tải tệp mới là thêm một bản dự thảo."
        else:
            del self.fields["note"]

    def service_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {
            k: d.get(k)
            for k in ("subject", "secrecy", "urgency", "signer_full_name", "signer_position")
        } | {"doc_type": d["doc_type"].pk if d.get("doc_type") else None}

    def recipient_lines(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        purpose = d.get("purpose") or ""
        lines: list[dict[str, Any]] = [
            {"org": o, "purpose": purpose} for o in d.get("recipients") or []
        ]
        for line in (d.get("outside") or "").splitlines():
            if line.strip():
                lines.append({"name": line.strip(), "purpose": ""})
        return lines


class IssueForm(forms.Form):
    file = forms.FileField(
        label="Tệp PDF đã ký",
        help_text="Bản có chữ ký số của người có thẩm quyền (hoặc bản giấy đã ký, đóng dấu được quét). "
        "Hệ thống kiểm tra chữ ký số ngoại tuyến.",
        error_messages={"required": "Hãy chọn tệp PDF đã ký.", "empty": "Tệp đã chọn rỗng."},
    )
    issued_date = forms.DateField(
        label="Ngày ban hành",
        required=False,
        input_formats=DATE_FORMATS,
        help_text="Để trống là hôm nay. Ghi theo dạng ngày/tháng/năm.",
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={
            "invalid": "Ngày không đúng dạng ngày/tháng/năm hoặc không có thật (ví dụ 04/02/2026)."
        },
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label="Ý kiến", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Lý do thu hồi",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy ghi lý do thu hồi văn bản."},
    )


class FileIntoForm(forms.Form):
    dossier = DossierChoice(
        queryset=None,
        label="Hồ sơ",
        empty_label="— Chọn hồ sơ —",
        error_messages={
            "required": "Hãy chọn hồ sơ.",
            "invalid_choice": "Hồ sơ đã chọn không còn mở.",
        },
    )

    def __init__(self, user: Any, org: Organization, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        mine = my_open_dossiers(user).filter(org=org)
        cast(DossierChoice, self.fields["dossier"]).queryset = mine
