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
    # Run by the worker on the administrator's schedule (else by ``luutru backup``).
    scheduled = models.BooleanField(default=False)

    class Meta:
        verbose_name = "lần sao lưu"
        verbose_name_plural = "các lần sao lưu"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.snapshot or self.destination}"

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return round((self.finished_at - self.started_at).total_seconds(), 1)


class BackupSchedule(models.Model):
    """The administrator's backup schedule (one row, pk=1), run by the worker.
    ``next_run_at`` is the slot the next run claims: a task finding it still in
    the future does nothing, so stale or duplicate tasks are harmless."""

    class Every(models.TextChoices):
        DAILY = "daily", "Hằng ngày"
        WEEKLY = "weekly", "Hằng tuần"

    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Thứ Hai"
        TUESDAY = 1, "Thứ Ba"
        WEDNESDAY = 2, "Thứ Tư"
        THURSDAY = 3, "Thứ Năm"
        FRIDAY = 4, "Thứ Sáu"
        SATURDAY = 5, "Thứ Bảy"
        SUNDAY = 6, "Chủ nhật"

    enabled = models.BooleanField("đang bật", default=True)
    destination = models.CharField("thư mục sao lưu", max_length=1000)
    every = models.CharField("tần suất", max_length=10, choices=Every.choices, default=Every.DAILY)
    weekday = models.PositiveSmallIntegerField(
        "ngày trong tuần", choices=Weekday.choices, default=Weekday.SUNDAY
    )
    hour = models.PositiveSmallIntegerField("giờ", default=2)
    verify = models.BooleanField("kiểm tra lại sau mỗi lần sao lưu", default=True)
    next_run_at = models.DateTimeField("lần chạy tới", null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = "lịch sao lưu"
        verbose_name_plural = "lịch sao lưu"

    def __str__(self) -> str:
        return f"{self.get_every_display()} {self.hour:02d}:00 → {self.destination}"


# ---------------------------------------------------------------- preservation (issue 14, item 5)
#
# These rows describe blobs by their SHA-256 (a character field, not a foreign
# key): a description is not a user of the bytes, so it never keeps a blob from
# a lawful destruction nor from the orphan cleanup. The PDF/A copy a document
# gets *is* a user of its bytes (a foreign key, protected).


class FormatIdentification(models.Model):
    """What PRONOM says a blob is, by which tool and signature file, and when."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    puid = models.CharField("mã PRONOM", max_length=30, blank=True)
    format_name = models.CharField("định dạng", max_length=255, blank=True)
    format_version = models.CharField("phiên bản định dạng", max_length=100, blank=True)
    mime = models.CharField(max_length=255, blank=True)
    # signature | container | none: how the tool matched (never by extension:
    # a blob has no name).
    basis = models.CharField(max_length=20)
    tool = models.CharField("công cụ", max_length=200)
    identified_at = models.DateTimeField()

    class Meta:
        verbose_name = "định danh định dạng"
        verbose_name_plural = "định danh định dạng"
        indexes = [models.Index(fields=["puid"])]

    def __str__(self) -> str:
        return f"{self.sha256[:12]} {self.puid or '?'}"


class PreservationCopy(models.Model):
    """The decision for one accepted electronic record: its PDF/A copy (made here,
    reused from capture, or the original already PDF/A) or its original kept."""

    class Decision(models.TextChoices):
        MADE = "made", "Đã tạo bản PDF/A"
        REUSED = "reused", "Dùng bản PDF/A đã có"
        ORIGINAL_PDFA = "original", "Bản gốc đã là PDF/A"
        KEPT = "kept", "Giữ nguyên bản gốc"

    document = models.OneToOneField(
        "registry.Document", on_delete=models.CASCADE, related_name="preservation"
    )
    source_sha256 = models.CharField(max_length=64)
    decision = models.CharField("quyết định", max_length=10, choices=Decision.choices)
    copy = models.ForeignKey(
        "storage.Blob", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pdfa = models.CharField("mức PDF/A", max_length=10, blank=True)
    reason = models.CharField("lý do", max_length=500, blank=True)
    agent = models.CharField("công cụ", max_length=200, blank=True)
    decided_at = models.DateTimeField()

    class Meta:
        verbose_name = "bản bảo quản"
        verbose_name_plural = "bản bảo quản"

    def __str__(self) -> str:
        return f"{self.document_id}: {self.get_decision_display()}"


class PreservationEvent(models.Model):
    """One PREMIS event (eventType, eventDateTime, eventOutcome, the linking
    agent and object) about a blob."""

    class Type(models.TextChoices):
        IDENTIFICATION = "format identification", "Định danh định dạng"
        NORMALIZATION = "normalization", "Chuẩn hóa (tạo bản PDF/A)"
        FIXITY = "fixity check", "Kiểm tra tính toàn vẹn"

    class Outcome(models.TextChoices):
        SUCCESS = "success", "Thành công"
        FAILURE = "failure", "Thất bại"
        NOT_APPLICABLE = "not applicable", "Không áp dụng"

    event_type = models.CharField(max_length=30, choices=Type.choices)
    at = models.DateTimeField()
    sha256 = models.CharField(max_length=64, db_index=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    detail = models.CharField(max_length=1000, blank=True)
    agent = models.CharField(max_length=200)
    # The object the event produced (normalization: the PDF/A copy's SHA-256).
    result_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = "sự kiện bảo quản (PREMIS)"
        verbose_name_plural = "sự kiện bảo quản (PREMIS)"

    def __str__(self) -> str:
        return f"{self.event_type} {self.sha256[:12]} {self.outcome}"


class FixityRun(models.Model):
    """One pass of the scheduled fixity check over every blob, done in chunks by
    the worker; ``cursor`` is the last SHA-256 checked, so a pass resumes there."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    cursor = models.CharField(max_length=64, blank=True)
    chunks = models.PositiveIntegerField(default=0)
    checked = models.PositiveIntegerField(default=0)
    ok = models.PositiveIntegerField(default=0)
    checked_bytes = models.BigIntegerField(default=0)
    seconds = models.FloatField(default=0)
    # [{"sha256": ..., "problem": "changed" | "missing"}], first 1,000.
    failures = models.JSONField(default=list, blank=True)
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = "lần kiểm tra tính toàn vẹn"
        verbose_name_plural = "các lần kiểm tra tính toàn vẹn"

    def __str__(self) -> str:
        return f"Kiểm tra toàn vẹn {self.started_at:%d/%m/%Y %H:%M}"
