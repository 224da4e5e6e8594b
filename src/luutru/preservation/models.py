"""What the administrator sees of backups: one row per run of ``luutru backup``
and of ``luutru backup verify`` (the copies themselves live outside the database)."""

from __future__ import annotations

from django.db import models


class BackupRun(models.Model):
    class Kind(models.TextChoices):
        BACKUP = "backup", "Sao lưu"
        VERIFY = "verify", "Kiểm tra bản sao lưu"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BACKUP)
    destination = models.CharField(max_length=1000)
    snapshot = models.CharField(max_length=100, blank=True)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    ok = models.BooleanField(default=False)
    files = models.PositiveIntegerField(default=0)
    total_bytes = models.BigIntegerField(default=0)
    copied_bytes = models.BigIntegerField(default=0)
    message = models.TextField(blank=True)

    class Meta:
        verbose_name = "lần sao lưu"
        verbose_name_plural = "các lần sao lưu"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.snapshot or self.destination}"
