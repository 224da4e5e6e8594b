"""Reads of the filing app, through the access policy."""

import datetime as dt

from luutru.filing import deposit, queries, services
from luutru.filing.models import Dossier

from .conftest import build_plan, make_document, retention


def test_dossiers_are_visible_by_org_scope_and_holdings(world, issued_plan):
    d = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))

    def sees(user):
        return queries.dossiers_visible_to(user).filter(pk=d.pk).exists()

    assert (
        sees(world.official)
        and sees(world.official2)
        and sees(world.head)
        and sees(world.archivist)
    )
    assert not sees(world.board_official) and not sees(world.reader) and not sees(world.admin)
    Dossier.objects.filter(pk=d.pk).update(status="archived")
    assert sees(world.reader)


def test_my_open_dossiers(world, issued_plan):
    mine = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    theirs = services.open_dossier_from_plan(world.official2, issued_plan.items.get(code="03.TC"))
    # 02.VP names canbo as creator in the plan, though canbo2 opens it
    named = services.open_dossier_from_plan(world.official2, issued_plan.items.get(code="02.VP"))
    assert set(queries.my_open_dossiers(world.official)) == {mine, named}
    assert set(queries.my_open_dossiers(world.official2)) == {theirs, named}
    Dossier.objects.filter(pk=mine.pk).update(status="closed")
    assert set(queries.my_open_dossiers(world.official)) == {named}


def test_plans_awaiting_approval_are_drafts_with_items_where_the_user_is_head(world):
    draft = build_plan(world, 2026)
    services.create_plan(world.clerk, world.office, 2027)  # empty: not awaiting
    build_plan(world, 2025, issue=True)
    assert list(queries.plans_awaiting_approval(world.head)) == [draft]
    assert not queries.plans_awaiting_approval(world.official).exists()


def test_plans_visible_to(world, plan):
    assert queries.plans_visible_to(world.official).filter(pk=plan.pk).exists()
    assert not queries.plans_visible_to(world.board_official).filter(pk=plan.pk).exists()
    assert queries.plans_visible_to(world.inspector).filter(pk=plan.pk).exists()


def test_unfiled_plan_items(world, issued_plan):
    services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    assert list(queries.unfiled_plan_items(issued_plan).values_list("code", flat=True)) == [
        "02.VP",
        "03.TC",
    ]


def test_deposit_due_date_and_overdue_come_from_the_rules(world, issued_plan):
    from luutru.rules.models import RuleProfile

    d = services.open_dossier_from_plan(world.official, issued_plan.items.get(code="01.VP"))
    assert deposit.deposit_due(d) is None
    services.add_document_to_dossier(world.official, d, make_document(world.official, world.office))
    services.close_dossier(world.official, d, end_date=dt.date(2025, 2, 4), confirm_retention=True)
    d.refresh_from_db()
    assert deposit.deposit_due(d) == dt.date(2026, 2, 4)
    assert not deposit.is_overdue(d, dt.date(2026, 2, 4))
    assert deposit.is_overdue(d, dt.date(2026, 2, 5))
    RuleProfile.objects.filter(code="party-2018").update(deposit_delay_months=24)
    assert deposit.deposit_due(d) == dt.date(2027, 2, 4)
    Dossier.objects.filter(pk=d.pk).update(status="archived")
    d.refresh_from_db()
    assert not deposit.is_overdue(d, dt.date(2030, 1, 1))


def test_short_retention_dossiers_have_no_deposit_date(world):
    d = services.open_dossier(
        world.official,
        world.office,
        title="Ngắn hạn",
        file_notation="50.VP",
        retention=retention("years", 2),
        creator=world.official.person,
        start_date=dt.date(2025, 1, 2),
    )
    Dossier.objects.filter(pk=d.pk).update(end_date=dt.date(2025, 3, 1), status="closed")
    d.refresh_from_db()
    assert deposit.deposit_due(d) is None and not deposit.is_overdue(d, dt.date(2030, 1, 1))
