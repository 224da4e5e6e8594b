"""The administrator's page of backups: the last run of each kind, its size and
whether the copy was verified; what to run next."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render

from luutru.core.requests import SignedInRequest
from luutru.preservation.models import BackupRun


def backups(request: SignedInRequest) -> HttpResponse:
    user = request.user
    if not (user.is_staff or user.is_superuser):
        raise Http404("Không tìm thấy trang.")
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
        {"runs": runs, "last_backup": last_backup, "last_verify": last_verify},
    )
