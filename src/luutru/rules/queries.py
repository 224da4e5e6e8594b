"""Which rules apply to an organization on a date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from luutru.core.errors import RuleViolation
from luutru.rules.models import DocumentType, RetentionRule, RuleProfile


def profile_for(org, day: dt.date | None = None) -> RuleProfile:
    day = day or dt.date.today()
    profile = (
        RuleProfile.objects.filter(fonds_system=org.fonds_system, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("-valid_from")
        .first()
    )
    if profile is None:
        raise RuleViolation(
            f"Chưa có bộ quy tắc nào áp dụng cho “{org.name}” vào ngày {day:%d/%m/%Y}. "
            "Đề nghị quản trị viên bổ sung trong mục Quy tắc."
        )
    return profile


def document_types(org, day: dt.date | None = None):
    return DocumentType.objects.filter(profile=profile_for(org, day))


def retention_rules(org, day: dt.date | None = None):
    return RetentionRule.objects.filter(profile=profile_for(org, day))


def add_months(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    import calendar

    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def profile_in_force(org, day: dt.date | None) -> RuleProfile:
    """The profile in force on ``day``, or today's when none covered that day
    (records older than every profile still get a deadline)."""
    if day is not None:
        try:
            return profile_for(org, day)
        except RuleViolation:
            pass
    return profile_for(org)


def deposit_due(org, end_of_work: dt.date) -> dt.date:
    """Deposit deadline: the profile's delay after the work ends (default 12 months)."""
    return add_months(end_of_work, profile_in_force(org, end_of_work).deposit_delay_months)
