"""JSON API for capture: post files (or a ZIP bundle) into the same pipeline, follow a batch.

A batch the token's user may not follow answers 404, as in the pages.
"""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from luutru.access.policy import record_secret_reads
from luutru.capture import bundle, queries, services
from luutru.capture.models import ImportBatch, Source
from luutru.core.api_params import Id
from luutru.core.errors import RuleViolation
from luutru.registry import queries as registry_queries

router = Router(tags=["capture"])


class ItemOut(Schema):
    id: int
    name: str
    size: int
    kind: str
    state: str
    state_label: str
    step: str
    step_label: str
    progress: int
    reason: str
    notes: list[str]
    document_id: int | None
    parsed: dict

    @staticmethod
    def resolve_state_label(obj) -> str:
        return obj.get_state_display()

    @staticmethod
    def resolve_step_label(obj) -> str:
        return obj.get_step_display()


class BatchOut(Schema):
    id: int
    org_id: int
    label: str
    source: str
    created_at: dt.datetime
    finished_at: dt.datetime | None
    notes: list[str]
    counts: dict[str, int]
    items: list[ItemOut]


def _user(request: HttpRequest):
    auth = getattr(request, "auth", None)  # the API token's user (Ninja sets it)
    return auth if auth is not None else request.user


def _out(user, batch: ImportBatch) -> dict:
    """The batch as ``user`` may see it: only the items they may read; the others
    are counted in ``counts["hidden"]``, never named."""
    return {
        "id": batch.pk,
        "org_id": batch.org_id,
        "label": queries.batch_label(user, batch),
        "source": batch.source,
        "created_at": batch.created_at,
        "finished_at": batch.finished_at,
        "notes": batch.notes,
        "counts": queries.counts(user, batch),
        "items": list(queries.visible_items(user, batch).order_by("id")),
    }


@router.post("/batches", response={201: BatchOut}, summary="Nhập tệp (hoặc tệp ZIP)")
def create_batch(
    request: HttpRequest,
    org: Id = Form(...),  # noqa: B008 (Ninja declares parameters this way)
    direction: str = Form("internal"),  # noqa: B008
    files: list[UploadedFile] = File(...),  # noqa: B008
):
    """Take the files in for organization ``org`` and queue the rest of the work; poll
    ``GET /api/capture/batches/{id}`` until ``finished_at`` is set."""
    user = _user(request)
    organization = registry_queries.upload_orgs(user).filter(pk=org).first()
    if organization is None:
        raise HttpError(
            403, "Bạn không làm việc tại cơ quan này nên không thể nhập tài liệu vào phông của nó."
        )
    try:
        batch = services.submit(
            user,
            organization,
            bundle.from_uploads(files),
            source=Source.API,
            label=(files[0].name or "") if len(files) == 1 else f"{len(files)} tệp",
            direction=direction,
        )
    except RuleViolation as exc:
        raise HttpError(422, " ".join(exc.messages)) from None
    batch.refresh_from_db()
    return Status(201, _out(user, batch))


@router.get("/batches/{batch_id}", response=BatchOut, summary="Tiến độ một đợt nhập")
def get_batch(request: HttpRequest, batch_id: Id):
    user = _user(request)
    batch = get_object_or_404(ImportBatch, pk=batch_id)
    if not queries.can_see_batch(user, batch):
        raise Http404
    out = _out(user, batch)
    record_secret_reads(user, out["items"], "api", about=batch)
    return out
