"""Background task rows of a killed worker do not stay RUNNING (issue 8 item 22).

``luutru worker`` names its workers by host and process id; on start (and
periodically) it settles every RUNNING row whose worker is gone, by what our
own records say: the item finished → succeeded; unfinished → queued again.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from luutru.capture import pipeline, services
from luutru.capture.bundle import Incoming
from luutru.capture.models import ImportItem, ItemState
from luutru.capture.tasks import settle_orphaned_tasks, worker_id
from luutru.capture.tests.files import make_party_letter
from luutru.search.models import PendingIndex

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _no_work_queued_by_the_world(world):
    """Building the world queues other apps' work (compliance refreshes its facts
    when records change); these tests are about the rows capture queues."""
    DBTaskResult.objects.all().delete()


def _dead_worker() -> str:
    """The worker id a ``luutru worker`` process had before it was killed."""
    code = "from luutru.capture.workers import worker_id; print(worker_id())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _batch(world, n: int):
    batch = services.start_batch(None, world.province)
    services.add_files(
        batch,
        [
            Incoming(f"{i}.pdf", 1, data=make_party_letter(number=f"{i}-NQ/TU"))
            for i in range(1, n + 1)
        ],
    )
    services.seal(batch)
    services.enqueue(batch)
    return batch


def _claim_all(worker: str) -> list[DBTaskResult]:
    rows = list(DBTaskResult.objects.filter(status="READY"))
    for row in rows:
        row.claim(worker)  # what db_worker does before it runs a task
    return rows


def test_rows_of_a_killed_worker_are_settled_by_what_the_records_say(world):
    batch = _batch(world, 2)
    first, second = batch.items.order_by("pk")
    rows = {r.args_kwargs["args"][0]: r for r in _claim_all(_dead_worker())}
    # The worker finished the first item (its row still says RUNNING), was
    # killed inside the second.
    assert pipeline.process_item(first.pk) == ItemState.DONE
    ImportItem.objects.filter(pk=second.pk).update(
        state=ItemState.RUNNING, owner=_dead_worker(), attempts=1
    )

    assert settle_orphaned_tasks() == 2
    done, again = (DBTaskResult.objects.get(pk=rows[i.pk].pk) for i in (first, second))
    assert done.status == "SUCCESSFUL" and done.return_value == ItemState.DONE
    assert again.status == "READY" and again.started_at is None
    assert not DBTaskResult.objects.filter(status="RUNNING").exists()


def test_rows_of_a_live_worker_are_left_alone(world):
    _batch(world, 1)
    _claim_all(worker_id())  # this very process: alive
    assert settle_orphaned_tasks() == 0
    assert DBTaskResult.objects.filter(status="RUNNING").count() == 1


def test_a_search_drain_of_a_killed_worker_succeeds_when_nothing_is_pending(world):
    from luutru.search.tasks import drain_index

    drain_index.enqueue()
    PendingIndex.objects.all().delete()
    _claim_all(_dead_worker())
    settle_orphaned_tasks()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) <= {"SUCCESSFUL"}


def test_worker_start_settles_and_finishes_the_work(world):
    batch = _batch(world, 2)
    _claim_all(_dead_worker())
    call_command("worker", processes=1, batch=True, interval=0, verbosity=0)
    assert not DBTaskResult.objects.filter(status__in=["RUNNING", "READY"]).exists()
    assert set(batch.items.values_list("state", flat=True)) == {ItemState.DONE}
    # One task row per item: settling requeued the old rows, it made no new ones.
    assert DBTaskResult.objects.filter(task_path__startswith="luutru.capture").count() == 2


def test_a_running_worker_settles_rows_of_one_that_died_meanwhile(world):
    from luutru.capture.management.commands.worker import _start_checks

    _batch(world, 1)
    _claim_all(_dead_worker())  # a second worker, killed after this one started
    stop = _start_checks(0.05)
    try:
        deadline = time.monotonic() + 30
        while DBTaskResult.objects.filter(status="RUNNING").exists():
            assert time.monotonic() < deadline, "the periodic check never settled the row"
            time.sleep(0.05)
    finally:
        stop.set()
    assert DBTaskResult.objects.get().status == "READY"
