"""Forms of the filing app: they parse; the services decide."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from luutru.core.errors import RuleViolation
from luutru.core.params import as_int
from luutru.filing.codes import ordered_headings
from luutru.filing.models import Dossier, FilePlan, FilePlanHeading
from luutru.orgs.models import Organization, Person
from luutru.rules.models import RetentionRule
from luutru.rules.queries import retention_rules

if TYPE_CHECKING:
    _OrgField = forms.ModelChoiceField[Organization]
    _PlanField = forms.ModelChoiceField[FilePlan]
    _RetentionField = forms.ModelChoiceField[RetentionRule]
else:  # Django's form fields take no type arguments at run time
    _OrgField = _PlanField = _RetentionField = forms.ModelChoiceField

# What a bound form is given (request.POST, request.FILES), or None.
Data = Mapping[str, Any] | None

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
DATE_ERRORS = {
    "invalid": "Ngày không đúng dạng ngày/tháng/năm hoặc không có thật (ví dụ 04/02/2025)."
}


def date_field(label: str, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={**DATE_ERRORS, "required": f"Hãy nhập {label.lower()}."},
    )


def year_field(initial: int | None = None) -> forms.IntegerField:
    return forms.IntegerField(
        label="Năm",
        min_value=1930,
        max_value=2100,
        initial=initial,
        error_messages={
            "required": "Hãy nhập năm.",
            "invalid": "Năm phải là một số, ví dụ 2026.",
            "min_value": "Năm không hợp lệ.",
            "max_value": "Năm không hợp lệ.",
        },
    )


def retention_choices(org: Organization) -> QuerySet[RetentionRule]:
    try:
        return retention_rules(org).order_by("period", "-years")
    except RuleViolation:
        return RetentionRule.objects.none()


def people_of(org: Organization) -> QuerySet[Person]:
    return Person.objects.filter(memberships__org=org).distinct().order_by("full_name")


class OrgChoice(_OrgField):
    def label_from_instance(self, obj: Organization) -> str:
        return obj.name


class PlanChoice(_PlanField):
    def label_from_instance(self, obj: FilePlan) -> str:
        return f"Năm {obj.year} – {obj.org.name}"


class RetentionChoice(_RetentionField):
    def label_from_instance(self, obj: RetentionRule) -> str:
        return obj.label


class PlanCreateForm(forms.Form):
    org = OrgChoice(queryset=None, label="Cơ quan", empty_label=None)
    year = year_field(timezone.localdate().year)
    code_scheme = forms.ChoiceField(label="Cách đánh số hồ sơ", choices=FilePlan.CodeScheme.choices)

    def __init__(self, orgs: QuerySet[Organization], data: Data = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        # ``fields`` holds this form's copy of the field declared above.
        cast(OrgChoice, self.fields["org"]).queryset = orgs


class PlanCopyForm(forms.Form):
    source = PlanChoice(queryset=None, label="Sao chép từ danh mục", empty_label=None)
    year = year_field(timezone.localdate().year)

    def __init__(self, plans: QuerySet[FilePlan], data: Data = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        cast(PlanChoice, self.fields["source"]).queryset = plans


class PlanImportForm(forms.Form):
    org = OrgChoice(queryset=None, label="Cơ quan", empty_label=None)
    year = year_field(timezone.localdate().year)
    file = forms.FileField(
        label="Tệp XLSX",
        help_text="Bảng tính theo mẫu: 5 cột (1) Số và ký hiệu hồ sơ … (5) Ghi chú.",
        error_messages={"required": "Hãy chọn tệp XLSX.", "empty": "Tệp đã chọn rỗng."},
    )

    def __init__(
        self,
        orgs: QuerySet[Organization],
        data: Data = None,
        files: MultiValueDict[str, UploadedFile[Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, files, **kwargs)
        cast(OrgChoice, self.fields["org"]).queryset = orgs


class PlanFilterForm(forms.Form):
    org = OrgChoice(queryset=None, label="Cơ quan", required=False, empty_label="— Tất cả —")
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)

    def __init__(
        self,
        orgs: QuerySet[Organization],
        years: Iterable[int],
        data: Data = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, **kwargs)
        cast(OrgChoice, self.fields["org"]).queryset = orgs
        cast(forms.TypedChoiceField, self.fields["year"]).choices = [("", "— Tất cả —")] + [
            (y, str(y)) for y in years
        ]


class HeadingForm(forms.Form):
    title = forms.CharField(
        label="Tên đề mục", max_length=300, error_messages={"required": "Hãy nhập tên đề mục."}
    )
    abbrev = forms.CharField(
        label="Chữ viết tắt",
        max_length=16,
        required=False,
        help_text="Bắt buộc với đề mục lớn, ví dụ VP, TCCB.",
    )
    parent: forms.ModelChoiceField[FilePlanHeading] = forms.ModelChoiceField(
        queryset=None,
        label="Thuộc đề mục lớn",
        required=False,
        empty_label="— Là đề mục lớn (số La Mã) —",
    )

    def __init__(self, plan: FilePlan, data: Data = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        cast(
            forms.ModelChoiceField[FilePlanHeading], self.fields["parent"]
        ).queryset = FilePlanHeading.objects.filter(plan=plan, parent__isnull=True).order_by(
            "order"
        )


class ItemForm(forms.Form):
    heading: forms.ModelChoiceField[FilePlanHeading] = forms.ModelChoiceField(
        queryset=None, label="Đề mục", empty_label=None
    )
    title = forms.CharField(
        label="Tiêu đề hồ sơ",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy nhập tiêu đề hồ sơ."},
    )
    retention = RetentionChoice(
        queryset=None,
        label="Thời hạn bảo quản",
        empty_label="— Chọn —",
        error_messages={"required": "Hãy chọn thời hạn bảo quản."},
    )
    creator: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        queryset=None, label="Người lập hồ sơ", required=False, empty_label="— Chưa giao —"
    )
    note = forms.CharField(label="Ghi chú", max_length=300, required=False)

    def __init__(self, plan: FilePlan, data: Data = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        headings = ordered_headings(plan)
        heading = cast(forms.ModelChoiceField[FilePlanHeading], self.fields["heading"])
        heading.queryset = plan.headings.all()
        heading.choices = [
            (h.pk, f"{'— ' if h.parent_id else ''}{h.numeral}. {h.title}") for h in headings
        ]
        cast(RetentionChoice, self.fields["retention"]).queryset = retention_choices(plan.org)
        cast(forms.ModelChoiceField[Person], self.fields["creator"]).queryset = people_of(plan.org)


class IssueForm(forms.Form):
    decision_number = forms.CharField(
        label="Số quyết định ban hành",
        max_length=40,
        error_messages={"required": "Hãy nhập số quyết định."},
    )
    decision_date = date_field("Ngày quyết định")


class DossierForm(forms.Form):
    """Ad hoc dossier: the five required data (DOMAIN.md §4)."""

    org = OrgChoice(queryset=None, label="Cơ quan", empty_label=None)
    title = forms.CharField(
        label="Tiêu đề hồ sơ",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    file_notation = forms.CharField(
        label="Số và ký hiệu hồ sơ", max_length=20, required=False, help_text="Ví dụ: 15.VP"
    )
    retention = RetentionChoice(
        queryset=RetentionRule.objects.none(),
        label="Thời hạn bảo quản",
        required=False,
        empty_label="— Chọn —",
    )
    creator: forms.ModelChoiceField[Person] = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Người lập hồ sơ",
        required=False,
        empty_label="— Chọn —",
    )
    start_date = date_field("Ngày bắt đầu", required=False)

    def __init__(self, orgs: QuerySet[Organization], data: Data = None, **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        cast(OrgChoice, self.fields["org"]).queryset = orgs
        org: Organization | None = None
        if data and data.get("org"):
            org_id = as_int(data.get("org"))
            org = orgs.filter(pk=org_id).first() if org_id is not None else None
        org = org or orgs.first()
        if org is not None:
            cast(RetentionChoice, self.fields["retention"]).queryset = retention_choices(org)
            cast(forms.ModelChoiceField[Person], self.fields["creator"]).queryset = people_of(org)


class CloseForm(forms.Form):
    end_date = date_field(
        "Ngày kết thúc",
        required=False,
        help_text="Để trống: lấy ngày của văn bản mới nhất trong hồ sơ.",
    )
    retention = RetentionChoice(queryset=None, label="Thời hạn bảo quản", empty_label=None)
    confirm_retention = forms.BooleanField(
        label="Tôi đã kiểm tra và xác nhận thời hạn bảo quản", required=False
    )

    def __init__(self, dossier: Dossier, data: Data = None, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"retention": dossier.retention_id, "confirm_retention": dossier.retention_confirmed},
        )
        super().__init__(data, **kwargs)
        cast(RetentionChoice, self.fields["retention"]).queryset = retention_choices(dossier.org)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Lý do", max_length=300, required=False)
