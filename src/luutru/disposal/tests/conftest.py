"""Dossiers in the agency archive, old enough (or not) to be appraised."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.archive.tests.conftest import make_dossier
from luutru.filing.models import Dossier, DossierStatus


def archived(
    world,
    notation: str,
    title: str,
    *,
    years: int | None,
    end_date: dt.date,
    archived_on: dt.date | None = None,
    documents: int = 2,
) -> Dossier:
    """A dossier of the Văn phòng accepted into the agency archive on ``archived_on``."""
    d = make_dossier(
        world.office,
        world.official,
        notation=notation,
        title=title,
        years=years,
        end_date=end_date,
        documents=documents,
        status=DossierStatus.ARCHIVED,
    )
    moment = dt.datetime.combine(archived_on or end_date + dt.timedelta(days=400), dt.time(9))
    Dossier.objects.filter(pk=d.pk).update(archived_at=timezone.make_aware(moment))
    d.refresh_from_db()
    return d


def make_holdings(world) -> tuple[Dossier, Dossier, Dossier]:
    """Expired (5 years from 2015), permanent and due for transfer (archived 2017),
    and still running (10 years from 2024)."""
    expired = archived(
        world,
        "07.VP",
        "Công văn trao đổi về công tác văn thư năm 2015",
        years=5,
        end_date=dt.date(2015, 12, 20),
    )
    permanent = archived(
        world,
        "04.VP",
        "Kế hoạch, báo cáo công tác năm 2016",
        years=None,
        end_date=dt.date(2016, 12, 20),
        archived_on=dt.date(2017, 6, 1),
        documents=1,
    )
    running = archived(
        world,
        "06.VP",
        "Báo cáo tháng, quý năm 2024",
        years=10,
        end_date=dt.date(2024, 12, 20),
        documents=1,
    )
    return expired, permanent, running


@pytest.fixture
def holdings(world):
    return make_holdings(world)
