"""Number series: per issuer × type × term (Party) or issuer × year (State);
numbers run 1..N in each series and are never reused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from luutru.core.errors import RuleViolation
from luutru.orgs.models import Kind, Level, Term
from luutru.orgs.services import create_org, dissolve_org
from luutru.registry.models import NumberSeries
from luutru.registry.services import allocate_number
from luutru.rules.queries import document_types

DAY = dt.date(2025, 3, 1)


@pytest.fixture
def terms(world):
    old = Term.objects.create(
        org=world.province, name="2015–2020", start=dt.date(2015, 10, 1), end=dt.date(2020, 10, 15)
    )
    new = Term.objects.create(org=world.province, name="2020–2025", start=dt.date(2020, 10, 16))
    return old, new


def _type(org, abbrev):
    return document_types(org).filter(abbrev=abbrev).order_by("pk").first()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    choices=st.lists(
        st.sampled_from(["nq_office", "ct_office", "nq_board", "nq_old_term"]), max_size=30
    )
)
def test_allocations_give_1_to_n_per_series_and_scopes_do_not_interfere(world, terms, choices):
    nq, ct = _type(world.office, "NQ"), _type(world.office, "CT")
    where = {
        "nq_office": (world.office, nq, DAY),
        "ct_office": (world.office, ct, DAY),
        "nq_board": (world.board, nq, DAY),
        "nq_old_term": (world.office, nq, dt.date(2018, 5, 1)),
    }
    with transaction.atomic():
        got: dict[str, list[int]] = {k: [] for k in where}
        for c in choices:
            org, doc_type, day = where[c]
            got[c].append(allocate_number(org, doc_type, day))
        for numbers in got.values():
            assert numbers == list(range(1, len(numbers) + 1))
        transaction.set_rollback(True)


def test_quyet_dinh_and_quy_dinh_share_the_qd_series(world, terms):
    """Both are "QĐ" in Party style: two "12-QĐ/TU" must never exist."""
    qd = list(document_types(world.office).filter(abbrev="QĐ"))
    assert len(qd) == 2
    assert allocate_number(world.office, qd[0], DAY) == 1
    assert allocate_number(world.office, qd[1], DAY) == 2


def test_secret_documents_share_the_party_series(world, terms):
    nq = _type(world.office, "NQ")
    assert allocate_number(world.office, nq, DAY) == 1
    assert allocate_number(world.office, nq, DAY, secret=True) == 2


def test_a_body_numbers_within_its_committees_term(world, terms):
    nq = _type(world.office, "NQ")
    allocate_number(world.office, nq, DAY)
    assert NumberSeries.objects.get().scope_key.endswith(f":{terms[1].pk}")


def test_numbering_without_a_term_is_refused(world):
    nq = _type(world.office, "NQ")
    with pytest.raises(RuleViolation) as exc:
        allocate_number(world.office, nq, DAY)
    assert "Chưa khai báo nhiệm kỳ của “Văn phòng Tỉnh ủy”" in exc.value.messages[0]
    assert not NumberSeries.objects.exists()


def test_numbering_in_a_closed_fonds_is_refused(world, terms):
    dissolve_org(None, world.district, dt.date(2025, 6, 30))
    with pytest.raises(RuleViolation, match="đã đóng"):
        allocate_number(world.district, _type(world.district, "NQ"), DAY)
    assert not NumberSeries.objects.exists()


def test_state_series_runs_per_year_with_separate_secret_series(db):
    org = create_org(
        None,
        code="UBND",
        name="Ủy ban nhân dân thử",
        kind=Kind.SOCIO_POLITICAL,
        level=Level.PROVINCE,
        parent=None,
        valid_from=dt.date(2015, 1, 1),
        fonds_system="state",
    )
    qd = _type(org, "QĐ")
    assert [allocate_number(org, qd, dt.date(2024, 5, 1)) for _ in range(3)] == [1, 2, 3]
    assert allocate_number(org, _type(org, "BC"), dt.date(2024, 6, 1)) == 4  # all types, one series
    assert allocate_number(org, qd, dt.date(2025, 1, 2)) == 1  # a new year starts again
    assert allocate_number(org, qd, dt.date(2024, 7, 1), secret=True) == 1
    assert allocate_number(org, qd, dt.date(2024, 7, 2)) == 5


def test_allocations_are_audited(world, terms):
    from luutru.audit.models import Event

    allocate_number(world.office, _type(world.office, "NQ"), DAY)
    event = Event.objects.get(action="number.allocate")
    assert event.after["number"] == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_allocations_never_give_the_same_number():
    """Two app servers numbering at once: the row lock serializes them."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks across connections are tested on PostgreSQL")
    from luutru.testing import build_world

    world = build_world()
    Term.objects.create(org=world.province, name="2020–2025", start=dt.date(2020, 10, 16))
    nq = _type(world.office, "NQ")

    def allocate(_):
        try:
            return allocate_number(world.office, nq, DAY)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = sorted(pool.map(allocate, range(20)))
    assert numbers == list(range(1, 21))
