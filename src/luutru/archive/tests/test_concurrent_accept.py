"""Two archivists press "Tiếp nhận" on the same deposit at the same moment.

Each thread has its own database connection. On PostgreSQL the threads use the
test database; on SQLite the in-memory test database (shared cache, which
refuses concurrent writers outright) is copied to a file first, so the threads
meet the real embedded set-up: a WAL file database with BEGIN IMMEDIATE.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

from luutru.archive.models import Deposit, HandoverRecord
from luutru.archive.services import accept_deposit, create_deposit, submit_deposit
from luutru.archive.tests.conftest import make_dossier
from luutru.audit.models import Event
from luutru.audit.services import verify
from luutru.core.errors import RuleViolation
from luutru.filing.models import Dossier, DossierStatus
from luutru.testing import build_world


def _file_copy_of_memory_db(tmp_path) -> str | None:
    """Copy SQLite's in-memory test database to a file; None on other databases."""
    db = connections[DEFAULT_DB_ALIAS]  # the wrapper itself: the proxy is no SQLiteWrapper
    if not isinstance(db, SQLiteWrapper) or not db.is_in_memory_db():
        return None
    path = str(tmp_path / "accept.sqlite3")
    db.ensure_connection()
    target = sqlite3.connect(path)
    db.connection.backup(target)
    target.close()
    return path


def _in_thread(db_name, fn, results, key, barrier=None):
    """Run ``fn`` in a thread with its own connection (to ``db_name`` when given)."""

    def run():
        conn = connections["default"]
        if db_name:
            conn.settings_dict = {**conn.settings_dict, "NAME": db_name}
        try:
            if barrier is not None:
                barrier.wait(timeout=10)
            results[key] = fn()
        except RuleViolation as e:
            results[key] = e.messages
        except Exception as e:  # reported by the assertions
            results[key] = repr(e)
        finally:
            conn.close()

    return threading.Thread(target=run)


def _run(db_name, fn):
    results: dict = {}
    t = _in_thread(db_name, fn, results, "r")
    t.start()
    t.join(timeout=60)
    return results["r"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_archivists_accepting_at_once_exactly_one_succeeds(tmp_path):
    db_name = _file_copy_of_memory_db(tmp_path)

    def setup():
        w = build_world()
        dossiers = [
            make_dossier(w.office, w.official, notation=f"0{n}.VP", title=f"Hồ sơ {n}", years=None)
            for n in (1, 2)
        ]
        deposit = create_deposit(w.official, w.office, dossiers)
        submit_deposit(w.official, deposit)
        return w, deposit, [d.pk for d in dossiers]

    setup_result = _run(db_name, setup)
    assert isinstance(setup_result, tuple), setup_result
    w, deposit, dossier_ids = setup_result

    barrier = threading.Barrier(2)
    results: dict = {}

    def accept_as(user):
        def fn():
            accept_deposit(user, Deposit.objects.get(pk=deposit.pk))
            return "ok"

        return fn

    threads = [
        _in_thread(db_name, accept_as(w.archivist), results, "a", barrier),
        _in_thread(db_name, accept_as(w.archivist2), results, "b", barrier),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)

    assert sorted(results) == ["a", "b"], results
    winners = [k for k, v in results.items() if v == "ok"]
    assert len(winners) == 1, results
    loser = results["b" if winners == ["a"] else "a"]
    assert isinstance(loser, list) and len(loser) == 1, results
    winner_name = "Vũ Thị Giang" if winners == ["a"] else "Đỗ Văn Hải"
    assert loser[0].startswith(f"Đợt nộp lưu này đã được {winner_name} tiếp nhận lúc "), loser

    def state():
        dep = Deposit.objects.get(pk=deposit.pk)
        return {
            "status": dep.status,
            "decided_by": dep.decided_by_id,
            "handovers": HandoverRecord.objects.filter(deposit=dep).count(),
            "accept_events": Event.objects.filter(
                action="deposit.accept", object_id=str(dep.pk)
            ).count(),
            "archive_events": Event.objects.filter(action="dossier.archive").count(),
            "dossiers": set(
                Dossier.objects.filter(pk__in=dossier_ids).values_list("status", flat=True)
            ),
            "chain_ok": verify().ok,
        }

    winner = w.archivist if winners == ["a"] else w.archivist2
    assert _run(db_name, state) == {
        "status": Deposit.Status.ACCEPTED,
        "decided_by": winner.pk,
        "handovers": 1,
        "accept_events": 1,
        "archive_events": 2,
        "dossiers": {DossierStatus.ARCHIVED},
        "chain_ok": True,
    }
