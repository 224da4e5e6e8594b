"""Compliance facts are refreshed by the worker after a change, never by a page
(issue 9 item 7): marks in the same transaction, one task on commit, pages that
say when their figures were computed, a shared cache keyed by what it depends on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django_tasks_db.models import DBTaskResult

from luutru.archive import services as archive
from luutru.compliance.figures import org_figures
from luutru.compliance.models import DossierFacts, FactsState, StaleFacts
from luutru.compliance.refresh import facts_status, refresh_facts
from luutru.compliance.tasks import refresh_facts_task
from luutru.compliance.tests.conftest import TODAY, make_records
from luutru.rules.queries import profile_for
from luutru.testing import task_worker


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _refresh_tasks(status: str = "READY"):
    return DBTaskResult.objects.filter(task_path=refresh_facts_task.module_path, status=status)


def _run_worker() -> None:
    """The database worker, as ``luutru worker`` runs it, until the queue is empty."""
    task_worker("compliance-test").run()


@pytest.mark.django_db
def test_a_change_marks_its_body_stale_and_the_page_says_so_without_computing(records):
    assert not StaleFacts.objects.exists()
    state = FactsState.objects.get(pk=1)
    assert facts_status([records.office.pk]).updating is False
    page = _client(records.inspector).get(f"/tuan-thu/to-chuc/{records.office.pk}/")
    assert "Số liệu tính lúc" in page.content.decode()
    assert "đang cập nhật" not in page.content.decode()

    dep = archive.create_deposit(records.official, records.office, [records.overdue])
    archive.submit_deposit(records.official, dep)
    # Marked in the same transaction as the change, for the body that made it.
    assert set(StaleFacts.objects.values_list("org_id", flat=True)) == {records.office.pk}
    assert facts_status([records.office.pk]).updating is True
    assert facts_status([records.board.pk]).updating is False

    facts_before = list(DossierFacts.objects.order_by("pk").values_list("pk", "handed_on"))
    page = _client(records.inspector).get(f"/tuan-thu/to-chuc/{records.office.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Số liệu tính lúc" in html and "đang cập nhật" in html
    # The page read the stored facts as they stood: nothing was derived for it.
    assert list(DossierFacts.objects.order_by("pk").values_list("pk", "handed_on")) == facts_before
    assert FactsState.objects.get(pk=1).token == state.token
    assert org_figures([records.office.pk], on=TODAY).overdue_now == 1

    refreshed = refresh_facts()
    assert refreshed.bodies == 1  # only the marked body (none of its documents sits elsewhere)
    assert not StaleFacts.objects.exists()
    assert FactsState.objects.get(pk=1).token != state.token
    assert org_figures([records.office.pk], on=TODAY).overdue_now == 0
    html = _client(records.inspector).get(f"/tuan-thu/to-chuc/{records.office.pk}/").content
    assert "đang cập nhật" not in html.decode()


@pytest.mark.django_db
def test_a_rules_edit_marks_every_body_and_the_refresh_derives_them_under_the_new_rules(records):
    assert org_figures(None, on=TODAY).overdue_now == 1
    profile = profile_for(records.office)
    profile.deposit_delay_months = 60
    profile.save()
    assert StaleFacts.objects.filter(org__isnull=True).exists()
    assert facts_status().updating is True
    assert refresh_facts().bodies is None  # every body
    assert facts_status().updating is False
    assert org_figures(None, on=TODAY).overdue_now == 0


@pytest.mark.django_db
def test_an_audited_change_written_in_bulk_marks_its_body_and_a_read_does_not(records):
    from luutru.audit.services import record

    record(records.official, "secret.read", records.recent)
    record(records.official, "form.export", records.recent)
    assert not StaleFacts.objects.exists()
    # A service that writes with .update() sends no post_save, but writes its event.
    record(records.official, "dossier.reorder", records.recent)
    assert list(StaleFacts.objects.values_list("org_id", flat=True)) == [records.office.pk]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_refreshes_after_the_commit_with_one_task_per_wave_of_changes():
    from luutru.testing import build_world

    w = make_records(build_world())
    _run_worker()  # what the world's and the records' commits enqueued
    assert not _refresh_tasks().exists()
    assert not StaleFacts.objects.exists()
    assert org_figures([w.office.pk], on=TODAY).overdue_now == 1

    # Two changes, each its own transaction: one task waits for both.
    dep = archive.create_deposit(w.official, w.office, [w.overdue])
    archive.submit_deposit(w.official, dep)
    assert _refresh_tasks().count() == 1
    assert StaleFacts.objects.exists()
    assert org_figures([w.office.pk], on=TODAY).overdue_now == 1  # not yet refreshed

    _run_worker()
    assert not _refresh_tasks().exists()
    assert _refresh_tasks("SUCCESSFUL").exists()
    assert not StaleFacts.objects.exists()
    assert org_figures([w.office.pk], on=TODAY).overdue_now == 0
    yesterday = TODAY - dt.timedelta(days=1)
    assert org_figures([w.office.pk], on=yesterday, year=2023).overdue_now == 2


@pytest.mark.django_db
def test_the_cache_is_the_shared_database_cache_keyed_by_the_facts_and_the_rules(records):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    cache.set("compliance-test", 42)
    assert cache.get("compliance-test") == 42  # the table exists (migration 0004)
    key = facts_status().key
    refresh_facts()  # nothing stale: nothing rebuilt, same token
    assert facts_status().key == key
    profile = profile_for(records.office)
    profile.deposit_delay_months = 24
    profile.save()
    assert facts_status().key != key  # the rules' version is part of the key
    refresh_facts()
    after = facts_status().key
    archive.create_deposit(records.official, records.office, [records.overdue])
    refresh_facts()
    assert facts_status().key != after  # a refresh names a new state of the facts
