"""Which rule profile applies on a day, answered in memory for thousands of records.

The same decision as ``rules.queries.profile_in_force`` (the profile of the
body's fonds system covering the day, else today's), without one query per
dossier. Deadlines derived from it: ``deposit_due``, ``plan_deadline``.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from luutru.rules.models import RuleProfile
from luutru.rules.queries import add_months


class Profiles:
    """The rule profiles, loaded once."""

    def __init__(self, today: dt.date | None = None):
        self.today = today or dt.date.today()
        self.all = list(RuleProfile.objects.order_by("-valid_from", "pk"))

    def covering(self, fonds_system: str, day: dt.date) -> RuleProfile | None:
        for p in self.all:
            if (
                p.fonds_system == fonds_system
                and p.valid_from <= day
                and (p.valid_to is None or day <= p.valid_to)
            ):
                return p
        return None

    def in_force(self, fonds_system: str, day: dt.date | None) -> RuleProfile | None:
        """The profile covering ``day``, else today's (older records still get deadlines)."""
        found = self.covering(fonds_system, day) if day is not None else None
        return found or self.covering(fonds_system, self.today)

    def deposit_due(self, fonds_system: str, end_of_work: dt.date) -> dt.date | None:
        p = self.in_force(fonds_system, end_of_work)
        return None if p is None else add_months(end_of_work, p.deposit_delay_months)

    def plan_deadline(self, fonds_system: str, year: int) -> dt.date:
        """The day a year's file plan must be issued by (default 31 January)."""
        p = self.in_force(fonds_system, dt.date(year, 1, 1))
        month, day = (p.plan_deadline_month, p.plan_deadline_day) if p else (1, 31)
        for d in (day, 30, 29, 28):
            try:
                return dt.date(year, month, d)
            except ValueError:
                continue
        return dt.date(year, month, 28)

    def fingerprint(self) -> str:
        """Changes when a value the derived facts depend on changes."""
        text = "|".join(
            f"{p.pk}:{p.fonds_system}:{p.valid_from}:{p.valid_to}:{p.deposit_delay_months}:"
            f"{p.deposit_min_years}"
            for p in sorted(self.all, key=lambda p: p.pk)
        )
        return hashlib.sha256(text.encode()).hexdigest()
