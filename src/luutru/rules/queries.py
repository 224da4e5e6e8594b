"""Which rules apply to an organization on a date: thin wrappers over the rule
book (``rules.book``), kept for the callers that want a profile or a queryset."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from luutru.core.errors import RuleViolation
from luutru.rules.book import Org, add_months, rulebook, today
from luutru.rules.book import deposit_due as _deposit_due
from luutru.rules.models import DocumentType, RetentionRule, RuleProfile

__all__ = [
    "add_months",
    "deposit_due",
    "document_types",
    "profile_for",
    "profile_in_force",
    "retention_rules",
]


def _name(org: Org) -> str:
    return org if isinstance(org, str) else str(getattr(org, "name", org.fonds_system))


def profile_for(org: Org, day: dt.date | None = None) -> RuleProfile:
    """The profile in force on ``day`` (today if None); refuses when there is none."""
    day = day or today()
    profile = rulebook().covering(org, day)
    if profile is None:
        raise RuleViolation(
            f"Chưa có bộ quy tắc nào áp dụng cho “{_name(org)}” vào ngày {day:%d/%m/%Y}. "
            "Đề nghị quản trị viên bổ sung trong mục Quy tắc."
        )
    return profile


def document_types(org: Org, day: dt.date | None = None) -> QuerySet[DocumentType]:
    return DocumentType.objects.filter(profile=profile_for(org, day))


def retention_rules(org: Org, day: dt.date | None = None) -> QuerySet[RetentionRule]:
    return RetentionRule.objects.filter(profile=profile_for(org, day))


def profile_in_force(org: Org, day: dt.date | None) -> RuleProfile:
    """The profile in force on ``day``, or today's when none covered that day
    (records older than every profile still get a deadline)."""
    if day is not None:
        found = rulebook().covering(org, day)
        if found is not None:
            return found
    return profile_for(org)


def deposit_due(org: Org, end_of_work: dt.date) -> dt.date:
    """Deposit deadline: the profile's delay after the work ends (default 12 months);
    refuses when the body has no profile."""
    profile_in_force(org, end_of_work)
    due = _deposit_due(org, end_of_work)
    assert due is not None  # a profile exists and the work has an end
    return due
