"""In-app notifications of what falls due (deposits, keep-backs, file plans, inspection fixes).

The due dates themselves are computed from the records and the rules
(``deadlines.queries``); a notification only remembers that a person was told.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luutru.orgs.models import Organization


class Kind(models.TextChoices):
    DEPOSIT = "deposit", "Hạn nộp lưu hồ sơ"
    KEEP_BACK = "keep_back", "Hết thời hạn giữ lại hồ sơ"
    PLAN = "plan", "Hạn ban hành danh mục hồ sơ"
    FIX = "fix", "Hạn khắc phục sau kiểm tra"
    HANDLING = "handling", "Hạn giải quyết văn bản đến"
    UNFILED = "unfiled", "Văn bản đã giải quyết chưa vào hồ sơ"
    # Not a due date the digest computes: the archive returned a dossier, with reasons.
    RETURNED = "returned", "Hồ sơ bị lưu trữ trả lại"
    # Not a due date either: the scheduled fixity check found changed or missing files.
    FIXITY = "fixity", "Tệp lưu trữ bị thay đổi hoặc bị mất"
    # Nor this: a scheduled backup failed (or its copy did not verify).
    BACKUP = "backup", "Sao lưu theo lịch không thành công"


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    object_type = models.CharField("loại đối tượng", max_length=30)
    object_id = models.PositiveBigIntegerField("mã đối tượng")
    org = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    due_date = models.DateField("hạn")
    message = models.CharField("nội dung", max_length=500)
    url = models.CharField("đường dẫn", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    # Set when the matter is done (deposited, issued, fixed): the notice leaves the list.
    resolved_at = models.DateTimeField("đã xong lúc", null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            # Running the digest twice must not tell anyone twice.
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_type", "object_id", "due_date"],
                name="one_notification_per_due_item",
            )
        ]
        indexes = [models.Index(fields=["recipient", "resolved_at", "read_at"])]
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"

    def __str__(self) -> str:
        return self.message
