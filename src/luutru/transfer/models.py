"""Transfer to the historical archive (issue 14, item 4).

Two sides, each an installation of luutru (or the same one):

* the sender (an agency archive): ``Transfer`` — the dossiers of one fonds due
  for the historical archive, put in one package (E-ARK SIP in a BagIt bag);
  its items are answered accepted or refused by the receiver; custody (the
  dossier's status archived → transferred) moves only on acceptance;
* the receiver (the historical archive): ``ReceivedPackage`` — a package
  imported and verified (every checksum, every XML file against its schema),
  its dossiers accepted or refused with reasons, the files of accepted ones
  kept in the receiver's blob store (``ReceivedFile``).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models

from luutru.orgs.models import Organization


class Transfer(models.Model):
    class Status(models.TextChoices):
        BUILT = "built", "Đã lập gói, chờ Lưu trữ lịch sử trả lời"
        ACCEPTED = "accepted", "Lưu trữ lịch sử đã nhận toàn bộ"
        PARTLY = "partly", "Lưu trữ lịch sử nhận một phần"
        REFUSED = "refused", "Lưu trữ lịch sử từ chối"

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="transfers")
    package_id = models.CharField("mã gói", max_length=64, unique=True)
    receiver_name = models.CharField("lưu trữ lịch sử nhận", max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.BUILT)
    file_count = models.PositiveIntegerField("số tệp tin", default=0)
    byte_count = models.BigIntegerField("dung lượng (byte)", default=0)
    manifest_sha256 = models.CharField("mã kiểm tra của bảng kê", max_length=64, blank=True)
    signed = models.BooleanField("có chữ ký số tách rời", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "gói nộp lưu vào lưu trữ lịch sử"
        verbose_name_plural = "gói nộp lưu vào lưu trữ lịch sử"

    def __str__(self) -> str:
        return self.package_id


class TransferItem(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Chờ trả lời"
        ACCEPTED = "accepted", "Đã nhận"
        REFUSED = "refused", "Bị từ chối"

    transfer = models.ForeignKey(Transfer, on_delete=models.CASCADE, related_name="items")
    dossier = models.ForeignKey(
        "filing.Dossier", on_delete=models.PROTECT, related_name="transfer_items"
    )
    position = models.PositiveIntegerField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    reasons = models.JSONField("lý do từ chối", default=list, blank=True)

    class Meta:
        ordering = ["transfer", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["transfer", "dossier"], name="dossier_once_per_transfer"
            )
        ]


class ReceivedPackage(models.Model):
    class Status(models.TextChoices):
        VERIFIED = "verified", "Đã kiểm tra, chờ quyết định nhận"
        REFUSED = "refused", "Từ chối (gói không toàn vẹn)"
        ANSWERED = "answered", "Đã trả lời"

    org = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="received_packages",
        verbose_name="lưu trữ lịch sử nhận",
    )
    package_id = models.CharField("mã gói", max_length=64)
    sender_name = models.CharField("bên giao", max_length=200)
    sender_organ_id = models.CharField("mã định danh bên giao", max_length=13, blank=True)
    fonds_name = models.CharField("phông", max_length=255)
    status = models.CharField(max_length=10, choices=Status.choices)
    problems = models.JSONField("lỗi của cả gói", default=list, blank=True)
    file_count = models.PositiveIntegerField("số tệp tin", default=0)
    byte_count = models.BigIntegerField("dung lượng (byte)", default=0)
    signature = models.CharField("chữ ký số", max_length=200, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "gói nhận vào lưu trữ lịch sử"
        verbose_name_plural = "gói nhận vào lưu trữ lịch sử"

    def __str__(self) -> str:
        return self.package_id


class ReceivedDossier(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Chờ quyết định"
        ACCEPTED = "accepted", "Đã nhận"
        REFUSED = "refused", "Từ chối"

    package = models.ForeignKey(ReceivedPackage, on_delete=models.CASCADE, related_name="dossiers")
    position = models.PositiveIntegerField()
    file_code = models.CharField("mã hồ sơ", max_length=40)
    title = models.CharField("tiêu đề hồ sơ", max_length=500)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    maintenance = models.CharField("thời hạn bảo quản", max_length=30, blank=True)
    doc_total = models.PositiveIntegerField("số văn bản", default=0)
    page_total = models.PositiveIntegerField("số trang", default=0)
    metadata = models.JSONField("thông tin đầu vào (TT 05/2025)", default=dict)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    reasons = models.JSONField("lý do", default=list, blank=True)

    class Meta:
        ordering = ["package", "position"]


class ReceivedFile(models.Model):
    """A file of a received dossier, kept in this installation's blob store."""

    dossier = models.ForeignKey(ReceivedDossier, on_delete=models.CASCADE, related_name="files")
    path = models.CharField("đường dẫn trong gói", max_length=500)
    blob = models.ForeignKey(
        "storage.Blob", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()

    class Meta:
        ordering = ["dossier", "path"]


class PackageCheck(models.Model):
    """A package checked by the worker, never inside a web request: on the sender's
    side before it leaves (``validate``), on the historical archive's side as it is
    received (``receive``: an intact package then waits for the archivist's
    decision). Its row carries the progress the page shows and the outcome."""

    class Kind(models.TextChoices):
        VALIDATE = "validate", "Kiểm tra gói trước khi giao"
        RECEIVE = "receive", "Kiểm tra và tiếp nhận gói"

    class State(models.TextChoices):
        QUEUED = "queued", "Đang chờ tiến trình nền"
        RUNNING = "running", "Đang kiểm tra"
        DONE = "done", "Đã kiểm tra xong"
        FAILED = "failed", "Không kiểm tra được"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    folder = models.CharField("thư mục gói", max_length=500)
    transfer = models.ForeignKey(
        Transfer, null=True, blank=True, on_delete=models.CASCADE, related_name="checks"
    )
    result = models.ForeignKey(
        ReceivedPackage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    phase = models.CharField("bước đang làm", max_length=200, blank=True)
    done = models.PositiveIntegerField("số tệp đã kiểm tra", default=0)
    total = models.PositiveIntegerField("tổng số tệp", default=0)
    intact = models.BooleanField("gói toàn vẹn", null=True)
    problems = models.JSONField("lỗi", default=list, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "lần kiểm tra gói nộp lưu"
        verbose_name_plural = "lần kiểm tra gói nộp lưu"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {Path(self.folder).name}"

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE or self.state == self.State.FAILED:
            return 100
        return min(99, 100 * self.done // self.total) if self.total else 0

    @property
    def working(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
