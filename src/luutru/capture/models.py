"""What capture learns from a document's bytes: its text and how it got it."""

from django.db import models


class TextMethod(models.TextChoices):
    PDF_TEXT = "pdf_text", "Văn bản có sẵn trong PDF"
    DOCX = "docx", "Văn bản DOCX"
    OCR = "ocr", "Nhận dạng ký tự (OCR)"
    NEEDS_OCR = "needs_ocr", "Cần nhận dạng ký tự"
    NONE = "none", "Không có chữ"


class DocumentText(models.Model):
    """The full text of one document (derived data: it can be extracted again)."""

    document = models.OneToOneField(
        "registry.Document", on_delete=models.CASCADE, related_name="text"
    )
    text = models.TextField(blank=True)
    method = models.CharField(max_length=12, choices=TextMethod.choices, default=TextMethod.NONE)
    pages = models.PositiveIntegerField(null=True, blank=True)
    # The searchable PDF/A made by OCR, kept beside the original blob.
    ocr_blob = models.ForeignKey(
        "storage.Blob", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "nội dung văn bản"
        verbose_name_plural = "nội dung văn bản"
