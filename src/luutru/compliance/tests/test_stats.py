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


@pytest.fixture
def holdings(world):
    """Electronic and mixed dossiers of the Văn phòng (and a destroyed one), paper
    dossiers of two fonds in boxes, one of them digitized, two repository rooms."""
    from decimal import Decimal

    from luutru.archive.tests.conftest import make_dossier
    from luutru.digitization.models import Batch, Digitized
    from luutru.holdings.models import Box, Inventory, Location, PaperDossier

    w = world
    for n, (year, medium, status) in enumerate(
        [(2024, "electronic", "open"), (2025, "mixed", "open"), (2025, "paper", "destroyed")]
    ):
        d = make_dossier(
            w.office,
            w.official,
            notation=f"{n + 1:02}.VP",
            title=f"Hồ sơ {n + 1}",
            status=DossierStatus.OPEN,
            end_date=dt.date(year, 6, 1),
            documents=0,
        )
        type(d).objects.filter(pk=d.pk).update(medium=medium, status=status)
    room = Location.objects.create(keeper=w.province, kind=Location.Kind.ROOM, name="1")
    Location.objects.create(keeper=w.province, parent=room, kind=Location.Kind.SHELF, name="A")
    Location.objects.create(keeper=w.province, kind=Location.Kind.ROOM, name="2")
    office = Inventory.objects.create(fonds=w.office.fonds, number=1)
    boxes = [
        Box.objects.create(inventory=office, number=n, width_cm=Decimal(width))
        for n, width in ((1, "10"), (2, "12"))
    ]
    rows = [
        (w.office, office, boxes[0], {"year": 1998}),
        (w.office, office, boxes[0], {"year": 1998}),
        (w.office, office, boxes[1], {"end_date": dt.date(1999, 5, 2)}),
        (w.office, office, boxes[1], {}),
    ]
    district = Inventory.objects.create(fonds=w.district.fonds, number=1)
    rows.append((w.district, district, None, {"start_date": dt.date(1998, 1, 5)}))
    paper = [
        PaperDossier.objects.create(org=org, inventory=inv, box=box, number=n, title=f"HS {n}", **f)
        for n, (org, inv, box, f) in enumerate(rows, start=1)
    ]
    batch = Batch.objects.create(inventory=office, opened_by=w.archivist)
    Digitized.objects.create(dossier=paper[0], batch=batch, pages=3, by=w.archivist)
    return w


@pytest.mark.django_db
def test_holdings_are_counted_by_medium_year_and_fonds(holdings):
    w = holdings
    h = queries.statistics()["holdings"]
    zero = {"electronic": 0, "paper": 0, "mixed": 0, "digitized": 0}
    assert h["dossiers_by_medium"] == {
        "electronic": 1, "paper": 5, "mixed": 1, "digitized": 1, "total": 7,
    }  # fmt: skip
    assert h["by_year"] == {
        "1998": {**zero, "paper": 3, "digitized": 1},
        "1999": {**zero, "paper": 1},
        "2024": {**zero, "electronic": 1},
        "2025": {**zero, "mixed": 1},  # the destroyed dossier is no longer held
        "unknown": {**zero, "paper": 1},
    }
    office = h["by_fonds"][w.office.fonds.code]
    assert office["dossiers"] == {"electronic": 1, "paper": 4, "mixed": 1, "digitized": 1}
    assert (office["boxes"], office["metres"]) == (2, 0.22)
    assert h["by_fonds"][w.district.fonds.code]["dossiers"] == {**zero, "paper": 1}
    assert (h["boxes"], h["metres"], h["rooms"]) == (2, 0.22, 2)
    assert h["rooms_by_keeper"] == {w.province.code: 2}
    # Within one body only: its own dossiers, boxes and rooms.
    mine = queries.statistics(orgs=[w.office])["holdings"]
    assert mine["dossiers_by_medium"]["paper"] == 4 and mine["rooms"] == 0


@pytest.mark.django_db
def test_stats_prints_the_holdings_in_json_and_in_vietnamese(holdings):
    out = io.StringIO()
    call_command("stats", "--json", stdout=out)
    assert json.loads(out.getvalue())["holdings"]["dossiers_by_medium"]["digitized"] == 1
    out = io.StringIO()
    call_command("stats", stdout=out)
    text = out.getvalue()
    assert "Hồ sơ theo loại, kho tàng" in text and "Mét giá tài liệu" in text
    assert holdings.office.fonds.code in text and "Không rõ" in text
