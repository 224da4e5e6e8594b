"""Reads of appraisal and destruction, each through the access policy: what is
due for appraisal in a fonds (and why each other dossier is not), holds covering
a dossier, the appraisals a user may see, the decided items transfer reads."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from luutru.access.policy import can_view, has_role, visible_q
from luutru.disposal.lifecycle import DESTROYABLE
from luutru.disposal.models import (
    Appraisal,
    AppraisalItem,
    Destruction,
    Hold,
    Outcome,
    RemovedFile,
)
from luutru.filing.models import Dossier, DossierStatus
from luutru.orgs.models import Fonds, Organization
from luutru.rules.book import RuleBook, rulebook
from luutru.rules.models import RetentionRule


def holds_covering(dossier: Dossier) -> list[Hold]:
    """Active holds on the dossier itself or on its whole fonds."""
    return list(
        Hold.objects.filter(lifted_at__isnull=True).filter(
            Q(dossier=dossier) | Q(dossier__isnull=True, org_id=dossier.org_id)
        )
    )


def hold_text(hold: Hold) -> str:
    scope = "hồ sơ" if hold.dossier_id else "toàn phông"
    return f"{hold.get_kind_display()} ({scope}): {hold.reason}"


def new_period(dossier: Dossier) -> int | None:
    """The latest period an appraisal council gave the dossier when it kept it."""
    item = (
        AppraisalItem.objects.filter(
            dossier=dossier, decision=Outcome.KEEP, appraisal__status=Appraisal.Status.DECIDED
        )
        .order_by("-appraisal__decided_at", "-pk")
        .first()
    )
    return item.new_years if item is not None else None


def retention_end(dossier: Dossier, book: RuleBook | None = None) -> dt.date | None:
    """When the dossier's retention ends: the rule book's answer, with the period a
    council last gave it."""
    book = book or rulebook()
    return book.retention_end(dossier.org, dossier.retention, dossier.end_date, new_period(dossier))


@dataclass
class Due:
    """Why a dossier may (``proposal`` set) or may not be proposed, in words."""

    dossier: Dossier
    proposal: str  # an Outcome, or "" when it may not be proposed
    reason: str
    due_since: dt.date | None = None


def in_open_appraisal(dossier: Dossier) -> Appraisal | None:
    item = (
        AppraisalItem.objects.filter(dossier=dossier)
        .filter(
            Q(appraisal__status__in=[Appraisal.Status.DRAFT, Appraisal.Status.REVIEW])
            | Q(
                appraisal__destruction__status=Destruction.Status.PENDING,
                decision=Outcome.DESTROY,
            )
        )
        .select_related("appraisal")
        .first()
    )
    return item.appraisal if item is not None else None


def due_for_appraisal(dossier: Dossier, today: dt.date | None = None) -> Due:
    """May ``dossier`` be proposed for appraisal today, to destroy or to transfer?"""
    today = today or timezone.localdate()
    book = rulebook()
    label = f"Hồ sơ {dossier.file_notation}"
    if dossier.status not in DESTROYABLE:
        return Due(
            dossier,
            "",
            f"{label} đang ở trạng thái “{dossier.get_status_display()}”: chỉ xác định giá trị "
            "hồ sơ đã nộp lưu vào lưu trữ cơ quan hoặc đang giữ lại.",
        )
    open_one = in_open_appraisal(dossier)
    if open_one is not None:
        return Due(
            dossier,
            "",
            f"{label} đã có trong đợt xác định giá trị {open_one.number}/{open_one.year} "
            "chưa kết thúc.",
        )
    retention: RetentionRule = dossier.retention
    years = new_period(dossier)
    if retention.period == RetentionRule.Period.PERMANENT and years is None:
        if dossier.status != DossierStatus.ARCHIVED:
            return Due(
                dossier, "", f"{label} bảo quản vĩnh viễn đang giữ lại: chưa nộp lưu lịch sử được."
            )
        if dossier.secrecy:
            return Due(
                dossier,
                "",
                f"{label} có độ mật “{dossier.get_secrecy_display()}”: chỉ nộp lưu vào lưu trữ "
                "lịch sử sau khi được giải mật.",
            )
        archived_on = timezone.localdate(dossier.archived_at) if dossier.archived_at else None
        due = book.transfer_due(dossier.org, archived_on)
        if due is None:
            return Due(dossier, "", f"{label}: không rõ ngày nộp lưu vào lưu trữ cơ quan.")
        if due > today:
            return Due(
                dossier,
                "",
                f"{label} bảo quản vĩnh viễn: chưa đến hạn nộp lưu vào lưu trữ lịch sử "
                f"(từ ngày {due:%d/%m/%Y}).",
            )
        return Due(
            dossier,
            Outcome.TRANSFER,
            f"Bảo quản vĩnh viễn; đến hạn nộp lưu vào lưu trữ lịch sử từ {due:%d/%m/%Y}.",
            due,
        )
    end = book.retention_end(dossier.org, retention, dossier.end_date, years)
    period = f"{years} năm (hội đồng đã gia hạn)" if years else retention.label
    if end is None:
        return Due(
            dossier,
            "",
            f"{label} có thời hạn “{period}”: không tính được ngày hết hạn bảo quản, "
            "hội đồng chỉ xem xét khi có căn cứ hết hiệu lực.",
        )
    if end >= today:
        return Due(
            dossier,
            "",
            f"{label} chưa hết thời hạn bảo quản {period}: còn phải bảo quản đến hết ngày "
            f"{end:%d/%m/%Y}.",
        )
    holds = holds_covering(dossier)
    if holds:
        return Due(
            dossier,
            "",
            f"{label} đang bị tạm giữ, không được đề xuất hủy: "
            + "; ".join(hold_text(h) for h in holds)
            + ".",
        )
    since = end + dt.timedelta(days=1)
    return Due(
        dossier,
        Outcome.DESTROY,
        f"Hết thời hạn bảo quản {period} từ ngày {since:%d/%m/%Y}.",
        since,
    )


def fonds_dossiers(user: Any, fonds: Fonds) -> QuerySet[Dossier]:
    """The dossiers of the fonds an appraisal may concern, that ``user`` may see."""
    return (
        Dossier.objects.filter(org_id=fonds.org_id, status__in=sorted(DESTROYABLE))
        .filter(visible_q(user, object_type="dossier"))
        .select_related("org", "retention")
        .order_by("file_catalog", "file_notation", "pk")
    )


def candidates(user: Any, fonds: Fonds, today: dt.date | None = None) -> list[Due]:
    """Every dossier of the fonds in the archive, with whether it may be proposed."""
    return [due_for_appraisal(d, today) for d in fonds_dossiers(user, fonds)]


def fonds_for(user: Any) -> list[Fonds]:
    """The fonds whose appraisal ``user`` may prepare (an archivist over its body)."""
    return [
        f
        for f in Fonds.objects.select_related("org").order_by("code")
        if has_role(user, "archivist", f.org)
    ]


def appraisals_visible_to(user: Any) -> QuerySet[Appraisal]:
    return (
        Appraisal.objects.filter(visible_q(user, object_type="appraisal") | Q(members__user=user))
        .distinct()
        .select_related("fonds", "org")
    )


def visible_appraisal(user: Any, pk: int) -> Appraisal | None:
    a = Appraisal.objects.select_related("fonds", "org").filter(pk=pk).first()
    if a is None:
        return None
    if can_view(user, a, "appraisal") or a.members.filter(user=user).exists():
        return a
    return None


def holds_visible_to(user: Any) -> QuerySet[Hold]:
    return Hold.objects.filter(visible_q(user, object_type="hold")).select_related(
        "org", "dossier", "placed_by", "lifted_by"
    )


def orgs_with_fonds_visible_to(user: Any) -> QuerySet[Organization]:
    return Organization.objects.filter(fonds__isnull=False).filter(
        pk__in=Dossier.objects.filter(visible_q(user, object_type="dossier")).values("org_id")
    )


def decided(
    org_or_fonds: Organization | Fonds, outcome: str = Outcome.TRANSFER
) -> QuerySet[AppraisalItem]:
    """The items a head decided with ``outcome`` (default: transfer to the historical
    archive) in the appraisals of a body's fonds, oldest decision first."""
    org_id = org_or_fonds.org_id if isinstance(org_or_fonds, Fonds) else org_or_fonds.pk
    return (
        AppraisalItem.objects.filter(
            appraisal__org_id=org_id,
            appraisal__status=Appraisal.Status.DECIDED,
            decision=outcome,
        )
        .select_related("dossier", "appraisal")
        .order_by("appraisal__decided_at", "pk")
    )


def manifest_lines(destruction: Destruction) -> list[str]:
    """``sha256  size  file`` per removed file, in a stable order (``sha256sum -c`` style)."""
    files = (
        RemovedFile.objects.filter(destruction=destruction, removed=True)
        .select_related("dossier")
        .order_by("sha256", "pk")
    )
    return [f"{f.sha256}  {f.size}  {f.dossier.file_notation}/{f.name}" for f in files]


def manifest_text(destruction: Destruction) -> str:
    return "".join(line + "\n" for line in manifest_lines(destruction))


def manifest_digest(destruction: Destruction) -> str:
    return hashlib.sha256(manifest_text(destruction).encode("utf-8")).hexdigest()
