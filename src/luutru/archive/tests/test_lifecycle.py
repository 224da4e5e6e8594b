"""The dossier's life is one state machine: every move goes through
``filing.lifecycle.transition``, is allowed by an edge the owning stage registered,
is audited and announced once; the deposit deadline is one answer."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from luutru.archive import services as archive
from luutru.archive.queries import dossiers_due_for_deposit
from luutru.archive.tests.conftest import make_dossier
from luutru.audit.models import Event
from luutru.core.errors import RuleViolation
from luutru.filing import deposit, lifecycle
from luutru.filing.models import Dossier, DossierStatus
from luutru.filing.services import reopen_dossier
from luutru.filing.signals import dossier_status_changed

pytestmark = pytest.mark.django_db

S = DossierStatus


@pytest.fixture
def moves():
    seen: list[tuple[list[int], str | None, str]] = []

    def receiver(sender, *, dossier_ids, old, new, actor, **kwargs):
        seen.append((sorted(dossier_ids), old, new))

    dossier_status_changed.connect(receiver, dispatch_uid="test-lifecycle-moves")
    yield seen
    dossier_status_changed.disconnect(dispatch_uid="test-lifecycle-moves")


def test_every_move_is_announced_once_with_its_old_and_new_status(world, moves):
    a = make_dossier(world.office, world.official, notation="01.VP", title="Kế hoạch", years=None)
    b = make_dossier(world.office, world.official, notation="02.VP", title="Báo cáo", years=None)
    assert moves == [([a.pk], None, S.OPEN), ([a.pk], S.OPEN, S.CLOSED)] + [
        ([b.pk], None, S.OPEN),
        ([b.pk], S.OPEN, S.CLOSED),
    ]
    moves.clear()
    dep = archive.create_deposit(world.official, world.office, [a, b])
    assert moves == []  # a draft moves nothing
    archive.submit_deposit(world.official, dep)
    assert moves == [([a.pk, b.pk], S.CLOSED, S.SUBMITTED)]
    moves.clear()
    archive.accept_deposit(world.archivist, dep, returns={b.pk: "Thiếu văn bản số 3"})
    assert moves == [([b.pk], S.SUBMITTED, S.RETURNED), ([a.pk], S.SUBMITTED, S.ARCHIVED)]
    moves.clear()
    reopen_dossier(world.official, b, "Bổ sung văn bản số 3")
    assert moves == [([b.pk], S.RETURNED, S.OPEN)]
    # each move is audited by the edge's action, with the status before and after
    events = Event.objects.filter(object_type="dossier", object_id=str(a.pk)).order_by("seq")
    archived = events.get(action="dossier.archive")
    assert archived.before["status"] == S.SUBMITTED and archived.after["status"] == S.ARCHIVED
    assert archived.after["deposit"] == dep.pk


def test_a_move_no_edge_allows_is_refused_and_changes_nothing(world, moves):
    d = make_dossier(
        world.office, world.official, notation="01.VP", title="Kế hoạch", status=S.OPEN
    )
    moves.clear()
    events = Event.objects.count()
    with pytest.raises(RuleViolation) as exc:
        lifecycle.transition(world.archivist, d, "accept")
    assert "Đang lập" in exc.value.messages[0]
    d.refresh_from_db()
    assert d.status == S.OPEN and moves == [] and Event.objects.count() == events


def test_each_stage_registers_its_own_edges():
    owners = {name: e.owner for name, e in lifecycle.edges().items()}
    assert owners["close"] == owners["reopen"] == "filing"
    for name in ("submit", "return", "accept", "keep_back"):
        assert owners[name] == "archive"
    assert lifecycle.edge("accept").sources == {S.SUBMITTED}
    with pytest.raises(Exception, match="registered twice"):
        lifecycle.register(
            "accept", sources={S.CLOSED}, target=S.ARCHIVED, action="x", owner="elsewhere"
        )


def test_a_new_stage_adds_an_edge_without_editing_filing(world, moves):
    """What appraisal will do: register its edge and move dossiers through it."""
    lifecycle.register(
        "test_appraise",
        sources={S.ARCHIVED},
        target=S.DESTROYED,
        action="dossier.test_appraise",
        owner="test",
    )
    try:
        d = make_dossier(
            world.office, world.official, notation="05.VP", title="Hết hạn", status=S.ARCHIVED
        )
        moves.clear()
        lifecycle.transition(world.archivist, d, "test_appraise", after={"council": 1})
        d.refresh_from_db()
        assert d.status == S.DESTROYED and moves == [([d.pk], S.ARCHIVED, S.DESTROYED)]
        assert Event.objects.filter(action="dossier.test_appraise", object_id=str(d.pk)).exists()
    finally:
        lifecycle._EDGES.pop("test_appraise", None)


def test_a_transfer_made_before_the_system_is_recorded_through_the_lifecycle(world, moves):
    d = make_dossier(
        world.office, world.official, notation="06.VP", title="Đại hội", status=S.ARCHIVED
    )
    moves.clear()
    with pytest.raises(RuleViolation):
        archive.record_earlier_disposition(world.archivist, d, S.TRANSFERRED, note="  ")
    archive.record_earlier_disposition(
        world.archivist, d, S.TRANSFERRED, note="Nộp Kho Lưu trữ Tỉnh ủy năm 2021"
    )
    assert Dossier.objects.get(pk=d.pk).status == S.TRANSFERRED
    assert moves == [([d.pk], S.ARCHIVED, S.TRANSFERRED)]
    with pytest.raises(RuleViolation):  # only a dossier of the holdings
        archive.record_earlier_disposition(world.archivist, d, S.DESTROYED, note="Tiêu hủy 2022")


def test_no_code_outside_the_lifecycle_writes_a_dossier_status():
    src = Path(__file__).resolve().parents[2]
    writes = [
        re.compile(r"\.status\s*=\s*DossierStatus\."),
        re.compile(r"Dossier\.objects\b.*\.update\(.*\bstatus\s*="),
    ]
    found = []
    for path in src.rglob("*.py"):
        rel = path.relative_to(src).as_posix()
        if "/tests/" in rel or "/migrations/" in rel or rel == "filing/lifecycle.py":
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(w.search(line) for w in writes):
                found.append(f"{rel}:{n}: {line.strip()}")
    assert found == []


# closed 20/12/2024 → the rules' date 20/12/2025
END = dt.date(2024, 12, 20)


def test_a_kept_back_dossier_is_due_when_its_keep_back_ends_never_before_the_rules_date(world):
    d = make_dossier(world.office, world.official, notation="04.VP", title="Thi đua", years=None)
    Dossier.objects.filter(pk=d.pk).update(status=S.KEPT_BACK, kept_back_until=dt.date(2025, 6, 1))
    d.refresh_from_db()
    # kept back to a day before the rules' date: still due on the rules' date
    assert deposit.deposit_due(d) == dt.date(2025, 12, 20)
    assert not deposit.is_overdue(d, dt.date(2025, 7, 1))
    Dossier.objects.filter(pk=d.pk).update(kept_back_until=dt.date(2026, 6, 1))
    d.refresh_from_db()
    assert deposit.deposit_due(d) == dt.date(2026, 6, 1)
    assert not deposit.is_overdue(d, dt.date(2026, 6, 1))
    assert deposit.is_overdue(d, dt.date(2026, 6, 2))
    # the archive's due list says the same
    row = next(r for r in dossiers_due_for_deposit(world.official, dt.date(2026, 6, 2)))
    assert row.dossier.pk == d.pk and row.due == dt.date(2026, 6, 1) and row.overdue
