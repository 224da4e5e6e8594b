"""Digitization of paper dossiers (issue 13, item 6).

A scanning batch (lô quét) takes one box, or a whole inventory, to the
digitization desk. Each uploaded file (images or a PDF) is a ``Scan`` of one
paper dossier; the worker splits it into ``Page`` rows, measures each page
(ink, skew, resolution), keeps a preview image and reads its text through
capture's OCR. When the archivist has looked at the quality check, the dossier
is confirmed as digitized (``Digitized``). Whether a dossier is digitized, how
many pages it has and what its check says are computed from these rows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from luutru.holdings.models import Box, Inventory, PaperDossier
from luutru.storage.models import Blob


class Batch(models.Model):
    """A scanning batch: one box, or a whole inventory (``box`` empty)."""

    inventory = models.ForeignKey(Inventory, on_delete=models.PROTECT, related_name="+")
    box = models.ForeignKey(Box, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    note = models.CharField("ghi chú", max_length=300, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["box"],
                condition=Q(closed_at__isnull=True, box__isnull=False),
                name="one_open_batch_per_box",
            ),
            models.UniqueConstraint(
                fields=["inventory"],
                condition=Q(closed_at__isnull=True, box__isnull=True),
                name="one_open_batch_per_inventory",
            ),
        ]
        verbose_name = "lô quét"
        verbose_name_plural = "lô quét"

    def __str__(self) -> str:
        return f"Lô quét số {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def scope(self) -> str:
        inv = f"mục lục số {self.inventory.number}"
        return f"Hộp số {self.box.number}, {inv}" if self.box_id and self.box else inv.capitalize()


class ScanKind(models.TextChoices):
    JPEG = "jpeg", "Ảnh JPEG"
    PNG = "png", "Ảnh PNG"
    TIFF = "tiff", "Ảnh TIFF"
    PDF = "pdf", "PDF"


class ScanState(models.TextChoices):
    QUEUED = "queued", "Đang chờ nhận dạng"
    DONE = "done", "Đã nhận dạng"
    NO_OCR = "no_ocr", "Chưa nhận dạng được chữ (máy chủ chưa có Tesseract)"
    FAILED = "failed", "Lỗi"


class Scan(models.Model):
    """One uploaded file of a paper dossier's pages."""

    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="scans")
    dossier = models.ForeignKey(PaperDossier, on_delete=models.PROTECT, related_name="scans")
    position = models.PositiveIntegerField("thứ tự trong hồ sơ")
    name = models.CharField("tên tệp", max_length=255)
    kind = models.CharField(max_length=8, choices=ScanKind.choices)
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="+")
    ocr_pdf = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(max_length=8, choices=ScanState.choices, default=ScanState.QUEUED)
    error = models.CharField(max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["dossier", "position"]
        constraints = [
            models.UniqueConstraint(fields=["dossier", "position"], name="one_scan_position")
        ]
        verbose_name = "tệp quét"
        verbose_name_plural = "tệp quét"

    def __str__(self) -> str:
        return self.name


class Page(models.Model):
    """One page of a scan, as measured and read by the worker."""

    scan = models.ForeignKey(Scan, on_delete=models.CASCADE, related_name="pages")
    number = models.PositiveIntegerField("trang của tệp")
    preview = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="+")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    dpi = models.PositiveIntegerField(null=True, blank=True)
    ink = models.FloatField("tỉ lệ mực")  # share of dark pixels
    skew = models.FloatField("độ nghiêng (độ)")  # estimated, + = turned anticlockwise
    text = models.TextField(blank=True)

    class Meta:
        ordering = ["scan", "number"]
        constraints = [models.UniqueConstraint(fields=["scan", "number"], name="one_page_number")]

    @property
    def ink_percent(self) -> str:
        return f"{self.ink * 100:.1f}".replace(".", ",")


class Digitized(models.Model):
    """The archivist's confirmation that a paper dossier is fully digitized."""

    dossier = models.OneToOneField(PaperDossier, on_delete=models.PROTECT, related_name="digitized")
    batch = models.ForeignKey(Batch, on_delete=models.PROTECT, related_name="confirmed")
    pages = models.PositiveIntegerField("số trang")
    note = models.CharField("ghi chú (vì sao chấp nhận)", max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hồ sơ đã số hóa"
        verbose_name_plural = "hồ sơ đã số hóa"
