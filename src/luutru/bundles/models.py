"""Review sessions: a bundle (or a body's loose documents) turned into proposed
dossiers a person checks and accepts; and what officials answered to the
suggestions made at a document's arrival (learnt per body)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from luutru.orgs.models import Organization, Person, Secrecy


class SessionState(models.TextChoices):
    PENDING = "pending", "Đang chờ tính đề xuất"
    RUNNING = "running", "Đang gom văn bản thành hồ sơ"
    READY = "ready", "Sẵn sàng để xem xét"
    FAILED = "failed", "Không tính được đề xuất"


class ReviewSession(models.Model):
    """One bundle (a capture batch) or one body's loose documents (of a year),
    with the proposals computed for it."""

    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(
        "capture.ImportBatch",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_sessions",
    )
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    state = models.CharField(
        max_length=10, choices=SessionState.choices, default=SessionState.PENDING
    )
    total = models.PositiveIntegerField("số văn bản được gom", default=0)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    computed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "phiên gom hồ sơ"
        verbose_name_plural = "phiên gom hồ sơ"

    def __str__(self) -> str:
        if self.batch_id is not None:
            return f"Bó tài liệu của đợt nhập {self.batch_id}"
        if self.year:
            return f"Văn bản chưa vào hồ sơ năm {self.year}"
        return "Văn bản chưa vào hồ sơ"


class GroupState(models.TextChoices):
    PROPOSED = "proposed", "Đề xuất"
    ACCEPTED = "accepted", "Đã lập hồ sơ"


class ProposedGroup(models.Model):
    """One proposed dossier: its title, plan item (none: "ngoài danh mục"),
    responsible official, documents (``GroupMember``) and gaps."""

    session = models.ForeignKey(ReviewSession, on_delete=models.CASCADE, related_name="groups")
    order = models.PositiveIntegerField(default=0)
    title = models.CharField("tiêu đề hồ sơ", max_length=500)
    plan_item = models.ForeignKey(
        "filing.FilePlanItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    responsible = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # For a dossier outside the plan: its number and symbol and its retention.
    file_notation = models.CharField("số và ký hiệu hồ sơ", max_length=20, blank=True)
    retention = models.ForeignKey(
        "rules.RetentionRule", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    confidence = models.FloatField(default=0.0)
    # [{"number_symbol", "date" (ISO or ""), "issuer", "cited_by": [doc ids]}]
    missing = models.JSONField(default=list, blank=True)
    outside_period = models.JSONField(default=list, blank=True)  # document ids
    # The highest level among its documents: the title speaks of them.
    secrecy = models.PositiveSmallIntegerField(choices=Secrecy.choices, default=Secrecy.NONE)
    state = models.CharField(max_length=10, choices=GroupState.choices, default=GroupState.PROPOSED)
    dossier = models.ForeignKey(
        "filing.Dossier", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["session", "order", "id"]
        indexes = [models.Index(fields=["session", "state", "order"])]
        verbose_name = "hồ sơ đề xuất"
        verbose_name_plural = "hồ sơ đề xuất"

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> str:
        if self.start is None or self.end is None:
            return ""
        if self.start.year == self.end.year:
            return str(self.start.year)
        return f"{self.start.year}–{self.end.year}"


class GroupMember(models.Model):
    """A document of the session and the group it sits in (none: unassigned)."""

    session = models.ForeignKey(ReviewSession, on_delete=models.CASCADE, related_name="members")
    group = models.ForeignKey(
        ProposedGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    document = models.ForeignKey("registry.Document", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["group", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "document"], name="bundles_document_once_per_session"
            )
        ]
        indexes = [models.Index(fields=["session", "group", "position"])]


class SuggestionFeedback(models.Model):
    """An official's answer to a suggestion (filed there, or "not this one"),
    kept per body: the ranking learns from it, nothing leaves the machine."""

    org = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    document = models.ForeignKey("registry.Document", on_delete=models.CASCADE, related_name="+")
    candidate_kind = models.CharField(max_length=10)  # "dossier" | "plan_item"
    candidate_id = models.PositiveIntegerField()
    accepted = models.BooleanField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["org", "-created_at"]
        indexes = [models.Index(fields=["org", "-created_at"])]
        verbose_name = "phản hồi gợi ý hồ sơ"
        verbose_name_plural = "phản hồi gợi ý hồ sơ"
