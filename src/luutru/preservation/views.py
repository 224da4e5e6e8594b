"""The administrator's pages: backups (the last run of each kind, its size and
whether the copy was verified) and preservation (fixity passes, their failures,
the formats identified and the preservation copies made)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django_tasks_db.models import DBTaskResult

from luutru.access.policy import roles_of
from luutru.core.requests import SignedInRequest
from luutru.orgs.models import Role
from luutru.preservation import scheduled
from luutru.preservation.backup import BackupError, restore_log
from luutru.preservation.forms import BackupScheduleForm
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
    schedule = scheduled.current()
    form = BackupScheduleForm(
        request.POST if request.method == "POST" else None,
        initial=(
            {
                "destination": schedule.destination,
                "every": schedule.every,
                "weekday": schedule.weekday,
                "hour": schedule.hour,
                "verify": schedule.verify,
                "enabled": schedule.enabled,
            }
            if schedule
            else None
        ),
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                schedule = scheduled.set_schedule(
                    request.user,
                    destination=data["destination"],
                    every=data["every"],
                    hour=data["hour"],
                    weekday=data["weekday"],
                    verify=data["verify"],
                    enabled=data["enabled"],
                )
            except BackupError as e:
                form.add_error("destination", str(e))
            else:
                messages.success(
                    request,
                    f"Đã lưu lịch sao lưu. Lần chạy tới: {schedule.next_run_at:%H:%M %d/%m/%Y}."
                    if schedule.next_run_at
                    else "Đã tắt lịch sao lưu.",
                )
                return redirect("preservation:backups")
    runs = list(BackupRun.objects.order_by("-started_at", "-pk")[:30])
    last_backup = next((r for r in runs if r.kind == BackupRun.Kind.BACKUP), None)
    last_verify = _verify_of(runs, last_backup)
    last_scheduled = next(
        (r for r in runs if r.kind == BackupRun.Kind.BACKUP and r.scheduled), None
    )
    return render(
        request,
        "preservation/backups.html",
        {
            "runs": runs,
            "last_backup": last_backup,
            "last_verify": last_verify,
            "schedule": schedule,
            "form": form,
            "queued": scheduled.queued_run(),
            "last_scheduled": last_scheduled,
            "last_scheduled_verify": _verify_of(runs, last_scheduled),
            "advice": scheduled.advice(last_scheduled),
            "restores": restore_log()[:10],
        },
        status=status,
    )


def _verify_of(runs: list[BackupRun], backup: BackupRun | None) -> BackupRun | None:
    if backup is None or not backup.snapshot:
        return None
    return next(
        (r for r in runs if r.kind == BackupRun.Kind.VERIFY and r.snapshot == backup.snapshot),
        None,
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
