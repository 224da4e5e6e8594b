"""Notifications: generated idempotently by the daily digest, marked read by their recipient."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from luutru.archive.services import due_date
from luutru.audit.services import record
from luutru.core.errors import RuleViolation
from luutru.core.vn import long_date
from luutru.deadlines.models import Kind, Notification
from luutru.deadlines.queries import DueItem, all_due
from luutru.filing.models import Dossier, DossierStatus


@dataclass
class Digest:
    day: dt.date
    created: int = 0
    resolved: int = 0
    # user → the items now in their notice window or overdue, soonest first
    per_user: dict = field(default_factory=dict)
    new_keys: set = field(default_factory=set)  # (user id, item key) created by this run


def _chunks(ids: list[int], size: int = 1000):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _notify_now(items: list[DueItem], day: dt.date) -> list[DueItem]:
    return [i for i in items if day >= i.notice]


def run_digest(day: dt.date | None = None, *, dry_run: bool = False) -> Digest:
    """Create a notification for each person and each item due or in its notice window
    on ``day`` (once: running twice adds nothing) and close those whose matter is done."""
    day = day or timezone.localdate()
    items = _notify_now(all_due(day), day)
    digest = Digest(day)
    users = get_user_model().objects.in_bulk({u for i in items for u in i.recipients})
    per_user: dict[int, list[DueItem]] = defaultdict(list)
    for item in items:
        for uid in sorted(item.recipients):
            if uid in users and users[uid].is_active:
                per_user[uid].append(item)
    digest.per_user = {users[uid]: rows for uid, rows in per_user.items()}
    current = {(uid, i.key) for uid, rows in per_user.items() for i in rows}
    # One pass over the notices still open or now current (no long IN lists: a
    # province may hold hundreds of thousands of them).
    existing: set = set()
    stale, reopened = [], []
    fields = ("pk", "recipient_id", "kind", "object_type", "object_id", "due_date", "resolved_at")
    # Notices of a returned dossier are not due items: they end when the dossier does.
    # Nor are fixity failures: they stay until read.
    computed = Notification.objects.exclude(kind__in=[Kind.RETURNED, Kind.FIXITY, Kind.BACKUP])
    for pk, uid, kind, otype, oid, due, resolved in computed.values_list(*fields).iterator(
        chunk_size=5000
    ):
        key = (uid, (kind, otype, oid, due))
        existing.add(key)
        if key in current:
            if resolved is not None:
                reopened.append(pk)  # due again (e.g. a dossier returned by the archive)
        elif resolved is None:
            stale.append(pk)
    digest.new_keys = current - existing
    if dry_run:
        digest.created, digest.resolved = len(digest.new_keys), len(stale)
        return digest
    with transaction.atomic():
        new = []
        for uid, rows in per_user.items():
            for i in rows:
                if (uid, i.key) in digest.new_keys:
                    new.append(
                        Notification(
                            recipient_id=uid,
                            kind=i.kind,
                            object_type=i.object_type,
                            object_id=i.object_id,
                            org=i.org,
                            due_date=i.due,
                            message=i.message[:500],
                            url=i.url,
                        )
                    )
        # ignore_conflicts: two digests started at once still store each notice once.
        Notification.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        digest.created = len(new)
        now = timezone.now()
        for chunk in _chunks(stale):
            digest.resolved += Notification.objects.filter(pk__in=chunk).update(resolved_at=now)
        for chunk in _chunks(reopened):
            Notification.objects.filter(pk__in=chunk).update(resolved_at=None)
        digest.resolved += _resolve_fixed_returns(now)
        record(
            "luutru digest",
            "deadlines.digest",
            object_type="digest",
            object_id=day.isoformat(),
            after={
                "day": day,
                "created": digest.created,
                "resolved": digest.resolved,
                "users": len(per_user),
            },
        )
    return digest


def notify_dossier_returned(sender, *, dossier, deposit, reason: str, actor, **kwargs) -> None:
    """Tell the dossier's owner and creator that the archive returned it, and why
    (receiver of ``archive.signals.dossier_returned``, inside the return's transaction)."""
    recipients = {dossier.owner_id}
    creator = getattr(dossier, "creator", None)
    if creator is not None and creator.user_id:
        recipients.add(creator.user_id)
    recipients.discard(None)
    due = due_date(dossier) or timezone.localdate()
    message = (
        f"{deposit.archive_org.name} trả lại hồ sơ {dossier.file_notation} “{dossier.title}” "
        f"({deposit.label}). Lý do: {reason} – Hãy sửa theo lý do, kết thúc lại hồ sơ và "
        "nộp lưu lại."
    )
    for uid in sorted(recipients):
        notice, created = Notification.objects.update_or_create(
            recipient_id=uid,
            kind=Kind.RETURNED,
            object_type="dossier",
            object_id=dossier.pk,
            due_date=due,
            defaults={
                "org": dossier.org,
                "message": message[:500],
                "url": f"/ho-so/{dossier.pk}/",
                "read_at": None,
                "resolved_at": None,
            },
        )
        record(
            actor,
            "notification.create",
            notice,
            org_id=dossier.org_id,
            after={"kind": notice.kind, "recipient": uid, "dossier": dossier.pk},
        )


def _current_holders(role) -> set[int]:
    """The users who hold ``role`` in some body today, with the active staff."""
    from luutru.orgs.models import Membership

    today = timezone.localdate()
    return set(
        Membership.objects.filter(role=role, valid_from__lte=today)
        .exclude(valid_to__lt=today)
        .exclude(person__user__isnull=True)
        .values_list("person__user_id", flat=True)
    ) | set(_staff_ids())


def _staff_ids() -> set[int]:
    return set(
        get_user_model().objects.filter(is_staff=True, is_active=True).values_list("pk", flat=True)
    )


def _notify_system_failure(recipients, *, kind, run, actor, run_key, message, url_for) -> None:
    """One notice per recipient about a failed system run (fixity, backup), audited;
    a second failure of the same run updates the notice and makes it unread again."""
    today = timezone.localdate()
    object_type = type(run)._meta.model_name
    for uid in sorted(recipients):
        notice, _ = Notification.objects.update_or_create(
            recipient_id=uid,
            kind=kind,
            object_type=object_type,
            object_id=run.pk,
            due_date=today,
            defaults={
                "message": message[:500],
                "url": url_for(uid),
                "read_at": None,
                "resolved_at": None,
            },
        )
        record(
            actor,
            "notification.create",
            notice,
            after={"kind": notice.kind, "recipient": uid, run_key: run.pk},
        )


def notify_fixity_failed(sender, *, run, failures: list[dict], **kwargs) -> None:
    """Tell the archivists (and the staff, who restore from backups) that the
    scheduled fixity check found changed or missing files (receiver of
    ``preservation.signals.fixity_failed``, inside the transaction recording them)."""
    from luutru.orgs.models import Role
    from luutru.storage.services import blob_users

    staff = _staff_ids()
    named = [line for f in failures[:3] for line in blob_users(f["sha256"])[:2]]
    message = (
        f"Kiểm tra tính toàn vẹn lúc {timezone.localtime():%H:%M %d/%m/%Y}: {run.failed} tệp "
        "lưu trữ bị thay đổi hoặc bị mất"
        + (f" ({'; '.join(named)})" if named else "")
        + ". Quản trị hệ thống cần khôi phục các tệp này từ bản sao lưu."
    )
    _notify_system_failure(
        _current_holders(Role.ARCHIVIST),
        kind=Kind.FIXITY,
        run=run,
        actor="hệ thống (bảo quản)",
        run_key="fixity_run",
        message=message,
        url_for=lambda uid: "/bao-quan/toan-ven/" if uid in staff else "",
    )


def notify_backup_failed(sender, *, run, reason: str, **kwargs) -> None:
    """Tell the administrators (active staff and the ADMIN role) that a scheduled
    backup failed (receiver of ``preservation.signals.backup_failed``, inside the
    transaction recording the failed run)."""
    from luutru.orgs.models import Role

    message = (
        f"Sao lưu theo lịch lúc {timezone.localtime(run.started_at):%H:%M %d/%m/%Y} không thành "
        f"công: {reason} Xem trang Sao lưu dữ liệu để biết cách khắc phục."
    )
    _notify_system_failure(
        _current_holders(Role.ADMIN),
        kind=Kind.BACKUP,
        run=run,
        actor="hệ thống (sao lưu)",
        run_key="backup_run",
        message=message,
        url_for=lambda uid: "/bao-quan/sao-luu/",
    )


def _resolve_fixed_returns(now) -> int:
    """A returned dossier's notice ends once the dossier is no longer returned."""
    still = Dossier.objects.filter(status=DossierStatus.RETURNED).values("pk")
    return (
        Notification.objects.filter(kind=Kind.RETURNED, resolved_at__isnull=True)
        .exclude(object_id__in=still)
        .update(resolved_at=now)
    )


def summary_text(user, items: list[DueItem], day: dt.date, new_keys: set | None = None) -> str:
    """The per-person digest in Vietnamese: overdue first, then what falls due soon."""
    name = getattr(getattr(user, "person", None), "full_name", "") or user.get_username()
    overdue = [i for i in items if i.due < day]
    soon = [i for i in items if i.due >= day]
    lines = [f"Kính gửi {name},", "", f"Tình hình các việc có thời hạn của bạn, {long_date(day)}:"]

    def block(title, rows):
        if not rows:
            return
        lines.append("")
        lines.append(f"{title} ({len(rows)}):")
        for i in rows:
            mark = " [mới]" if new_keys is not None and (user.pk, i.key) in new_keys else ""
            lines.append(
                f"  - {i.kind_label}: {i.what} – {i.org.name}; hạn {i.due:%d/%m/%Y}, "
                f"{i.state_label(day)}.{mark}"
            )

    block("Đã quá hạn", overdue)
    block("Sắp đến hạn", soon)
    lines += ["", "Xem và xử lý tại mục “Thông báo” (/thong-bao/) của hệ thống lưu trữ điện tử."]
    return "\n".join(lines)


def send_digest_mail(digest: Digest) -> int:
    """Send each person their summary through Django's email backend; returns messages sent."""
    sent = 0
    for user, items in digest.per_user.items():
        if not user.email or not items:
            continue
        sent += send_mail(
            subject=f"[luutru] {len(items)} việc có thời hạn – {digest.day:%d/%m/%Y}",
            message=summary_text(user, items, digest.day, digest.new_keys),
            from_email=None,
            recipient_list=[user.email],
        )
    return sent


def mark_read(actor, notification: Notification) -> Notification:
    """The recipient marks one notification read (someone else's: refused)."""
    if notification.recipient_id != actor.pk:
        raise RuleViolation("Thông báo này không phải của bạn.")
    if notification.read_at is None:
        with transaction.atomic():
            notification.read_at = timezone.now()
            notification.save(update_fields=["read_at"])
            record(actor, "notification.read", notification, org_id=notification.org_id)
    return notification


def mark_all_read(actor) -> int:
    with transaction.atomic():
        n = Notification.objects.filter(
            recipient=actor, read_at__isnull=True, resolved_at__isnull=True
        ).update(read_at=timezone.now())
        if n:
            record(actor, "notification.read_all", object_type="notification", after={"count": n})
    return n
