"""Due dates derived from the rule profiles (never hard-coded): the file plan's
issue deadline, the deposit deadline, the advance notice."""

from __future__ import annotations

import calendar
import datetime as dt

from luutru.filing.models import FilePlan
from luutru.rules.models import RuleProfile


class Profiles:
    """Rule profiles loaded once: which applies to a fonds system on a day (as
    ``rules.queries.profile_in_force``, without one query per record)."""

    def __init__(self) -> None:
        self.all = list(RuleProfile.objects.order_by("-valid_from"))

    def on(self, fonds_system: str, day: dt.date | None) -> RuleProfile | None:
        today = dt.date.today()
        day = day or today
        for p in self.all:
            if p.fonds_system == fonds_system and p.valid_from <= day:
                if p.valid_to is None or day <= p.valid_to:
                    return p
        # No profile covered that day (records older than every profile): today's rules.
        return self.on(fonds_system, today) if day != today else None


def plan_deadline(profile: RuleProfile, year: int) -> dt.date:
    """The day the year's file plan must be issued by (profile data, default 31 January)."""
    month = profile.plan_deadline_month
    day = min(profile.plan_deadline_day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


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
