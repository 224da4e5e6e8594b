"""Background tasks (django-tasks, database backend): one task per item.

Tasks only say "work on this item"; the item's state lives in its row, so a
task run twice, or re-enqueued after a restart, does no harm.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from luutru.capture import pipeline
from luutru.capture.documents import extract_document_text
from luutru.capture.models import FINISHED_STATES, DocumentText, ImportItem, TextMethod
from luutru.capture.workers import worker_alive, worker_id  # noqa: F401 (worker_id: the worker's name)
from luutru.search.models import PendingIndex

log = logging.getLogger(__name__)


@task()
def process_item(item_id: int) -> str | None:
    """Steps after intake; an item that needs OCR moves on to the "ocr" queue."""
    return pipeline.process_item(item_id, inline_ocr=False)


@task(queue_name="ocr")
def ocr_item(item_id: int) -> str | None:
    """OCR and the steps after it (queue "ocr": one worker process per core)."""
    return pipeline.process_item(item_id, inline_ocr=True)


@task(queue_name="ocr")
def document_text(document_id: int) -> str:
    """Text (and OCR) for a document entered through the registry form."""
    return extract_document_text(document_id)


# ---------------------------------------------------------------- task rows of dead workers

# A task whose worker died this many times is not run again (it kills its worker).
MAX_TASK_RUNS = 10


def settle_orphaned_tasks() -> int:
    """Settle RUNNING task rows whose worker is gone; return how many.

    By what our own records say: a capture item that finished → succeeded; one
    still unfinished → queued again (its task is idempotent); a search drain →
    again if changes wait, else succeeded; other tasks → queued again, or failed
    after ``MAX_TASK_RUNS`` deaths."""
    settled = 0
    for row in DBTaskResult.objects.filter(status="RUNNING").only(
        "pk", "worker_ids", "started_at", "task_path", "args_kwargs"
    ):
        last = row.worker_ids[-1] if row.worker_ids else ""
        if worker_alive(last, row.started_at):
            continue
        verdict, value = _verdict(row)
        if verdict == "READY" and len(row.worker_ids) >= MAX_TASK_RUNS:
            verdict = "FAILED"
        now = timezone.now()
        fields: dict = {"status": verdict}
        if verdict == "READY":
            fields.update(started_at=None)
        elif verdict == "SUCCESSFUL":
            fields.update(
                finished_at=now, return_value=value, exception_class_path="", traceback=""
            )
        else:
            fields.update(
                finished_at=now,
                return_value=None,
                exception_class_path="luutru.capture.tasks.WorkerGone",
                traceback=(
                    f"Tiến trình nền chạy việc này đã bị dừng đột ngột {len(row.worker_ids)} lần "
                    f"({', '.join(row.worker_ids)}); việc không được chạy lại."
                ),
            )
        # Compare-and-set: another worker starting at the same moment settles it once.
        if DBTaskResult.objects.filter(pk=row.pk, status="RUNNING").update(**fields):
            settled += 1
            log.warning("task %s of dead worker %s settled as %s", row.pk, last, verdict)
    return settled


def _verdict(row) -> tuple[str, object]:
    args = (row.args_kwargs or {}).get("args") or []
    if row.task_path in (process_item.module_path, ocr_item.module_path) and args:
        state = ImportItem.objects.filter(pk=args[0]).values_list("state", flat=True).first()
        if state is None:
            return "SUCCESSFUL", None  # the batch was deleted: nothing left to do
        return ("SUCCESSFUL", state) if state in FINISHED_STATES else ("READY", None)
    if row.task_path == document_text.module_path and args:
        method = (
            DocumentText.objects.filter(document_id=args[0])
            .values_list("method", flat=True)
            .first()
        )
        if method and method != TextMethod.NEEDS_OCR:
            return "SUCCESSFUL", method
        return "READY", None
    if row.task_path == "luutru.search.tasks.drain_index":
        return ("READY", None) if PendingIndex.objects.exists() else ("SUCCESSFUL", 0)
    return "READY", None
