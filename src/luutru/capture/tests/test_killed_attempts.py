"""A worker killed mid-item is a retry, not a failure (issue 8 item 20).

``attempts`` counts claims, ``errors`` the attempts that ended in an error; only
errors make an item fail. A file that kills its worker every time still ends,
after many claims, with a reason saying the process was stopped repeatedly.
"""

from __future__ import annotations

import socket
import subprocess
import sys

from django.utils import timezone

from luutru.capture import pipeline, services
from luutru.capture.bundle import Incoming
from luutru.capture.models import ImportItem, ItemState
from luutru.capture.tests.files import make_party_letter
from luutru.registry.tests.files import make_pdf


def _dead_owner() -> str:
    """The owner name of a process that ran and is gone (as after ``kill -9``)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return f"{socket.gethostname()}:{child.pid}"


def _item(world, data: bytes, name: str = "a.pdf") -> ImportItem:
    batch = services.start_batch(None, world.province)
    services.add_files(batch, [Incoming(name, len(data), data=data)])
    services.seal(batch)
    return batch.items.get()


def _killed(item: ImportItem, times: int) -> None:
    """As if ``times`` workers had claimed the item and each been killed in it."""
    ImportItem.objects.filter(pk=item.pk).update(
        state=ItemState.RUNNING,
        owner=_dead_owner(),
        lease_until=timezone.now() + pipeline.LEASE,
        attempts=times,
    )


def test_a_good_scan_killed_three_times_still_ends_done(world):
    item = _item(world, make_party_letter())
    _killed(item, 3)
    assert pipeline.process_item(item.pk) == ItemState.DONE
    item.refresh_from_db()
    assert item.state == ItemState.DONE and item.document_id is not None
    assert item.attempts == 4 and item.errors == 0
    assert "Đã thử" not in item.reason


def test_an_expired_lease_is_a_retry_not_an_error(world):
    item = _item(world, make_party_letter(number="13-NQ/TU"))
    ImportItem.objects.filter(pk=item.pk).update(
        state=ItemState.RUNNING,
        owner="may-khac:1",  # another machine: only its lease says it is gone
        lease_until=timezone.now() - pipeline.LEASE,
        attempts=pipeline.MAX_ERRORS + 1,
    )
    assert pipeline.process_item(item.pk) == ItemState.DONE
    assert ImportItem.objects.get(pk=item.pk).errors == 0


def test_a_file_that_kills_its_worker_every_time_still_ends_with_a_reason(world):
    item = _item(world, make_party_letter(number="14-NQ/TU"))
    _killed(item, pipeline.MAX_CLAIMS)
    assert pipeline.process_item(item.pk) == ItemState.FAILED
    item.refresh_from_db()
    assert item.document_id is None and item.errors == 0
    assert f"bị dừng đột ngột {pipeline.MAX_CLAIMS} lần" in item.reason


def test_an_attempt_that_ends_in_an_error_is_counted(world):
    item = _item(world, make_pdf(["Không có phần đầu"]))
    # Bytes gone from the store: reading them raises, an error of this attempt.
    from luutru.storage.services import store

    store().path(item.blob_id).unlink()
    assert pipeline.process_item(item.pk) == ItemState.FAILED
    item.refresh_from_db()
    assert item.errors == 1 and item.attempts == 1
    assert "FileNotFoundError" in item.reason
