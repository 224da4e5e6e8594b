"""On the demo province: dissolved districts keep their figures, and totals equal the
sum of their parts on any date (issue 4, "Done when" 1).

The demo (``--small``: every state, fewer documents) is built once for the
module inside a transaction that is rolled back at the end.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luutru.compliance import queries
from luutru.compliance.figures import Figures, org_figures, rollup
from luutru.compliance.refresh import refresh_facts
from luutru.filing.models import Dossier
from luutru.orgs.models import Kind, Organization
from luutru.registry.models import Document
from luutru.rules.defaults import load as load_rule_defaults

TODAY = timezone.localdate()
FIRST = dt.date(2015, 1, 1)  # the demo province is founded that day
BEFORE_REORG, AFTER_REORG = dt.date(2025, 6, 1), dt.date(2025, 8, 1)
# Figures that depend only on the year asked, not on the day.
# The tests read the demo built once by the module fixture below; the mark makes
# pytest-django create the test database even when this module runs alone.
pytestmark = pytest.mark.django_db

YEAR_FIELDS = [
    "dossiers_opened",
    "dossiers_outside_plan",
    "dossiers_closed",
    "deposit_required",
    "kept_back",
    "quality_problems",
    "plan_items",
    "plan_items_opened",
    "documents_in",
    "documents_out",
    "documents_internal",
    "loose_documents",
]


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    blobs = tmp_path_factory.mktemp("blobs")
    fast_hash = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(BLOB_ROOT=blobs, PASSWORD_HASHERS=fast_hash),
    ):
        load_rule_defaults()
        try:
            with transaction.atomic():
                call_command("demo", "--small", stdout=open("/dev/null", "w"))  # noqa: SIM115
                refresh_facts()  # what the worker does after the demo's commits
                yield {"blobs": blobs}
                raise _Rollback
        except _Rollback:
            pass


@pytest.fixture
def demo_db(demo, django_db_blocker, settings):
    settings.BLOB_ROOT = demo["blobs"]
    with django_db_blocker.unblock():
        yield demo


def _province() -> Organization:
    return Organization.objects.get(kind=Kind.PARTY_COMMITTEE)


def _sum(figures) -> Figures:
    total = Figures()
    for f in figures:
        total = total + f
    return total


def test_the_province_dashboard_shows_the_dissolved_districts_with_their_figures(demo_db):
    province = _province()
    districts = list(Organization.objects.filter(kind=Kind.DISTRICT_COMMITTEE))
    assert len(districts) == 14
    before = rollup(province, on=BEFORE_REORG, year=2024)
    after = rollup(province, on=TODAY, year=2024)
    for d in districts:
        assert d.pk in after.children[province.pk] and after.dissolved(d.pk)
        for name in YEAR_FIELDS:
            assert getattr(after.own[d.pk], name) == getattr(before.own[d.pk], name), name
    # The district with records keeps them after 30/06/2025.
    assert sum(after.own[d.pk].dossiers_opened for d in districts) > 0

    client = Client()
    client.force_login(_inspector())
    page = client.get("/tuan-thu/", {"nam": "2024"}).content.decode()
    for d in districts:
        assert d.name in page
    assert page.count("đã kết thúc 30/06/2025") >= 14


def _inspector():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="kiemtra.tu")


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    on=st.dates(min_value=FIRST, max_value=TODAY),
    year_back=st.one_of(st.none(), st.integers(min_value=0, max_value=11)),
)
def test_totals_equal_the_sum_of_the_parts_on_any_date(demo_db, on, year_back):
    year = None if year_back is None else max(on.year - year_back, FIRST.year)
    province = _province()
    tree = rollup(province, on=on, year=year)
    walked = [i for i, _ in tree.walk()]
    # Every body founded by that day appears exactly once.
    assert len(walked) == len(set(walked))
    assert set(walked) == set(
        Organization.objects.filter(valid_from__lte=on).values_list("pk", flat=True)
    )
    # Each node's total is its own figures plus its children's totals, and the
    # province total is the sum of every body's own figures.
    for org_id in walked:
        kids = tree.children.get(org_id, [])
        assert tree.total[org_id] == tree.own[org_id] + _sum(tree.total[k] for k in kids)
    total = tree.total[province.pk]
    assert total == _sum(tree.own.values()) == org_figures(None, on=on, year=year)
    # And the sums agree with counts taken straight from the records.
    dossiers = (
        Dossier.objects.filter(file_catalog__lte=on.year)
        if year is None
        else Dossier.objects.filter(file_catalog=year)
    )
    assert total.dossiers_opened == dossiers.count()
    docs = Document.objects.filter(issued_date__year__lte=on.year)
    if year is not None:
        docs = Document.objects.filter(issued_date__year=year)
    assert total.documents_total == docs.count()
    loose = queries.loose_documents().filter(pk__in=docs.values("pk"))
    assert total.loose_documents == loose.count()


def test_overdue_today_matches_the_overdue_list_of_the_whole_province(demo_db):
    tree = rollup(_province(), on=TODAY, year=None)
    overdue = queries.overdue_dossiers()
    assert tree.total[_province().pk].overdue_now == len(overdue) > 0
    by_org: dict[int, int] = {}
    for o in overdue:
        by_org[o.dossier.org_id] = by_org.get(o.dossier.org_id, 0) + 1
    assert {k: v for k, v in ((i, f.overdue_now) for i, f in tree.own.items()) if v} == by_org


def test_the_reorganization_moves_communes_without_losing_or_doubling(demo_db):
    province = _province()
    before = rollup(province, on=BEFORE_REORG, year=2025)
    after = rollup(province, on=AFTER_REORG, year=2025)
    for name in YEAR_FIELDS:
        assert getattr(before.total[province.pk], name) == getattr(after.total[province.pk], name)
    communes = Organization.objects.filter(kind=Kind.COMMUNE_PARTY)
    assert all(before.orgs[c.pk] for c in communes)
    on_districts = sum(len(before.children.get(d, [])) for d in before.children[province.pk])
    assert on_districts >= communes.count()
