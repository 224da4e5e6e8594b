"""Background task (django-tasks, database backend): one task per uploaded scan,
on the "ocr" queue (one worker process per core). The scan's state lives in its
row, so a task run twice does no harm."""

from __future__ import annotations

from django_tasks import task

from luutru.digitization import processing


@task(queue_name="ocr")
def read_scan(scan_id: int) -> str:
    """Pages measured, previews kept, text read (``processing.process_scan``)."""
    return processing.process_scan(scan_id)
