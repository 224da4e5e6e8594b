"""Fixtures for the transfer tests: permanent dossiers in the agency archive,
archived long enough ago to be due at the historical archive, with real PDFs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from luutru.archive.tests.conftest import make_dossier
from luutru.filing.models import Dossier, DossierStatus


@pytest.fixture(autouse=True)
def _data_dir(tmp_path, settings):
    settings.DATA_DIR = tmp_path / "data"
    return settings.DATA_DIR


def archived(
    org,
    user,
    *,
    notation: str,
    title: str,
    years: int | None = None,
    archived_years_ago: int = 6,
    documents: int = 2,
    secrecy: int = 0,
) -> Dossier:
    """A dossier of ``org`` in its agency archive since ``archived_years_ago`` years."""
    d = make_dossier(
        org,
        user,
        notation=notation,
        title=title,
        years=years,
        status=DossierStatus.ARCHIVED,
        end_date=dt.date(2018, 12, 20),
        documents=documents,
        secrecy=secrecy,
    )
    when = timezone.now() - dt.timedelta(days=365 * archived_years_ago + 2)
    Dossier.objects.filter(pk=d.pk).update(archived_at=when)
    d.refresh_from_db()
    return d


@pytest.fixture
def due(world):
    """Two permanent dossiers of Văn phòng Tỉnh ủy due at the historical archive."""
    a = archived(
        world.office,
        world.official,
        notation="01.VP",
        title="Kế hoạch, báo cáo công tác năm 2018 của Văn phòng Tỉnh ủy",
    )
    b = archived(
        world.office,
        world.official,
        notation="02.VP",
        title="Hồ sơ Hội nghị Ban Chấp hành Đảng bộ tỉnh năm 2018",
        documents=3,
    )
    return a, b


def run_worker() -> None:
    """The database worker's own claim and run of each queued task, until none is
    left. (Its ``run()`` loop also recycles the connection between tasks, which on
    PostgreSQL would end the test's transaction: the loop is left out, not the work.)"""
    from django_tasks_db.models import DBTaskResult

    from luutru.testing import task_worker

    worker = task_worker("transfer-test")
    while (row := DBTaskResult.objects.ready().filter(queue_name="default").first()) is not None:
        row.claim(worker.worker_id)
        worker.run_task(row)
