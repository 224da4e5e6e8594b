"""Dates the deadlines lists need besides the rules' (which come from
``rules.book``: deposit due date, advance notice, plan deadline)."""

from __future__ import annotations

import datetime as dt

from luutru.filing.models import FilePlan

__all__ = ["plan_issued_on"]


def plan_issued_on(plan: FilePlan) -> dt.date | None:
    """When a plan took effect: its decision's date, else the day it was marked issued."""
    if plan.state != FilePlan.State.ISSUED:
        return None
    if plan.decision_date:
        return plan.decision_date
    return plan.issued_at.date() if plan.issued_at else None
