"""Lists: due dossiers, deposits awaiting acceptance, holdings – always through the policy."""

from __future__ import annotations

import datetime as dt

import pytest

from luutru.archive.queries import (
    deposits_awaiting_acceptance,
    deposits_visible_to,
    dossiers_due_for_deposit,
    holdings,
)
from luutru.archive.services import accept_deposit, create_deposit, submit_deposit
from luutru.archive.tests.conftest import make_dossier

pytestmark = pytest.mark.django_db


def test_due_list_sorts_soonest_first_and_flags_overdue_and_soon(world):
    late = make_dossier(
        world.office,
        world.official,
        notation="01.VP",
        title="Cũ",
        years=None,
        end_date=dt.date(2024, 3, 1),
    )
    soon = make_dossier(
        world.office,
        world.official,
        notation="02.VP",
        title="Sắp",
        years=10,
        end_date=dt.date(2024, 12, 20),
    )
    later = make_dossier(
        world.office,
        world.official,
        notation="03.VP",
        title="Còn lâu",
        years=10,
        end_date=dt.date(2025, 6, 1),
    )
    make_dossier(world.office, world.official, notation="04.VP", title="Ngắn hạn", years=2)
    rows = dossiers_due_for_deposit(world.official, today=dt.date(2025, 12, 1))
    assert [r.dossier.pk for r in rows] == [late.pk, soon.pk, later.pk]
    assert [r.state_label for r in rows] == ["quá hạn nộp lưu", "sắp đến hạn", "chưa đến hạn"]
    assert rows[1].due == dt.date(2025, 12, 20)
    # in a draft deposit: still due (the archive has not received it), not selectable again
    dep = create_deposit(world.official, world.office, [late])
    rows = dossiers_due_for_deposit(world.official, dt.date(2025, 12, 1))
    assert [(r.dossier.pk, r.in_draft, r.selectable) for r in rows] == [
        (late.pk, True, False),
        (soon.pk, False, True),
        (later.pk, False, True),
    ]
    # sent to the archive: no longer listed
    submit_deposit(world.official, dep)
    assert [
        r.dossier.pk for r in dossiers_due_for_deposit(world.official, dt.date(2025, 12, 1))
    ] == [soon.pk, later.pk]


def test_due_list_never_shows_other_bodies_dossiers(world):
    make_dossier(
        world.board, world.board_official, notation="01.BTC", title="Ban Tổ chức", years=None
    )
    assert dossiers_due_for_deposit(world.official) == []
    assert len(dossiers_due_for_deposit(world.board_official)) == 1


def test_awaiting_acceptance_only_for_the_archivists_of_the_receiving_archive(world):
    d = make_dossier(world.office, world.official, notation="01.VP", title="A", years=None)
    dep = create_deposit(world.official, world.office, [d])
    assert list(deposits_awaiting_acceptance(world.archivist)) == []  # still a draft
    submit_deposit(world.official, dep)
    assert list(deposits_awaiting_acceptance(world.archivist)) == [dep]
    assert list(deposits_awaiting_acceptance(world.head)) == []
    assert list(deposits_awaiting_acceptance(world.official)) == []
    assert list(deposits_visible_to(world.board_official)) == []
    assert list(deposits_visible_to(world.official2)) == [dep]
    accept_deposit(world.archivist, dep)
    assert list(deposits_awaiting_acceptance(world.archivist)) == []
    assert list(holdings(world.reader)) == [d]
    assert list(holdings(world.board_official)) == []
