"""Keeping the index in step with the records.

Every change to a record a stage indexes writes a ``PendingIndex`` row in the
same transaction (the stages connect their models in their ``indexing.py``);
``drain`` applies them while holding the one writer lease (``lease.py``, in the
database: one writer across processes and machines). Web processes only
enqueue: a background task (the worker) drains after each commit.
``refresh_index()`` drains now (capture's worker after an import, the demo,
the console, tests). ``reindex`` rebuilds everything, resumably.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.utils import timezone

from luutru.audit.services import record
from luutru.search import kinds, lease, sources
from luutru.search.backends import get_backend
from luutru.search.backends.base import IndexWriter
from luutru.search.backends.tantivy_backend import IndexOutdated, TantivyBackend
from luutru.search.models import PendingIndex, ReindexRun

log = logging.getLogger(__name__)

DRAIN_BATCH = 500


def enqueue(kind: str, ids: Iterable[int]) -> None:
    """Mark objects stale; call inside the transaction that changed them."""
    rows = [PendingIndex(kind=kind, obj_id=i) for i in set(ids) if i is not None]
    if not rows:
        return
    PendingIndex.objects.bulk_create(rows)
    _schedule_drain()


def _schedule_drain() -> None:
    # One task per transaction however many rows it changed.
    # Each entry is (savepoint ids, func, robust) in Django 5.2 (the stubs still
    # say a pair): read the func by position.
    if any(
        getattr(entry[1], "__name__", "") == "_enqueue_drain_task"
        for entry in connection.run_on_commit
    ):
        return
    transaction.on_commit(_enqueue_drain_task)


def _enqueue_drain_task() -> None:
    from luutru.search.tasks import drain_index

    try:
        from django_tasks_db.models import DBTaskResult

        path = drain_index.module_path
        if DBTaskResult.objects.filter(task_path=path, status="READY").exists():
            return
        drain_index.enqueue()
    except Exception:  # the queue rows stay: the next drain or search applies them
        log.exception("could not enqueue the search drain task")


def drain(*, wait: bool = False, batch: int = DRAIN_BATCH) -> int | None:
    """Apply pending changes to the index. Returns how many objects were
    applied, or None when another process holds the writer (it drains)."""
    if not PendingIndex.objects.exists():
        return 0
    try:
        return _drain(wait=wait, batch=batch)
    except IndexOutdated:
        # The queue waits for ``luutru reindex``; imports and saves go on.
        log.warning("search index built with an older schema: run luutru reindex")
        return None


def _drain(*, wait: bool, batch: int) -> int | None:
    with lease.held(wait=wait) as holder:
        if holder is None:
            return None
        with get_backend().writer(wait=True) as writer:
            assert writer is not None  # the lease is ours: no other writer
            return _apply_queue(writer, batch, holder=holder)


def _apply_queue(writer: IndexWriter, batch: int = DRAIN_BATCH, *, holder: str) -> int:
    """Apply every queued change with ``writer`` (held by the caller under the
    lease ``holder``), committing before the rows that asked for it are deleted."""
    done = 0
    while True:
        lease.renew(holder)
        rows = list(PendingIndex.objects.order_by("pk").values_list("pk", "kind", "obj_id")[:batch])
        if not rows:
            break
        for kind in kinds.names():
            ids = sorted({obj_id for _, k, obj_id in rows if k == kind})
            if not ids:
                continue
            docs, gone = sources.load(kind, ids)
            writer.index(docs)
            writer.delete((kind, i) for i in gone)
            done += len(ids)
        writer.commit()
        # Only the rows applied: a change queued meanwhile stays queued.
        PendingIndex.objects.filter(pk__lte=rows[-1][0], pk__in=[r[0] for r in rows]).delete()
    return done


def refresh_index() -> int:
    """Bring the index up to date now, waiting for the writer if needed."""
    return drain(wait=True) or 0


def reindex(
    *,
    restart: bool = False,
    chunk_size: int = 500,
    commit_every: int = 20_000,
    progress: Callable[[str, int, int], None] | None = None,
    audit: bool = True,
) -> ReindexRun:
    """Rebuild the index from the records, beside the live one: searches answer
    from the live index until the rebuilt one is switched in at once. Resumes an
    unfinished run (and its half-built index) unless ``restart``; memory stays
    bounded (keyset chunks, periodic commits)."""
    backend = get_backend()
    if isinstance(backend, TantivyBackend):
        # A rebuild writes much at once: a larger writer, both cores.
        backend.heap_size, backend.threads = 512_000_000, 2
    run = ReindexRun.objects.filter(finished_at__isnull=True).first()
    # Nothing to resume when the half-built index is gone (or of another schema).
    building = getattr(backend, "building", lambda: True)()
    fresh = restart or run is None or not building
    if fresh or run is None:  # (fresh already covers no run; said again for the checker)
        ReindexRun.objects.filter(finished_at__isnull=True).update(finished_at=timezone.now())
        run = ReindexRun.objects.create()
        if audit:  # False: a restore rebuilds derived data and keeps the chain as backed up
            record(
                "hệ thống",
                "search.reindex",
                object_type="search",
                object_id=run.pk,
                after={"restart": restart},
            )
    with (
        lease.held(wait=True) as holder,
        backend.writer(wait=True, recreate=fresh, resume=not fresh) as writer,
    ):
        assert holder is not None  # waited for: the lease is ours
        assert writer is not None  # the lease is ours: no other writer
        since_commit = 0
        names = kinds.names()
        for kind in names[names.index(run.kind) :]:
            if kind != run.kind:
                run.kind, run.last_id = kind, 0
            total = sources.count(kind)
            done = sources.count(kind, upto=run.last_id) if run.last_id else 0
            for batch in sources.chunks(kind, run.last_id, chunk_size):
                lease.renew(holder)
                # Rows past the checkpoint may already be in a half-done run's index.
                writer.index(batch)
                since_commit += len(batch)
                run.indexed += len(batch)
                run.last_id = batch[-1].obj_id
                if since_commit >= commit_every:
                    writer.commit()
                    run.save(update_fields=["kind", "last_id", "indexed"])
                    since_commit = 0
                done += len(batch)
                if progress:
                    progress(kind, done, total)
            writer.commit()
            run.save(update_fields=["kind", "last_id", "indexed"])
        # Changes queued meanwhile (or since a killed run) reach the rebuilt
        # index before it goes live; the switch happens as this block ends.
        _apply_queue(writer, holder=holder)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    drain(wait=True)
    return run
