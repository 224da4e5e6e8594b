"""Backups on the administrator's schedule (issue 14, item 6), run by the worker.

The administrator sets a destination folder, daily or weekly at an hour, and
whether to verify each copy. ``set_schedule`` checks the folder
(``destination_problem``), records the change in the audit chain and queues
``backup_task`` for the next slot. Each run claims its slot under a row lock
(so a duplicate or stale task does nothing), queues the next one, then backs up
through ``create_backup`` (which takes the destination's lock). A run that fails
or does not verify is recorded as a failed ``BackupRun`` and raises the signal
``backup_failed``: the administrators get a notice.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from luutru.audit.services import record
from luutru.preservation.backup import BackupError, create_backup, verify_backup
from luutru.preservation.models import BackupRun, BackupSchedule
from luutru.preservation.signals import backup_failed

log = logging.getLogger(__name__)

# Never a backup destination: the system's own folders (an attacker, or a slip,
# typing /etc must not make the worker write there).
SYSTEM_FOLDERS = (
    "/bin",
    "/boot",
    "/dev",
    "/etc",
    "/lib",
    "/lib32",
    "/lib64",
    "/libx32",
    "/opt",
    "/proc",
    "/root",
    "/run",
    "/sbin",
    "/snap",
    "/sys",
    "/usr",
    "/var/cache",
    "/var/lib",
    "/var/log",
    "/var/run",
    "/var/spool",
)
ROOTS_ENV = "LUUTRU_BACKUP_ROOTS"


def allowed_roots() -> list[Path]:
    """Where a scheduled backup may go when the installation limits it:
    ``settings.LUUTRU_BACKUP_ROOTS`` or the environment's ``LUUTRU_BACKUP_ROOTS``
    (folders separated by ``:``); empty means any folder that passes the other checks."""
    roots = getattr(settings, "LUUTRU_BACKUP_ROOTS", None)
    if roots is None:
        roots = [r for r in os.environ.get(ROOTS_ENV, "").split(":") if r.strip()]
    return [Path(r).resolve() for r in roots]


def _own_folders() -> list[tuple[Path, str]]:
    folders = [
        (Path(settings.DATA_DIR), "thư mục dữ liệu của hệ thống"),
        (Path(settings.BLOB_ROOT), "thư mục tệp lưu trữ"),
        (Path(settings.SEARCH_INDEX_DIR), "thư mục chỉ mục tìm kiếm"),
        (Path(__file__).resolve().parents[1], "thư mục chương trình"),
        (Path(sys.prefix), "thư mục chương trình"),
    ]
    return [(p.resolve(), label) for p, label in folders]


def destination_problem(raw: str) -> str | None:
    """What is wrong with ``raw`` as a backup destination, in Vietnamese; None when fit.
    The folder must be absolute, exist, be writable, lie under the allowed roots
    (when set), and be neither a system folder nor inside (or around) the
    installation's own data, blobs, index or program."""
    text = raw.strip()
    if not text:
        return "Hãy nhập thư mục sao lưu."
    if "\x00" in text or len(text) > 1000:
        return "Đường dẫn thư mục sao lưu không hợp lệ."
    path = Path(text)
    if not path.is_absolute():
        return f"“{text}” không phải đường dẫn tuyệt đối: hãy nhập đường dẫn bắt đầu bằng “/”."
    real = path.resolve()  # follows symbolic links: /mnt/x → /etc is /etc
    roots = allowed_roots()
    if roots and not any(real == r or real.is_relative_to(r) for r in roots):
        return (
            f"Thư mục sao lưu phải nằm trong {', '.join(str(r) for r in roots)} "
            f"(cấu hình {ROOTS_ENV}); “{text}” không nằm trong đó."
        )
    if real == Path("/") or any(
        real == Path(s) or real.is_relative_to(Path(s)) for s in SYSTEM_FOLDERS
    ):
        return f"“{text}” là thư mục hệ thống: không được dùng làm nơi sao lưu."
    for own, label in _own_folders():
        if real == own or real.is_relative_to(own):
            return f"“{text}” nằm trong {label} ({own}): bản sao lưu phải ở nơi khác."
        if own.is_relative_to(real):
            return f"“{text}” chứa {label} ({own}): bản sao lưu phải ở nơi khác."
    if not real.exists():
        return (
            f"Thư mục “{text}” không tồn tại. Hãy tạo thư mục (hoặc gắn ổ đĩa, thư mục chia sẻ) "
            "trước rồi nhập lại."
        )
    if not real.is_dir():
        return f"“{text}” là một tệp, không phải thư mục."
    try:
        fd, probe = tempfile.mkstemp(prefix=".luutru-thu-ghi-", dir=real)
        os.close(fd)
        os.unlink(probe)
    except OSError as e:
        return f"Không ghi được vào thư mục “{text}” ({e.strerror or e}). Hãy cấp quyền ghi."
    return None


def next_backup_at(every: str, weekday: int, hour: int, after: dt.datetime) -> dt.datetime:
    """The first slot strictly after ``after``: ``hour``:00 local time, every day or
    every week on ``weekday`` (0 = Monday)."""
    local = timezone.localtime(after)
    slot = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    step = dt.timedelta(days=1)
    if every == BackupSchedule.Every.WEEKLY:
        slot += dt.timedelta(days=(weekday - slot.weekday()) % 7)
        step = dt.timedelta(days=7)
    while slot <= local:
        slot += step
    return slot


def current() -> BackupSchedule | None:
    return BackupSchedule.objects.filter(pk=1).first()


def _facts(s: BackupSchedule | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {
        "enabled": s.enabled,
        "destination": s.destination,
        "every": s.every,
        "weekday": s.weekday,
        "hour": s.hour,
        "verify": s.verify,
    }


def set_schedule(
    actor: Any,
    *,
    destination: str,
    every: str,
    hour: int,
    weekday: int = BackupSchedule.Weekday.SUNDAY,
    verify: bool = True,
    enabled: bool = True,
) -> BackupSchedule:
    """Set the schedule (audited) and queue its next run; ``BackupError`` with the
    reason, changing nothing, when the folder or the times are not fit."""
    if every not in BackupSchedule.Every.values:
        raise BackupError("Tần suất sao lưu phải là hằng ngày hoặc hằng tuần.")
    if not 0 <= hour <= 23:
        raise BackupError("Giờ sao lưu phải từ 0 đến 23.")
    if not 0 <= weekday <= 6:
        raise BackupError("Ngày trong tuần không hợp lệ.")
    problem = destination_problem(destination)
    if problem and enabled:
        raise BackupError(problem)
    with transaction.atomic():
        s = BackupSchedule.objects.select_for_update().filter(pk=1).first()
        before = _facts(s)
        if s is None:
            s = BackupSchedule(pk=1)
        s.destination = str(Path(destination.strip()).resolve()) if not problem else destination
        s.every, s.hour, s.weekday = every, hour, weekday
        s.verify, s.enabled = verify, enabled
        s.next_run_at = next_backup_at(every, weekday, hour, timezone.now()) if enabled else None
        s.updated_by = str(getattr(actor, "username", actor))[:150]
        s.save()
        record(
            actor,
            "preservation.backup_schedule",
            object_type="backupschedule",
            object_id=s.pk,
            before=before,
            after={**(_facts(s) or {}), "next_run_at": str(s.next_run_at or "")},
        )
        if enabled:
            at = s.next_run_at
            transaction.on_commit(lambda: _queue(at))
    return s


def _queue(at: dt.datetime | None) -> None:
    """Queue the run for ``at`` in place of what waited (its slot may have moved)."""
    from django_tasks_db.models import DBTaskResult

    from luutru.preservation.tasks import backup_task

    DBTaskResult.objects.filter(task_path=backup_task.module_path, status="READY").delete()
    (backup_task.using(run_after=at) if at else backup_task).enqueue()


def queued_run() -> Any:
    """The worker's task row for the next scheduled backup (READY or RUNNING), or None."""
    from django_tasks_db.models import DBTaskResult

    from luutru.preservation.tasks import backup_task

    return (
        DBTaskResult.objects.filter(
            task_path=backup_task.module_path, status__in=["READY", "RUNNING"]
        )
        .order_by("run_after")
        .first()
    )


@dataclass
class Outcome:
    run: BackupRun
    ok: bool
    verified: bool | None  # None: not asked
    reason: str = ""


def _claim(now: dt.datetime) -> BackupSchedule | None:
    """Take the due slot (row lock), move the schedule to the next one and queue it."""
    with transaction.atomic():
        s = BackupSchedule.objects.select_for_update().filter(pk=1).first()
        if s is None or not s.enabled or s.next_run_at is None or s.next_run_at > now:
            return None
        s.next_run_at = next_backup_at(s.every, s.weekday, s.hour, now)
        s.save(update_fields=["next_run_at"])
        at = s.next_run_at
        transaction.on_commit(lambda: _queue(at))
    return s


def run_scheduled_backup(now: dt.datetime | None = None) -> Outcome | None:
    """The worker's run: None when no slot is due (a stale or duplicate task)."""
    now = now or timezone.now()
    s = _claim(now)
    if s is None:
        return None
    started = timezone.now()
    last = BackupRun.objects.aggregate(m=Max("pk"))["m"] or 0
    verified: bool | None = None
    reason = ""
    try:
        problem = destination_problem(s.destination)
        if problem:
            raise BackupError(problem)
        result = create_backup(s.destination, scheduled=True)
        if not result.complete:
            reason = _source_reason(result.missing_at_source, result.damaged_at_source)
        if s.verify:
            check = verify_backup(s.destination, result.name, scheduled=True)
            verified = check.ok
            if not check.ok:
                reason += (
                    f" Bản sao vừa chép không nguyên vẹn: {len(check.missing)} tệp bị mất, "
                    f"{len(check.changed)} tệp bị thay đổi."
                )
    except Exception as e:  # any failure of a run nobody watches must reach a person
        log.exception("scheduled backup failed")
        reason = str(e) if isinstance(e, BackupError) else f"Lỗi {type(e).__name__}: {e}"
    run = (
        BackupRun.objects.filter(pk__gt=last, kind=BackupRun.Kind.BACKUP, scheduled=True)
        .order_by("pk")
        .first()
    )
    reason = reason.strip()
    with transaction.atomic():
        if run is None:  # refused before anything was copied
            run = BackupRun.objects.create(
                kind=BackupRun.Kind.BACKUP,
                destination=s.destination,
                started_at=started,
                finished_at=timezone.now(),
                scheduled=True,
                message=f"Thất bại: {reason}",
            )
        if reason:
            if run.ok:
                run.ok = False
                run.message = f"{run.message} {reason}".strip()
                run.save(update_fields=["ok", "message"])
            record(
                "hệ thống (sao lưu)",
                "preservation.backup_failed",
                object_type="backuprun",
                object_id=run.pk,
                after={"destination": s.destination, "reason": reason[:500]},
            )
            backup_failed.send(sender=BackupRun, run=run, reason=reason)
    return Outcome(run=run, ok=not reason, verified=verified, reason=reason)


def _source_reason(missing: list[str], damaged: list[str]) -> str:
    parts = []
    if missing:
        parts.append(f"{len(missing)} tệp bị mất ở kho chính")
    if damaged:
        parts.append(f"{len(damaged)} tệp bị thay đổi ở kho chính")
    return "Bản sao lưu thiếu tệp: " + ", ".join(parts) + " (chạy luutru fixity)."


def advice(run: BackupRun | None) -> list[str]:
    """What the administrator does when the last scheduled run failed."""
    if run is None or run.ok:
        return []
    text = run.message
    steps = []
    if "không tồn tại" in text or "không còn" in text:
        steps.append(
            "Kiểm tra ổ đĩa hoặc thư mục chia sẻ đã được gắn (mount) và thư mục sao lưu còn đó."
        )
    if "ghi" in text or "No space" in text or "Errno 28" in text:
        steps.append("Kiểm tra quyền ghi và dung lượng trống của nơi sao lưu.")
    if "kho chính" in text:
        steps.append(
            "Chạy luutru fixity để biết tệp nào hỏng hoặc mất ở kho chính, rồi khôi phục "
            "chúng từ bản sao lưu trước (trang Bảo quản và kiểm tra tính toàn vẹn)."
        )
    if "không nguyên vẹn" in text:
        steps.append(
            "Chạy luutru backup verify NƠI_SAO_LƯU để xem tệp nào hỏng; kiểm tra ổ đĩa sao lưu."
        )
    steps.append(
        "Sau khi khắc phục, chạy luutru backup NƠI_SAO_LƯU (hoặc chờ lần chạy tới) và xem kết "
        "quả ở trang này. Bản sao lưu hoàn chỉnh trước đó vẫn dùng được."
    )
    return steps
