"""JSON API for appraisal and destruction (issue 14), read-only: the appraisals
(proposals, the council's opinions, the decisions) and their destruction, as the
pages show them. Every read goes through luutru.access.policy: an appraisal the
caller may not see answers 404; within a visible one, the title and the reasons
of a dossier the caller may not open are ``null``/empty (as on the page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from luutru.access.policy import can_view, record_secret_reads
from luutru.core.api_params import Id
from luutru.disposal import queries
from luutru.disposal.models import Appraisal, AppraisalItem, Destruction

router = Router(tags=["disposal"])


class AppraisalOut(Schema):
    id: int
    org_id: int
    org_name: str
    fonds_id: int
    fonds_name: str
    year: int
    number: int
    status: str
    status_label: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    decided_at: dt.datetime | None
    decision_number: str
    item_count: int


class OpinionOut(Schema):
    member: str
    role: str
    outcome: str
    new_years: int | None
    note: str


class CouncilMemberOut(Schema):
    member: str
    role: str
    role_label: str
    position: str


class AppraisalItemOut(Schema):
    dossier_id: int
    file_notation: str
    title: str | None
    retention: str
    proposal: str
    reason: str
    due_since: dt.date | None
    decision: str
    new_years: int | None
    opinions: list[OpinionOut]


class DestructionOut(Schema):
    status: str
    status_label: str
    done_at: dt.datetime | None
    confirmations: list[str]
    files_removed: int
    manifest_sha256: str


class AppraisalDetailOut(AppraisalOut):
    note: str
    council: list[CouncilMemberOut]
    items: list[AppraisalItemOut]
    destruction: DestructionOut | None


def _name(user: Any) -> str:
    person = getattr(user, "person", None)
    return getattr(person, "full_name", "") or user.get_username()


def _out(a: Appraisal, item_count: int) -> dict[str, Any]:
    return {
        "id": a.pk,
        "org_id": a.org_id,
        "org_name": a.org.name,
        "fonds_id": a.fonds_id,
        "fonds_name": a.fonds.name,
        "year": a.year,
        "number": a.number,
        "status": a.status,
        "status_label": a.get_status_display(),
        "created_at": a.created_at,
        "sent_at": a.sent_at,
        "decided_at": a.decided_at,
        "decision_number": a.decision_number,
        "item_count": item_count,
    }


@router.get(
    "/appraisals",
    response=list[AppraisalOut],
    summary="Các đợt xác định giá trị bạn được xem (đề xuất, quyết định)",
)
def list_appraisals(request: HttpRequest, status: str | None = None) -> list[dict[str, Any]]:
    qs = queries.appraisals_visible_to(request.user).order_by("-created_at", "-pk")
    if status:
        qs = qs.filter(status=status)
    rows = list(qs[:500])
    counts: dict[int, int] = {}
    for a_id in AppraisalItem.objects.filter(appraisal__in=[a.pk for a in rows]).values_list(
        "appraisal_id", flat=True
    ):
        counts[a_id] = counts.get(a_id, 0) + 1
    return [_out(a, counts.get(a.pk, 0)) for a in rows]


@router.get(
    "/appraisals/{appraisal_id}",
    response=AppraisalDetailOut,
    summary="Một đợt xác định giá trị: hồ sơ, ý kiến hội đồng, quyết định, việc hủy",
)
def get_appraisal(request: HttpRequest, appraisal_id: Id) -> dict[str, Any]:
    user = request.user
    a = queries.visible_appraisal(user, appraisal_id)
    if a is None:
        raise Http404("Không tìm thấy đợt xác định giá trị.")
    members = list(a.members.select_related("user", "user__person"))
    items = list(
        a.items.select_related("dossier", "dossier__retention", "dossier__org").prefetch_related(
            "opinions__member__user__person"
        )
    )
    rows: list[dict[str, Any]] = []
    shown = []
    for item in items:
        visible = can_view(user, item.dossier)
        if visible:
            shown.append(item.dossier)
        rows.append(
            {
                "dossier_id": item.dossier_id,
                "file_notation": item.dossier.file_notation,
                "title": item.dossier.title if visible else None,
                "retention": item.dossier.retention.label,
                "proposal": item.proposal,
                # hidden like the title: a reason speaks of the dossier's content
                "reason": item.reason if visible else "",
                "due_since": item.due_since,
                "decision": item.decision,
                "new_years": item.new_years,
                "opinions": [
                    {
                        "member": _name(o.member.user),
                        "role": o.member.role,
                        "outcome": o.outcome,
                        "new_years": o.new_years,
                        "note": o.note if visible else "",
                    }
                    for o in item.opinions.all()
                ],
            }
        )
    record_secret_reads(user, shown, "api", about=a)
    destruction = Destruction.objects.filter(appraisal=a).first()
    return {
        **_out(a, len(items)),
        "note": a.note,
        "council": [
            {
                "member": _name(m.user),
                "role": m.role,
                "role_label": m.get_role_display(),
                "position": m.position,
            }
            for m in members
        ],
        "items": rows,
        "destruction": _destruction(destruction) if destruction is not None else None,
    }


def _destruction(d: Destruction) -> dict[str, Any]:
    return {
        "status": d.status,
        "status_label": d.get_status_display(),
        "done_at": d.done_at,
        "confirmations": [
            _name(c.user) for c in d.confirmations.select_related("user", "user__person")
        ],
        "files_removed": d.files.filter(removed=True).count(),
        "manifest_sha256": queries.manifest_digest(d) if d.done_at else "",
    }
