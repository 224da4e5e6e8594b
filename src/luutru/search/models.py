"""The search index is derived data; these tables only say what it still lacks."""

from django.db import models


class PendingIndex(models.Model):
    """One object whose index entry is stale, written in the same transaction
    as the change; ``services.drain`` applies and deletes these rows."""

    kind = models.CharField(max_length=20)  # "document" | "dossier"
    obj_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "obj_id"])]
        verbose_name = "mục chờ cập nhật chỉ mục"
        verbose_name_plural = "mục chờ cập nhật chỉ mục"


class ReindexRun(models.Model):
    """A ``luutru reindex`` run; ``kind`` and ``last_id`` are its checkpoint,
    so an interrupted run resumes where it stopped."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    kind = models.CharField(max_length=20, default="document")
    last_id = models.BigIntegerField(default=0)
    indexed = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = "lần dựng lại chỉ mục"
        verbose_name_plural = "lần dựng lại chỉ mục"


class WriterLease(models.Model):
    """Who writes the index now: one row, held for a while and renewed while
    the writer works. Any process on any machine may ask; one gets it. A
    holder that died loses it when ``expires_at`` passes and the next writer
    takes it over (no file lock, which holds only on one machine)."""

    name = models.CharField(max_length=40, primary_key=True)
    holder = models.CharField(max_length=200, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "quyền ghi chỉ mục"
        verbose_name_plural = "quyền ghi chỉ mục"
