"""JSON API for deposits; every read goes through luutru.access.policy.

A deposit the caller may not see answers 404; within a visible deposit, the
title of a dossier the caller may not open is ``null``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from luutru.access.policy import can_view, record_secret_reads
from luutru.archive.models import Deposit
from luutru.archive.queries import deposits_visible_to
from luutru.core.api_params import Id

router = Router(tags=["archive"])


class DepositItemOut(Schema):
    position: int
    dossier_id: int
    file_notation: str
    title: str | None
    retention: str
    outcome: str
    return_reason: str


class DepositOut(Schema):
    id: int
    org_id: int
    org_name: str
    archive_org_id: int
    archive_org_name: str
    year: int
    number: int
    label: str
    status: str
    status_label: str
    note: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    item_count: int


class DepositDetailOut(DepositOut):
    items: list[DepositItemOut]
    handover: dict[str, Any] | None


def _out(d: Deposit) -> dict[str, Any]:
    return {
        "id": d.pk,
        "org_id": d.org_id,
        "org_name": d.org.name,
        "archive_org_id": d.archive_org_id,
        "archive_org_name": d.archive_org.name,
        "year": d.year,
        "number": d.number,
        "label": d.label,
        "status": d.status,
        "status_label": d.get_status_display(),
        "note": d.note,
        "created_at": d.created_at,
        "submitted_at": d.submitted_at,
        "decided_at": d.decided_at,
        "item_count": d.items.count(),
    }


@router.get("", response=list[DepositOut], summary="Đợt nộp lưu bạn được xem")
def list_deposits(request: HttpRequest, status: str | None = None) -> list[dict[str, Any]]:
    qs = deposits_visible_to(request.user).select_related("org", "archive_org")
    if status:
        qs = qs.filter(status=status)
    return [_out(d) for d in qs[:500]]


@router.get("/{deposit_id}", response=DepositDetailOut, summary="Một đợt nộp lưu với mục lục")
def get_deposit(request: HttpRequest, deposit_id: Id) -> dict[str, Any]:
    d = (
        deposits_visible_to(request.user)
        .select_related("org", "archive_org")
        .filter(pk=deposit_id)
        .first()
    )
    if d is None:
        raise Http404("Không tìm thấy đợt nộp lưu.")
    items: list[dict[str, Any]] = []
    shown: list[tuple[str, int, int]] = []
    for i in d.items.select_related("dossier", "dossier__retention", "dossier__org"):
        visible = can_view(request.user, i.dossier)
        if visible:
            shown.append(("dossier", i.dossier_id, i.dossier.secrecy))
        items.append(
            {
                "position": i.position,
                "dossier_id": i.dossier_id,
                "file_notation": i.dossier.file_notation,
                "title": i.dossier.title if visible else None,
                "retention": i.dossier.retention.label,
                "outcome": i.outcome,
                # hidden like the title: a reason speaks of the dossier's content
                "return_reason": i.return_reason if visible else "",
            }
        )
    h = getattr(d, "handover", None)
    handover: dict[str, Any] | None = None
    if h is not None:
        handover = {
            k: getattr(h, k)
            for k in (
                "giver_name",
                "receiver_name",
                "records_name",
                "date_from",
                "date_to",
                "dossier_count",
                "document_count",
                "computer_file_count",
                "page_count",
                "condition",
            )
        }
    record_secret_reads(request.user, shown, "api", about=d)
    return {**_out(d), "items": items, "handover": handover}
