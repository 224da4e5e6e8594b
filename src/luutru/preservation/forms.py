"""The backup schedule's form: it parses and says what is wrong, in Vietnamese;
the folder checks themselves are ``scheduled.destination_problem`` (run again
by ``set_schedule``)."""

from __future__ import annotations

from django import forms

from luutru.preservation.models import BackupSchedule


class BackupScheduleForm(forms.Form):
    destination = forms.CharField(
        label="Thư mục sao lưu (đường dẫn tuyệt đối, trên ổ đĩa khác hoặc thư mục chia sẻ)",
        max_length=1000,
        error_messages={"required": "Hãy nhập thư mục sao lưu."},
    )
    every = forms.ChoiceField(
        label="Tần suất",
        choices=BackupSchedule.Every.choices,
        error_messages={"invalid_choice": "Tần suất sao lưu phải là hằng ngày hoặc hằng tuần."},
    )
    weekday = forms.TypedChoiceField(
        label="Ngày trong tuần (khi sao lưu hằng tuần)",
        choices=BackupSchedule.Weekday.choices,
        coerce=int,
        initial=BackupSchedule.Weekday.SUNDAY,
        error_messages={"invalid_choice": "Ngày trong tuần không hợp lệ."},
    )
    hour = forms.TypedChoiceField(
        label="Giờ chạy",
        choices=[(h, f"{h:02d}:00") for h in range(24)],
        coerce=int,
        initial=2,
        error_messages={"invalid_choice": "Giờ sao lưu phải từ 0 đến 23."},
    )
    verify = forms.BooleanField(
        label="Kiểm tra lại bản sao sau mỗi lần sao lưu", required=False, initial=True
    )
    enabled = forms.BooleanField(label="Bật lịch sao lưu", required=False, initial=True)
