"""Counts computed from the records (``luutru stats`` and compliance.queries)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from luutru.compliance import queries
from luutru.filing import services as filing
from luutru.filing.models import DossierStatus
from luutru.rules.queries import profile_for


@pytest.mark.django_db
def test_a_closed_dossier_past_its_due_date_and_not_deposited_is_overdue(records):
    overdue = queries.overdue_dossiers()
    assert [o.dossier.pk for o in overdue] == [records.overdue.pk]
    # Due = end of work + the profile's delay (12 months by default), from the rules.
    assert overdue[0].due == dt.date(2024, 3, 10)
    assert queries.overdue_counts() == {"dossiers": 1, "organizations": 1}


@pytest.mark.django_db
def test_deposited_recent_short_lived_and_kept_back_dossiers_are_not_overdue(records):
    ids = {o.dossier.pk for o in queries.overdue_dossiers()}
    for d in (records.deposited, records.recent, records.short_lived, records.kept, records.open):
        assert d.pk not in ids


@pytest.mark.django_db
def test_a_keep_back_that_has_ended_makes_the_dossier_overdue_again(records):
    later = records.kept.kept_back_until + dt.timedelta(days=1)
    ids = {o.dossier.pk for o in queries.overdue_dossiers(today=later)}
    assert records.kept.pk in ids and records.recent.pk not in ids


@pytest.mark.django_db
def test_the_deposit_delay_is_read_from_the_rule_profile(records):
    profile = profile_for(records.office)
    profile.deposit_delay_months = 60
    profile.save()
    assert queries.overdue_dossiers() == []


@pytest.mark.django_db
def test_overdue_is_counted_only_within_the_given_organizations(records):
    assert queries.overdue_counts(orgs=[records.board]) == {"dossiers": 0, "organizations": 0}
    assert queries.overdue_counts(orgs=[records.office])["dossiers"] == 1


@pytest.mark.django_db
def test_every_status_key_is_present_even_when_zero(world):
    counts = queries.dossier_counts()
    assert counts == {"total": 0, "by_status": {s: 0 for s in DossierStatus.values}}
    assert set(queries.deposit_counts()["by_status"]) == {
        "draft",
        "submitted",
        "checked",
        "accepted",
        "returned",
    }


@pytest.mark.django_db
def test_documents_in_no_dossier_are_counted_as_loose(records):
    from luutru.registry.models import Document

    total = Document.objects.count()
    assert queries.document_counts() == {"total": total, "in_no_dossier": 0}
    item = records.recent.items.first()
    filing.reopen_dossier(records.official, records.recent, "Bổ sung")
    filing.remove_document(records.official, records.recent, item.document, "Nhầm hồ sơ")
    assert queries.document_counts() == {"total": total, "in_no_dossier": 1}


@pytest.mark.django_db
def test_report_figures_are_computed_from_kinds_including_dissolved_bodies(world):
    from luutru.orgs.services import dissolve_org

    dissolve_org(None, world.district, dt.date(2025, 6, 30))
    figures = queries.report_figures()
    assert figures == {
        "district_level": 1,
        "commune_level": 1,
        "grassroots": 0,
        "socio_political_provincial": 0,
    }
    orgs = queries.organization_counts()
    assert orgs["by_status"] == {"active": 4, "dissolved": 1}
    assert orgs["by_level"] == {"province": 3, "district": 1, "commune": 1, "grassroots": 0}


@pytest.mark.django_db
def test_stats_json_prints_the_counts(records):
    out = io.StringIO()
    call_command("stats", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["dossiers"]["by_status"]["archived"] == 1
    assert data["dossiers"]["by_status"]["kept_back"] == 1
    assert data["overdue_deposits"]["dossiers"] == 1
    assert data["users"]["total"] == 11
    assert data["file_plans"]["by_state"] == {"draft": 0, "approved": 0, "issued": 0}
    assert data["notes"]


@pytest.mark.django_db
def test_stats_without_json_is_a_vietnamese_table(records):
    out = io.StringIO()
    call_command("stats", stdout=out)
    text = out.getvalue()
    assert "Hồ sơ theo trạng thái" in text
    assert "Đã nộp lưu (lưu trữ cơ quan)" in text
    assert "Hồ sơ quá hạn nộp lưu" in text
    assert "Ghi chú:" in text
