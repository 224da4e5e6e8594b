"""Reads of the dispatch app, always filtered through the access policy."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from luutru.access.policy import subject_for, visible_q
from luutru.desk import queries as desk_queries
from luutru.dispatch.models import (
    ISSUED_STATES,
    Delivery,
    DocumentLink,
    LinkKind,
    Outgoing,
    OutgoingState,
)
from luutru.filing.models import DossierItem
from luutru.orgs.models import Organization, Role

OPEN_DRAFT = (
    OutgoingState.DRAFT,
    OutgoingState.SUBMITTED,
    OutgoingState.RETURNED,
    OutgoingState.APPROVED,
)


def outgoing_visible_to(user: Any) -> QuerySet[Outgoing]:
    return Outgoing.objects.filter(visible_q(user, object_type="outgoing")).select_related(
        "org", "doc_type", "drafter", "drafter__person", "document"
    )


def _orgs_with_role(user: Any, role: str) -> list[int]:
    return [org_id for org_id, r in subject_for(user).roles if r == role]


def my_drafts(user: Any) -> QuerySet[Outgoing]:
    """What the user drafted and is not issued yet, returned ones first."""
    return (
        outgoing_visible_to(user)
        .filter(drafter_id=user.pk, state__in=OPEN_DRAFT)
        .order_by("state", "-updated_at")
    )


def to_approve(user: Any) -> QuerySet[Outgoing]:
    """Drafts waiting for this head's approval (heads of the issuing body itself)."""
    return (
        outgoing_visible_to(user)
        .filter(state=OutgoingState.SUBMITTED, org_id__in=_orgs_with_role(user, Role.HEAD))
        .order_by("-urgency", "updated_at")
    )


def to_answer(user: Any) -> list[Any]:
    """Incoming documents this user handles now with no answer drafted yet: each may
    be answered by an outgoing document ("Soạn văn bản trả lời")."""
    drafted = Outgoing.objects.filter(answers_id=OuterRef("document_id"), drafter_id=user.pk)
    return list(
        desk_queries.queue_of(user).select_related("document").exclude(Exists(drafted))[:50]
    )


def to_issue(user: Any) -> QuerySet[Outgoing]:
    """Approved documents waiting for this clerk to number and issue them."""
    return (
        outgoing_visible_to(user)
        .filter(state=OutgoingState.APPROVED, org_id__in=_orgs_with_role(user, Role.CLERK))
        .order_by("-urgency", "approved_at")
    )


def _filed() -> Exists:
    return Exists(
        DossierItem.objects.filter(document_id=OuterRef("document_id"), removed_at__isnull=True)
    )


def to_file(user: Any) -> QuerySet[Outgoing]:
    """Issued documents this user drafted whose registered copy is in no dossier yet."""
    return (
        outgoing_visible_to(user)
        .filter(drafter_id=user.pk, state__in=ISSUED_STATES)
        .exclude(_filed())
        .order_by("issued_at")
    )


def issued_by_orgs(user: Any, org_ids: Iterable[int] | None = None) -> QuerySet[Outgoing]:
    """Issued documents the user may see, newest first."""
    qs = outgoing_visible_to(user).filter(state__in=ISSUED_STATES)
    if org_ids is not None:
        qs = qs.filter(org_id__in=list(org_ids))
    return qs.order_by("-issued_at", "-id")


def deliveries(outgoing: Outgoing) -> list[Delivery]:
    return list(
        Delivery.objects.filter(recipient__outgoing=outgoing)
        .select_related("recipient", "recipient__org")
        .order_by("recipient__position")
    )


def links_of(outgoing: Outgoing) -> list[DocumentLink]:
    if outgoing.document_id is None:
        return []
    return list(
        DocumentLink.objects.filter(
            Q(document_id=outgoing.document_id) | Q(other_id=outgoing.document_id)
        )
        .select_related("document", "other", "by", "by__person")
        .order_by("at", "id")
    )


def recipient_choices(org: Organization) -> QuerySet[Organization]:
    """Bodies in luutru an outgoing document of ``org`` may be sent to."""
    return Organization.objects.filter(Q(valid_to__isnull=True)).exclude(pk=org.pk).order_by("path")


@dataclass
class RegisterFacts:
    """What the outgoing register prints from dispatch (NĐ 30 App. IV, columns 5–10)."""

    recipients: str
    keeper: str
    copies: int
    sent: str
    receipts: str
    note: str


def register_facts(document_ids: Iterable[int]) -> dict[int, RegisterFacts]:
    """Columns 5 Nơi nhận, 6 Đơn vị, người nhận bản lưu, 7 Số lượng bản, 8 Ngày chuyển,
    9 Ký nhận (the receipts of bodies in luutru: arrival number and time) and the
    recall or correction note of each issued document, by document id."""
    ids = list(document_ids)
    rows = (
        Outgoing.objects.filter(document_id__in=ids)
        .select_related("drafter", "drafter__person", "dossier")
        .prefetch_related("recipients")
    )
    links: dict[int, list[str]] = {}
    for link in DocumentLink.objects.filter(document_id__in=ids).select_related("other"):
        when = f"{timezone.localtime(link.at):%d/%m/%Y}"
        if link.kind == LinkKind.RECALL:
            links.setdefault(link.document_id, []).append(f"Đã thu hồi ngày {when}: {link.reason}")
        else:
            other = link.other.symbol_display if link.other is not None else ""
            done = "Đã được thay thế" if link.kind == LinkKind.REPLACEMENT else "Đã đính chính"
            links.setdefault(link.document_id, []).append(
                f"{done} bằng văn bản số {other} ngày {when}"
            )
    receipts: dict[int, list[str]] = {}
    for d in Delivery.objects.filter(document_id__in=ids, received_at__isnull=False).select_related(
        "recipient"
    ):
        at = timezone.localtime(d.received_at)
        receipts.setdefault(d.document_id, []).append(
            f"{d.recipient.name}: số đến {d.arrival_number}, {at:%H:%M %d/%m/%Y}"
        )
    out = {}
    for o in rows:
        recipients = list(o.recipients.all())
        person = getattr(o.drafter, "person", None)
        keeper = person.full_name if person is not None else o.drafter.get_username()
        if o.dossier is not None:
            keeper += f" (hồ sơ {o.dossier.file_notation})"
        assert o.document_id is not None
        out[o.document_id] = RegisterFacts(
            recipients="; ".join(str(r) for r in recipients)
            + ("; Lưu VT" if recipients else "Lưu VT"),
            keeper=keeper,
            copies=len(recipients) + 1,
            sent=f"{timezone.localtime(o.issued_at):%d/%m/%Y}" if o.issued_at else "",
            receipts="; ".join(receipts.get(o.document_id, [])),
            note=" ".join(links.get(o.document_id, [])),
        )
    return out
