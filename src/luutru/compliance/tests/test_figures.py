"""Figures per organization and subtree, on a date, derived from the records."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from luutru.archive import services as archive
from luutru.compliance import figures
from luutru.compliance.figures import FigureError, org_figures, rollup
from luutru.compliance.models import DossierFacts, Problem
from luutru.compliance.refresh import rebuild_all, refresh_facts
from luutru.compliance.tests.conftest import TODAY, closed_dossier
from luutru.filing import services as filing
from luutru.orgs.services import dissolve_org, reattach_org
from luutru.rules.queries import profile_for


@pytest.mark.django_db
def test_overdue_figure_matches_the_overdue_list_of_queries(records):
    from luutru.compliance import queries

    f = org_figures([records.office.pk], on=TODAY)
    assert f.overdue_now == len(queries.overdue_dossiers()) == 1
    later = records.kept.kept_back_until + dt.timedelta(days=1)
    assert org_figures(None, on=TODAY).overdue_now == 1
    # A keep-back that has ended makes its dossier overdue again (same rule as queries).
    assert later > TODAY  # so it cannot be asked yet: the future is refused
    with pytest.raises(FigureError, match="tương lai"):
        org_figures(None, on=later)


@pytest.mark.django_db
def test_deposits_on_time_and_late_and_holdings(records):
    f = org_figures([records.office.pk], on=TODAY, year=2023)
    # The 2023 dossier deposited today, due 10/03/2024: late.
    assert f.deposited_late == 1 and f.deposited_on_time == 0
    assert f.holdings_dossiers == 1
    assert f.dossiers_opened == 3 and f.dossiers_closed == 3
    # The 2-year dossier needs no deposit.
    assert f.deposit_required == 2
    on_time = closed_dossier(
        records.official, records.office, "07.VP", TODAY - dt.timedelta(days=20)
    )
    dep = archive.create_deposit(records.official, records.office, [on_time])
    archive.accept_deposit(records.archivist, archive.submit_deposit(records.official, dep))
    refresh_facts()
    f = org_figures([records.office.pk], on=TODAY, year=TODAY.year)
    assert f.deposited_on_time == 1


@pytest.mark.django_db
def test_a_change_to_the_records_shows_in_the_next_figure(records):
    before = org_figures([records.office.pk], on=TODAY)
    dep = archive.create_deposit(records.official, records.office, [records.overdue])
    archive.submit_deposit(records.official, dep)
    refresh_facts()  # what the worker does after the commit
    after = org_figures([records.office.pk], on=TODAY)
    assert before.overdue_now == 1 and after.overdue_now == 0
    # Asked for yesterday, it was still overdue (handed over today), and so was
    # the other 2023 dossier, deposited today too.
    yesterday = org_figures([records.office.pk], on=TODAY - dt.timedelta(days=1), year=2023)
    assert yesterday.overdue_now == 2
    assert yesterday.deposited_late == 0 and yesterday.holdings_dossiers == 0


@pytest.mark.django_db
def test_a_changed_deposit_delay_in_the_rules_changes_the_figures(records):
    assert org_figures(None, on=TODAY).overdue_now == 1
    profile = profile_for(records.office)
    profile.deposit_delay_months = 60
    profile.save()
    refresh_facts()
    assert org_figures(None, on=TODAY).overdue_now == 0


@pytest.mark.django_db
def test_quality_problems_are_found_in_dossiers(records):
    empty = filing.open_dossier(
        records.official,
        records.office,
        title="Hồ sơ chưa có văn bản",
        file_notation="09.VP",
        retention=records.kept.retention,
        creator=records.official.person,
        start_date=TODAY - dt.timedelta(days=3),
        year=TODAY.year,
    )
    refresh_facts()
    assert DossierFacts.objects.get(dossier=empty).problems & Problem.EMPTY
    f = org_figures([records.office.pk], on=TODAY, year=TODAY.year)
    assert f.quality_empty >= 1 and f.quality_problems >= 1


@pytest.mark.django_db
def test_plan_issued_on_time_late_and_missing(world):
    year = TODAY.year - 1
    plan = filing.create_plan(world.official, world.office, year)
    heading = filing.add_heading(world.official, plan, title="Tổng hợp", abbrev="TH")
    filing.add_item(
        world.official,
        plan,
        heading,
        title="Hồ sơ thử",
        retention=closed_dossier.__globals__["_retention"](world.office, 10),
        creator=world.official.person,
    )
    filing.approve_plan(world.head, plan)
    filing.issue_plan(
        world.head, plan, decision_number="01-QĐ/VPTU", decision_date=dt.date(year, 1, 20)
    )
    refresh_facts()
    f = org_figures([world.office.pk], on=TODAY, year=year)
    assert (f.plan_issued_on_time, f.plans_late, f.plans_missing) == (1, 0, 0)
    assert f.plan_items == 1 and f.plan_items_opened == 0
    others = org_figures([world.board.pk, world.province.pk], on=TODAY, year=year)
    assert others.plans_missing == 2 and others.plans_due == 2
    # Before the deadline of that year had passed, nothing was missing yet.
    early = org_figures([world.board.pk], on=dt.date(year, 1, 15), year=year)
    assert early.plans_missing == 0


@pytest.mark.django_db
def test_the_tree_on_a_date_follows_the_reorganization(records):
    w = records
    commune_dossier = closed_dossier(w.district_official, w.district, "01.HU", dt.date(2023, 5, 1))
    assert commune_dossier.org == w.district
    dissolve_org(None, w.district, dt.date(2025, 6, 30), successor=w.province)
    reattach_org(None, w.commune, w.province, dt.date(2025, 7, 1))
    refresh_facts()
    before = rollup(w.province, on=dt.date(2025, 6, 1), year=2023)
    after = rollup(w.province, on=dt.date(2025, 8, 1), year=2023)
    assert w.commune.pk in before.children[w.district.pk]
    assert w.commune.pk in after.children[w.province.pk]
    # The dissolved district stays in the tree under its last parent, figures intact.
    assert after.dissolved(w.district.pk) and w.district.pk in after.children[w.province.pk]
    assert after.total[w.district.pk].dossiers_opened == 1
    for tree in (before, after):
        parts = figures.Figures()
        for f in tree.own.values():
            parts = parts + f
        assert tree.total[w.province.pk] == parts


@pytest.mark.django_db
def test_bad_questions_get_vietnamese_refusals(world):
    with pytest.raises(FigureError, match="chưa tồn tại"):
        rollup(world.province, on=dt.date(2014, 12, 31))
    with pytest.raises(FigureError, match="tương lai"):
        org_figures(None, on=TODAY + dt.timedelta(days=1))
    with pytest.raises(FigureError, match="Năm"):
        org_figures(None, on=dt.date(2020, 5, 1), year=2021)


@pytest.mark.django_db
def test_rebuild_all_gives_the_same_figures_as_incremental_updates(records):
    incremental = org_figures(None, on=TODAY)
    cache.clear()
    rebuild_all()
    assert org_figures(None, on=TODAY) == incremental


@pytest.mark.django_db
def test_a_cited_document_missing_from_the_dossier_is_a_quality_problem(records):
    from luutru.capture.models import ImportBatch, ImportItem

    dossier = records.recent
    doc = dossier.items.first().document
    batch = ImportBatch.objects.create(org=records.office, created_by=records.clerk)
    item = ImportItem.objects.create(
        batch=batch,
        name="cv.pdf",
        document=doc,
        parsed={"cited": {"value": ["35-CT/TW"], "confidence": 0.95}},
    )
    rebuild_all()
    assert DossierFacts.objects.get(dossier=dossier).problems & Problem.CITED_MISSING
    f = org_figures([records.office.pk], on=TODAY, year=TODAY.year)
    assert f.quality_cited_missing == 1
    # Citing a document that is in the dossier (its own number, "Số" and spaces aside) is fine.
    item.parsed = {"cited": {"value": [f"Số {doc.code_number} - {doc.code_notation}"]}}
    item.save()
    cache.clear()
    rebuild_all()
    assert not DossierFacts.objects.get(dossier=dossier).problems & Problem.CITED_MISSING


@pytest.mark.django_db
def test_the_rebuild_command_derives_the_facts_from_the_records(records):
    import io

    from django.core.management import call_command

    DossierFacts.objects.all().delete()
    out = io.StringIO()
    call_command("compliance_facts", "--rebuild", stdout=out)
    assert "Số liệu tuân thủ đã cập nhật" in out.getvalue()
    assert DossierFacts.objects.count() == 6
