"""Fixtures for the deadlines tests: dossiers due relative to today, through the real services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.archive.tests.conftest import make_dossier
from luutru.rules.queries import add_months, profile_for

TODAY = timezone.localdate()


def end_for_due(org, due: dt.date) -> dt.date:
    """The end of work that makes a dossier of ``org`` due for deposit on ``due``."""
    delay = profile_for(org).deposit_delay_months
    return add_months(due, -delay)


@pytest.fixture
def overdue_dossier(world):
    return make_dossier(
        world.office,
        world.official,
        notation="01.VP",
        title="Kế hoạch công tác năm 2024",
        years=None,
        end_date=dt.date(2024, 12, 20),
        documents=1,
    )


@pytest.fixture
def soon_dossier(world):
    """Due in ten days (inside the 30-day notice)."""
    due = TODAY + dt.timedelta(days=10)
    end = end_for_due(world.office, due)
    return make_dossier(
        world.office,
        world.official,
        notation="07.VP",
        title="Công văn trao đổi năm nay",
        years=10,
        end_date=end,
        documents=1,
    )
