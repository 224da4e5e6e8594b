"""The administrator's pages: backups (the last run of each kind, its size and
whether the copy was verified) and preservation (fixity passes, their failures,
the formats identified and the preservation copies made)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django_tasks_db.models import DBTaskResult

from luutru.access.policy import roles_of
from luutru.core.requests import SignedInRequest
from luutru.orgs.models import Role
from luutru.preservation.backup import restore_log
from luutru.preservation.models import (
    BackupRun,
    FixityRun,
    FormatIdentification,
    PreservationCopy,
    PreservationEvent,
)
from luutru.storage.models import Blob
from luutru.storage.services import blob_users


def may_manage(user: Any) -> bool:
    """Backups and preservation are the system administrators' (staff, or the
    administrator role): the pages name files, not records, and read no record."""
    if not user.is_authenticated:
        return False
    return bool(user.is_staff or user.is_superuser or Role.ADMIN in roles_of(user))


def _require(request: SignedInRequest) -> None:
    if not may_manage(request.user):
        raise Http404("Không tìm thấy trang.")


def backups(request: SignedInRequest) -> HttpResponse:
    _require(request)
    runs = list(BackupRun.objects.order_by("-started_at")[:30])
    last_backup = next((r for r in runs if r.kind == BackupRun.Kind.BACKUP), None)
    last_verify = next(
        (
            r
            for r in runs
            if r.kind == BackupRun.Kind.VERIFY
            and last_backup is not None
            and r.snapshot == last_backup.snapshot
        ),
        None,
    )
    return render(
        request,
        "preservation/backups.html",
        {
            "runs": runs,
            "last_backup": last_backup,
            "last_verify": last_verify,
            "restores": restore_log()[:10],
        },
    )


def fixity(request: SignedInRequest) -> HttpResponse:
    """Fixity passes (runs, counts, failures), the schedule, and the preservation
    work done: formats identified, PDF/A copies, originals kept."""
    _require(request)
    from luutru.preservation.services import pending_documents
    from luutru.preservation.tasks import fixity_task

    runs = list(FixityRun.objects.order_by("-started_at", "-pk")[:30])
    current = next((r for r in runs if r.finished_at is None), None)
    failed_runs = [r for r in runs if r.failed][:5]
    failures = [
        {**f, "users": blob_users(f["sha256"])[:3], "run": r}
        for r in failed_runs
        for f in list(r.failures)[:20]
    ]
    nxt = (
        DBTaskResult.objects.filter(
            task_path=fixity_task.module_path, status__in=["READY", "RUNNING"]
        )
        .order_by("run_after")
        .first()
    )
    decisions = dict(
        PreservationCopy.objects.values_list("decision").annotate(n=Count("pk")).order_by()
    )
    return render(
        request,
        "preservation/fixity.html",
        {
            "runs": runs,
            "current": current,
            "blobs": Blob.objects.count(),
            "failures": failures,
            "next_task": nxt,
            "decisions": [
                (label, decisions.get(value, 0))
                for value, label in PreservationCopy.Decision.choices
            ],
            "pending": pending_documents().count(),
            "formats": list(
                FormatIdentification.objects.values("puid", "format_name", "format_version")
                .annotate(n=Count("pk"))
                .order_by("-n", "puid")[:20]
            ),
            "kept": list(
                PreservationCopy.objects.filter(decision=PreservationCopy.Decision.KEPT)
                .exclude(reason="")
                .values_list("reason")
                .annotate(n=Count("pk"))
                .order_by("-n")[:10]
            ),
            "events": list(
                PreservationEvent.objects.exclude(
                    outcome=PreservationEvent.Outcome.SUCCESS
                ).order_by("-at", "-pk")[:20]
            ),
        },
    )
