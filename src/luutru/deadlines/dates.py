"""Due dates derived from the rule profiles (never hard-coded): the advance notice and
when a file plan took effect. The profiles themselves are answered in memory by
``compliance.profiles.Profiles`` (deposit due date, plan deadline)."""

from __future__ import annotations

import datetime as dt

from luutru.compliance.profiles import Profiles
from luutru.filing.models import FilePlan
from luutru.rules.models import RuleProfile

__all__ = ["Profiles", "notice_from", "plan_issued_on"]


def plan_issued_on(plan: FilePlan) -> dt.date | None:
    """When a plan took effect: its decision's date, else the day it was marked issued."""
    if plan.state != FilePlan.State.ISSUED:
        return None
    if plan.decision_date:
        return plan.decision_date
    return plan.issued_at.date() if plan.issued_at else None


def notice_from(due: dt.date, profile: RuleProfile | None) -> dt.date:
    """From when a person is told: the profile's advance notice (default 30 days) before."""
    return due - dt.timedelta(days=profile.reminder_days if profile else 30)
