"""Change a rule value in a profile (as the administrator does, through
``rules.services``) and see every screen and figure that uses it follow (issue 9:
each rule is defined once, in ``rules.book``; every other app asks it).

- deposit delay: the dossier page's deposit date, the archive's due list, the
  deadlines list, the compliance figures (overdue now);
- deposit minimum: the same four (a dossier below the minimum is not deposited);
- keep-back maximum: the keep-back request page's latest date, and the refusal;
- reminder days: "sắp đến hạn" in the archive's list and the deadlines list;
- plan deadline: the deadlines list's plan item, the compliance plan figures;
- number style: the symbol the registry's upload form suggests, and the check.

Dates are relative to today, so the test means the same on any day.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from luutru.archive.tests.conftest import make_dossier
from luutru.compliance.figures import org_figures
from luutru.compliance.refresh import refresh_facts
from luutru.filing.models import FilePlan
from luutru.registry.services import validate_metadata
from luutru.registry.tests.files import metadata_for
from luutru.rules import services as rules_services
from luutru.rules.book import add_months, rulebook
from luutru.rules.models import RuleProfile
from luutru.testing import PASSWORD

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def change_rule(org, **changes) -> None:
    """Change the profile in force for ``org`` today, as the admin screen does."""
    profile = RuleProfile.objects.get(pk=rulebook().profile(org).pk)
    rules_services.change_rule_profile(None, profile, **changes)


def page(client, user, url: str) -> str:
    client.logout()
    assert client.login(username=user.username, password=PASSWORD)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def dmy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def figures(org):
    refresh_facts()  # the compliance facts, as the worker refreshes them after a change
    return org_figures([org.pk], on=TODAY)


@pytest.fixture
def overdue(world):
    """A closed 10-year dossier whose work ended 400 days ago: due 12 months after,
    so about a month overdue under the default rules."""
    end = TODAY - dt.timedelta(days=400)
    d = make_dossier(
        world.office, world.official, notation="01.VP", title="Hồ sơ quá hạn", end_date=end
    )
    return d


def due_of(d, months: int) -> dt.date:
    return add_months(d.end_date, months)


# ---------------------------------------------------------------- deposit delay


def test_deposit_delay_moves_every_deposit_date(client, world, overdue):
    old, new = due_of(overdue, 12), due_of(overdue, 24)
    dossier_url = reverse("filing:dossier_detail", args=[overdue.pk])
    assert dmy(old) in page(client, world.official, dossier_url)
    assert dmy(old) in page(client, world.official, reverse("archive:index"))
    assert dmy(old) in page(client, world.official, reverse("deadlines:mine"))
    assert figures(world.office).overdue_now == 1

    change_rule(world.office, deposit_delay_months=24)

    dossier_page = page(client, world.official, dossier_url)
    assert dmy(new) in dossier_page and dmy(old) not in dossier_page
    assert "Quá hạn nộp lưu" not in dossier_page
    archive_page = page(client, world.official, reverse("archive:index"))
    assert dmy(new) in archive_page and dmy(old) not in archive_page
    deadlines_page = page(client, world.official, reverse("deadlines:mine"))
    assert dmy(new) in deadlines_page and dmy(old) not in deadlines_page
    assert figures(world.office).overdue_now == 0


# ---------------------------------------------------------------- deposit minimum


def test_deposit_minimum_decides_what_is_deposited_everywhere(client, world, overdue):
    due = dmy(due_of(overdue, 12))
    before = figures(world.office)
    assert before.deposit_required == 1 and before.overdue_now == 1

    change_rule(world.office, deposit_min_years=20)  # the dossier keeps 10 years

    dossier_page = page(client, world.official, reverse("filing:dossier_detail", args=[overdue.pk]))
    assert "không phải nộp lưu" in dossier_page and due not in dossier_page
    assert overdue.title not in page(client, world.official, reverse("archive:index"))
    assert overdue.title not in page(client, world.official, reverse("deadlines:mine"))
    after = figures(world.office)
    assert after.deposit_required == 0 and after.overdue_now == 0


# ---------------------------------------------------------------- keep-back maximum


def test_keep_back_maximum_moves_the_latest_date(client, world, overdue):
    url = reverse("archive:keep_back_request", args=[overdue.pk])
    due = due_of(overdue, 12)
    assert dmy(add_months(due, 24)) in page(client, world.official, url)

    change_rule(world.office, keep_back_max_years=1)

    assert dmy(add_months(due, 12)) in page(client, world.official, url)
    assert rulebook().keep_back_limit(world.office, overdue.end_date) == add_months(due, 12)


# ---------------------------------------------------------------- reminder days


def test_reminder_days_decide_what_is_due_soon(client, world):
    due = TODAY + dt.timedelta(days=10)
    soon = make_dossier(
        world.office,
        world.official,
        notation="07.VP",
        title="Công văn trao đổi năm nay",
        end_date=add_months(due, -12),
    )
    assert soon.end_date is not None
    archive_page = page(client, world.official, reverse("archive:index"))
    assert "sắp đến hạn" in archive_page
    assert 'class="due-soon"' in page(client, world.official, reverse("deadlines:mine"))

    change_rule(world.office, reminder_days=5)

    archive_page = page(client, world.official, reverse("archive:index"))
    assert "sắp đến hạn" not in archive_page and "chưa đến hạn" in archive_page
    deadlines_page = page(client, world.official, reverse("deadlines:mine"))
    assert 'class="due-soon"' not in deadlines_page and 'class="due-later"' in deadlines_page


# ---------------------------------------------------------------- plan deadline


def test_plan_deadline_moves_the_plan_item_and_the_plan_figures(client, world):
    year = TODAY.year
    # Last year's plan, issued on 15 February: late against 31 January.
    FilePlan.objects.create(
        org=world.office,
        year=year - 1,
        state=FilePlan.State.ISSUED,
        decision_date=dt.date(year - 1, 2, 15),
    )
    refresh_facts()
    before = org_figures([world.office.pk], on=TODAY, year=year - 1)
    assert before.plans_late == 1 and before.plan_issued_on_time == 0
    # This year's plan (none yet): due 31 January, shown to the head.
    head_page = page(client, world.head, reverse("deadlines:mine"))
    assert dmy(dt.date(year, 1, 31)) in head_page

    change_rule(world.office, plan_deadline_month=12, plan_deadline_day=31)

    refresh_facts()
    after = org_figures([world.office.pk], on=TODAY, year=year - 1)
    assert after.plans_late == 0 and after.plan_issued_on_time == 1
    head_page = page(client, world.head, reverse("deadlines:mine"))
    assert dmy(dt.date(year, 12, 31)) in head_page
    assert dmy(dt.date(year, 1, 31)) not in head_page


# ---------------------------------------------------------------- number style


def test_number_style_changes_the_suggested_symbol_and_the_check(client, world):
    url = reverse("registry:create") + f"?org={world.office.pk}"
    assert 'placeholder="12-NQ/TU"' in page(client, world.official, url)
    data = metadata_for(world.office, type_abbrev="CV", symbol="5-CV/VPTU")
    _, failures, _ = validate_metadata(world.official, world.office, data)
    assert failures == []

    change_rule(world.office, number_style="state")

    assert 'placeholder="12/QĐ-UBND"' in page(client, world.official, url)
    _, failures, _ = validate_metadata(world.official, world.office, data)
    assert failures  # a Party-style symbol no longer fits the body's rules
    data = metadata_for(world.office, type_abbrev="CV", symbol="5/CV-VPTU")
    _, failures, _ = validate_metadata(world.official, world.office, data)
    assert failures == []
