"""Shared bits of the capture commands: finding the organization, printing progress."""

from __future__ import annotations

from django.core.management.base import CommandError

from luutru.orgs.models import Organization


def org_by_code(code: str) -> Organization:
    org = Organization.objects.filter(code=code).first()
    if org is None:
        known = ", ".join(Organization.objects.order_by("code").values_list("code", flat=True)[:20])
        raise CommandError(f"Không có cơ quan mã “{code}”. Các mã đang có: {known}")
    return org


def bar(counts: dict, width: int = 30) -> str:
    total = counts["total"] or 1
    filled = int(width * counts["finished"] / total)
    return (
        f"[{'#' * filled}{'.' * (width - filled)}] {counts['finished']}/{counts['total']}"
        f"  xong {counts['done']} · cần xem lại {counts['review']} · trùng {counts['duplicate']}"
        f" · không nhận {counts['failed']} · đang chờ {counts['pending'] + counts['running']}"
    )
