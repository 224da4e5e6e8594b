"""Run a batch's items here, in N processes (one per core), for ``luutru import`` and ``watch``.

The same ``pipeline.process_item`` the background workers run; children are
forked after the database connections are closed, and each claims items
through the database, so two processes never work on the same item.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable
from multiprocessing.connection import wait

from django.db import connections

from luutru.capture import pipeline
from luutru.capture.models import ImportBatch


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def _work(batch_id: int, index: int, jobs: int) -> None:
    # The parent closed its connections before forking: this child opens its own.
    batch = ImportBatch.objects.get(pk=batch_id)
    for _ in range(3):  # a second pass picks up items a dead process left
        ids = pipeline.reclaimable(batch)
        if not ids:
            break
        # This process's share first, then the others' (claiming skips what is taken).
        share = ids[index::jobs]
        taken = set(share)
        pipeline.process_items(share + [i for i in ids if i not in taken])
    connections.close_all()


def run_batch(
    batch: ImportBatch,
    *,
    jobs: int = 1,
    progress: Callable[[dict], None] | None = None,
    interval: float = 1.0,
) -> dict:
    """Process every unfinished item of ``batch`` and return the final counts."""
    if jobs <= 1:
        last = 0.0

        def report() -> None:
            nonlocal last
            if progress and time.monotonic() - last >= interval:
                progress(pipeline.counts(batch))
                last = time.monotonic()

        pipeline.process_items(pipeline.reclaimable(batch), progress=report)
    else:
        connections.close_all()
        ctx = multiprocessing.get_context("fork")
        procs = [ctx.Process(target=_work, args=(batch.pk, i, jobs)) for i in range(jobs)]
        for p in procs:
            p.start()
        alive = procs
        while alive:
            # Woken when a worker ends, not at the next tick: the batch ends when its
            # last worker does, up to ``interval`` sooner.
            wait([p.sentinel for p in alive], timeout=interval)
            alive = [p for p in alive if p.is_alive()]
            if progress:
                progress(pipeline.counts(batch))
        for p in procs:
            p.join()
    pipeline.finish_batch_if_done(batch.pk)
    final = pipeline.counts(batch)
    if progress:
        progress(final)
    return final
