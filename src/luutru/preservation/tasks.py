"""The preservation work of the worker (django-tasks, database backend), never a
web request's: each task does one small chunk and enqueues the next.

* ``preserve_task``: up to ``PRESERVE_CHUNK`` accepted documents get their format
  identified and their PDF/A copy or kept-original decision; enqueued when a
  dossier is accepted into the archive, again while documents remain.
* ``fixity_task``: one chunk of the current fixity pass; the next chunk at once
  while the pass goes on, the next pass ``fixity_every()`` after this one started.
  The schedule starts with the first dossier accepted (or ``luutru preserve
  --schedule``) and keeps itself going; a worker killed midway has its task
  queued again by the worker that settles it, and the pass resumes at its cursor.
* ``backup_task``: the administrator's scheduled backup (``scheduled``): it claims
  the due slot, queues the next one, backs up and verifies; a failure is a notice.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from luutru.preservation import services

log = logging.getLogger(__name__)


@task()
def preserve_task(after: int = 0) -> int:
    done, more, last = services.preserve_pending(after=after)
    if more:
        transaction.on_commit(lambda: preserve_task.enqueue(last))
    return done


@task()
def backup_task() -> bool | None:
    from luutru.preservation.scheduled import run_scheduled_backup

    outcome = run_scheduled_backup()
    return None if outcome is None else outcome.ok


@task()
def fixity_task() -> int:
    chunk = services.fixity_chunk()
    if chunk.finished:
        _enqueue_fixity(at=chunk.run.started_at + services.fixity_every())
    else:
        _enqueue_fixity()
    return chunk.checked


def _waiting(path: str) -> bool:
    return DBTaskResult.objects.filter(task_path=path, status="READY").exists()


def _enqueue_fixity(at=None) -> None:
    if _waiting(fixity_task.module_path):
        return
    (fixity_task.using(run_after=at) if at else fixity_task).enqueue()


def schedule_fixity() -> bool:
    """Make sure a fixity pass is queued (at once when none ran, else when the
    last one is due again); False when one is already queued or running."""
    path = fixity_task.module_path
    if DBTaskResult.objects.filter(task_path=path, status__in=["READY", "RUNNING"]).exists():
        return False
    last = services.FixityRun.objects.order_by("-started_at", "-pk").first()
    at = None
    if last is not None and last.finished_at is not None:
        due = last.started_at + services.fixity_every()
        at = due if due > timezone.now() else None
    _enqueue_fixity(at)
    return True


def schedule_preservation() -> None:
    """Enqueue the preservation sweep unless one is waiting (it will see every document)."""
    try:
        if not _waiting(preserve_task.module_path):
            preserve_task.enqueue()
        schedule_fixity()
    except Exception:  # the documents stay pending: the next acceptance or command finds them
        log.exception("could not enqueue the preservation tasks")
