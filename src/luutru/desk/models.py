"""The registry desk: an incoming document's arrival (số đến, ngày giờ đến, nơi
gửi, hình thức), its routing to the head or a unit, the handlers the head assigns
and each dated step of its handling (the routing slip prints them in order).

Overdue and "handled late" are computed from ``deadline`` and the finish time,
never stored (DESIGN §4.5).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luutru.orgs.models import Organization, Secrecy, Unit
from luutru.registry.models import Document, Urgency


class Channel(models.TextChoices):
    PAPER = "paper", "Bản giấy"
    ELECTRONIC = "electronic", "Điện tử"


class ArrivalState(models.TextChoices):
    REGISTERED = "registered", "Đã vào sổ, chờ chuyển"
    PRESENTED = "presented", "Đã chuyển, chờ giao xử lý"
    ASSIGNED = "assigned", "Đã giao xử lý"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    DONE = "done", "Đã giải quyết"


class Outcome(models.TextChoices):
    ANSWERED = "answered", "Đã trả lời bằng văn bản"
    NOTED = "noted", "Lưu, để biết"


class Arrival(models.Model):
    """One incoming document taken in by one body's registry (vào sổ đến)."""

    document = models.OneToOneField(
        Document, on_delete=models.PROTECT, related_name="arrival", verbose_name="văn bản đến"
    )
    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="arrivals", verbose_name="cơ quan nhận"
    )
    year = models.PositiveSmallIntegerField("năm của sổ đến")
    secret_series = models.BooleanField("sổ văn bản mật đến", default=False)
    arrival_number = models.PositiveIntegerField("số đến")
    received_at = models.DateTimeField("ngày giờ đến")
    channel = models.CharField(
        "hình thức nhận", max_length=12, choices=Channel.choices, default=Channel.PAPER
    )
    sender = models.CharField("nơi gửi", max_length=200, blank=True)
    urgency = models.PositiveSmallIntegerField(
        "độ khẩn", choices=Urgency.choices, default=Urgency.NONE
    )
    state = models.CharField(
        "trạng thái", max_length=12, choices=ArrivalState.choices, default=ArrivalState.REGISTERED
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # What it came from inside luutru (another body's outgoing document), if any.
    source_type = models.CharField(max_length=60, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    # Routing (chuyển): to a head, or by the body's standing rule to a unit.
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="chuyển lãnh đạo",
    )
    routed_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, verbose_name="chuyển đơn vị"
    )
    routed_at = models.DateTimeField("ngày chuyển", null=True, blank=True)
    # Assignment (giao xử lý) by the head.
    deadline = models.DateField("thời hạn giải quyết", null=True, blank=True)
    instructions = models.TextField("ý kiến chỉ đạo", blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    assigned_at = models.DateTimeField("ngày giao", null=True, blank=True)
    # Finish (kết thúc xử lý).
    outcome = models.CharField("kết quả", max_length=12, choices=Outcome.choices, blank=True)
    answer = models.ForeignKey(
        Document,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="answers_to",
        verbose_name="văn bản trả lời",
    )
    finished_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    finished_at = models.DateTimeField("ngày kết thúc xử lý", null=True, blank=True)

    class Meta:
        ordering = ["org", "year", "secret_series", "arrival_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "year", "secret_series", "arrival_number"],
                name="desk_arrival_number_once",
            )
        ]
        indexes = [
            models.Index(fields=["org", "state"]),
            models.Index(fields=["org", "received_at"]),
        ]
        verbose_name = "văn bản đến"
        verbose_name_plural = "văn bản đến"

    def __str__(self) -> str:
        return f"Số đến {self.number_display} – {self.document.subject[:80]}"

    @property
    def number_display(self) -> str:
        """ "12" in the general series, "3-M" in the secret one (a separate register)."""
        return f"{self.arrival_number}-M" if self.secret_series else str(self.arrival_number)

    @property
    def is_open(self) -> bool:
        return self.state != ArrivalState.DONE


class Handling(models.Model):
    """One person handling an arrival: the lead (chủ trì) or a co-handler (phối hợp)."""

    class Part(models.TextChoices):
        LEAD = "lead", "Chủ trì xử lý"
        CO = "co", "Phối hợp"

    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, related_name="handlings")
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="desk_handlings"
    )
    part = models.CharField("vai trò", max_length=4, choices=Part.choices)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    given_at = models.DateTimeField()
    # Set when the lead passed it on within the unit (chuyển tiếp) or the work ended.
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["arrival", "given_at", "id"]
        verbose_name = "người xử lý"
        verbose_name_plural = "người xử lý"


class Step(models.Model):
    """One dated step of an arrival's handling, as the routing slip prints it."""

    class Kind(models.TextChoices):
        RECEIVE = "receive", "Vào sổ đến"
        ROUTE = "route", "Chuyển"
        ASSIGN = "assign", "Giao xử lý"
        FORWARD = "forward", "Chuyển tiếp"
        PROGRESS = "progress", "Tiến độ"
        FINISH = "finish", "Kết thúc xử lý"

    arrival = models.ForeignKey(Arrival, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()
    note = models.TextField(blank=True)
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    to_unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["arrival", "at", "id"]
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"


class WorkHandover(models.Model):
    """Biên bản bàn giao công việc: an official who leaves or moves hands their open
    dossiers, pending documents and routing tasks to a named person of the same
    body (issue 13 item 3). ``items`` lists every item as it was handed over, so
    the record prints the same later whatever happens to the items."""

    org = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", verbose_name="cơ quan"
    )
    leaving = models.ForeignKey(
        "orgs.Person", on_delete=models.PROTECT, related_name="+", verbose_name="người bàn giao"
    )
    recipient = models.ForeignKey(
        "orgs.Person", on_delete=models.PROTECT, related_name="+", verbose_name="người nhận"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="người giao",
    )
    at = models.DateTimeField("thời điểm bàn giao")
    reason = models.CharField("lý do", max_length=300, blank=True)
    # [{"kind": "dossier" | "presented" | "handling", "id": …, "label": …, "secrecy": …}]
    items = models.JSONField("danh mục bàn giao", default=list)
    secrecy = models.PositiveSmallIntegerField(
        "độ mật", choices=Secrecy.choices, default=Secrecy.NONE
    )

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = "biên bản bàn giao công việc"
        verbose_name_plural = "biên bản bàn giao công việc"

    def __str__(self) -> str:
        return f"Bàn giao {self.leaving} → {self.recipient} ({self.at:%d/%m/%Y})"
