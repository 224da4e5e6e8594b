"""Input forms of the desk's pages: what the clerk, the head and the handler type.
Choices are limited to what the user may pick (the body's heads, units, people,
the handler's own open dossiers); a value outside them is refused in Vietnamese."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone

from luutru.desk import queries
from luutru.desk.models import Arrival, Channel
from luutru.filing.queries import my_open_dossiers
from luutru.orgs.models import Unit
from luutru.registry.forms import DATE_FORMATS, DocumentForm
from luutru.registry.models import Direction
from luutru.registry.queries import documents_visible_to


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return queries.person_name(obj)


class PeopleChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return queries.person_name(obj)


class ReceiveForm(DocumentForm):
    """The document's own data (as on upload) and how it arrived."""

    sender = forms.CharField(
        label="Nơi gửi",
        required=False,
        max_length=200,
        help_text="Để trống nếu nơi gửi là chính tác giả văn bản.",
    )
    channel = forms.ChoiceField(
        label="Hình thức nhận",
        choices=Channel.choices,
        initial=Channel.PAPER,
        error_messages={"invalid_choice": "Hình thức nhận không hợp lệ."},
    )
    received_at = forms.DateTimeField(
        label="Ngày giờ đến",
        required=False,
        input_formats=["%H:%M %d/%m/%Y", "%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"],
        help_text="Để trống: lúc bấm “Vào sổ”. Ghi dạng giờ:phút ngày/tháng/năm, ví dụ 08:30 04/02/2025.",
        error_messages={"invalid": "Ngày giờ đến không đúng dạng giờ:phút ngày/tháng/năm."},
    )

    def __init__(self, org: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(org, *args, **kwargs)
        self.fields["organ_name"].required = True
        self.fields["organ_name"].help_text = "Cơ quan ban hành văn bản đến."
        self.fields["organ_name"].error_messages["required"] = (
            "Văn bản đến cần ghi tác giả (cơ quan ban hành)."
        )


class RouteForm(forms.Form):
    head = PersonChoice(
        queryset=None,
        required=False,
        label="Trình lãnh đạo",
        empty_label="— Chọn lãnh đạo —",
        error_messages={"invalid_choice": "Người đã chọn không phải lãnh đạo của cơ quan."},
    )
    unit: forms.ModelChoiceField[Unit] = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Hoặc chuyển thẳng đơn vị (theo quy chế)",
        empty_label="— Không —",
        error_messages={"invalid_choice": "Đơn vị đã chọn không thuộc cơ quan."},
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000)

    def __init__(self, arrival: Arrival, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PersonChoice, self.fields["head"]).queryset = queries.heads_of(arrival.org)
        cast(forms.ModelChoiceField[Unit], self.fields["unit"]).queryset = Unit.objects.filter(
            org=arrival.org
        )


class AssignForm(forms.Form):
    lead = PersonChoice(
        queryset=None,
        label="Người chủ trì xử lý",
        empty_label="— Chọn người chủ trì —",
        error_messages={
            "required": "Hãy chọn người chủ trì xử lý.",
            "invalid_choice": "Người đã chọn không làm việc tại cơ quan.",
        },
    )
    co_handlers = PeopleChoice(
        queryset=None,
        required=False,
        label="Người phối hợp",
        error_messages={"invalid_choice": "Người phối hợp đã chọn không làm việc tại cơ quan."},
    )
    deadline = forms.DateField(
        label="Thời hạn giải quyết",
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Hãy đặt thời hạn giải quyết.",
            "invalid": "Thời hạn không đúng dạng ngày/tháng/năm.",
        },
    )
    instructions = forms.CharField(
        label="Ý kiến chỉ đạo",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, arrival: Arrival, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = queries.handlers_of(arrival.org)
        cast(PersonChoice, self.fields["lead"]).queryset = people
        cast(PeopleChoice, self.fields["co_handlers"]).queryset = people


class ForwardForm(forms.Form):
    to = PersonChoice(
        queryset=None,
        label="Chuyển tiếp cho",
        empty_label="— Chọn người —",
        error_messages={
            "required": "Hãy chọn người nhận chuyển tiếp.",
            "invalid_choice": "Người đã chọn không làm việc tại cơ quan.",
        },
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000)

    def __init__(self, arrival: Arrival, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(PersonChoice, self.fields["to"]).queryset = queries.handlers_of(arrival.org)


class ProgressForm(forms.Form):
    note = forms.CharField(
        label="Tiến độ giải quyết",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Hãy ghi tiến độ giải quyết."},
    )


class DocumentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        symbol = obj.symbol_display or "không số"
        return f"{symbol} – {obj.subject[:90]}"


class DossierChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.file_notation} – {obj.title[:90]}"


class FinishForm(forms.Form):
    answer = DocumentChoice(
        queryset=None,
        required=False,
        label="Văn bản trả lời",
        empty_label="— Không có: lưu, để biết —",
        error_messages={
            "invalid_choice": "Văn bản trả lời đã chọn không có hoặc bạn không được xem."
        },
    )
    dossier = DossierChoice(
        queryset=None,
        required=False,
        label="Đưa vào hồ sơ",
        empty_label="— Chưa chọn hồ sơ —",
        error_messages={"invalid_choice": "Hồ sơ đã chọn không phải hồ sơ bạn đang lập."},
    )
    note = forms.CharField(label="Ghi chú", required=False, max_length=2000)

    def __init__(self, arrival: Arrival, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year_ago = timezone.now() - dt.timedelta(days=400)
        answers = (
            documents_visible_to(user)
            .filter(org=arrival.org, created_at__gte=year_ago)
            .exclude(direction=Direction.INCOMING)
            .order_by("-created_at")
        )
        cast(DocumentChoice, self.fields["answer"]).queryset = answers
        cast(DossierChoice, self.fields["dossier"]).queryset = my_open_dossiers(user).filter(
            org=arrival.org
        )
